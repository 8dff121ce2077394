#include "introspect/build_schema.h"

#include <gtest/gtest.h>

#include "model/render.h"

namespace drift::introspect {
namespace {

// Rows shaped like the queries' output, recorded by hand; the pg test checks the
// queries themselves.
CatalogRows SmallRows() {
  CatalogRows rows;
  rows.namespaces = RowSet({"name", "comment", "usable"});
  rows.namespaces.AddRow({"public", std::nullopt, "t"});
  rows.namespaces.AddRow({"secret", std::nullopt, "f"});
  rows.extensions = RowSet({"name", "schema", "version", "comment"});
  rows.enums = RowSet({"schema", "name", "labels", "comment"});
  rows.enums.AddRow({"public", "Role", R"(["USER", "ADMIN"])", std::nullopt});
  rows.relations = RowSet({"oid",
                           "schema",
                           "name",
                           "kind",
                           "unlogged",
                           "partition_key",
                           "parent_schema",
                           "parent_name",
                           "partition_bound",
                           "view_definition",
                           "comment",
                           "row_estimate",
                           "total_bytes",
                           "heap_bytes",
                           "readable",
                           "seq_type",
                           "seq_start",
                           "seq_increment",
                           "seq_min",
                           "seq_max",
                           "seq_cache",
                           "seq_cycle",
                           "owner_schema",
                           "owner_table",
                           "owner_column"});
  auto relation = [&](std::string oid, std::string name, std::string kind) {
    std::vector<std::optional<std::string>> r(rows.relations.columns().size());
    r[0] = oid;
    r[1] = "public";
    r[2] = name;
    r[3] = kind;
    r[4] = "f";
    r[11] = "10";
    r[12] = "8192";
    r[13] = "4096";
    r[14] = "t";
    rows.relations.AddRow(r);
  };
  relation("100", "User", "r");
  relation("101", "_prisma_migrations", "r");
  rows.columns =
      RowSet({"table_oid", "name", "position", "collation_oid", "type", "not_null", "default_expr",
              "identity", "generated", "generated_virtual", "collation", "comment"});
  rows.columns.AddRow({"100", "role", "3", "0", "\"Role\"", "t", "'USER'::\"Role\"", "",
                       std::nullopt, "f", std::nullopt, std::nullopt});
  rows.columns.AddRow({"100", "id", "1", "0", "integer", "t", std::nullopt, "a", std::nullopt, "f",
                       std::nullopt, std::nullopt});
  rows.columns.AddRow({"101", "id", "1", "100", "character varying(36)", "t", std::nullopt, "",
                       std::nullopt, "f", std::nullopt, std::nullopt});
  rows.constraints = RowSet({"table_oid", "name", "kind", "attnums", "ref_schema", "ref_table",
                             "ref_oid", "ref_attnums", "ref_columns", "on_update", "on_delete",
                             "match", "deferrable", "initially_deferred", "not_valid", "no_inherit",
                             "nulls_not_distinct", "expression", "comment"});
  rows.constraints.AddRow({"100", "User_pkey", "p", "{1}", std::nullopt, std::nullopt, std::nullopt,
                           std::nullopt, std::nullopt, " ", " ", " ", "f", "f", "f", "f", "f",
                           std::nullopt, std::nullopt});
  rows.indexes =
      RowSet({"schema", "name", "table_oid", "table_name", "on_partitioned_table", "is_unique",
              "method", "key_count", "keys", "predicate", "nulls_not_distinct", "comment"});
  // Key parts as json_build_object prints them: oids as strings, int2 as numbers.
  rows.indexes.AddRow({"public", "User_role_idx", "100", "User", "f", "f", "btree", "1",
                       R"([{"attnum": 3, "text": null, "opclass": null, "collation_oid": "0",
                            "collation": null, "expression_collation_oid": null, "option": 3},
                           {"attnum": 1, "text": null, "opclass": null, "collation_oid": "0",
                            "collation": null, "expression_collation_oid": null, "option": 0}])",
                       std::nullopt, "f", std::nullopt});
  rows.functions =
      RowSet({"schema", "name", "arguments", "kind", "returns", "language", "body", "comment"});
  rows.triggers = RowSet({"schema", "table_name", "name", "type_bits", "update_columns",
                          "function_schema", "function_name", "definition", "comment"});
  rows.ledger_schema = "public";
  return rows;
}

TEST(BuildCatalog, TurnsRowsIntoACanonicalModel) {
  Catalog catalog = BuildCatalog(SmallRows());
  EXPECT_EQ(model::DumpText(catalog.schema),
            "namespace public\n"
            "namespace secret\n"
            "enum \"Role\" ('USER', 'ADMIN')\n"
            "table \"User\"\n"
            "  column id integer NOT NULL GENERATED ALWAYS AS IDENTITY\n"
            "  column role \"Role\" NOT NULL DEFAULT 'USER'::\"Role\"\n"
            "  constraint \"User_pkey\" PRIMARY KEY (id)\n"
            "index CREATE INDEX \"User_role_idx\" ON public.\"User\" USING btree (role DESC) "
            "INCLUDE (id)\n");
  // The ledger table is never part of the model, but its size is still reported.
  EXPECT_FALSE(catalog.ledger.present);
  ASSERT_EQ(catalog.sizes.size(), 1u);
  EXPECT_EQ(catalog.sizes[0].total_bytes, 8192);
  EXPECT_EQ(catalog.sizes[0].heap_bytes, 4096);
  ASSERT_EQ(catalog.warnings.size(), 1u);
  EXPECT_EQ(catalog.warnings[0].code, "introspect.no-usage");
}

TEST(BuildCatalog, MalformedJsonInARowIsIgnoredNotFatal) {
  CatalogRows rows = SmallRows();
  rows.enums.AddRow({"public", "Broken", "[not json", std::nullopt});
  Catalog catalog = BuildCatalog(rows);
  ASSERT_EQ(catalog.schema.enums.size(), 2u);
  EXPECT_TRUE(catalog.schema.enums[0].labels.empty());
}

}  // namespace
}  // namespace drift::introspect
