// The one walk over a history: stepping the end state back through the state log equals
// the state replay had at that boundary, the matcher's incremental fingerprints equal a
// full rescan after every statement, and the walk keeps what the commands ask for —
// on our fixture histories, a generated one and the real histories of the shared corpus.
#include "engine/history_trace.h"

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "diff/render.h"
#include "engine/state_log.h"
#include "model/normalize.h"
#include "parser/pgddl/replay.h"
#include "testutil/corpus.h"
#include "testutil/synthetic_history.h"

namespace drift::engine {
namespace {

namespace fs = std::filesystem;
using parser::pgddl::Replayer;
using parser::pgddl::Statement;

parser::MigrationsDir Read(const fs::path& path) {
  absl::StatusOr<parser::MigrationsDir> dir = parser::ReadMigrationsDir(path.string());
  EXPECT_TRUE(dir.ok()) << path;
  return dir.ok() ? *dir : parser::MigrationsDir{};
}

model::Schema Normalized(model::Schema s) {
  model::Normalize(s);
  return s;
}

// Record()'s look-ups the plain way: by scanning the state.
StateLog::Lookups ScanningLookups(Replayer& replayer) {
  static std::set<model::QualifiedName> referrers;
  return {[&replayer](const model::QualifiedName& name) { return replayer.FindTable(name); },
          [&replayer](const model::QualifiedName& name) -> const std::set<model::QualifiedName>& {
            referrers.clear();
            for (const model::Table& t : replayer.schema().tables) {
              for (const model::Constraint& c : t.constraints) {
                if (c.kind == model::ConstraintKind::kForeignKey && c.ref_table == name)
                  referrers.insert(t.name);
              }
            }
            return referrers;
          }};
}

// Replays `dir` once, keeping a copy of the state at every statement boundary (or only at
// migration ends), then steps the end state back through each and compares.
void ExpectStepBackEqualsReplay(const parser::MigrationsDir& dir, bool every_statement) {
  Replayer replayer;
  StateLog log;
  const StateLog::Lookups lookups = ScanningLookups(replayer);
  std::vector<std::pair<int64_t, model::Schema>> kept{{0, replayer.schema()}};
  int64_t position = 0;
  for (const parser::Migration& m : dir.migrations) {
    replayer.ApplyFile(
        m.script,
        [&](const Statement&) {
          ++position;
          if (every_statement) kept.emplace_back(position, replayer.schema());
        },
        [&](const Statement& s) {
          log.Record(position + 1, replayer.schema(), Replayer::TouchedBy(s), lookups);
        });
    if (!every_statement) kept.emplace_back(position, replayer.schema());
  }
  ASSERT_EQ(log.size(), static_cast<size_t>(position));
  // From the end back, one boundary at a time: each step starts where the last ended.
  model::Schema stepped = replayer.schema();
  int64_t from = position;
  for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
    const auto& [at, state] = *it;
    log.StepBack(stepped, from, at);
    from = at;
    diff::ChangeSet changes = diff::Diff(Normalized(stepped), Normalized(state));
    EXPECT_TRUE(changes.empty()) << dir.path << " after statement " << at << ":\n"
                                 << diff::RenderSummary(changes);
  }
}

// WalkHistory against the end state with verify_incremental: zero rescan differences.
void ExpectIncrementalEqualsRescan(const parser::MigrationsDir& dir) {
  model::Schema live = parser::ReplayMigrations(dir, std::nullopt).schema;
  HistoryTrace t = WalkHistory(dir, {.live = &live, .match = {.verify_incremental = true}});
  ASSERT_TRUE(t.match.has_value());
  EXPECT_EQ(t.match->rescan_differences, 0) << dir.path;
}

std::vector<fs::path> FixtureHistories() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(DRIFT_FIXTURES_DIR) / "histories"))
    out.push_back(e.path() / "migrations");
  std::sort(out.begin(), out.end());
  return out;
}

TEST(StateLog, SteppingBackEqualsReplayInOurHistories) {
  for (const fs::path& p : FixtureHistories()) ExpectStepBackEqualsReplay(Read(p), true);
  ExpectStepBackEqualsReplay(testutil::SyntheticHistory(60), true);
}

TEST(StateLog, SteppingBackEqualsReplayInRealHistories) {
  for (const char* name : {"litellm", "umami", "civitai"}) {
    fs::path p = testutil::SharedCorpus(name) / "migrations";
    DRIFT_REQUIRE_PATH(p);
    ExpectStepBackEqualsReplay(Read(p), std::string(name) != "civitai");
  }
}

TEST(StateLog, ForgetKeepsWhatLaterBoundariesNeed) {
  parser::MigrationsDir dir = testutil::SyntheticHistory(10);
  Replayer replayer;
  StateLog log;
  const StateLog::Lookups lookups = ScanningLookups(replayer);
  int64_t position = 0;
  model::Schema at_five;
  for (const parser::Migration& m : dir.migrations) {
    replayer.ApplyFile(
        m.script,
        [&](const Statement&) {
          if (++position == 5) at_five = replayer.schema();
        },
        [&](const Statement& s) {
          log.Record(position + 1, replayer.schema(), Replayer::TouchedBy(s), lookups);
        });
  }
  log.Forget(5);
  EXPECT_EQ(log.size(), static_cast<size_t>(position - 5));
  model::Schema stepped = replayer.schema();
  log.StepBack(stepped, position, 5);
  EXPECT_TRUE(diff::Diff(Normalized(stepped), Normalized(at_five)).empty());
}

TEST(Matcher, IncrementalFingerprintsEqualAFullRescanInOurHistories) {
  for (const fs::path& p : FixtureHistories()) ExpectIncrementalEqualsRescan(Read(p));
  ExpectIncrementalEqualsRescan(testutil::SyntheticHistory(60));
}

TEST(Matcher, IncrementalFingerprintsEqualAFullRescanInLiteLLM) {
  fs::path p = testutil::LiteLLMCorpus() / "migrations";
  DRIFT_REQUIRE_PATH(p);
  ExpectIncrementalEqualsRescan(Read(p));
}

TEST(WalkHistory, ReplaysEachMigrationOnceAndKeepsTheMatchedAndClaimedStates) {
  parser::MigrationsDir dir = testutil::SyntheticHistory(30);
  model::Schema at12 = parser::ReplayMigrations(dir, dir.migrations[11].name).schema;
  int64_t before = Replayer::FilesApplied();
  HistoryTrace t = WalkHistory(dir, {.live = &at12, .keep_matched = true, .keep_after = 20});
  EXPECT_EQ(Replayer::FilesApplied() - before, 30);
  ASSERT_TRUE(t.match && t.matched_state && t.kept_state);
  EXPECT_TRUE(t.match->exact);
  EXPECT_EQ(t.match->index, 12);
  EXPECT_TRUE(diff::Diff(*t.matched_state, at12).empty());
  model::Schema at20 = parser::ReplayMigrations(dir, dir.migrations[19].name).schema;
  EXPECT_TRUE(diff::Diff(*t.kept_state, at20).empty());
  model::Schema end = parser::ReplayMigrations(dir, std::nullopt).schema;
  EXPECT_TRUE(diff::Diff(t.end, end).empty());
  // As of migration 20, the column renamed in migration 4 ("name" -> "title") last
  // changed there, on the line of its statement.
  auto it = t.kept_origin.find("column public.T0.title");
  ASSERT_NE(it, t.kept_origin.end());
  EXPECT_EQ(it->second.migration, dir.migrations[3].name);
  EXPECT_EQ(it->second.line, 3);
}

TEST(WalkHistory, KeepsAStateInsideAMigration) {
  parser::MigrationsDir dir = testutil::SyntheticHistory(8);
  // After migration 6 plus the first statement of migration 7 (the column, not its index).
  Replayer r;
  for (int i = 0; i < 6; ++i) r.ApplyFile(dir.migrations[static_cast<size_t>(i)].script);
  r.ApplyFile({"x.sql", "ALTER TABLE \"T5\" ADD COLUMN \"score\" INTEGER NOT NULL DEFAULT 0;\n"});
  model::Schema live = r.TakeResult();
  HistoryTrace t = WalkHistory(dir, {.live = &live, .keep_matched = true});
  ASSERT_TRUE(t.match && t.matched_state);
  EXPECT_EQ(t.match->partial_migration, 7);
  EXPECT_EQ(t.match->partial_statements, 1);
  EXPECT_TRUE(t.match->exact || t.match->distance == 0);
  EXPECT_TRUE(diff::Diff(*t.matched_state, live).empty())
      << diff::RenderSummary(diff::Diff(*t.matched_state, live));
  ASSERT_EQ(t.partial_statements.size(), 1u);
  EXPECT_EQ(t.partial_statements[0].location, "synthetic/00000007_step/migration.sql:2");
}

}  // namespace
}  // namespace drift::engine
