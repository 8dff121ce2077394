// Diff between two real databases (ctest label "pg"): fixtures/diff/<case>/from.sql and
// to.sql are loaded into two fresh databases; the summary and JSON must equal the
// golden files, and the comparison must be symmetric and empty against itself.
#include <gtest/gtest.h>

#include <filesystem>

#include "diff/diff.h"
#include "diff/render.h"
#include "introspect/describe.h"
#include "testutil/test_database.h"

namespace drift::diff {
namespace {

namespace fs = std::filesystem;

model::Schema DescribeOrDie(const std::string& url_text) {
  auto url = introspect::ParseDatabaseUrl(url_text);
  EXPECT_TRUE(url.ok());
  auto catalog = introspect::Describe(*url, {});
  EXPECT_TRUE(catalog.ok()) << catalog.status();
  return catalog.ok() ? catalog->schema : model::Schema{};
}

class DiffGolden : public testing::TestWithParam<std::string> {};

TEST_P(DiffGolden, SummaryAndJsonMatchGolden) {
  DRIFT_REQUIRE_TEST_DATABASE(from_db);
  DRIFT_REQUIRE_TEST_DATABASE(to_db);
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "diff" / GetParam();
  from_db->Execute(testutil::ReadFileOrDie(dir / "from.sql"));
  to_db->Execute(testutil::ReadFileOrDie(dir / "to.sql"));
  model::Schema from = DescribeOrDie(from_db->url());
  model::Schema to = DescribeOrDie(to_db->url());

  ChangeSet changes = Diff(from, to);
  auto golden = [&](const char* stem) {
    return testutil::VersionedGolden(dir, stem, from_db->PgMajor());
  };
  EXPECT_EQ(testutil::CompareWithGolden(RenderSummary(changes), golden("summary")), "");
  EXPECT_EQ(testutil::CompareWithGolden(RenderJson(changes), golden("diff.json")), "");

  // The SQL, run on the "from" database, turns it into "to" (migra's apply-and-re-diff).
  std::string sql = RenderSql(from, to, changes);
  EXPECT_EQ(testutil::CompareWithGolden(sql, golden("migration.sql")), "");
  from_db->Execute(sql);
  ChangeSet after = Diff(DescribeOrDie(from_db->url()), to);
  EXPECT_TRUE(after.empty()) << "after the generated SQL:\n" << RenderSummary(after);

  EXPECT_TRUE(Diff(from, from).empty());
  EXPECT_TRUE(Diff(to, to).empty());
  // Backwards, every added object is removed and the other way round.
  ChangeSet back = Diff(to, from);
  ASSERT_EQ(back.size(), changes.size());
  for (size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].path, changes[i].path);
    if (changes[i].kind == DiffKind::kAdded) {
      EXPECT_EQ(back[i].kind, DiffKind::kRemoved);
    } else if (changes[i].kind == DiffKind::kRemoved) {
      EXPECT_EQ(back[i].kind, DiffKind::kAdded);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DiffGolden,
                         testing::ValuesIn(testutil::ListFixtureCases("diff", "from.sql")),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace drift::diff
