#include "model/render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/definitions.h"
#include "model/normalize.h"

namespace drift::model {
namespace {

Schema Small() {
  Schema s;
  s.namespaces = {{"public", "standard public schema"}};
  s.enums = {{{"public", "Role"}, {"USER", "ADMIN"}, {}}};
  Table t;
  t.name = {"public", "User"};
  t.columns = {{.name = "id", .position = 1, .type = "integer", .not_null = true},
               {.name = "role",
                .position = 2,
                .type = "\"Role\"",
                .not_null = true,
                .default_expr = "'USER'::\"Role\"",
                .comment = "what\nthey do"}};
  t.constraints = {{.name = "User_pkey", .kind = ConstraintKind::kPrimaryKey, .columns = {"id"}}};
  s.tables = {t};
  s.indexes = {{.name = {"public", "User_role_idx"},
                .table = "User",
                .keys = {{.expression = "role"},
                         {.expression = "lower((role)::text)",
                          .is_expression = true,
                          .descending = true,
                          .nulls_first = true}}}};
  Normalize(s);
  return s;
}

TEST(DumpText, OneObjectPerLineWithPartsIndented) {
  EXPECT_EQ(DumpText(Small()),
            "namespace public\n"
            "  comment 'standard public schema'\n"
            "enum \"Role\" ('USER', 'ADMIN')\n"
            "table \"User\"\n"
            "  column id integer NOT NULL\n"
            "  column role \"Role\" NOT NULL DEFAULT 'USER'::\"Role\"\n"
            "    comment 'what\\nthey do'\n"
            "  constraint \"User_pkey\" PRIMARY KEY (id)\n"
            "index CREATE INDEX \"User_role_idx\" ON public.\"User\" USING btree (role, "
            "lower((role)::text) DESC)\n");
}

TEST(DumpJson, HasTheDocumentedShape) {
  auto j = nlohmann::json::parse(DumpJson(Small()));
  for (const char* key : {"namespaces", "extensions", "enums", "sequences", "tables", "indexes",
                          "views", "functions", "triggers"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  const auto& column = j["tables"][0]["columns"][1];
  EXPECT_EQ(column["name"], "role");
  EXPECT_EQ(column["type"], "\"Role\"");
  EXPECT_EQ(column["default"], "'USER'::\"Role\"");
  EXPECT_EQ(column["identity"], "none");
  EXPECT_TRUE(column["generated"].is_null());
  EXPECT_EQ(j["tables"][0]["constraints"][0]["definition"], "PRIMARY KEY (id)");
  EXPECT_EQ(j["indexes"][0]["keys"][1]["descending"], true);
}

TEST(ConstraintDefinition, ForeignKeyQualifiesOtherSchemasOnly) {
  Constraint fk{.name = "f",
                .kind = ConstraintKind::kForeignKey,
                .columns = {"a", "B"},
                .ref_table = {"billing", "T"},
                .ref_columns = {"x", "y"},
                .on_delete = FkAction::kSetNull,
                .on_update = FkAction::kCascade,
                .match = FkMatch::kFull};
  EXPECT_EQ(ConstraintDefinition(fk, "public"),
            "FOREIGN KEY (a, \"B\") REFERENCES billing.\"T\"(x, y) MATCH FULL ON UPDATE CASCADE "
            "ON DELETE SET NULL");
  EXPECT_EQ(ConstraintDefinition(fk, "billing"),
            "FOREIGN KEY (a, \"B\") REFERENCES \"T\"(x, y) MATCH FULL ON UPDATE CASCADE "
            "ON DELETE SET NULL");
}

}  // namespace
}  // namespace drift::model
