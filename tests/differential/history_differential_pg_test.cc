// The short run of the differential tester of replay against the server: a fixed range
// of generated histories (history_differential.h), each applied to a real PostgreSQL and
// replayed, with one pair of its states checked through --format sql. The long run is
// build/tests/drift_history_differential (docs/ARCHITECTURE.md).
#include <gtest/gtest.h>

#include "differential/history_differential.h"
#include "differential/history_generator.h"
#include "testutil/test_database.h"

namespace drift::differential {
namespace {

constexpr uint64_t kHistories = 60;

TEST(HistoryDifferential, GeneratedHistoriesReplayAsTheServerRunsThem) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  HistoryChecker checker(db->url());
  size_t statements = 0, sql_pairs = 0, refused = 0;
  for (uint64_t seed = 1; seed <= kHistories; ++seed) {
    GeneratedHistory history = GenerateHistory(seed);
    HistoryOutcome o = checker.Check(history);
    statements += o.statements_run;
    sql_pairs += o.sql_checked ? 1 : 0;
    refused += o.server_refused ? 1 : 0;
    if (o.finding != HistoryFinding::kNone) {
      GeneratedHistory small = checker.Minimise(history, o);
      ADD_FAILURE() << "seed " << seed << ": " << HistoryFindingName(o.finding) << "\n"
                    << checker.Check(small).detail << "\nminimised history:\n"
                    << small.Listing();
    }
  }
  // The run covers something: most histories run to their end, most check a pair.
  EXPECT_GT(statements, kHistories * 10);
  EXPECT_GT(sql_pairs, kHistories / 2);
  EXPECT_LT(refused, kHistories / 2);
  std::printf("%zu statements compared, %zu ended where both refused, %zu --format sql pairs\n",
              statements, refused, sql_pairs);
}

TEST(HistoryDifferential, TheSameSeedGivesTheSameHistory) {
  EXPECT_EQ(GenerateHistory(11).Listing(), GenerateHistory(11).Listing());
  EXPECT_NE(GenerateHistory(11).Listing(), GenerateHistory(12).Listing());
}

}  // namespace
}  // namespace drift::differential
