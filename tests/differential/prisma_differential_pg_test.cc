// The short run of the differential tester against Prisma's engine: a fixed range of
// generated schemas, each judged by the engine and by drift (prisma_differential.h).
// Needs Node and an installed copy of the oracle (DRIFT_PRISMA_ORACLE_DIR, which
// scripts/test.sh sets up); under CI=true a missing oracle fails the test.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "differential/prisma_differential.h"
#include "differential/prisma_generator.h"
#include "testutil/corpus.h"
#include "testutil/test_database.h"

namespace drift::differential {
namespace {

constexpr uint64_t kSchemas = 400;

std::string Merged(const SchemaFiles& files) {
  std::string out;
  for (const auto& [name, text] : files) out += "// " + name + "\n" + text;
  return out;
}

// Declares `const char* oracle`: the installed oracle, or skips (fails under CI=true).
#define DRIFT_REQUIRE_ORACLE(oracle)                                                      \
  const char* oracle = std::getenv("DRIFT_PRISMA_ORACLE_DIR");                            \
  if (oracle == nullptr || *oracle == '\0') {                                             \
    if (testutil::UnderCi()) FAIL() << "DRIFT_PRISMA_ORACLE_DIR is required under CI=true"; \
    GTEST_SKIP() << "DRIFT_PRISMA_ORACLE_DIR is not set (scripts/test.sh installs it)";    \
  }

std::string WorkDir(const testutil::TestDatabase& db) {
  return (std::filesystem::temp_directory_path() / ("drift-differential-" + db.name())).string();
}

TEST(PrismaDifferential, GeneratedSchemasAgreeWithPrismasEngine) {
  DRIFT_REQUIRE_ORACLE(oracle);
  DRIFT_REQUIRE_TEST_DATABASE(db);
  PrismaEngine engine(oracle);
  ASSERT_TRUE(engine.ok());
  std::string work = WorkDir(*db);
  DifferentialChecker checker(&engine, db->url(), work);

  int accepted = 0, both_reject = 0, server_rejects = 0, mistakes = 0;
  for (uint64_t seed = 1; seed <= kSchemas; ++seed) {
    GeneratedSchema g = GeneratePrismaSchema(seed);
    SchemaFiles files(g.files.begin(), g.files.end());
    Outcome o = checker.Check(files);
    if (!g.mistake.empty()) ++mistakes;
    if (!o.engine_sql.empty()) ++accepted;
    if (o.finding == Finding::kNone && o.engine_sql.empty()) ++both_reject;
    if (o.finding == Finding::kServerRejects) ++server_rejects;
    if (o.finding == Finding::kNone || o.finding == Finding::kServerRejects) continue;
    SchemaFiles small = checker.Minimise(files, o);
    ADD_FAILURE() << "seed " << seed << ": " << FindingName(o.finding) << "\n"
                  << Merged(small) << "---\n"
                  << checker.Check(small).detail;
  }
  std::filesystem::remove_all(work);
  // The run must have tested something: most schemas valid and accepted, the deliberate
  // mistakes rejected by both, and the engine's SQL runnable on the server.
  EXPECT_GE(accepted, static_cast<int>(kSchemas) * 7 / 10);
  EXPECT_GT(mistakes, 0);
  EXPECT_GT(both_reject, 0);
  EXPECT_LE(server_rejects, static_cast<int>(kSchemas) / 20);
}

// The real projects' schemas in ../shared/corpus: drift's model of each equals the SQL
// Prisma's engine generates for it, replayed and on a server.
TEST(PrismaDifferential, RealSchemasEqualTheEnginesSql) {
  DRIFT_REQUIRE_ORACLE(oracle);
  DRIFT_REQUIRE_PATH(testutil::SharedCorpus("civitai"));
  DRIFT_REQUIRE_TEST_DATABASE(db);
  PrismaEngine engine(oracle);
  ASSERT_TRUE(engine.ok());
  std::string work = WorkDir(*db);
  DifferentialChecker checker(&engine, db->url(), work);
  std::filesystem::path litellm = testutil::LiteLLMCorpus();
  for (const std::filesystem::path& schema :
       {litellm / "schema.prisma", litellm / "versions/v1.61.3/schema.prisma",
        litellm / "versions/v1.65.4/schema.prisma", litellm / "versions/v1.67.4/schema.prisma",
        testutil::SharedCorpus("civitai") / "schema.prisma",
        testutil::SharedCorpus("umami") / "schema.prisma"}) {
    // The extensions civitai's history creates (its schema.prisma does not declare them).
    Outcome o = checker.Check({{"schema.prisma", testutil::ReadFileOrDie(schema)}},
                              {"citext", "pg_trgm", "pgcrypto"});
    EXPECT_EQ(o.finding, Finding::kNone) << schema << ": " << FindingName(o.finding) << "\n"
                                         << o.detail;
    EXPECT_NE(o.engine_sql.find("CREATE TABLE"), std::string::npos) << schema;
  }
  std::filesystem::remove_all(work);
}

}  // namespace
}  // namespace drift::differential
