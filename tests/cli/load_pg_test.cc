// Under load: many drift processes at once against a database that accepts few
// connections each succeed or fail cleanly with exit 3, and none hangs; many runs one after
// another leave no connection behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <future>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "parser/migrations.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift::cli {
namespace {

using testing::HasSubstr;

const std::string kShop = std::string(DRIFT_FIXTURES_DIR) + "/histories/shop/migrations";

struct Outcome {
  int code;
  std::string output;
};

// Runs the drift binary (stdout and stderr together), killed after 60 s (exit 124).
Outcome RunProcess(const std::string& args) {
  std::string command = "timeout 60 " + std::string(DRIFT_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

int ConnectionsTo(const testutil::TestDatabase& db) {
  pqxx::connection conn(db.server_url());
  pqxx::nontransaction txn(conn);
  return txn
      .exec("SELECT count(*) FROM pg_stat_activity WHERE datname = " + txn.quote(db.name()))[0][0]
      .as<int>();
}

TEST(Load, FiftyChecksAtOnceForOneFreeConnection) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ASSERT_TRUE(dir.ok());
  for (const parser::Migration& m : dir->migrations) db->Execute(m.script.text);
  ASSERT_EQ(
      testutil::RunDrift({"baseline", "--migrations", kShop, "--url", db->url(), "--apply"}).code,
      0);
  // The per-database limit fails a login the way max_connections does (SQLSTATE 53300);
  // superusers are exempt from it, so drift logs in as a plain reader. Two sessions held
  // here leave one free slot for fifty processes.
  std::string role = db->name() + "_load";
  db->Execute("DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role +
              " LOGIN PASSWORD 'pw'; GRANT USAGE ON SCHEMA public TO " + role +
              "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
  db->Execute("ALTER DATABASE " + db->name() + " CONNECTION LIMIT 3");
  pqxx::connection held1(db->url()), held2(db->url());
  const std::string url = db->UrlAs(role, "pw");
  std::vector<std::future<Outcome>> runs;
  for (int i = 0; i < 50; ++i) {
    runs.push_back(std::async(std::launch::async, [&] {
      return RunProcess("check --migrations '" + kShop + "' --url '" + url + "'");
    }));
  }
  int ok = 0, refused = 0;
  for (auto& run : runs) {
    Outcome o = run.get();
    if (o.code == 0) {
      ++ok;
      EXPECT_THAT(o.output, HasSubstr("OK"));
    } else {
      ++refused;
      EXPECT_EQ(o.code, 3) << o.output;
      EXPECT_THAT(o.output, HasSubstr("too many connections")) << o.output;
    }
  }
  EXPECT_GT(ok, 0);
  EXPECT_EQ(ok + refused, 50);
  EXPECT_GT(refused, 0) << "the limit was never reached";
  db->Execute("ALTER DATABASE " + db->name() + " CONNECTION LIMIT -1; DROP OWNED BY " + role +
              "; DROP ROLE " + role);
}

TEST(Load, RunsOneAfterAnotherLeaveNoConnectionBehind) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(kShop);
  ASSERT_TRUE(dir.ok());
  for (const parser::Migration& m : dir->migrations) db->Execute(m.script.text);
  const int before = ConnectionsTo(*db);
  for (int i = 0; i < 300; ++i) {
    std::vector<std::string> args =
        i % 3 == 0   ? std::vector<std::string>{"inspect", "--url", db->url()}
        : i % 3 == 1 ? std::vector<std::string>{"status", "--migrations", kShop, "--url", db->url()}
                     : std::vector<std::string>{"check", "--migrations", kShop, "--url", db->url()};
    testutil::DriftRun r = testutil::RunDrift(args);
    ASSERT_LE(r.code, 1) << r.err;
  }
  EXPECT_EQ(ConnectionsTo(*db), before) << "connections left open after 300 runs in one process";
}

}  // namespace
}  // namespace drift::cli
