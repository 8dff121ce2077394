// DO blocks run as PL/pgSQL on the replayed catalog, objects replay keeps unverified,
// and temporary tables that live until the end of their file. The server's side of each
// shape is in fixtures/histories/plpgsql (the replay oracle test).
#include <gtest/gtest.h>

#include "diff/diff.h"
#include "diff/match.h"
#include "model/normalize.h"
#include "parser/pgddl/replay.h"

namespace drift::parser::pgddl {
namespace {

struct Replayed {
  model::Schema schema;
  std::vector<model::Diagnostic> diagnostics;
};

Replayed Replay(const std::string& sql) {
  Replayer r;
  r.ApplyFile({"m.sql", sql});
  return {r.Result(), r.diagnostics()};
}

bool HasTable(const model::Schema& s, const std::string& name) {
  return std::any_of(s.tables.begin(), s.tables.end(),
                     [&](const model::Table& t) { return t.name.name == name; });
}

bool HasConstraint(const model::Schema& s, const std::string& table, const std::string& name) {
  for (const model::Table& t : s.tables) {
    if (t.name.name != table) continue;
    for (const model::Constraint& c : t.constraints) {
      if (c.name == name) return true;
    }
  }
  return false;
}

std::string Messages(const std::vector<model::Diagnostic>& diagnostics) {
  std::string out;
  for (const model::Diagnostic& d : diagnostics)
    out +=
        std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " " + d.message + "\n";
  return out;
}

TEST(ReplayDo, ConditionsAreAnsweredFromTheReplayedCatalog) {
  Replayed r = Replay(
      "CREATE TABLE u (id int PRIMARY KEY);\n"
      "CREATE TABLE t (id int PRIMARY KEY, u int);\n"
      "DO $$\n"
      "BEGIN\n"
      "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 't_u_fkey') THEN\n"
      "    ALTER TABLE t ADD CONSTRAINT t_u_fkey FOREIGN KEY (u) REFERENCES u (id);\n"
      "  END IF;\n"
      "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 't_u_fkey') THEN\n"
      "    ALTER TABLE t ADD COLUMN never int;\n"
      "  END IF;\n"
      "  IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'v' AND relkind = 'm') THEN\n"
      "    ALTER TABLE t ADD COLUMN matview int;\n"
      "  ELSIF EXISTS (SELECT 1 FROM information_schema.columns\n"
      "                WHERE table_name = 't' AND column_name IN ('u', 'w')) THEN\n"
      "    ALTER TABLE t ADD COLUMN elsif int;\n"
      "  ELSE\n"
      "    ALTER TABLE t ADD COLUMN otherwise int;\n"
      "  END IF;\n"
      "  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN\n"
      "    CREATE TYPE mood AS ENUM ('ok');\n"
      "  END IF;\n"
      "END $$;");
  EXPECT_EQ(Messages(r.diagnostics), "");
  EXPECT_TRUE(HasConstraint(r.schema, "t", "t_u_fkey"));
  const model::Table& t =
      r.schema.tables[0].name.name == "t" ? r.schema.tables[0] : r.schema.tables[1];
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[2].name, "elsif");
  ASSERT_EQ(r.schema.enums.size(), 1u);
  EXPECT_TRUE(r.schema.unverified.empty());
}

TEST(ReplayDo, AHandlerUndoesItsBlockAndAnUncaughtErrorEndsTheStatement) {
  Replayed r = Replay(
      "CREATE TYPE mood AS ENUM ('ok');\n"
      "DO $$ BEGIN\n"
      "  CREATE TABLE first (id int);\n"
      "  CREATE TYPE mood AS ENUM ('ok');\n"
      "EXCEPTION WHEN duplicate_object THEN NULL;\n"
      "END $$;\n"
      "DO $$ DECLARE n int := 0; BEGIN\n"
      "  BEGIN\n"
      "    CREATE TABLE inner_t (id int);\n"
      "  EXCEPTION WHEN SQLSTATE '42P07' OR undefined_table THEN RAISE NOTICE 'x';\n"
      "  END;\n"
      "  WHILE n < 3 LOOP UPDATE inner_t SET id = n; n := n + 1; COMMIT; END LOOP;\n"
      "  ALTER TABLE missing ADD COLUMN c int;\n"
      "  CREATE TABLE after_error (id int);\n"
      "END $$;");
  // The first block's CREATE TABLE was undone with it; the second DO stopped at its error.
  EXPECT_FALSE(HasTable(r.schema, "first"));
  EXPECT_TRUE(HasTable(r.schema, "inner_t"));
  EXPECT_FALSE(HasTable(r.schema, "after_error"));
  EXPECT_EQ(Messages(r.diagnostics), "13:3 relation \"missing\" does not exist\n");
}

TEST(ReplayDo, WhatIsNotUnderstoodIsReportedAtItsLineAndLeftUnverified) {
  Replayed r = Replay(
      "CREATE TABLE t (id int);\n"
      "CREATE TABLE other (id int);\n"
      "DO $$ BEGIN\n"
      "  IF (SELECT count(*) FROM t) > 0 THEN\n"
      "    ALTER TABLE t ADD COLUMN c int;\n"
      "  END IF;\n"
      "END $$;");
  EXPECT_EQ(Messages(r.diagnostics),
            "4:3 DO block: an IF condition replay cannot answer ('SELECT' in the condition); "
            "what it names is kept unverified\n");
  ASSERT_EQ(r.schema.unverified.size(), 1u);
  EXPECT_EQ(r.schema.unverified[0].kind, "table");
  EXPECT_EQ(r.schema.unverified[0].name.name, "t");
  EXPECT_EQ(r.schema.unverified[0].line, 3u);
}

TEST(ReplayUnverified, ObjectsOverAnUnverifiedViewFollowItAndGoWithIt) {
  Replayed r = Replay(
      "CREATE TABLE t (id int, a int);\n"
      "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t UNION SELECT id FROM t;\n"
      "CREATE UNIQUE INDEX mv_a ON mv (a);\n"
      "CREATE VIEW over AS SELECT a FROM mv;\n"
      "CREATE TABLE copy AS SELECT * FROM mv;\n"
      "ALTER TABLE copy ADD PRIMARY KEY (a);\n"
      "ALTER TABLE t DROP COLUMN id;\n");
  // Dropping t.id is refused: mv's text names it.
  EXPECT_EQ(Messages(r.diagnostics).find("cannot drop column id of \"t\" because view mv depends"),
            Messages(r.diagnostics).find("cannot drop column"));
  std::vector<std::string> kinds;
  for (const model::Unverified& u : r.schema.unverified)
    kinds.push_back(u.kind + " " + u.name.name);
  EXPECT_EQ(kinds, (std::vector<std::string>{"index mv_a", "table copy", "view mv", "view over"}));

  Replayed dropped = Replay(
      "CREATE TABLE t (id int, a int);\n"
      "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t UNION SELECT id FROM t;\n"
      "CREATE UNIQUE INDEX mv_a ON mv (a);\n"
      "DROP MATERIALIZED VIEW mv;\n"
      "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;\n"
      "CREATE UNIQUE INDEX mv_a ON mv (a);\n");
  EXPECT_EQ(Messages(dropped.diagnostics),
            "2:1 CREATE MATERIALIZED VIEW \"mv\": UNION in a view query is not understood; the "
            "view is kept unverified\n");
  EXPECT_TRUE(dropped.schema.unverified.empty());  // made again, understood
  ASSERT_EQ(dropped.schema.indexes.size(), 1u);
  EXPECT_EQ(dropped.schema.indexes[0].keys[0].expression, "a");
}

TEST(ReplayUnverified, DiffAndMatcherLeaveThemOut) {
  Replayed replayed = Replay(
      "CREATE TABLE t (id int, a int);\n"
      "CREATE VIEW v AS SELECT a FROM t UNION SELECT id FROM t;\n");
  // The live database: the same table, and the view as the server printed it.
  model::Schema live = replayed.schema;
  live.unverified.clear();
  live.views[0].definition = " SELECT t.a\n   FROM t\nUNION\n SELECT t.id AS a\n   FROM t;";
  live.tables[0].columns[1].type = "bigint";  // and drift on the table
  diff::ChangeSet changes = diff::Diff(replayed.schema, live);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].path, "public.t.a");

  diff::Matcher matcher(live, {});
  Replayer r;
  r.ApplyFile(
      {"m.sql",
       "CREATE TABLE t (id int, a bigint);\n"
       "CREATE VIEW v AS SELECT a FROM t UNION SELECT id FROM t;\n"},
      [&](const Statement& s) { matcher.Observe(r.schema(), Replayer::TouchedBy(s), false); });
  matcher.EndMigration();
  diff::MatchResult m = matcher.Result();
  EXPECT_TRUE(m.exact);
  EXPECT_EQ(m.index, 1);
}

TEST(ReplayTemp, TemporaryTablesLiveUntilTheEndOfTheirFile) {
  Replayer r;
  std::vector<int> lines;
  r.ApplyFile(
      {"m.sql",
       "CREATE TABLE t (id int);\n"
       "WITH x AS (INSERT INTO t VALUES (1) RETURNING id) SELECT * INTO TEMP TABLE tmp FROM "
       "x;\n"
       "CREATE INDEX ON tmp (id);\n"
       "CREATE TEMP TABLE kept ON COMMIT DROP AS SELECT id FROM t;\n"
       "CREATE INDEX ON kept (id);\n"
       "DROP TABLE tmp;\n"},
      [&](const Statement& s) { lines.push_back(static_cast<int>(s.span.line)); });
  // Its WITH query is not deparsed: tmp has no known columns until it goes.
  EXPECT_EQ(Messages(r.diagnostics()),
            "2:1 CREATE TABLE tmp AS: the query does not start with SELECT; the table is kept "
            "unverified\n");
  model::Schema s = r.Result();
  ASSERT_EQ(s.tables.size(), 1u);
  EXPECT_TRUE(s.indexes.empty());
  EXPECT_TRUE(s.unverified.empty());
  // The end of the file drops `kept`: one more statement, at the last line.
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(ReplayTrigger, UpdateOfAColumnTheTableLacksIsRefused) {
  Replayed r = Replay(
      "CREATE TABLE t (id int);\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
      "CREATE TRIGGER tr AFTER UPDATE OF missing ON t FOR EACH ROW EXECUTE FUNCTION f();\n");
  EXPECT_EQ(Messages(r.diagnostics), "3:1 column \"missing\" of relation \"t\" does not exist\n");
  EXPECT_TRUE(r.schema.triggers.empty());
}

}  // namespace
}  // namespace drift::parser::pgddl
