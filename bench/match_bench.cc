// The matcher over generated histories of growing length: replay every statement,
// refingerprint what it touched, one full comparison at the answer. The live database is
// the end of the history, so every object is there to compare.
#include <benchmark/benchmark.h>

#include "engine/commands.h"
#include "testutil/synthetic_history.h"

namespace drift {
namespace {

void BM_MatchSynthetic(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  parser::MigrationsDir dir = testutil::SyntheticHistory(n);
  model::Schema live = parser::ReplayMigrations(dir, std::nullopt).schema;
  int64_t fingerprints = 0;
  for (auto _ : state) {
    engine::BaselineReport m = engine::Baseline(dir, live, {}, {}, {});
    if (!m.match.exact || m.match.index != n) {
      state.SkipWithError("the end of the history was not matched");
      return;
    }
    fingerprints = m.match.fingerprints;
  }
  state.counters["migrations"] = n;
  state.counters["fingerprints"] = static_cast<double>(fingerprints);
  state.counters["per_migration"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate |
                                                     benchmark::Counter::kInvert);
}

// The walk alone (replay and matcher, no state kept, no final diff): what keeping the
// matched state and the final comparison add is the difference to BM_MatchSynthetic.
void BM_WalkOnlySynthetic(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  parser::MigrationsDir dir = testutil::SyntheticHistory(n);
  model::Schema live = parser::ReplayMigrations(dir, std::nullopt).schema;
  for (auto _ : state) {
    engine::HistoryTrace t = engine::WalkHistory(dir, {.live = &live});
    benchmark::DoNotOptimize(t.match->index);
  }
}
BENCHMARK(BM_WalkOnlySynthetic)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MatchSynthetic)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace drift
