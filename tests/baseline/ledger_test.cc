#include "baseline/ledger.h"

#include <gtest/gtest.h>

#include "baseline/checksum.h"

namespace drift::baseline {
namespace {

model::LedgerRow Row(const std::string& name, const std::string& script, bool finished = true,
                     bool rolled_back = false) {
  model::LedgerRow r;
  r.id = "id-" + name;
  r.checksum = MigrationChecksum(script);
  r.migration_name = name;
  r.started_at = "2025-01-01T00:00:00.000000Z";
  if (finished) r.finished_at = "2025-01-01T00:00:01.000000Z";
  if (rolled_back) r.rolled_back_at = "2025-01-02T00:00:00.000000Z";
  return r;
}

TEST(ClassifyLedger, EveryStatePrismaKnowsAndRenames) {
  std::vector<FolderMigration> folder = {
      {"1_init", "CREATE TABLE a (id int);\n"},    {"2_crlf", "CREATE TABLE b (id int);\n"},
      {"3_edited", "CREATE TABLE c (id int);\n"},  {"4_failed", "CREATE TABLE d (id int);\n"},
      {"5_rolled", "CREATE TABLE e (id int);\n"},  {"6_renamed_now", "CREATE TABLE f (id int);\n"},
      {"7_pending", "CREATE TABLE g (id int);\n"},
  };
  model::Ledger ledger;
  ledger.present = true;
  ledger.rows = {Row("1_init", folder[0].script),
                 Row("2_crlf", "CREATE TABLE b (id int);\r\n"),  // applied from a CRLF checkout
                 Row("3_edited", "CREATE TABLE c (id integer);\n"),
                 Row("4_failed", folder[3].script, /*finished=*/false),
                 Row("5_rolled", folder[4].script, false, /*rolled_back=*/true),
                 Row("6_old_name", folder[5].script),
                 Row("0_gone", "DROP TABLE x;")};
  ledger.rows.push_back(Row("8_bad_checksum", "x"));
  ledger.rows.back().checksum = "not hex at all";
  LedgerReport r = ClassifyLedger(folder, ledger);
  ASSERT_EQ(r.entries.size(), 9u);
  std::vector<std::pair<std::string, LedgerState>> want = {
      {"1_init", LedgerState::kApplied},        {"2_crlf", LedgerState::kApplied},
      {"3_edited", LedgerState::kEdited},       {"4_failed", LedgerState::kFailed},
      {"5_rolled", LedgerState::kRolledBack},   {"6_renamed_now", LedgerState::kRenamed},
      {"7_pending", LedgerState::kPending},     {"0_gone", LedgerState::kMissing},
      {"8_bad_checksum", LedgerState::kMissing}};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(r.entries[i].migration, want[i].first);
    EXPECT_EQ(r.entries[i].state, want[i].second)
        << want[i].first << ": " << LedgerStateName(r.entries[i].state);
  }
  EXPECT_EQ(r.entries[5].renamed_from, "6_old_name");
  EXPECT_EQ(r.applied_prefix, 3);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.pending, 1);
  EXPECT_EQ(r.missing, 2);
}

TEST(ClassifyLedger, NoTableMeansEverythingPending) {
  LedgerReport r = ClassifyLedger({{"1_a", "x"}, {"2_b", "y"}}, {});
  EXPECT_FALSE(r.has_table);
  EXPECT_EQ(r.pending, 2);
  EXPECT_EQ(r.applied_prefix, 0);
}

}  // namespace
}  // namespace drift::baseline
