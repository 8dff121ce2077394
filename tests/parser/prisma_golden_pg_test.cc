// fixtures/prisma/<case>/schema.prisma against prisma.sql, the SQL Prisma's own schema
// engine generates for it (scripts/prisma-goldens.sh): the schema's model must equal that
// SQL replayed in memory and the catalog of a real server that ran it. Zero differences.
#include <gtest/gtest.h>

#include <filesystem>

#include "diff/diff.h"
#include "diff/render.h"
#include "introspect/describe.h"
#include "parser/pgddl/replay.h"
#include "parser/prisma/prisma_schema.h"
#include "testutil/test_database.h"

namespace drift {
namespace {

namespace fs = std::filesystem;

class PrismaGolden : public testing::TestWithParam<std::string> {};

TEST_P(PrismaGolden, SchemaEqualsPrismasSqlReplayedAndOnAServer) {
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "prisma" / GetParam();
  auto schema = parser::prisma::ReadPrismaSchema((dir / "schema.prisma").string());
  ASSERT_TRUE(schema.ok()) << schema.status();
  ASSERT_TRUE(schema->diagnostics.empty()) << schema->diagnostics[0].message;
  std::string sql = testutil::ReadFileOrDie(dir / "prisma.sql");
  ASSERT_NE(sql.find("CREATE"), std::string::npos) << "prisma.sql has no DDL";

  parser::pgddl::Replayer replayer;
  replayer.ApplyFile({(dir / "prisma.sql").string(), sql});
  for (const model::Diagnostic& d : replayer.diagnostics()) {
    EXPECT_NE(d.severity, model::Severity::kError) << d.message;
  }
  diff::ChangeSet replayed = diff::Diff(schema->schema, replayer.Result());
  EXPECT_TRUE(replayed.empty()) << "schema -> replayed prisma.sql:\n"
                                << diff::RenderSummary(replayed);

  DRIFT_REQUIRE_TEST_DATABASE(db);
  db->Execute(sql);
  auto url = introspect::ParseDatabaseUrl(db->url());
  auto live = introspect::Describe(*url, {});
  ASSERT_TRUE(live.ok()) << live.status();
  diff::ChangeSet on_server = diff::Diff(schema->schema, live->schema);
  EXPECT_TRUE(on_server.empty()) << "schema -> server:\n" << diff::RenderSummary(on_server);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PrismaGolden,
                         testing::ValuesIn(testutil::ListFixtureCases("prisma", "schema.prisma")),
                         [](const auto& param_info) { return param_info.param; });

// fixtures/prisma-verdicts/<case>: schemas Prisma's engine refuses, with the line of its
// first error in engine.txt ("<line>: <message>", scripts/prisma-goldens.sh). drift
// refuses each too, first at the same line; the wording is drift's own.
class PrismaVerdict : public testing::TestWithParam<std::string> {};

TEST_P(PrismaVerdict, RefusedWhereTheEngineRefusesIt) {
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "prisma-verdicts" / GetParam();
  std::string engine = testutil::ReadFileOrDie(dir / "engine.txt");
  uint32_t engine_line = static_cast<uint32_t>(std::stoul(engine.substr(0, engine.find(':'))));
  auto schema = parser::prisma::ReadPrismaSchema((dir / "schema.prisma").string());
  ASSERT_TRUE(schema.ok()) << schema.status();
  ASSERT_FALSE(schema->diagnostics.empty()) << "drift accepts what the engine refused: " << engine;
  const model::Diagnostic& first = schema->diagnostics[0];
  EXPECT_EQ(first.severity, model::Severity::kError);
  EXPECT_EQ(first.span.line, engine_line) << first.message << "\nengine: " << engine;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, PrismaVerdict,
    testing::ValuesIn(testutil::ListFixtureCases("prisma-verdicts", "schema.prisma")),
    [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace drift
