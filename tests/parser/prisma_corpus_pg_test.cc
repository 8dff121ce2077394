// schema.prisma against what Prisma's own engine generates for it and against migration
// histories, on the LiteLLM corpus beside the checkout (skipped with a message when it
// is absent outside CI; a failure under CI=true).
#include <gtest/gtest.h>

#include <filesystem>

#include "diff/diff.h"
#include "diff/render.h"
#include "introspect/describe.h"
#include "parser/migrations.h"
#include "parser/pgddl/replay.h"
#include "parser/prisma/prisma_schema.h"
#include "testutil/corpus.h"
#include "testutil/test_database.h"

namespace drift {
namespace {

namespace fs = std::filesystem;

fs::path Corpus() { return testutil::LiteLLMCorpus(); }

#define DRIFT_REQUIRE_CORPUS() DRIFT_REQUIRE_PATH(Corpus())

model::Schema SchemaModel(const fs::path& file) {
  auto s = parser::prisma::ReadPrismaSchema(file.string());
  EXPECT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->diagnostics.empty()) << s->diagnostics[0].message;
  return s->schema;
}

model::Schema HistoryModel(const fs::path& dir) {
  auto d = parser::ReadMigrationsDir(dir.string());
  EXPECT_TRUE(d.ok()) << d.status();
  parser::HistoryReplay r = parser::ReplayMigrations(*d, std::nullopt);
  for (const model::Diagnostic& x : r.diagnostics)
    EXPECT_NE(x.severity, model::Severity::kError) << x.message;
  return r.schema;
}

TEST(LiteLLM, NewestSchemaDiffersFromItsHistoryOnlyByTheLowerIndex) {
  DRIFT_REQUIRE_CORPUS();
  diff::ChangeSet changes =
      diff::Diff(SchemaModel(Corpus() / "schema.prisma"), HistoryModel(Corpus() / "migrations"));
  ASSERT_EQ(changes.size(), 1u) << diff::RenderSummary(changes);
  EXPECT_EQ(changes[0].kind, diff::DiffKind::kAdded);
  EXPECT_EQ(changes[0].object, diff::ObjectKind::kIndex);
  EXPECT_EQ(changes[0].path, "public.LiteLLM_UserTable_user_email_lower_idx");
}

TEST(LiteLLM, SnapshotSchemasEqualTheirHistories) {
  DRIFT_REQUIRE_CORPUS();
  for (const char* v : {"v1.65.4", "v1.67.4"}) {
    fs::path dir = Corpus() / "versions" / v;
    diff::ChangeSet changes =
        diff::Diff(SchemaModel(dir / "schema.prisma"), HistoryModel(dir / "migrations"));
    EXPECT_TRUE(changes.empty()) << v << ":\n" << diff::RenderSummary(changes);
  }
}

// The Prisma oracle's SQL for each schema (schema.sql in the corpus): the schema's model
// equals that SQL replayed in memory and the catalog of a server that ran it.
TEST(LiteLLM, SchemaEqualsPrismasOwnSqlReplayedAndOnAServer) {
  DRIFT_REQUIRE_CORPUS();
  for (const fs::path& dir :
       {Corpus(), Corpus() / "versions" / "v1.61.3", Corpus() / "versions" / "v1.65.4",
        Corpus() / "versions" / "v1.67.4"}) {
    model::Schema from_schema = SchemaModel(dir / "schema.prisma");
    std::string sql = testutil::ReadFileOrDie(dir / "schema.sql");
    parser::pgddl::Replayer replayer;
    replayer.ApplyFile({(dir / "schema.sql").string(), sql});
    diff::ChangeSet replayed = diff::Diff(from_schema, replayer.Result());
    EXPECT_TRUE(replayed.empty()) << dir << " (replayed):\n" << diff::RenderSummary(replayed);

    DRIFT_REQUIRE_TEST_DATABASE(db);
    db->Execute(sql);
    auto url = introspect::ParseDatabaseUrl(db->url());
    auto live = introspect::Describe(*url, {});
    ASSERT_TRUE(live.ok()) << live.status();
    diff::ChangeSet on_server = diff::Diff(from_schema, live->schema);
    EXPECT_TRUE(on_server.empty()) << dir << " (server):\n" << diff::RenderSummary(on_server);
  }
}

}  // namespace
}  // namespace drift
