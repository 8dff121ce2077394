// drift's command line, run in-process (Run) and, for main(), as the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/run.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift::cli {
namespace {

using testing::HasSubstr;
using testing::Not;

using Result = testutil::DriftRun;
using testutil::RunDrift;

TEST(Cli, HelpListsCommandsAndExitCodes) {
  Result r = RunDrift({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("inspect"));
  EXPECT_THAT(r.out, HasSubstr("3  operational failure"));
}

TEST(Cli, Version) {
  Result r = RunDrift({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("drift 0."));
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(RunDrift({}).code, 2);
  EXPECT_EQ(RunDrift({"frobnicate"}).code, 2);
  EXPECT_EQ(RunDrift({"inspect", "--bogus"}).code, 2);
  EXPECT_EQ(RunDrift({"inspect", "--format", "yaml", "--url", "postgresql://h/d"}).code, 2);
}

TEST(Cli, InspectNeedsAUrl) {
  Result r = RunDrift({"inspect"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("DATABASE_URL"));
}

TEST(Cli, BadUrlIsExitTwoWithoutThePassword) {
  Result r = RunDrift({"inspect", "--url", "postgresql://u:hunter2@h:notaport/d"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad port"));
  EXPECT_THAT(r.err, Not(HasSubstr("hunter2")));
  EXPECT_EQ(r.out, "");
}

TEST(Cli, UnreachableServerIsExitThreeOnOneLine) {
  Result r = RunDrift({}, {});
  r = RunDrift({"inspect"}, {{"DATABASE_URL", "postgresql://u:hunter2@127.0.0.1:1/app"}});
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:1/app"));
  EXPECT_THAT(r.err, Not(HasSubstr("hunter2")));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(Cli, InspectTextAndJson) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  db->Execute(
      "CREATE TYPE \"Plan\" AS ENUM ('FREE', 'PRO');"
      "CREATE TABLE \"Account\" (id serial PRIMARY KEY, plan \"Plan\" NOT NULL DEFAULT 'FREE');"
      "CREATE SCHEMA other; CREATE TABLE other.x (id int);");
  Result text = RunDrift({"inspect", "--url", db->url()});
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("table \"Account\"\n"));
  EXPECT_THAT(text.out, HasSubstr("column plan \"Plan\" NOT NULL DEFAULT 'FREE'::\"Plan\""));
  EXPECT_THAT(text.out, HasSubstr("table other.x"));
  EXPECT_THAT(text.out, HasSubstr("ledger: none"));

  Result json = RunDrift({"inspect", "--format", "json", "--schemas", "public"},
                         {{"DATABASE_URL", db->url()}});
  EXPECT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"name\": \"Account\""));
  EXPECT_THAT(json.out, Not(HasSubstr("\"other\"")));
  EXPECT_THAT(json.out, HasSubstr("\"ledger\": null"));
  // Deterministic: a second run prints the same bytes.
  EXPECT_EQ(
      RunDrift({"inspect", "--format", "json", "--schemas", "public", "--url", db->url()}).out,
      json.out);
}

TEST(Cli, DiffExitCodes) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  db->Execute("CREATE TABLE t (id int PRIMARY KEY);");
  Result same = RunDrift({"diff", "--from-url", db->url(), "--to-url", db->url(), "--exit-code"});
  EXPECT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(same.out, "No difference detected.\n");

  Result differs = RunDrift({"diff", "--from-empty", "--to-url", db->url(), "--exit-code"});
  EXPECT_EQ(differs.code, 1) << differs.err;
  EXPECT_EQ(differs.out, "[+] Added tables\n  - public.t\n");
  // Without --exit-code differences are not a failure.
  EXPECT_EQ(RunDrift({"diff", "--from-empty", "--to-url", db->url()}).code, 0);

  Result json = RunDrift({"diff", "--from-url", db->url(), "--to-empty", "--format", "json"});
  EXPECT_EQ(json.code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"kind\": \"removed\""));
  EXPECT_THAT(json.out, HasSubstr("\"equal\": false"));
}

TEST(Cli, DiffNeedsOneSourceEachSide) {
  EXPECT_EQ(RunDrift({"diff", "--from-empty"}).code, 2);
  EXPECT_EQ(RunDrift({"diff", "--to-empty"}).code, 2);
  EXPECT_EQ(RunDrift({"diff", "--from-empty", "--from-url", "postgresql://h/d", "--to-empty"}).code,
            2);
  Result bad = RunDrift({"diff", "--from-url", "http://x", "--to-empty"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--from-url"));
  EXPECT_EQ(RunDrift({"diff", "--from-url", "postgresql://u:p@127.0.0.1:1/d", "--to-empty"}).code,
            3);
}

// main() itself: the installed binary, its stdout and exit code.
TEST(Cli, RealBinary) {
  std::array<char, 256> buffer{};
  std::string out;
  FILE* pipe = popen((std::string(DRIFT_BINARY) + " --version 2>&1").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_THAT(out, HasSubstr("drift "));

  pipe = popen((std::string(DRIFT_BINARY) + " inspect --url mysql://x 2>&1").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  out.clear();
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
  status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_THAT(out, HasSubstr("postgresql://"));
}

TEST(Cli, DiffListsWhatItDidNotCompare) {
  const std::string dir = std::string(DRIFT_FIXTURES_DIR) + "/histories/plpgsql/migrations";
  Result text = RunDrift({"diff", "--from-migrations", dir, "--from-upto", "20260101000000_init",
                          "--to-migrations", dir, "--pg-version", "15"});
  EXPECT_EQ(text.code, 0) << text.err;
  // Both sides hold Ranking and its index unverified, each from its own statement.
  EXPECT_NE(text.out.find("Not compared (unverified): 4 object(s)\n"
                          "  - index public.Ranking_id  ("),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("  - view public.Ranking  ("), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("20260101000000_init/migration.sql:16: UNION in a view query is not "
                          "understood)"),
            std::string::npos)
      << text.out;
  Result json = RunDrift({"diff", "--from-migrations", dir, "--to-migrations", dir, "--format",
                          "json", "--pg-version", "15"});
  EXPECT_EQ(json.code, 0);
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_TRUE(doc["equal"].get<bool>());
  ASSERT_EQ(doc["unverified"].size(), 4u);  // both sides list Ranking and its index
  EXPECT_EQ(doc["unverified"][1]["kind"], "view");
  EXPECT_EQ(doc["unverified"][1]["object"], "public.Ranking");
  EXPECT_EQ(doc["unverified"][1]["line"], 37);
}

}  // namespace
}  // namespace drift::cli
