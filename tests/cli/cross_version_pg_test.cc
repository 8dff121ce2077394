// Across PostgreSQL majors (ctest label "cross"; the test starts its own 15 and 17): a
// database dumped with pg_dump on 15 and restored on 17 — the usual way up — is the same
// schema to drift. Each server prints it its own way (17 prints a view over one table
// with bare column names), and replay imitates the server it compares with.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "parser/migrations.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"
#include "testutil/throwaway_server.h"

namespace drift {
namespace {

namespace fs = std::filesystem;
using testutil::RunDrift;

const std::string kShop = std::string(DRIFT_FIXTURES_DIR) + "/histories/shop/migrations";

nlohmann::json StatusOf(const std::string& url) {
  testutil::DriftRun r =
      RunDrift({"status", "--migrations", kShop, "--url", url, "--format", "json"});
  EXPECT_LE(r.code, 1) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(CrossVersion, ADumpFrom15RestoredOn17IsAtTheSameMigration) {
  std::string why;
  auto old_server = testutil::ThrowawayServer::Start(15, &why);
  ASSERT_TRUE(old_server) << why;
  auto new_server = testutil::ThrowawayServer::Start(17, &why);
  ASSERT_TRUE(new_server) << why;
  auto before = testutil::TestDatabase::CreateOn(old_server->url(), &why);
  ASSERT_TRUE(before) << why;
  auto after = testutil::TestDatabase::CreateOn(new_server->url(), &why);
  ASSERT_TRUE(after) << why;
  ASSERT_EQ(before->PgMajor(), 15);
  ASSERT_EQ(after->PgMajor(), 17);

  // The shop history up to its views (all but the last migration), as Prisma runs it,
  // and its ledger as drift baseline writes it.
  auto dir = parser::ReadMigrationsDir(kShop);
  ASSERT_TRUE(dir.ok());
  const size_t applied = dir->migrations.size() - 1;
  for (size_t i = 0; i < applied; ++i) before->Execute(dir->migrations[i].script.text);
  testutil::DriftRun baseline =
      RunDrift({"baseline", "--migrations", kShop, "--url", before->url(), "--apply"});
  ASSERT_EQ(baseline.code, 0) << baseline.out << baseline.err;

  // pg_dump on 15, psql into 17.
  const fs::path dump = fs::temp_directory_path() / ("drift_cross_" + before->name() + ".sql");
  const std::string bin = testutil::PgBinDir(15);
  ASSERT_EQ(std::system((bin + "/pg_dump --no-owner --no-privileges -f " + dump.string() + " '" +
                         before->url() + "'")
                            .c_str()),
            0);
  ASSERT_EQ(std::system((bin + "/psql -q -v ON_ERROR_STOP=1 -f " + dump.string() + " '" +
                         after->url() + "' >/dev/null")
                            .c_str()),
            0);
  fs::remove(dump);

  // The two servers print the views differently; drift reads each as the same state.
  pqxx::connection conn(after->url());
  pqxx::nontransaction txn(conn);
  std::string printed =
      txn.exec1("SELECT pg_get_viewdef('\"ActiveCustomer\"'::regclass)")[0].as<std::string>();
  EXPECT_EQ(printed.find("\"Customer\"."), std::string::npos) << printed;

  nlohmann::json on15 = StatusOf(before->url()), on17 = StatusOf(after->url());
  ASSERT_FALSE(on15.is_discarded());
  ASSERT_FALSE(on17.is_discarded());
  EXPECT_EQ(on15["database_matches"]["index"], applied);
  EXPECT_EQ(on17["database_matches"], on15["database_matches"]);
  EXPECT_EQ(on15["in_step"], true);
  EXPECT_EQ(on17["in_step"], true);

  testutil::DriftRun check = RunDrift({"check", "--migrations", kShop, "--url", after->url()});
  EXPECT_EQ(check.code, 0) << check.out << check.err;
  testutil::DriftRun again = RunDrift({"baseline", "--migrations", kShop, "--url", after->url()});
  EXPECT_EQ(again.code, 0) << again.out << again.err;
}

}  // namespace
}  // namespace drift
