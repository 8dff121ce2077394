#include "model/normalize.h"

#include <gtest/gtest.h>

#include "model/render.h"

namespace drift::model {
namespace {

TEST(ExpandSerial, GivesIntegerTypeNotNullDefaultAndOwnedSequence) {
  struct Case {
    std::string_view written, type;
    int64_t max;
  } cases[] = {
      {"SERIAL", "integer", 2147483647},
      {"bigserial", "bigint", 9223372036854775807},
      {"smallserial", "smallint", 32767},
  };
  for (const Case& c : cases) {
    Schema schema;
    Column column{.name = "id"};
    ASSERT_TRUE(ExpandSerial({"public", "User"}, c.written, column, schema));
    EXPECT_EQ(column.type, c.type);
    EXPECT_TRUE(column.not_null);
    EXPECT_EQ(column.default_expr, "nextval('\"User_id_seq\"'::regclass)");
    ASSERT_EQ(schema.sequences.size(), 1u);
    EXPECT_EQ(schema.sequences[0].name, (QualifiedName{"public", "User_id_seq"}));
    EXPECT_EQ(schema.sequences[0].type, c.type);
    EXPECT_EQ(schema.sequences[0].max_value, c.max);
    EXPECT_EQ(schema.sequences[0].owned_by, "\"User\".id");
  }
  Schema schema;
  Column column{.name = "id", .type = "integer"};
  EXPECT_FALSE(ExpandSerial({"public", "t"}, "integer", column, schema));
  EXPECT_TRUE(schema.sequences.empty());
}

Schema Unordered() {
  Schema s;
  s.namespaces = {{"public", {}}, {"billing", {}}};
  Table t;
  t.name = {"public", "b"};
  t.columns = {{.name = "y", .position = 7, .type = "INT4", .default_expr = "-1"},
               {.name = "x", .position = 2, .type = "varchar(20)", .default_expr = "'a'"}};
  t.constraints = {{.name = "z_check"}, {.name = "a_pkey"}};
  Table a;
  a.name = {"public", "a"};
  s.tables = {t, a};
  s.triggers = {{.table = {"public", "b"}, .name = "t", .events = {"UPDATE", "INSERT"}}};
  return s;
}

TEST(Normalize, CanonicalisesAndSorts) {
  Schema s = Unordered();
  Normalize(s);
  EXPECT_EQ(s.namespaces[0].name, "billing");
  EXPECT_EQ(s.tables[0].name.name, "a");
  const Table& b = s.tables[1];
  EXPECT_EQ(b.columns[0].name, "x");
  EXPECT_EQ(b.columns[0].position, 1);
  EXPECT_EQ(b.columns[0].type, "character varying(20)");
  EXPECT_EQ(b.columns[0].default_expr, "'a'::character varying");
  EXPECT_EQ(b.columns[1].position, 2);
  EXPECT_EQ(b.columns[1].type, "integer");
  EXPECT_EQ(b.columns[1].default_expr, "'-1'::integer");
  EXPECT_EQ(b.constraints[0].name, "a_pkey");
  EXPECT_EQ(s.triggers[0].events, (std::vector<std::string>{"INSERT", "UPDATE"}));
}

TEST(Normalize, IsIdempotent) {
  Schema s = Unordered();
  Normalize(s);
  std::string once = DumpText(s) + DumpJson(s);
  Normalize(s);
  EXPECT_EQ(DumpText(s) + DumpJson(s), once);
}

}  // namespace
}  // namespace drift::model
