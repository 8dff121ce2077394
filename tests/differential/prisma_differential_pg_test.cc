// The short run of the differential tester against Prisma's engine: a fixed range of
// generated schemas, each judged by the engine and by drift (prisma_differential.h).
// Needs Node and an installed copy of the oracle (DRIFT_PRISMA_ORACLE_DIR, which
// scripts/test.sh sets up); under CI=true a missing oracle fails the test.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "differential/prisma_differential.h"
#include "differential/prisma_generator.h"
#include "testutil/test_database.h"

namespace drift::differential {
namespace {

constexpr uint64_t kSchemas = 400;

std::string Merged(const SchemaFiles& files) {
  std::string out;
  for (const auto& [name, text] : files) out += "// " + name + "\n" + text;
  return out;
}

TEST(PrismaDifferential, GeneratedSchemasAgreeWithPrismasEngine) {
  const char* oracle = std::getenv("DRIFT_PRISMA_ORACLE_DIR");
  if (oracle == nullptr || *oracle == '\0') {
    if (testutil::UnderCi()) FAIL() << "DRIFT_PRISMA_ORACLE_DIR is required under CI=true";
    GTEST_SKIP() << "DRIFT_PRISMA_ORACLE_DIR is not set (scripts/test.sh installs the oracle)";
  }
  DRIFT_REQUIRE_TEST_DATABASE(db);
  PrismaEngine engine(oracle);
  ASSERT_TRUE(engine.ok());
  std::string work = (std::filesystem::temp_directory_path() /
                      ("drift-differential-" + db->name())).string();
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

}  // namespace
}  // namespace drift::differential
