#include "parser/pgddl/replay.h"

#include <gtest/gtest.h>

#include "model/render.h"

namespace drift::parser::pgddl {
namespace {

struct Replayed {
  model::Schema schema;
  std::vector<model::Diagnostic> diagnostics;
};

Replayed Replay(const std::string& sql, int pg_major = model::kNewestPgMajor) {
  Replayer r(pg_major);
  r.ApplyFile({"m.sql", sql});
  return {r.Result(), r.diagnostics()};
}

const model::Table& Table(const model::Schema& s, const std::string& name) {
  for (const model::Table& t : s.tables) {
    if (t.name.name == name) return t;
  }
  static model::Table none;
  ADD_FAILURE() << "no table " << name;
  return none;
}

std::vector<std::string> ConstraintNames(const model::Table& t) {
  std::vector<std::string> out;
  for (const model::Constraint& c : t.constraints) out.push_back(c.name);
  return out;
}

TEST(Replay, ImplicitNamesAsPostgresMakesThem) {
  Replayed r = Replay(
      "CREATE TABLE p (id serial PRIMARY KEY);\n"
      "CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int REFERENCES p, c int CHECK (c > 0),"
      " UNIQUE (a, b), CHECK (a > 0 AND b > 0));\n"
      "ALTER TABLE t ADD CHECK (c < 10);\n"
      "CREATE INDEX ON t (a);\n"
      "CREATE INDEX ON t (a);\n"
      "CREATE INDEX ON t (lower(a::text));\n");
  ASSERT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].message;
  EXPECT_EQ(ConstraintNames(Table(r.schema, "t")),
            (std::vector<std::string>{"t_a_b_key", "t_a_key", "t_b_fkey", "t_c_check", "t_c_check1",
                                      "t_check", "t_pkey"}));
  ASSERT_EQ(r.schema.indexes.size(), 3u);
  EXPECT_EQ(r.schema.indexes[0].name.name, "t_a_idx");
  EXPECT_EQ(r.schema.indexes[1].name.name, "t_a_idx1");
  EXPECT_EQ(r.schema.indexes[2].name.name, "t_lower_idx");
  ASSERT_EQ(r.schema.sequences.size(), 1u);
  EXPECT_EQ(r.schema.sequences[0].name.name, "p_id_seq");
  // The foreign key without columns references the primary key.
  EXPECT_EQ(Table(r.schema, "t").constraints[2].ref_columns, std::vector<std::string>{"id"});
}

TEST(Replay, LongNamesAreTruncatedLikePostgres) {
  std::string table(60, 't');
  Replayed r = Replay("CREATE TABLE \"" + table + "\" (\"" + std::string(40, 'c') +
                      "\" serial PRIMARY KEY);");
  ASSERT_TRUE(r.diagnostics.empty());
  const model::Table& t = r.schema.tables.at(0);
  EXPECT_EQ(t.constraints[0].name, std::string(58, 't') + "_pkey");
  EXPECT_EQ(r.schema.sequences[0].name.name,
            std::string(29, 't') + "_" + std::string(29, 'c') + "_seq");
}

TEST(Replay, DropColumnTakesItsIndexesAndConstraints) {
  Replayed r = Replay(
      "CREATE TABLE t (id int PRIMARY KEY, a text, b int);\n"
      "CREATE INDEX t_a_idx ON t (a);\n"
      "CREATE INDEX t_ab_idx ON t (b) WHERE a IS NOT NULL;\n"
      "ALTER TABLE t ADD CONSTRAINT a_check CHECK (a <> 'x');\n"
      "ALTER TABLE t DROP COLUMN a;");
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.schema.indexes.empty());
  EXPECT_EQ(ConstraintNames(Table(r.schema, "t")), std::vector<std::string>{"t_pkey"});
}

TEST(Replay, RenamesCarryThroughKeysIndexesAndReferences) {
  Replayed r = Replay(
      "CREATE TABLE a (id int PRIMARY KEY, email text);\n"
      "CREATE TABLE b (a_id int REFERENCES a (id));\n"
      "CREATE INDEX a_email_idx ON a (lower(email));\n"
      "ALTER TABLE a RENAME COLUMN id TO \"aId\";\n"
      "ALTER TABLE a RENAME COLUMN email TO mail;\n"
      "ALTER TABLE a RENAME TO \"Account\";");
  ASSERT_TRUE(r.diagnostics.empty());
  const model::Table& b = Table(r.schema, "b");
  EXPECT_EQ(b.constraints[0].ref_table.name, "Account");
  EXPECT_EQ(b.constraints[0].ref_columns, std::vector<std::string>{"aId"});
  EXPECT_EQ(Table(r.schema, "Account").constraints[0].columns, std::vector<std::string>{"aId"});
  EXPECT_EQ(r.schema.indexes[0].table, "Account");
  EXPECT_EQ(r.schema.indexes[0].keys[0].expression, "lower(mail)");
}

TEST(Replay, InvalidStatementsAreDiagnosticsAndReplayGoesOn) {
  Replayed r = Replay(
      "CREATE TABLE t (id int);\n"
      "ALTER TABLE missing ADD COLUMN x int;\n"
      "CREATE TABLE t (id int);\n"
      "CREATE TABLE IF NOT EXISTS t (id int);\n"
      "ALTER TABLE t ADD COLUMN later int;");
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].message, "relation \"missing\" does not exist");
  EXPECT_EQ(r.diagnostics[0].span.line, 2u);
  EXPECT_EQ(r.diagnostics[1].message, "relation \"t\" already exists");
  EXPECT_EQ(r.diagnostics[2].severity, model::Severity::kNote);
  EXPECT_EQ(Table(r.schema, "t").columns.size(), 2u);
}

TEST(Replay, UnknownEffectsAreReportedNotIgnored) {
  Replayed r = Replay(
      "CREATE VIEW v AS SELECT 1 UNION SELECT 2;\n"
      "DO $$ BEGIN EXECUTE 'CREATE TABLE ' || 'x'; END $$;");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  for (const model::Diagnostic& d : r.diagnostics) EXPECT_EQ(d.code, "replay.unknown-effect");
  EXPECT_EQ(r.diagnostics[0].message,
            "CREATE VIEW \"v\": UNION in a view query is not understood; the view is kept "
            "unverified");
  EXPECT_EQ(r.diagnostics[1].span.line, 2u);
  EXPECT_EQ(r.diagnostics[1].message,
            "DO block: EXECUTE of a string built at run time is not understood; what it names is "
            "kept unverified");
  // The view exists, with content nobody compares.
  ASSERT_EQ(r.schema.views.size(), 1u);
  ASSERT_EQ(r.schema.unverified.size(), 1u);
  EXPECT_EQ(r.schema.unverified[0].kind, "view");
  EXPECT_EQ(r.schema.unverified[0].name.name, "v");
  EXPECT_EQ(r.schema.unverified[0].line, 1u);
  EXPECT_EQ(r.schema.unverified[0].reason, "UNION in a view query is not understood");
}

TEST(Replay, ViewsFollowRenamesAndBlockDrops) {
  Replayed r = Replay(
      "CREATE TABLE t (id int, email varchar(20));\n"
      "CREATE VIEW v AS SELECT id, email FROM t;\n"
      "CREATE VIEW w AS SELECT count(*) AS n FROM v;\n"
      "ALTER TABLE t RENAME COLUMN email TO mail;\n"
      "ALTER TABLE t RENAME TO u;\n"
      "ALTER TABLE u DROP COLUMN mail;\n"
      "DROP TABLE u;\n"
      "DROP VIEW v CASCADE;\n");
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].message,
            "cannot drop column mail of \"u\" because view v depends on it");
  EXPECT_EQ(r.diagnostics[1].message, "cannot drop \"u\" because view v depends on it");
  EXPECT_EQ(r.diagnostics[2].message, "drop cascades to view w");
  EXPECT_TRUE(r.schema.views.empty());
  ASSERT_EQ(r.schema.tables.size(), 1u);
  EXPECT_EQ(r.schema.tables[0].columns.size(), 2u);
}

// Replay as an older major stops where that server's parser stops, with its message.
TEST(Replay, SyntaxANewerMajorBroughtIsAnErrorWhereTheOlderServerStops) {
  const std::string sql =
      "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL);\n"
      "CREATE UNIQUE INDEX i ON t (a)\n  Nulls Not Distinct;\n"
      "CREATE TABLE u (a int, b int GENERATED ALWAYS AS (a + 1));\n";
  Replayed on14 = Replay(sql, 14);
  ASSERT_EQ(on14.diagnostics.size(), 3u);
  EXPECT_EQ(model::RenderDiagnostic(on14.diagnostics[0]),
            "m.sql:1:58: error: syntax error at or near \"VIRTUAL\" (VIRTUAL generated columns is "
            "PostgreSQL 18 or newer; replaying as 14) [pgddl.newer-syntax]\n");
  EXPECT_EQ(on14.diagnostics[1].span.line, 3);
  EXPECT_EQ(on14.diagnostics[1].span.column, 3);
  EXPECT_EQ(on14.diagnostics[1].message.substr(0, 33), "syntax error at or near \"Nulls\" (");
  EXPECT_EQ(on14.diagnostics[2].span.column, 57);
  EXPECT_EQ(on14.diagnostics[2].message.substr(0, 29), "syntax error at or near \")\" (");
  EXPECT_TRUE(on14.schema.tables.empty());

  Replayed on17 = Replay(sql, 17);  // NULLS NOT DISTINCT came with 15
  ASSERT_EQ(on17.diagnostics.size(), 3u);
  EXPECT_EQ(on17.diagnostics[1].message.substr(0, 12), "relation \"t\"");

  Replayed on18 = Replay(sql, 18);
  EXPECT_TRUE(on18.diagnostics.empty());
  ASSERT_EQ(on18.schema.tables.size(), 2u);
  const model::Column& b = Table(on18.schema, "t").columns[1];
  EXPECT_EQ(b.generated, "(a * 2)");
  EXPECT_TRUE(b.generated_virtual);
  EXPECT_TRUE(Table(on18.schema, "u").columns[1].generated_virtual);
}

TEST(Replay, ViewDefinitionAfterRenamesIsPostgresOwn) {  // as PostgreSQL 15 prints it
  Replayed r = Replay(
      "CREATE TABLE t (id int, email varchar(20));\n"
      "CREATE VIEW v AS SELECT id, lower(email) AS e, email FROM t WHERE id IN (1, 2);\n"
      "ALTER TABLE t RENAME COLUMN email TO mail;\n"
      "ALTER TABLE t RENAME TO u;\n"
      "CREATE OR REPLACE VIEW v AS SELECT id FROM u;\n",
      15);
  ASSERT_EQ(r.schema.views.size(), 1u);
  EXPECT_EQ(r.schema.views[0].definition,
            "SELECT u.id,\n"
            "    lower((u.mail)::text) AS e,\n"
            "    u.mail AS email\n"
            "   FROM u\n"
            "  WHERE (u.id = ANY (ARRAY[1, 2]))");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message, "cannot drop columns from view");
}

TEST(Replay, CreateTableAsTakesTheColumnsOfItsQuery) {
  Replayed r = Replay(
      "CREATE TABLE t (id int, email varchar(20));\n"
      "CREATE TABLE c (a, b) AS SELECT id, lower(email), count(*) OVER () FROM t WITH NO DATA;\n"
      "CREATE TABLE d AS TABLE t;\n");
  const model::Table& c = Table(r.schema, "c");
  ASSERT_EQ(c.columns.size(), 3u);
  EXPECT_EQ(c.columns[0].name, "a");
  EXPECT_EQ(c.columns[0].type, "integer");
  EXPECT_EQ(c.columns[1].name, "b");
  EXPECT_EQ(c.columns[1].type, "text");
  EXPECT_EQ(c.columns[2].name, "count");
  EXPECT_EQ(c.columns[2].type, "bigint");
  EXPECT_FALSE(c.columns[0].not_null);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message,
            "CREATE TABLE d AS: AS TABLE, AS VALUES and AS EXECUTE are not evaluated; the table "
            "is kept unverified");
}

TEST(Replay, DroppingAColumnAViewReadsIsRefusedButNotAnAliasOfIt) {
  Replayed r = Replay(
      "CREATE TABLE t (id int, name text, email text);\n"
      "CREATE VIEW a AS SELECT lower(email) AS name FROM t;\n"
      "CREATE VIEW b AS SELECT * FROM t;\n"
      "ALTER TABLE t DROP COLUMN name;\n"
      "DROP VIEW b;\n"
      "ALTER TABLE t DROP COLUMN name;\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message,
            "cannot drop column name of \"t\" because view b depends on it");
  EXPECT_EQ(r.diagnostics[0].span.line, 4u);
  EXPECT_EQ(Table(r.schema, "t").columns.size(), 2u);
}

}  // namespace
}  // namespace drift::parser::pgddl
