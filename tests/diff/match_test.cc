// The matcher: the state a database is in, ties, partial migrations, unmanaged objects,
// and its cost as the history grows (the `fingerprints` counting hook).
#include "diff/match.h"

#include <gtest/gtest.h>

#include <chrono>

#include "engine/commands.h"
#include "parser/migrations.h"
#include "parser/pgddl/replay.h"
#include "testutil/synthetic_history.h"

namespace drift::diff {
namespace {

using testutil::SyntheticHistory;

model::Schema StateAfter(const parser::MigrationsDir& dir, int k) {
  return parser::ReplayMigrations(dir, dir.migrations[static_cast<size_t>(k - 1)].name).schema;
}

TEST(Matcher, FindsEveryStateOfASyntheticHistory) {
  parser::MigrationsDir dir = SyntheticHistory(40);
  for (int k = 1; k <= 40; ++k) {
    engine::BaselineReport m = engine::Baseline(dir, StateAfter(dir, k), {}, {}, {});
    EXPECT_TRUE(m.match.exact) << "k=" << k << " distance " << m.match.distance;
    EXPECT_EQ(m.match.index, k);
    EXPECT_TRUE(m.drift.empty()) << k;
  }
}

TEST(Matcher, CostIsLinearInStatementsAndObjects) {
  // The live database is the end of the history: the most objects there can be.
  int64_t per_statement[3];
  const int sizes[] = {1000, 2000, 4000};
  for (int i = 0; i < 3; ++i) {
    parser::MigrationsDir dir = SyntheticHistory(sizes[i]);
    model::Schema live = StateAfter(dir, sizes[i]);
    engine::BaselineReport m = engine::Baseline(dir, live, {}, {}, {});
    ASSERT_TRUE(m.match.exact);
    ASSERT_EQ(m.match.index, sizes[i]);
    // Statements: 2 per migration but the first of each group of five.
    const int64_t statements = sizes[i] / 5 * 9;
    int64_t live_objects = 0;
    for (const model::Table& t : live.tables) {
      live_objects += 1 + static_cast<int64_t>(t.columns.size() + t.constraints.size());
    }
    live_objects += static_cast<int64_t>(live.indexes.size() + live.enums.size());
    per_statement[i] = m.match.fingerprints;
    // Each statement refingerprints one table's handful of objects, never the schema.
    EXPECT_LE(m.match.fingerprints, 12 * (statements + live_objects))
        << sizes[i] << " migrations: " << m.match.fingerprints << " fingerprints";
  }
  // Doubling the history doubles the work (a full comparison per migration would
  // quadruple it).
  EXPECT_LT(static_cast<double>(per_statement[1]) / per_statement[0], 2.2);
  EXPECT_LT(static_cast<double>(per_statement[2]) / per_statement[1], 2.2);
}

TEST(Matcher, ATieOverADataMigrationIsAmbiguous) {
  parser::MigrationsDir dir = SyntheticHistory(3);
  parser::Migration data;
  data.name = "00000003_backfill";
  data.script = {"synthetic/00000003_backfill/migration.sql", "UPDATE \"T0\" SET \"score\" = 2;\n"};
  data.has_script = true;
  dir.migrations.insert(dir.migrations.begin() + 2, data);  // between 2 and the enum
  model::Schema live = StateAfter(dir, 2);
  engine::BaselineReport m = engine::Baseline(dir, live, {}, {}, {});
  EXPECT_TRUE(m.match.exact);
  EXPECT_EQ(m.match.tied, (std::vector<int>{2, 3}));
  EXPECT_TRUE(m.match.tie_has_data);
  EXPECT_TRUE(m.match.ambiguous);
}

TEST(Matcher, APartialMigrationAndUnmanagedObjects) {
  parser::MigrationsDir dir = SyntheticHistory(5);
  // After migration 2 plus the first statement of migration 3 (the enum, not its column).
  parser::pgddl::Replayer r;
  for (int i = 0; i < 2; ++i) r.ApplyFile(dir.migrations[static_cast<size_t>(i)].script);
  r.ApplyFile(
      {"x.sql",
       "CREATE TYPE \"E0\" AS ENUM ('A', 'B');\nCREATE TABLE \"Audit\" (\"id\" INTEGER);\n"});
  model::Schema live = r.TakeResult();
  engine::BaselineReport m = engine::Baseline(dir, live, {}, {}, {});
  EXPECT_EQ(m.match.partial_migration, 3);
  EXPECT_EQ(m.match.partial_statements, 1);
  EXPECT_EQ(m.match.partial_total, 2);
  EXPECT_EQ(m.match.distance, 0) << "the Audit table is unmanaged, not counted";
  EXPECT_TRUE(m.match.unmanaged.contains("table public.Audit"));
  ASSERT_EQ(m.unmanaged.size(), 1u);

  engine::BaselineReport strict = engine::Baseline(dir, live, {}, {.strict = true}, {});
  EXPECT_EQ(strict.match.distance, 2) << "the table and its column";
}

}  // namespace
}  // namespace drift::diff
