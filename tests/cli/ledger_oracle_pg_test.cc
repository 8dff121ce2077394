// Prisma's verdict on drift's ledger, recorded by scripts/prisma-ledger-proof.sh: for each
// history and k, a database built to migration k and baselined by drift made Prisma's own
// engine report exactly migrations k+1..n unapplied, none failed, none edited
// (fixtures/prisma-status/<history>/<k>.json). Here the same states are rebuilt, drift
// baselines them again and `drift status` must reach Prisma's verdict. Where Node and the
// oracle are installed (DRIFT_PRISMA_ORACLE), Prisma is asked again, live.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "parser/migrations.h"
#include "testutil/corpus.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift::cli {
namespace {

namespace fs = std::filesystem;
using testutil::RunDrift;

fs::path Corpus() { return testutil::LiteLLMCorpus(); }

fs::path HistoryOf(const std::string& label) {
  if (label == "shop") return fs::path(DRIFT_FIXTURES_DIR) / "histories" / "shop" / "migrations";
  if (label == "litellm-v1.67.4") return Corpus() / "versions" / "v1.67.4" / "migrations";
  if (label == "litellm") return Corpus() / "migrations";
  return {};
}

nlohmann::json ReadJson(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

void ExpectDriftAgreesWithPrisma(const std::string& label) {
  const fs::path verdicts = fs::path(DRIFT_FIXTURES_DIR) / "prisma-status" / label;
  ASSERT_TRUE(fs::exists(verdicts)) << verdicts;
  const fs::path history = HistoryOf(label);
  DRIFT_REQUIRE_PATH(history);
  auto dir = parser::ReadMigrationsDir(history.string());
  ASSERT_TRUE(dir.ok()) << dir.status();
  int checked = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(verdicts)) {
    const size_t k = std::stoul(e.path().stem().string());
    SCOPED_TRACE(label + " k=" + std::to_string(k));
    nlohmann::json prisma = ReadJson(e.path());
    DRIFT_REQUIRE_TEST_DATABASE(db);
    {
      pqxx::connection conn(db->url());
      for (size_t i = 0; i < k; ++i)
        pqxx::nontransaction(conn).exec(dir->migrations[i].script.text);
    }
    auto baseline =
        RunDrift({"baseline", "--migrations", history.string(), "--url", db->url(), "--apply"});
    ASSERT_EQ(baseline.code, 0) << baseline.out << baseline.err;

    auto status = RunDrift(
        {"status", "--migrations", history.string(), "--url", db->url(), "--format", "json"});
    nlohmann::json mine = nlohmann::json::parse(status.out);
    std::vector<std::string> pending, failed, edited;
    for (const auto& m : mine["ledger"]["migrations"]) {
      if (m["state"] == "pending") pending.push_back(m["migration"]);
      if (m["state"] == "failed") failed.push_back(m["migration"]);
      if (m["state"] == "edited") edited.push_back(m["migration"]);
    }
    std::vector<std::string> prisma_pending;
    if (prisma["history"].is_object()) {
      prisma_pending =
          prisma["history"].value("unappliedMigrationNames", std::vector<std::string>{});
    }
    EXPECT_EQ(pending, prisma_pending);
    EXPECT_EQ(failed, prisma["failedMigrationNames"].get<std::vector<std::string>>());
    EXPECT_EQ(edited, prisma["editedMigrationNames"].get<std::vector<std::string>>());
    EXPECT_EQ(mine["ledger"]["table"], prisma["hasMigrationsTable"]);
    EXPECT_EQ(mine["ledger_claims"], static_cast<int>(k));
    EXPECT_TRUE(mine["in_step"]);
    // With Prisma's engine at hand (DRIFT_PRISMA_ORACLE=path/to/prisma-oracle.mjs), ask it
    // again now: the recorded verdict must still be its answer.
    if (const char* oracle = std::getenv("DRIFT_PRISMA_ORACLE")) {
      std::string command = fmt::format("DATABASE_URL='{}' node '{}' status --migrations '{}'",
                                        db->url(), oracle, history.string());
      std::string answer;
      if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        size_t n;
        while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) answer.append(buffer, n);
        EXPECT_EQ(pclose(pipe), 0) << command;
      }
      EXPECT_EQ(nlohmann::json::parse(answer), prisma) << "Prisma's answer changed";
    }
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(LedgerOracle, ShopHistory) { ExpectDriftAgreesWithPrisma("shop"); }
TEST(LedgerOracle, LiteLLMv1674History) { ExpectDriftAgreesWithPrisma("litellm-v1.67.4"); }
TEST(LedgerOracle, LiteLLMHistory) { ExpectDriftAgreesWithPrisma("litellm"); }

}  // namespace
}  // namespace drift::cli
