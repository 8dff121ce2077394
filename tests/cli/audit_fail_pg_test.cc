// Will it fail on this data? (ctest label "pg"). For every will-fail rule of the audit, a
// database where the pending migration fails and one where it succeeds: the audit's
// verdict on each (from its read-only probe), then the migration really applied as
// Prisma applies it — the prediction and the server's outcome, its SQLSTATE, agree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift {
namespace {

namespace fs = std::filesystem;
using testutil::RunDrift;

struct Case {
  const char* rule;
  const char* init;     // the applied migration
  const char* failing;  // data that makes the pending migration fail
  const char* passing;  // data it succeeds on
  const char* pending;  // the pending migration
  const char* sqlstate;
  int min_major = 14;
};

const Case kCases[] = {
    {"FAIL001", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY);",
     "INSERT INTO \"A\" VALUES (1), (2), (3);", "",
     "ALTER TABLE \"A\" ADD COLUMN \"b\" INTEGER NOT NULL;", "23502"},
    {"FAIL002", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"b\" INTEGER);",
     "INSERT INTO \"A\" VALUES (1, NULL), (2, NULL), (3, 7);", "INSERT INTO \"A\" VALUES (1, 1);",
     "ALTER TABLE \"A\" ALTER COLUMN \"b\" SET NOT NULL;", "23502"},
    {"FAIL003", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"email\" TEXT);",
     "INSERT INTO \"A\" VALUES (1, 'a@x'), (2, 'a@x'), (3, 'b@x');",
     "INSERT INTO \"A\" VALUES (1, 'a@x'), (2, NULL), (3, NULL);",
     "CREATE UNIQUE INDEX \"A_email_key\" ON \"A\"(\"email\");", "23505"},
    {"FAIL003", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"email\" TEXT);",
     "INSERT INTO \"A\" VALUES (1, 'a@x'), (2, 'a@x');", "INSERT INTO \"A\" VALUES (1, 'a@x');",
     "ALTER TABLE \"A\" ADD CONSTRAINT \"A_email_key\" UNIQUE (\"email\");", "23505"},
    {"FAIL003", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"email\" TEXT);",
     "INSERT INTO \"A\" VALUES (1, NULL), (2, NULL);", "INSERT INTO \"A\" VALUES (1, NULL);",
     "CREATE UNIQUE INDEX \"A_email_key\" ON \"A\"(\"email\") NULLS NOT DISTINCT;", "23505", 15},
    {"FAIL003", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"email\" TEXT);",
     "INSERT INTO \"A\" VALUES (1, 'A@x'), (2, 'a@X');", "INSERT INTO \"A\" VALUES (1, 'a@x');",
     "CREATE UNIQUE INDEX \"A_email_key\" ON \"A\"(lower(\"email\"));", "23505"},
    {"FAIL004",
     "CREATE TABLE \"P\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n"
     "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"p_id\" INTEGER);",
     "INSERT INTO \"P\" VALUES (1); INSERT INTO \"A\" VALUES (1, 1), (2, 9), (3, NULL);",
     "INSERT INTO \"P\" VALUES (1); INSERT INTO \"A\" VALUES (1, 1), (3, NULL);",
     "ALTER TABLE \"A\" ADD CONSTRAINT \"A_p_id_fkey\" FOREIGN KEY (\"p_id\") REFERENCES "
     "\"P\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;",
     "23503"},
    {"FAIL006", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"qty\" INTEGER);",
     "INSERT INTO \"A\" VALUES (1, -1), (2, 5);", "INSERT INTO \"A\" VALUES (1, 0), (2, NULL);",
     "ALTER TABLE \"A\" ADD CONSTRAINT \"A_qty_check\" CHECK (\"qty\" >= 0);", "23514"},
    {"FAIL007", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"name\" VARCHAR(20));",
     "INSERT INTO \"A\" VALUES (1, 'fifteen letters'), (2, 'short');",
     "INSERT INTO \"A\" VALUES (1, 'ten chars!'), (2, NULL);",
     "ALTER TABLE \"A\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(10);", "22001"},
    {"FAIL008", "CREATE TABLE \"A\" (\"id\" INTEGER, \"code\" INTEGER);",
     "INSERT INTO \"A\" VALUES (1, NULL), (2, 2);", "INSERT INTO \"A\" VALUES (1, 1), (2, 2);",
     "ALTER TABLE \"A\" ADD CONSTRAINT \"A_pkey\" PRIMARY KEY (\"code\");", "23502"},
};

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The audit's finding of `rule` for a database built with `data`; then the pending
// migration applied as Prisma does: "" when it succeeded, else its SQLSTATE.
std::string AuditThenApply(const Case& c, const std::string& data, nlohmann::json* finding) {
  std::string why;
  auto db = testutil::TestDatabase::Create(&why);
  if (!db) {
    ADD_FAILURE() << why;
    return "no database";
  }
  const fs::path dir = fs::temp_directory_path() / ("drift_" + db->name()) / "migrations";
  Write(dir / "migration_lock.toml", "provider = \"postgresql\"\n");
  Write(dir / "20240101000000_init" / "migration.sql", c.init);
  Write(dir / "20240201000000_pending" / "migration.sql", c.pending);
  db->Execute(c.init);
  testutil::DriftRun baseline =
      RunDrift({"baseline", "--migrations", dir.string(), "--url", db->url(), "--apply"});
  EXPECT_EQ(baseline.code, 0) << baseline.out << baseline.err;
  if (!data.empty()) db->Execute(data);
  db->Execute("ANALYZE");

  testutil::DriftRun run =
      RunDrift({"audit", "--migrations", dir.string(), "--url", db->url(), "--format", "json"});
  nlohmann::json doc = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << run.out << run.err;
  if (!doc.is_discarded()) {
    for (const nlohmann::json& f : doc["findings"]) {
      if (f["rule"] == c.rule) *finding = f;
    }
  }
  std::string outcome;
  try {
    db->Execute(c.pending);
  } catch (const pqxx::sql_error& e) {
    outcome = e.sqlstate();
  }
  fs::remove_all(dir.parent_path());
  return outcome;
}

TEST(AuditWillFail, EveryPredictionIsWhatTheServerDoes) {
  DRIFT_REQUIRE_TEST_DATABASE(probe);
  const int major = probe->PgMajor();
  for (const Case& c : kCases) {
    if (major < c.min_major) continue;  // the syntax is newer than this server
    SCOPED_TRACE(std::string(c.rule) + ": " + c.pending);
    nlohmann::json fails, passes;
    EXPECT_EQ(AuditThenApply(c, c.failing, &fails), c.sqlstate);
    ASSERT_TRUE(fails.is_object()) << "no " << c.rule << " finding";
    EXPECT_EQ(fails["severity"], "error") << fails.dump(2);
    EXPECT_EQ(fails["checked"], true);
    EXPECT_EQ(fails["sqlstate"], c.sqlstate);
    EXPECT_FALSE(fails["evidence"].empty()) << fails.dump(2);

    EXPECT_EQ(AuditThenApply(c, c.passing, &passes), "");
    ASSERT_TRUE(passes.is_object());
    EXPECT_EQ(passes["severity"], "info") << passes.dump(2);
    EXPECT_EQ(passes["checked"], true);
    EXPECT_TRUE(passes["evidence"].empty());
  }
}

// A new enum value used in the file that adds it fails (55P04) whatever the data; a
// function body that names it does not use it yet.
TEST(AuditWillFail, ANewEnumValueUsedInItsOwnFileFails) {
  const char* init =
      "CREATE TYPE \"Kind\" AS ENUM ('a');\n"
      "CREATE TABLE \"T\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"kind\" \"Kind\");";
  struct Pending {
    const char* sql;
    bool fails;
  } pendings[] = {
      {"ALTER TYPE \"Kind\" ADD VALUE 'b';\n"
       "INSERT INTO \"T\" SELECT 1, 'b'::\"Kind\" WHERE false;",
       true},
      {"ALTER TYPE \"Kind\" ADD VALUE 'b';\n"
       "CREATE FUNCTION kind_b() RETURNS \"Kind\" LANGUAGE plpgsql AS $$ BEGIN RETURN 'b'; END $$;",
       false},
  };
  for (const Pending& p : pendings) {
    SCOPED_TRACE(p.sql);
    Case c{"FAIL009", init, "", "", p.sql, "55P04"};
    nlohmann::json finding;
    EXPECT_EQ(AuditThenApply(c, "", &finding), p.fails ? "55P04" : "");
    if (p.fails) {
      ASSERT_TRUE(finding.is_object());
      EXPECT_EQ(finding["severity"], "error");
      EXPECT_EQ(finding["line"], 2);
      EXPECT_EQ(finding["table"], "\"Kind\"");
    } else {
      EXPECT_TRUE(finding.is_null()) << finding.dump(2);
    }
  }
}

}  // namespace
}  // namespace drift
