// The rules of `drift baseline`'s plan, one test each, with no database: which migrations
// are recorded, the tie policy and --prefer, --allow-drift, ledger conflicts and --force,
// a partial migration, and idempotence.
#include "engine/baseline_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "baseline/checksum.h"

namespace drift::engine {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;

std::vector<baseline::FolderMigration> Folder(int n) {
  std::vector<baseline::FolderMigration> out;
  for (int i = 1; i <= n; ++i)
    out.push_back({"2024010" + std::to_string(i) + "_m", "-- m" + std::to_string(i) + "\n"});
  return out;
}

diff::MatchResult ExactAt(int index) {
  diff::MatchResult r;
  r.index = index;
  r.exact = true;
  return r;
}

model::LedgerRow Row(const std::string& name, bool finished = true, bool rolled_back = false) {
  model::LedgerRow row;
  row.migration_name = name;
  if (finished) row.finished_at = "2024-01-01 00:00:00+00";
  if (rolled_back) row.rolled_back_at = "2024-01-01 00:00:00+00";
  return row;
}

std::vector<std::string> Names(const std::vector<baseline::PlannedRow>& rows) {
  std::vector<std::string> out;
  for (const baseline::PlannedRow& r : rows) out.push_back(r.migration);
  return out;
}

TEST(BaselinePlan, RecordsTheMigrationsUpToTheMatchWithTheirChecksums) {
  BaselinePlan p = PlanBaseline(ExactAt(2), Folder(3), {}, {});
  EXPECT_EQ(p.index, 2);
  EXPECT_THAT(Names(p.rows), ElementsAre("20240101_m", "20240102_m"));
  EXPECT_EQ(p.rows[1].checksum, baseline::MigrationChecksum("-- m2\n"));
  EXPECT_THAT(p.to_write, ElementsAre("20240101_m", "20240102_m"));
  EXPECT_THAT(p.refusals, IsEmpty());
}

TEST(BaselinePlan, BeforeTheFirstMigrationRecordsNothing) {
  BaselinePlan p = PlanBaseline(ExactAt(0), Folder(3), {}, {});
  EXPECT_THAT(p.rows, IsEmpty());
  EXPECT_THAT(p.refusals, IsEmpty());
}

TEST(BaselinePlan, NoExactStateIsRefusedUnlessDriftIsAllowed) {
  diff::MatchResult r = ExactAt(2);
  r.exact = false;
  r.distance = 3;
  BaselinePlan refused = PlanBaseline(r, Folder(3), {}, {});
  ASSERT_EQ(refused.refusals.size(), 1u);
  EXPECT_THAT(refused.refusals[0], HasSubstr("3 objects differ"));
  EXPECT_THAT(refused.refusals[0], HasSubstr("--allow-drift"));
  BaselinePlan allowed = PlanBaseline(r, Folder(3), {}, {.allow_drift = true});
  EXPECT_THAT(allowed.refusals, IsEmpty());
  EXPECT_EQ(allowed.index, 2);
}

TEST(BaselinePlan, AnAmbiguousTieIsRefusedUntilPreferChooses) {
  diff::MatchResult r = ExactAt(3);
  r.tied = {1, 2, 3};
  r.ambiguous = true;
  BaselinePlan refused = PlanBaseline(r, Folder(3), {}, {});
  ASSERT_EQ(refused.refusals.size(), 1u);
  EXPECT_THAT(refused.refusals[0], HasSubstr("--prefer earliest"));
  BaselinePlan earliest = PlanBaseline(r, Folder(3), {}, {.prefer = "earliest"});
  EXPECT_EQ(earliest.index, 1);
  EXPECT_THAT(earliest.refusals, IsEmpty());
  BaselinePlan latest = PlanBaseline(r, Folder(3), {}, {.prefer = "latest"});
  EXPECT_EQ(latest.index, 3);
  EXPECT_THAT(latest.refusals, IsEmpty());
}

TEST(BaselinePlan, AnUnambiguousTieIgnoresPrefer) {
  diff::MatchResult r = ExactAt(3);  // a no-op range: its end is the answer
  BaselinePlan p = PlanBaseline(r, Folder(3), {}, {.prefer = "earliest"});
  EXPECT_EQ(p.index, 3);
}

TEST(BaselinePlan, APartialMigrationIsRefusedEvenWithAllowDrift) {
  diff::MatchResult r = ExactAt(1);
  r.exact = false;
  r.partial_migration = 2;
  r.partial_statements = 1;
  r.partial_total = 4;
  BaselinePlan p = PlanBaseline(r, Folder(3), {}, {.allow_drift = true, .force = true});
  ASSERT_EQ(p.refusals.size(), 1u);
  EXPECT_THAT(p.refusals[0], HasSubstr("inside migration 20240102_m (1 of its 4 statements ran)"));
  EXPECT_THAT(Names(p.rows), ElementsAre("20240101_m"));
}

TEST(BaselinePlan, TheLedgerRecordingMoreThanTheDatabaseShowsIsRefusedUnlessForced) {
  model::Ledger ledger{.present = true,
                       .schema = "public",
                       .rows = {Row("20240101_m"), Row("20240103_m"), Row("20240102_m", false),
                                Row("20240104_gone", true, true)}};
  BaselinePlan refused = PlanBaseline(ExactAt(1), Folder(3), ledger, {});
  ASSERT_EQ(refused.refusals.size(), 1u);
  EXPECT_THAT(refused.refusals[0], HasSubstr("20240103_m, 20240102_m (failed); --force"));
  BaselinePlan forced = PlanBaseline(ExactAt(1), Folder(3), ledger, {.force = true});
  EXPECT_THAT(forced.refusals, IsEmpty());
}

TEST(BaselinePlan, RowsAlreadyRecordedAreNotWrittenAgain) {
  model::Ledger ledger{.present = true, .schema = "public", .rows = {Row("20240101_m")}};
  BaselinePlan p = PlanBaseline(ExactAt(2), Folder(3), ledger, {});
  EXPECT_THAT(p.to_write, ElementsAre("20240102_m"));
  EXPECT_TRUE(p.recorded.contains("20240101_m"));
  ledger.rows.push_back(Row("20240102_m"));
  BaselinePlan again = PlanBaseline(ExactAt(2), Folder(3), ledger, {});
  EXPECT_THAT(again.to_write, IsEmpty());
  EXPECT_THAT(again.refusals, IsEmpty());
}

TEST(BaselinePlan, ARolledBackRowIsNeitherRecordedNorAConflict) {
  model::Ledger ledger{
      .present = true, .schema = "public", .rows = {Row("20240102_m", true, true)}};
  BaselinePlan p = PlanBaseline(ExactAt(2), Folder(3), ledger, {});
  EXPECT_THAT(p.refusals, IsEmpty());
  EXPECT_THAT(p.to_write, ElementsAre("20240101_m", "20240102_m"));
}

}  // namespace
}  // namespace drift::engine
