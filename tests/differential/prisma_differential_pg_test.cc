// The short run of the differential tester against Prisma's engine: a fixed range of
// generated schemas, each judged by the engine and by drift (prisma_differential.h).
// Needs Node and an installed copy of the oracle (DRIFT_PRISMA_ORACLE_DIR, which
// scripts/test.sh sets up); under CI=true a missing oracle fails the test.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "diff/diff.h"
#include "diff/render.h"
#include "differential/prisma_differential.h"
#include "differential/prisma_generator.h"
#include "model/prisma_scope.h"
#include "parser/migrations.h"
#include "parser/pgddl/replay.h"
#include "parser/prisma/prisma_schema.h"
#include "testutil/corpus.h"
#include "testutil/test_database.h"
#include "testutil/throwaway_server.h"

namespace drift::differential {
namespace {

constexpr uint64_t kSchemas = 400;

// Declares `const char* oracle`: the installed oracle, or skips (fails under CI=true).
#define DRIFT_REQUIRE_ORACLE(oracle)                                                        \
  const char* oracle = std::getenv("DRIFT_PRISMA_ORACLE_DIR");                              \
  if (oracle == nullptr || *oracle == '\0') {                                               \
    if (testutil::UnderCi()) FAIL() << "DRIFT_PRISMA_ORACLE_DIR is required under CI=true"; \
    GTEST_SKIP() << "DRIFT_PRISMA_ORACLE_DIR is not set (scripts/test.sh installs it)";     \
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
                  << Listing(small) << "---\n"
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

// What `prisma migrate diff --from-migrations DIR --to-schema S` prints: the engine's
// migration from the end of the history to the schema (it needs a shadow database).
std::string EnginesMigrationDiff(const std::string& oracle, const std::string& url,
                                 const std::filesystem::path& migrations,
                                 const std::filesystem::path& schema) {
  std::string command = "DATABASE_URL='" + url + "' node '" + oracle +
                        "/prisma-oracle.mjs' diff --from-migrations '" + migrations.string() +
                        "' --to-schema '" + schema.string() + "' 2>&1";
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, p)) out.append(buffer, n);
    EXPECT_EQ(pclose(p), 0) << out;
  }
  return out;
}

// `drift diff --from-migrations … --to-schema …` says what Prisma's engine says for the
// same pair: the engine's own migration, replayed after the history, leaves no
// difference in what Prisma manages, and drift reports differences exactly when the
// engine has a migration to write. (umami: the engine can replay its history; LiteLLM's
// and civitai's `DO $$` blocks stop the engine's driver, and the LiteLLM pair is held to
// the engine's SQL replayed in prisma_corpus_pg_test.)
TEST(PrismaDifferential, SchemaAgainstHistoryAsTheEngineSeesIt) {
  DRIFT_REQUIRE_ORACLE(oracle);
  std::filesystem::path umami = testutil::SharedCorpus("umami");
  DRIFT_REQUIRE_PATH(umami);
  DRIFT_REQUIRE_TEST_DATABASE(db);
  // The oracle's schema engine (8.1.0, wasm) stops with "RuntimeError: unreachable" on any
  // PostgreSQL 18 shadow database, even for a one-table history; on 18 its shadow is a 17
  // started for it. Its SQL does not depend on the server; drift's side runs on this one.
  std::unique_ptr<testutil::ThrowawayServer> shadow_server;
  std::unique_ptr<testutil::TestDatabase> shadow;
  std::string shadow_url = db->url();
  if (db->PgMajor() >= 18) {
    std::string why;
    shadow_server = testutil::ThrowawayServer::Start(17, &why);
    ASSERT_TRUE(shadow_server) << why;
    shadow = testutil::TestDatabase::CreateOn(shadow_server->url(), &why);
    ASSERT_TRUE(shadow) << why;
    shadow_url = shadow->url();
  }
  std::string engine_sql =
      EnginesMigrationDiff(oracle, shadow_url, umami / "migrations", umami / "schema.prisma");
  ASSERT_NE(engine_sql.find("CREATE"), std::string::npos) << engine_sql;

  auto schema = parser::prisma::ReadPrismaSchema((umami / "schema.prisma").string());
  ASSERT_TRUE(schema.ok() && schema->diagnostics.empty());
  auto dir = parser::ReadMigrationsDir((umami / "migrations").string());
  ASSERT_TRUE(dir.ok());
  parser::HistoryReplay history = parser::ReplayMigrations(*dir, std::nullopt);
  bool with_extensions = !schema->schema.extensions.empty();

  model::Schema end = history.schema;
  model::KeepWhatPrismaManages(end, with_extensions);
  diff::ChangeSet drift_says = diff::Diff(end, schema->schema);
  EXPECT_FALSE(drift_says.empty());

  parser::pgddl::Replayer replayer(history.schema);
  replayer.ApplyFile({"engine-migration.sql", engine_sql});
  model::Schema after = replayer.TakeResult();
  model::KeepWhatPrismaManages(after, with_extensions);
  diff::ChangeSet left = diff::Diff(after, schema->schema);
  EXPECT_TRUE(left.empty()) << "drift says:\n"
                            << diff::RenderSummary(drift_says) << "the engine's migration:\n"
                            << engine_sql << "left after it:\n"
                            << diff::RenderSummary(left);
}

}  // namespace
}  // namespace drift::differential
