// drift audit against a real database with real sizes (ctest label "pg"): a history of
// three migrations, the first applied and recorded, "Big" filled with 600,000 rows. The
// audit's predictions are then checked by applying the pending migrations as Prisma
// does: what it says fails, fails on the server with the SQLSTATE it names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "parser/migrations.h"
#include "testutil/corpus.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;
using testutil::RunDrift;

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The migrations folder, written for the test.
fs::path History(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("drift_audit_" + name) / "migrations";
  fs::remove_all(dir.parent_path());
  Write(dir / "migration_lock.toml", "provider = \"postgresql\"\n");
  Write(dir / "20240101000000_init" / "migration.sql",
        "CREATE TABLE \"Big\" (\"id\" INTEGER NOT NULL, \"note\" TEXT,\n"
        "  CONSTRAINT \"Big_pkey\" PRIMARY KEY (\"id\"));\n"
        "CREATE TABLE \"Small\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"Small_pkey\" PRIMARY KEY "
        "(\"id\"));\n");
  Write(dir / "20240201000000_widen" / "migration.sql",
        "ALTER TABLE \"Small\" ADD COLUMN \"flag\" BOOLEAN;\n"
        "CREATE INDEX \"Big_note_idx\" ON \"Big\"(\"note\");\n"
        "ALTER TABLE \"Big\" ALTER COLUMN \"id\" SET DATA TYPE BIGINT;\n");
  Write(dir / "20240301000000_concurrent" / "migration.sql",
        "ALTER TABLE \"Small\" ADD COLUMN \"label\" TEXT;\n"
        "CREATE INDEX CONCURRENTLY \"Small_label_idx\" ON \"Small\"(\"label\");\n");
  return dir;
}

const nlohmann::json* FindingOf(const nlohmann::json& doc, const std::string& rule,
                                const std::string& table) {
  for (const nlohmann::json& f : doc["findings"]) {
    if (f["rule"] == rule && f["table"] == table) return &f;
  }
  return nullptr;
}

TEST(Audit, PredictsLocksAndFailuresAtTheLiveSizeThenTheServerAgrees) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const fs::path dir = History(db->name());
  db->Execute(testutil::ReadFileOrDie(dir / "20240101000000_init" / "migration.sql"));
  db->Execute(
      "INSERT INTO \"Big\" SELECT g, md5(g::text) FROM generate_series(1, 600000) g;"
      "INSERT INTO \"Small\" SELECT g FROM generate_series(1, 10) g; ANALYZE;");
  testutil::DriftRun baseline =
      RunDrift({"baseline", "--migrations", dir.string(), "--url", db->url(), "--apply"});
  ASSERT_EQ(baseline.code, 0) << baseline.out << baseline.err;

  testutil::DriftRun run =
      RunDrift({"audit", "--migrations", dir.string(), "--url", db->url(), "--format", "json"});
  EXPECT_EQ(run.code, 1) << run.err;
  nlohmann::json doc = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << run.out;
  EXPECT_EQ(doc["pending"]["count"], 2);
  EXPECT_EQ(doc["pending"]["after"], "20240101000000_init");

  // The type change rewrites ~60 MB under ACCESS EXCLUSIVE: over the 2 s budget.
  const nlohmann::json* rewrite = FindingOf(doc, "LOCK022", "\"Big\"");
  ASSERT_NE(rewrite, nullptr) << doc.dump(2);
  EXPECT_EQ((*rewrite)["severity"], "error");
  EXPECT_EQ((*rewrite)["lock"], "ACCESS EXCLUSIVE");
  EXPECT_EQ((*rewrite)["blocks"], "reads and writes");
  EXPECT_THAT((*rewrite)["basis"].get<std::string>(), HasSubstr("total size"));
  EXPECT_GT((*rewrite)["seconds"].get<double>(), 2.0);
  // The index build blocks writes to "Big" for about 0.6 s: under the 1 s budget.
  const nlohmann::json* index = FindingOf(doc, "LOCK040", "\"Big\"");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ((*index)["lock"], "SHARE");
  EXPECT_THAT((*index)["basis"].get<std::string>(), HasSubstr("600000 rows"));
  // "Small" is locked by its first statement and stays locked while the file rebuilds
  // "Big": the file's transaction, not the statement, is what blocks it.
  const nlohmann::json* own = FindingOf(doc, "LOCK001", "\"Small\"");
  const nlohmann::json* window = FindingOf(doc, "TXN001", "\"Small\"");
  ASSERT_NE(own, nullptr);
  ASSERT_NE(window, nullptr) << doc.dump(2);
  EXPECT_EQ((*own)["severity"], "info");
  EXPECT_EQ((*window)["severity"], "error");
  EXPECT_EQ((*window)["line"], 1);
  // CONCURRENTLY in a file with another statement.
  const nlohmann::json* concurrent = FindingOf(doc, "FAIL010", "\"Small\"");
  ASSERT_NE(concurrent, nullptr) << doc.dump(2);
  EXPECT_EQ((*concurrent)["migration"], "20240301000000_concurrent");
  EXPECT_EQ((*concurrent)["line"], 2);

  // The same report for a role that may only read, in read-only transactions.
  const std::string role = db->name() + "_auditor";
  db->Execute("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role +
              " LOGIN PASSWORD 'pw'; ALTER ROLE " + role +
              " SET default_transaction_read_only = on; GRANT USAGE ON SCHEMA public TO " + role +
              "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
  testutil::DriftRun reader = RunDrift(
      {"audit", "--migrations", dir.string(), "--url", db->UrlAs(role, "pw"), "--format", "json"});
  EXPECT_EQ(reader.code, 1) << reader.err;
  EXPECT_EQ(reader.out, run.out);
  db->Execute("DROP OWNED BY " + role + "; DROP ROLE " + role);

  // The report as text, to a file; --to stops after the first pending migration.
  const fs::path report = dir.parent_path() / "audit.txt";
  testutil::DriftRun to_file =
      RunDrift({"audit", "--migrations", dir.string(), "--url", db->url(), "--to",
                "20240201000000_widen", "--output", report.string()});
  EXPECT_EQ(to_file.code, 1) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  const std::string text = testutil::ReadFileOrDie(report.string());
  EXPECT_THAT(text, HasSubstr("1 pending migration, 20240201000000_widen to 20240201000000_widen"));
  EXPECT_THAT(text, HasSubstr("error LOCK022 \"Big\": ACCESS EXCLUSIVE (blocks reads and writes)"));
  EXPECT_THAT(text, HasSubstr("safer: expand and contract"));
  EXPECT_THAT(text, testing::Not(HasSubstr("FAIL010")));

  // For a pull-request comment: the counts and the findings that matter, per migration.
  testutil::DriftRun markdown =
      RunDrift({"audit", "--migrations", dir.string(), "--url", db->url(), "--format", "markdown"});
  EXPECT_EQ(markdown.code, 1);
  EXPECT_THAT(markdown.out, HasSubstr("## drift audit: 2 pending migrations\n"));
  EXPECT_THAT(markdown.out, HasSubstr("### `20240201000000_widen`"));
  EXPECT_THAT(markdown.out, HasSubstr("| error | LOCK022 | 3 | \"Big\" | ACCESS EXCLUSIVE"));
  EXPECT_THAT(markdown.out, HasSubstr("| error | FAIL010 | 2 | \"Small\" | fails with 25001"));

  // The audit wrote nothing: still one ledger row, "Big" still integer.
  pqxx::connection conn(db->url());
  EXPECT_EQ(
      pqxx::nontransaction(conn).exec1("SELECT count(*) FROM _prisma_migrations")[0].as<int>(), 1);
  EXPECT_EQ(pqxx::nontransaction(conn)
                .exec1("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                       "'\"Big\"'::regclass AND attname = 'id'")[0]
                .as<std::string>(),
            "integer");

  // As Prisma runs them: the second migration succeeds (slowly), the third fails with
  // the SQLSTATE the audit named.
  db->Execute(testutil::ReadFileOrDie(dir / "20240201000000_widen" / "migration.sql"));
  try {
    db->Execute(testutil::ReadFileOrDie(dir / "20240301000000_concurrent" / "migration.sql"));
    ADD_FAILURE() << "CREATE INDEX CONCURRENTLY ran inside the file's transaction";
  } catch (const pqxx::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "25001") << e.what();
  }
  fs::remove_all(dir.parent_path());
}

// What breaks for the version still running: its schema.prisma (one model mapped to
// another table name) against the state after the pending migration.
TEST(Audit, SaysWhatBreaksForTheVersionStillRunning) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const fs::path dir = fs::temp_directory_path() / ("drift_bc_" + db->name()) / "migrations";
  const std::string init =
      "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n"
      "CREATE TABLE \"User\" (\"id\" INTEGER NOT NULL, \"email\" TEXT, \"role\" \"Role\",\n"
      "  CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n"
      "CREATE TABLE \"Old\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"Old_pkey\" PRIMARY KEY "
      "(\"id\"));\n";
  Write(dir / "migration_lock.toml", "provider = \"postgresql\"\n");
  Write(dir / "20240101000000_init" / "migration.sql", init);
  Write(dir / "20240201000000_next" / "migration.sql",
        "ALTER TABLE \"User\" DROP COLUMN \"email\",\n"
        "ADD COLUMN \"nick\" TEXT NOT NULL;\n"
        "DROP TABLE \"Old\";\n"
        "ALTER TYPE \"Role\" ADD VALUE 'GUEST';\n");
  Write(dir.parent_path() / "old.prisma",
        "datasource db {\n  provider = \"postgresql\"\n}\n"
        "enum Role {\n  USER\n  ADMIN\n}\n"
        "model User {\n  id    Int     @id\n  email String?\n  role  Role?\n}\n"
        "model Legacy {\n  id Int @id\n\n  @@map(\"Old\")\n}\n");
  db->Execute(init);
  ASSERT_EQ(
      RunDrift({"baseline", "--migrations", dir.string(), "--url", db->url(), "--apply"}).code, 0);
  for (bool with_old_schema : {true, false}) {
    SCOPED_TRACE(with_old_schema ? "--old-schema" : "the ledger's state");
    std::vector<std::string> args = {"audit",   "--migrations", dir.string(), "--url",
                                     db->url(), "--format",     "json"};
    if (with_old_schema) {
      args.push_back("--old-schema");
      args.push_back((dir.parent_path() / "old.prisma").string());
    }
    testutil::DriftRun run = RunDrift(args);
    EXPECT_EQ(run.code, 1) << run.err;
    nlohmann::json doc = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << run.err;
    const nlohmann::json* dropped = FindingOf(doc, "BC002", "\"User\"");
    const nlohmann::json* unfilled = FindingOf(doc, "BC004", "\"User\"");
    const nlohmann::json* table = FindingOf(doc, "BC001", "\"Old\"");
    const nlohmann::json* value = FindingOf(doc, "BC009", "\"Role\"");
    ASSERT_TRUE(dropped && unfilled && table && value) << doc.dump(2);
    EXPECT_EQ((*dropped)["severity"], "error");
    EXPECT_THAT((*dropped)["message"].get<std::string>(), HasSubstr("P2022"));
    EXPECT_THAT((*unfilled)["message"].get<std::string>(), HasSubstr("P2011"));
    EXPECT_THAT((*table)["message"].get<std::string>(), HasSubstr("P2021"));
    EXPECT_THAT((*value)["message"].get<std::string>(), HasSubstr("'GUEST'"));
    EXPECT_THAT((*table)["message"].get<std::string>(),
                HasSubstr(with_old_schema ? "model Legacy (table \"Old\")" : "table \"Old\""));
  }
  fs::remove_all(dir.parent_path());
}

// Real histories we did not write: the audit completes against an empty database (every
// migration pending) and against one at the history's midpoint, recorded by baseline.
// (civitai's replay does not yet get through its history: issue 9.)
TEST(Audit, RealHistoriesFromEmptyAndFromTheirMidpoint) {
  for (const char* name : {"litellm", "umami"}) {
    SCOPED_TRACE(name);
    const fs::path migrations = testutil::SharedCorpus(name) / "migrations";
    DRIFT_REQUIRE_PATH(migrations);
    auto dir = parser::ReadMigrationsDir(migrations.string());
    ASSERT_TRUE(dir.ok());
    const size_t n = dir->migrations.size(), half = n / 2;

    DRIFT_REQUIRE_TEST_DATABASE(empty);
    testutil::DriftRun all = RunDrift(
        {"audit", "--migrations", migrations.string(), "--url", empty->url(), "--format", "json"});
    EXPECT_LE(all.code, 1) << all.err;
    nlohmann::json doc = nlohmann::json::parse(all.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << all.err;
    EXPECT_EQ(doc["pending"]["count"], n);
    EXPECT_GT(doc["summary"]["statements"].get<int>(), static_cast<int>(n));

    DRIFT_REQUIRE_TEST_DATABASE(mid);
    for (size_t i = 0; i < half; ++i) mid->Execute(dir->migrations[i].script.text);
    testutil::DriftRun baseline =
        RunDrift({"baseline", "--migrations", migrations.string(), "--url", mid->url(), "--apply"});
    ASSERT_EQ(baseline.code, 0) << baseline.out << baseline.err;
    testutil::DriftRun rest = RunDrift(
        {"audit", "--migrations", migrations.string(), "--url", mid->url(), "--format", "json"});
    EXPECT_LE(rest.code, 1) << rest.err;
    doc = nlohmann::json::parse(rest.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << rest.err;
    EXPECT_EQ(doc["pending"]["count"], n - half);
    EXPECT_EQ(doc["pending"]["after"], dir->migrations[half - 1].name);
  }
}

}  // namespace
}  // namespace drift
