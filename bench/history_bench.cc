// Whole-history benchmarks: drift's answers about a migration history (`drift check`,
// `drift baseline`, `drift diff`, each a whole process) beside the shadow-database
// approach, on the LiteLLM history (beside the checkout) and on a generated history of
// 1,000 migrations (tests/testutil/synthetic_history.h), each against a database that
// ran the whole history and whose ledger records it. The server comes from
// DRIFT_TEST_PG_URL.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "introspect/describe.h"
#include "testutil/synthetic_history.h"

namespace {

namespace fs = std::filesystem;
using drift::bench::DatabaseOnServer;
using drift::bench::RunCommand;
using drift::bench::ServerUrl;

// A migrations folder on disk and its scripts in folder order.
struct History {
  std::string name;  // for database names: "litellm", "synthetic_1000"
  std::string dir;
  std::vector<std::string> scripts;
};

History LiteLLM() {
  History h{"litellm", std::string(DRIFT_SOURCE_DIR) + "/../shared/corpus/litellm/migrations", {}};
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(h.dir, ec)) {
    if (e.is_directory()) names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    std::ifstream in(h.dir + "/" + n + "/migration.sql", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    h.scripts.push_back(text.str());
  }
  return h;
}

// The generated history of `n` migrations, written once to a folder under the temp dir.
History Synthetic(int n) {
  History h{"synthetic_" + std::to_string(n),
            (fs::temp_directory_path() / ("drift_bench_synthetic_" + std::to_string(n))).string(),
            {}};
  drift::parser::MigrationsDir dir = drift::testutil::SyntheticHistory(n);
  for (const drift::parser::Migration& m : dir.migrations) {
    fs::create_directories(fs::path(h.dir) / m.name);
    std::ofstream(fs::path(h.dir) / m.name / "migration.sql", std::ios::binary) << m.script.text;
    h.scripts.push_back(m.script.text);
  }
  return h;
}

// The history, or none with the benchmark skipped when there is no server or no corpus.
const History* HistoryOrSkip(benchmark::State& state, const std::string& which) {
  static std::map<std::string, History> histories;
  if (ServerUrl() == nullptr) {
    state.SkipWithError("DRIFT_TEST_PG_URL is not set");
    return nullptr;
  }
  auto it = histories.find(which);
  if (it == histories.end()) {
    History h = which == "litellm" ? LiteLLM() : Synthetic(std::stoi(which));
    it = histories.emplace(which, std::move(h)).first;
  }
  if (it->second.scripts.empty()) {
    state.SkipWithError("the LiteLLM corpus is not beside this checkout");
    return nullptr;
  }
  return &it->second;
}

// Runs every script in `url`'s database the way Prisma does: each file one query.
void RunScripts(const History& h, const std::string& url) {
  pqxx::connection conn(url);
  for (const std::string& script : h.scripts) pqxx::nontransaction(conn).exec(script);
}

// The shadow-database approach: create a database, run every migration in it, drop it.
// Without `read_each_state`, introspecting it afterwards is not even counted; with it,
// the catalog is read after each migration, as finding which state a live database is in
// would need (the comparisons themselves not counted).
void ShadowReplay(benchmark::State& state, const std::string& which, bool read_each_state) {
  const History* h = HistoryOrSkip(state, which);
  if (h == nullptr) return;
  std::string shadow = DatabaseOnServer("drift_bench_shadow");
  auto url = drift::introspect::ParseDatabaseUrl(shadow);
  for (auto _ : state) {
    pqxx::connection admin(ServerUrl());
    pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS drift_bench_shadow");
    pqxx::nontransaction(admin).exec("CREATE DATABASE drift_bench_shadow");
    {
      pqxx::connection conn(shadow);
      for (const std::string& script : h->scripts) {
        pqxx::nontransaction(conn).exec(script);
        if (read_each_state) {
          auto catalog = drift::introspect::Describe(*url, {});
          benchmark::DoNotOptimize(catalog);
        }
      }
    }
    pqxx::nontransaction(admin).exec("DROP DATABASE drift_bench_shadow");
  }
  state.counters["migrations"] = static_cast<double>(h->scripts.size());
}

// A database that ran the whole history, its ledger written by `drift baseline --apply`
// (made once per server, kept); "" when skipped.
std::string LiveDatabase(benchmark::State& state, const History* h) {
  std::string database = "drift_bench_live_" + h->name;
  std::string live = DatabaseOnServer(database);
  pqxx::connection admin(ServerUrl());
  if (pqxx::nontransaction(admin)
          .exec("SELECT 1 FROM pg_database WHERE datname = " + admin.quote(database))
          .empty()) {
    pqxx::nontransaction(admin).exec("CREATE DATABASE " + database);
    RunScripts(*h, live);
    std::string baseline = std::string(DRIFT_BINARY) + " baseline --apply --migrations '" +
                           h->dir + "' --url '" + live + "' > /dev/null";
    if (std::system(baseline.c_str()) != 0) {
      state.SkipWithError(("command failed: " + baseline).c_str());
      return "";
    }
  }
  return live;
}

// Runs `drift <command> --migrations <dir> <url_flag> <live>` as a whole process.
void DriftProcess(benchmark::State& state, const std::string& which, const std::string& command,
                  const std::string& url_flag) {
  const History* h = HistoryOrSkip(state, which);
  if (h == nullptr) return;
  std::string live = LiveDatabase(state, h);
  if (live.empty()) return;
  RunCommand(state, std::string(DRIFT_BINARY) + " " + command + " '" + h->dir + "' " + url_flag +
                        " '" + live + "' > /dev/null");
  state.counters["migrations"] = static_cast<double>(h->scripts.size());
}

void BM_ShadowReplayLiteLLM(benchmark::State& state) { ShadowReplay(state, "litellm", false); }
void BM_ShadowFindStateLiteLLM(benchmark::State& state) { ShadowReplay(state, "litellm", true); }
void BM_ShadowReplaySynthetic(benchmark::State& state) {
  ShadowReplay(state, std::to_string(state.range(0)), false);
}

void BM_DriftCheckLiteLLMProcess(benchmark::State& state) {
  DriftProcess(state, "litellm", "check --migrations", "--url");
}
void BM_DriftCheckSyntheticProcess(benchmark::State& state) {
  DriftProcess(state, std::to_string(state.range(0)), "check --migrations", "--url");
}
void BM_DriftBaselineLiteLLMProcess(benchmark::State& state) {
  DriftProcess(state, "litellm", "baseline --migrations", "--url");
}
void BM_DriftBaselineSyntheticProcess(benchmark::State& state) {
  DriftProcess(state, std::to_string(state.range(0)), "baseline --migrations", "--url");
}
// `drift audit` with the whole history pending: an empty database (made once), so every
// migration is audited and no table holds rows to probe.
void BM_DriftAuditAllPendingProcess(benchmark::State& state) {
  const History* h = HistoryOrSkip(state, std::to_string(state.range(0)));
  if (h == nullptr) return;
  const std::string empty = DatabaseOnServer("drift_bench_empty");
  pqxx::connection admin(ServerUrl());
  if (pqxx::nontransaction(admin)
          .exec("SELECT 1 FROM pg_database WHERE datname = 'drift_bench_empty'")
          .empty()) {
    pqxx::nontransaction(admin).exec("CREATE DATABASE drift_bench_empty");
  }
  // Exit 1 (an error finding) is a result, not a failure.
  RunCommand(state, std::string(DRIFT_BINARY) + " audit --migrations '" + h->dir + "' --url '" +
                        empty + "' > /dev/null; test $? -le 1");
  state.counters["migrations"] = static_cast<double>(h->scripts.size());
}

void BM_DriftDiffLiteLLMProcess(benchmark::State& state) {
  DriftProcess(state, "litellm", "diff --exit-code --from-migrations", "--to-url");
}

// The floor under any tool that reads the live catalog: a login alone (TCP, scram), and
// the catalog read of the LiteLLM database in a fresh backend (in-process Describe()),
// whose cost is mostly the server loading its catalog caches.
void BM_LoginLiteLLM(benchmark::State& state) {
  const History* h = HistoryOrSkip(state, "litellm");
  if (h == nullptr) return;
  std::string live = LiveDatabase(state, h);
  if (live.empty()) return;
  for (auto _ : state) {
    pqxx::connection conn(live);
    benchmark::DoNotOptimize(conn.server_version());
  }
}

void BM_DescribeLiteLLM(benchmark::State& state) {
  const History* h = HistoryOrSkip(state, "litellm");
  if (h == nullptr) return;
  std::string live = LiveDatabase(state, h);
  if (live.empty()) return;
  auto url = drift::introspect::ParseDatabaseUrl(live);
  for (auto _ : state) {
    auto catalog = drift::introspect::Describe(*url, {});
    if (!catalog.ok()) {
      state.SkipWithError(std::string(catalog.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(catalog->schema.tables.size());
  }
}

BENCHMARK(BM_ShadowReplayLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftCheckLiteLLMProcess)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftBaselineLiteLLMProcess)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftDiffLiteLLMProcess)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ShadowFindStateLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ShadowReplaySynthetic)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftCheckSyntheticProcess)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftBaselineSyntheticProcess)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftAuditAllPendingProcess)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoginLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DescribeLiteLLM)->Unit(benchmark::kMillisecond);

}  // namespace
