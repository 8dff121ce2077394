// drift baseline against real databases: the matcher on every state of real histories,
// Prisma-compatible ledger rows, idempotence, refusals and faults.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "baseline/checksum.h"
#include "baseline/writer.h"
#include "cli/run.h"
#include "engine/commands.h"
#include "introspect/describe.h"
#include "parser/migrations.h"
#include "parser/pgddl/replay.h"
#include "testutil/corpus.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift::cli {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

using Result = testutil::DriftRun;
using testutil::RunDrift;

const std::string kShop = std::string(DRIFT_FIXTURES_DIR) + "/histories/shop/migrations";

fs::path Corpus() { return testutil::LiteLLMCorpus(); }

model::Schema Live(const testutil::TestDatabase& db) {
  auto url = introspect::ParseDatabaseUrl(db.url());
  auto catalog = introspect::Describe(*url, {});
  EXPECT_TRUE(catalog.ok()) << catalog.status();
  return catalog.ok() ? catalog->schema : model::Schema{};
}

void ApplyMigrations(const testutil::TestDatabase& db, const parser::MigrationsDir& dir,
                     size_t from, size_t to) {
  pqxx::connection conn(db.url());
  for (size_t i = from; i < to; ++i) pqxx::nontransaction(conn).exec(dir.migrations[i].script.text);
}

// For every k, a database built to k is matched to k (or to the end of a run of
// migrations after k that change no schema object).
void ExpectEveryStateMatched(const fs::path& migrations) {
  auto dir = parser::ReadMigrationsDir(migrations.string());
  ASSERT_TRUE(dir.ok());
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const size_t n = dir->migrations.size();
  for (size_t k = 0; k <= n; ++k) {
    if (k > 0) ApplyMigrations(*db, *dir, k - 1, k);
    engine::BaselineReport m =
        engine::Baseline(*dir, Live(*db), {}, {.pg_major = db->PgMajor()}, {});
    EXPECT_TRUE(m.match.exact) << "state " << k << ": distance " << m.match.distance;
    if (m.match.index != static_cast<int>(k)) {
      // Allowed only when k and the answer are the same state (a no-op run).
      std::vector<int> tied = m.match.tied;
      EXPECT_TRUE(std::find(tied.begin(), tied.end(), static_cast<int>(k)) != tied.end())
          << "state " << k << " matched " << m.match.index;
    }
    EXPECT_TRUE(m.drift.empty()) << "state " << k;
  }
}

TEST(Baseline, EveryStateOfTheShopHistoryIsFound) { ExpectEveryStateMatched(kShop); }

TEST(Baseline, EveryStateOfTheLiteLLMHistoryIsFound) {
  DRIFT_REQUIRE_PATH(Corpus());
  ExpectEveryStateMatched(Corpus() / "migrations");
}

struct LedgerRow {
  std::string id, checksum, logs, name;
  bool finished_equals_started;
  int steps;
};

std::vector<LedgerRow> Ledger(const testutil::TestDatabase& db) {
  pqxx::connection conn(db.url());
  pqxx::nontransaction txn(conn);
  std::vector<LedgerRow> rows;
  for (const auto& r :
       txn.exec("SELECT id, checksum, logs, migration_name, finished_at = started_at,"
                " applied_steps_count FROM _prisma_migrations ORDER BY migration_name")) {
    rows.push_back(
        {r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].c_str(), r[4].as<bool>(), r[5].as<int>()});
  }
  return rows;
}

bool HasLedger(const testutil::TestDatabase& db) {
  pqxx::connection conn(db.url());
  return !pqxx::nontransaction(conn)
              .exec("SELECT to_regclass('public._prisma_migrations')")[0][0]
              .is_null();
}

TEST(Baseline, ApplyWritesPrismasRowsOnceAndOnlyThem) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 3);

  Result dry = RunDrift({"baseline", "--migrations", kShop, "--url", db->url()});
  EXPECT_EQ(dry.code, 0) << dry.out << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("Matched:    exactly the state after migration 3 of"));
  EXPECT_THAT(dry.out, HasSubstr("Dry run: nothing written"));
  EXPECT_FALSE(HasLedger(*db)) << "a dry run writes nothing";

  Result apply = RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"});
  EXPECT_EQ(apply.code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out,
              HasSubstr("Applied: 3 row(s) written to _prisma_migrations (table created)"));
  std::vector<LedgerRow> rows = Ledger(*db);
  ASSERT_EQ(rows.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(rows[i].name, dir->migrations[i].name);
    EXPECT_EQ(rows[i].checksum, baseline::MigrationChecksum(dir->migrations[i].script.text));
    EXPECT_EQ(rows[i].id.size(), 36u);
    EXPECT_EQ(rows[i].id[14], '4') << "a UUID v4";
    EXPECT_EQ(rows[i].logs, "");
    EXPECT_TRUE(rows[i].finished_equals_started);
    EXPECT_EQ(rows[i].steps, 0);
  }
  Result again = RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"});
  EXPECT_EQ(again.code, 0);
  EXPECT_THAT(again.out, HasSubstr("Nothing to do"));
  EXPECT_EQ(Ledger(*db).size(), 3u);

  Result json =
      RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"index\": 3"));
  EXPECT_THAT(json.out, HasSubstr("\"exact\": true"));
  EXPECT_THAT(json.out, HasSubstr("\"applied\": false"));
}

// check, baseline and status each replay the history exactly once, whatever they report
// (the ledger's claim, the matched state, where objects last changed).
TEST(Baseline, EveryCommandReplaysTheHistoryOnce) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  const int64_t n = static_cast<int64_t>(dir->migrations.size());
  ApplyMigrations(*db, *dir, 0, 2);
  ASSERT_EQ(RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"}).code, 0);
  ApplyMigrations(*db, *dir, 2,
                  3);  // one more ran, unrecorded: the ledger claims 2, the database is at 3
  for (std::vector<std::string> args :
       {std::vector<std::string>{"check", "--migrations", kShop, "--url", db->url()},
        {"check", "--migrations", kShop, "--url", db->url(), "--format", "json"},
        {"baseline", "--migrations", kShop, "--url", db->url()},
        {"status", "--migrations", kShop, "--url", db->url()}}) {
    int64_t before = parser::pgddl::Replayer::FilesApplied();
    Result r = RunDrift(args);
    EXPECT_LE(r.code, 1) << args[0] << ": " << r.out << r.err;
    EXPECT_EQ(parser::pgddl::Replayer::FilesApplied() - before, n)
        << args[0] << " replayed " << parser::pgddl::Replayer::FilesApplied() - before
        << " migration files for a history of " << n;
  }
}

// status, like check and baseline, compares only the namespaces --schemas names: drift in
// another schema the history also manages is then not counted.
TEST(Baseline, StatusHonoursSchemas) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  fs::path dir = fs::temp_directory_path() / ("drift-status-schemas-" + std::to_string(getpid()));
  fs::create_directories(dir / "20240101000000_init");
  std::ofstream(dir / "20240101000000_init" / "migration.sql")
      << "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY "
         "(\"id\"));\n"
         "CREATE SCHEMA \"audit\";\n"
         "CREATE TABLE \"audit\".\"Log\" (\"id\" INTEGER NOT NULL);\n";
  const std::string migrations = dir.string();
  {
    pqxx::connection conn(db->url());
    std::ifstream in(dir / "20240101000000_init" / "migration.sql");
    std::stringstream sql;
    sql << in.rdbuf();
    pqxx::nontransaction(conn).exec(sql.str());
    pqxx::nontransaction(conn).exec("ALTER TABLE audit.\"Log\" ADD COLUMN note text");
  }
  Result write = RunDrift({"baseline", "--migrations", migrations, "--url", db->url(), "--schemas",
                           "public", "--apply"});
  ASSERT_EQ(write.code, 0) << write.out << write.err;

  Result all = RunDrift({"status", "--migrations", migrations, "--url", db->url()});
  EXPECT_EQ(all.code, 1) << all.out << all.err;
  EXPECT_THAT(all.out, HasSubstr("closest (1 objects differ)"));
  Result scoped =
      RunDrift({"status", "--migrations", migrations, "--url", db->url(), "--schemas", "public"});
  EXPECT_EQ(scoped.code, 0) << scoped.out << scoped.err;
  EXPECT_THAT(scoped.out, HasSubstr("Database schema is up to date!"));
  fs::remove_all(dir);
}

TEST(Baseline, RefusesWhenNothingMatchesExactlyAndWritesNothing) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  db->Execute(
      "ALTER TABLE \"Customer\" ADD COLUMN hotfix text; CREATE INDEX hot_idx ON \"Order\" (note);"
      "CREATE TABLE other_tool (id int)");
  Result r = RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("closest (2 objects differ): the state after migration 2"));
  EXPECT_THAT(r.out, HasSubstr("[+] Added column `hotfix`"));
  EXPECT_THAT(r.out, HasSubstr("[+] Added index `hot_idx`"));
  EXPECT_THAT(r.out,
              HasSubstr("Unmanaged (in the database, in no migration; not counted): 1 object(s)"));
  EXPECT_THAT(r.out, HasSubstr("--allow-drift"));
  EXPECT_FALSE(HasLedger(*db));
  Result allowed =
      RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply", "--allow-drift"});
  EXPECT_EQ(allowed.code, 1);
  EXPECT_EQ(Ledger(*db).size(), 2u);
}

TEST(Baseline, APartialMigrationIsReportedWithItsStatements) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 1);
  // The first two statements of migration 2, by hand.
  db->Execute(
      "CREATE TABLE \"Order\" (\"id\" BIGSERIAL NOT NULL, \"customerId\" INTEGER NOT NULL, "
      "\"quantity\" INTEGER NOT NULL CHECK (\"quantity\" > 0), \"note\" TEXT, \"placedAt\" "
      "TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT \"Order_pkey\" PRIMARY KEY "
      "(\"id\"));"
      "CREATE TABLE \"OrderLine\" (\"orderId\" BIGINT NOT NULL, \"line\" INTEGER NOT NULL, \"sku\" "
      "TEXT NOT NULL, CONSTRAINT \"OrderLine_pkey\" PRIMARY KEY (\"orderId\", \"line\"));");
  Result r = RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--format", "json"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("\"migration\": \"20240115000000_orders\""));
  EXPECT_THAT(r.out, HasSubstr("\"statements_applied\": 2"));
  EXPECT_THAT(r.out, HasSubstr("inside migration 20240115000000_orders"));
}

TEST(Baseline, LockHeldByAnotherSessionTimesOutWithExitThree) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 1);
  pqxx::connection holder(db->url());
  pqxx::nontransaction(holder).exec("SELECT pg_advisory_lock(72707369)");
  Result r = RunDrift(
      {"baseline", "--migrations", kShop, "--url", db->url(), "--apply", "--lock-timeout", "1"});
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("timed out after 1000 ms waiting for Prisma's migration lock"));
  EXPECT_FALSE(HasLedger(*db));
}

TEST(Baseline, ARoleWithoutInsertGetsExitThreeAndNothingWritten) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 1);
  std::string role = db->name() + "_ro";
  db->Execute(std::string(baseline::kLedgerTableDdl) + "DROP ROLE IF EXISTS " + role +
              "; CREATE ROLE " + role +
              " LOGIN PASSWORD 'pw';"
              "GRANT USAGE ON SCHEMA public TO " +
              role + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
  Result r =
      RunDrift({"baseline", "--migrations", kShop, "--url", db->UrlAs(role, "pw"), "--apply"});
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("permission denied"));
  EXPECT_THAT(r.err, HasSubstr("nothing was written"));
  EXPECT_TRUE(Ledger(*db).empty());
  db->Execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
}

// Every command that only reads works for a role that can only read, even one whose
// sessions are read-only by default (default_transaction_read_only = on).
TEST(Baseline, EveryReadOnlyCommandWorksForASelectOnlyReadOnlyRole) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, dir->migrations.size());
  ASSERT_EQ(RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"}).code, 0);
  std::string role = db->name() + "_reader";
  db->Execute("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role +
              " LOGIN PASSWORD 'pw';"
              "ALTER ROLE " +
              role +
              " SET default_transaction_read_only = on;"
              "GRANT USAGE ON SCHEMA public TO " +
              role + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
  const std::string url = db->UrlAs(role, "pw");
  for (std::vector<std::string> args :
       {std::vector<std::string>{"inspect", "--url", url},
        {"inspect", "--url", url, "--format", "json", "--sizes"},
        {"diff", "--from-migrations", kShop, "--to-url", url, "--exit-code"},
        {"check", "--migrations", kShop, "--url", url},
        {"status", "--migrations", kShop, "--url", url},
        {"baseline", "--migrations", kShop, "--url", url},
        {"audit", "--migrations", kShop, "--url", url}}) {
    Result r = RunDrift(args);
    EXPECT_EQ(r.code, 0) << args[0] << ":\n" << r.out << r.err;
  }
  db->Execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
}

// statement_timeout reached while the catalog is read: exit 3 with the server's reason, and
// --apply writes nothing.
TEST(Baseline, AStatementTimeoutDuringIntrospectionIsExitThree) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  // Set and reset from the maintenance database: sessions in this one would time out too.
  auto alter = [&](const std::string& what) {
    pqxx::connection admin(db->server_url());
    pqxx::nontransaction(admin).exec("ALTER DATABASE " + db->name() + " " + what);
  };
  alter("SET statement_timeout = '1ms'");
  for (std::vector<std::string> args :
       {std::vector<std::string>{"inspect", "--url", db->url()},
        {"check", "--migrations", kShop, "--url", db->url()},
        {"baseline", "--migrations", kShop, "--url", db->url(), "--apply"}}) {
    Result r = RunDrift(args);
    EXPECT_EQ(r.code, 3) << args[0] << ":\n" << r.out << r.err;
    // The server's reason. With a 1 ms timeout the timer can fire as a statement ends, and
    // the server then reports the cancel it finds pending as a "user request" (seen on 16).
    EXPECT_THAT(r.err, HasSubstr("ERROR:  canceling statement due to ")) << args[0];
  }
  alter("RESET statement_timeout");
  EXPECT_FALSE(HasLedger(*db)) << "nothing written";
}

// A password with '@', ':', '%' and '/' (percent-encoded in the URL, as Prisma wants it)
// appears in no output of any command, in the clear or encoded, whether the login works or
// fails — libpq's own messages included.
TEST(Baseline, APasswordNeverAppearsInAnyOutput) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  const std::string password = "s3cr@t:p%ss/w0rd";
  const std::string encoded = "s3cr%40t%3Ap%25ss%2Fw0rd";
  std::string role = db->name() + "_pw";
  db->Execute("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN PASSWORD '" +
              password + "'; GRANT USAGE ON SCHEMA public TO " + role +
              "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
  const std::string good = db->UrlAs(role, encoded);
  const std::string wrong = db->UrlAs(role, encoded + "x");
  const std::string bad_db = good + "_missing";
  for (const std::string& url :
       {good, wrong, bad_db, good + "?sslmode=bogus", good + "?connect_timeout=abc"}) {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"inspect", "--url", url},
          {"inspect", "--url", url, "--format", "json"},
          {"diff", "--from-migrations", kShop, "--to-url", url},
          {"check", "--migrations", kShop, "--url", url, "--format", "json"},
          {"status", "--migrations", kShop, "--url", url},
          {"baseline", "--migrations", kShop, "--url", url, "--apply"}}) {
      Result r = RunDrift(args);
      for (const std::string& secret : {password, encoded, std::string("s3cr")}) {
        EXPECT_EQ(r.out.find(secret), std::string::npos) << args[0] << " " << url << ":\n" << r.out;
        EXPECT_EQ(r.err.find(secret), std::string::npos) << args[0] << " " << url << ":\n" << r.err;
      }
    }
  }
  // The same URL through DATABASE_URL behaves as --url does.
  Result flag = RunDrift({"status", "--migrations", kShop, "--url", wrong});
  Result env = RunDrift({"status", "--migrations", kShop}, {{"DATABASE_URL", wrong}});
  EXPECT_EQ(flag.code, 3);
  EXPECT_EQ(env.code, flag.code);
  EXPECT_EQ(env.err, flag.err);
  db->Execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
}

// Two writers at once: the second waits on Prisma's advisory lock (seen in pg_locks while
// it waits), and when it gets the lock the rows are there: it writes nothing, and says so.
TEST(Baseline, ASecondApplyWaitsForTheLockThenWritesNothing) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  pqxx::connection holder(db->url());
  pqxx::nontransaction(holder).exec("SELECT pg_advisory_lock(72707369)");
  auto second = std::async(std::launch::async, [&] {
    return RunDrift(
        {"baseline", "--migrations", kShop, "--url", db->url(), "--apply", "--lock-timeout", "60"});
  });
  bool waited = false;
  pqxx::connection watcher(db->url());
  for (int i = 0; i < 1500 && !waited; ++i) {
    waited = !pqxx::nontransaction(watcher)
                  .exec(
                      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 "
                      "AND NOT granted")
                  .empty();
    if (!waited) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(waited) << "no session waited on Prisma's advisory lock";
  // Meanwhile the holder records the same rows, as the first writer would, and lets go.
  {
    pqxx::work txn(holder);
    txn.exec(baseline::kLedgerTableDdl);
    for (size_t i = 0; i < 2; ++i) {
      txn.exec_params(
          "INSERT INTO _prisma_migrations (id, checksum, logs, started_at, finished_at, "
          "migration_name, applied_steps_count) VALUES (gen_random_uuid()::text, $1, '', now(), "
          "now(), $2, 0)",
          baseline::MigrationChecksum(dir->migrations[i].script.text), dir->migrations[i].name);
    }
    txn.commit();
  }
  pqxx::nontransaction(holder).exec("SELECT pg_advisory_unlock(72707369)");
  Result r = second.get();
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Nothing written: another process recorded these rows"));
  EXPECT_EQ(Ledger(*db).size(), 2u);
}

TEST(Baseline, TwoAppliesAtOnceWriteOnce) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  auto run = [&] {
    return RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"});
  };
  auto a = std::async(std::launch::async, run);
  auto b = std::async(std::launch::async, run);
  Result ra = a.get(), rb = b.get();
  EXPECT_EQ(ra.code, 0) << ra.err;
  EXPECT_EQ(rb.code, 0) << rb.err;
  EXPECT_EQ(Ledger(*db).size(), 2u) << ra.out << rb.out;
}

TEST(Baseline, AConnectionKilledMidApplyLeavesNoRows) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  db->Execute(baseline::kLedgerTableDdl);
  // Block drift's INSERT behind a table lock, then kill drift's backend while it waits.
  pqxx::connection blocker(db->url());
  pqxx::work hold(blocker);
  hold.exec("LOCK TABLE _prisma_migrations IN SHARE MODE");  // reads pass, INSERT waits
  auto apply = std::async(std::launch::async, [&] {
    return RunDrift(
        {"baseline", "--migrations", kShop, "--url", db->url(), "--apply", "--lock-timeout", "30"});
  });
  pqxx::connection watcher(db->url());
  bool killed = false;
  for (int i = 0; i < 200 && !killed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    pqxx::nontransaction w(watcher);
    auto pids = w.exec(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND "
        "wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
    for (const auto& row : pids) {
      w.exec("SELECT pg_terminate_backend(" + std::string(row[0].c_str()) + ")");
      killed = true;
    }
  }
  Result r = apply.get();
  hold.abort();
  ASSERT_TRUE(killed) << "drift never waited on the lock";
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("nothing was written"));
  EXPECT_TRUE(Ledger(*db).empty());
}

TEST(Baseline, LedgerThatDisagreesIsRefusedUnlessForced) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 2);
  db->Execute(
      std::string(baseline::kLedgerTableDdl) +
      "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) "
      "VALUES "
      "('x', 'not-hex-at-all', now(), '" +
      dir->migrations[5].name + "', now())");
  Result r = RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.out, HasSubstr("the ledger already records what the database does not show: " +
                               dir->migrations[5].name));
  EXPECT_EQ(Ledger(*db).size(), 1u);
  Result forced =
      RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply", "--force"});
  EXPECT_EQ(forced.code, 0) << forced.out << forced.err;
  EXPECT_EQ(Ledger(*db).size(), 3u);
}

// A database with a schema and no ledger: `drift check` says what Prisma would (P3005)
// and where the database stands, instead of listing every object as drift.
TEST(Baseline, CheckOnADatabaseWithoutLedgerNamesP3005AndThePoint) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ApplyMigrations(*db, *dir, 0, 3);
  Result check = RunDrift({"check", "--migrations", kShop, "--url", db->url()});
  EXPECT_EQ(check.code, 1) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("no _prisma_migrations table"));
  EXPECT_THAT(check.out, HasSubstr("would stop with P3005. It is exactly the state after " +
                                   dir->migrations[2].name + " (3 of 10)"));
  EXPECT_THAT(check.out, testing::Not(HasSubstr("Added tables")));
  EXPECT_FALSE(HasLedger(*db)) << "check writes nothing";
}

}  // namespace
}  // namespace drift::cli
