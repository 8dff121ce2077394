// Introspection benchmarks: drift against `pg_dump --schema-only` on the same
// synthetic databases (N tables of 10 columns, 2 indexes and 1 foreign key each), and
// the pure rows -> model step. The server comes from DRIFT_TEST_PG_URL
// (scripts/pg-throwaway.sh starts one).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <string>

#include "introspect/build_schema.h"
#include "introspect/describe.h"
#include "introspect/pg_reader.h"

namespace {

const char* ServerUrl() { return std::getenv("DRIFT_TEST_PG_URL"); }

std::string DatabaseUrl(int tables) {
  std::string server = ServerUrl();
  return server.substr(0, server.rfind('/')) + "/drift_bench_" + std::to_string(tables);
}

std::string TableDdl(int i) {
  std::string t = "t" + std::to_string(i);
  std::string ref = "t" + std::to_string(i == 0 ? 0 : i - 1);
  return "CREATE TABLE " + t + " (id bigserial PRIMARY KEY, parent_id bigint REFERENCES " + ref +
         "(id), name text NOT NULL, qty integer DEFAULT 0, created_at timestamp(3) NOT NULL "
         "DEFAULT CURRENT_TIMESTAMP, meta jsonb DEFAULT '{}', active boolean NOT NULL DEFAULT "
         "false, price double precision, code varchar(255), tags text[]);"
         "CREATE INDEX " +
         t + "_name_idx ON " + t +
         " (name);"
         "CREATE UNIQUE INDEX " +
         t + "_code_key ON " + t + " (code);";
}

// Creates drift_bench_<tables> once per server; later runs reuse it.
bool EnsureDatabase(int tables, std::string* error) {
  static std::set<int> ready;
  if (ready.contains(tables)) return true;
  try {
    pqxx::connection server(ServerUrl());
    pqxx::nontransaction admin(server);
    std::string name = "drift_bench_" + std::to_string(tables);
    if (admin.exec("SELECT 1 FROM pg_database WHERE datname = " + admin.quote(name)).empty()) {
      admin.exec("CREATE DATABASE " + name);
      pqxx::connection conn(DatabaseUrl(tables));
      pqxx::nontransaction txn(conn);
      std::string batch;
      for (int i = 0; i < tables; ++i) {
        batch += TableDdl(i);
        if (i % 250 == 249 || i == tables - 1) {
          txn.exec(batch);
          batch.clear();
        }
      }
      txn.exec("ANALYZE");
    }
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
  ready.insert(tables);
  return true;
}

bool Prepare(benchmark::State& state, int tables) {
  if (ServerUrl() == nullptr) {
    state.SkipWithError("DRIFT_TEST_PG_URL is not set");
    return false;
  }
  std::string error;
  if (!EnsureDatabase(tables, &error)) {
    state.SkipWithError(error.c_str());
    return false;
  }
  return true;
}

// In-process: connect, 11-12 queries, build the canonical model.
void BM_Describe(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  if (!Prepare(state, tables)) return;
  auto url = drift::introspect::ParseDatabaseUrl(DatabaseUrl(tables));
  int round_trips = 0;
  for (auto _ : state) {
    auto catalog = drift::introspect::Describe(*url, {});
    if (!catalog.ok()) {
      state.SkipWithError(std::string(catalog.status().message()).c_str());
      return;
    }
    round_trips = catalog->round_trips;
    benchmark::DoNotOptimize(catalog->schema.tables.size());
  }
  state.counters["round_trips"] = round_trips;
  state.counters["tables"] = tables;
}

void RunCommand(benchmark::State& state, const std::string& command) {
  for (auto _ : state) {
    int rc = std::system(command.c_str());
    if (rc != 0) {
      state.SkipWithError(("command failed: " + command).c_str());
      return;
    }
  }
}

// Whole process, as a user runs it: `drift inspect --url … > /dev/null`.
void BM_DriftInspectProcess(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  if (!Prepare(state, tables)) return;
  RunCommand(state, std::string(DRIFT_BINARY) + " inspect --url '" + DatabaseUrl(tables) +
                        "' > /dev/null");
}

// The reference: `pg_dump --schema-only` of the same database.
void BM_PgDumpSchemaOnly(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  if (!Prepare(state, tables)) return;
  RunCommand(state,
             "pg_dump --schema-only --no-owner -d '" + DatabaseUrl(tables) + "' > /dev/null");
}

// Rows -> canonical model: the CPU part of introspection, on rows read once from the
// same synthetic database.
void BM_BuildCatalog(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  if (!Prepare(state, tables)) return;
  auto url = drift::introspect::ParseDatabaseUrl(DatabaseUrl(tables));
  int round_trips = 0;
  auto rows = drift::introspect::ReadCatalogRows(*url, {}, &round_trips);
  if (!rows.ok()) {
    state.SkipWithError(std::string(rows.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    auto catalog = drift::introspect::BuildCatalog(*rows);
    benchmark::DoNotOptimize(catalog.schema.tables.data());
  }
  state.SetItemsProcessed(state.iterations() * tables);
}

// The LiteLLM history (beside the checkout) and a database that ran it.
std::string LiteLLMDir() {
  return std::string(DRIFT_SOURCE_DIR) + "/../shared/corpus/litellm/migrations";
}

std::vector<std::string> LiteLLMScripts() {
  std::vector<std::string> names, scripts;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(LiteLLMDir(), ec)) {
    if (e.is_directory()) names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    std::ifstream in(LiteLLMDir() + "/" + n + "/migration.sql", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    scripts.push_back(text.str());
  }
  return scripts;
}

// LiteLLM's migration scripts; none, with the benchmark skipped, when there is no server
// or no corpus.
std::vector<std::string> LiteLLMScriptsOrSkip(benchmark::State& state) {
  if (ServerUrl() == nullptr) {
    state.SkipWithError("DRIFT_TEST_PG_URL is not set");
    return {};
  }
  std::vector<std::string> scripts = LiteLLMScripts();
  if (scripts.empty()) state.SkipWithError("the LiteLLM corpus is not beside this checkout");
  return scripts;
}

// The shadow-database approach: create a database, run every migration in it as Prisma
// does (each file one query, one connection), drop it. Without `read_each_state`,
// introspecting it afterwards, as Prisma also does, is not even counted; with it, the
// catalog is read after each migration, as finding which state a live database is in
// would need (the comparisons themselves not counted).
void ShadowReplay(benchmark::State& state, bool read_each_state) {
  std::vector<std::string> scripts = LiteLLMScriptsOrSkip(state);
  if (scripts.empty()) return;
  std::string server = ServerUrl();
  std::string shadow = server.substr(0, server.rfind('/')) + "/drift_bench_shadow";
  auto url = drift::introspect::ParseDatabaseUrl(shadow);
  for (auto _ : state) {
    pqxx::connection admin(server);
    pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS drift_bench_shadow");
    pqxx::nontransaction(admin).exec("CREATE DATABASE drift_bench_shadow");
    {
      pqxx::connection conn(shadow);
      for (const std::string& script : scripts) {
        pqxx::nontransaction(conn).exec(script);
        if (read_each_state) {
          auto catalog = drift::introspect::Describe(*url, {});
          benchmark::DoNotOptimize(catalog);
        }
      }
    }
    pqxx::nontransaction(admin).exec("DROP DATABASE drift_bench_shadow");
  }
  state.counters["migrations"] = static_cast<double>(scripts.size());
}

void BM_ShadowReplayLiteLLM(benchmark::State& state) { ShadowReplay(state, false); }
void BM_ShadowFindStateLiteLLM(benchmark::State& state) { ShadowReplay(state, true); }

// A database that ran the whole LiteLLM history (made once, kept); empty when there is
// no server or no corpus.
std::string LiteLLMDatabase(benchmark::State& state) {
  std::vector<std::string> scripts = LiteLLMScriptsOrSkip(state);
  if (scripts.empty()) return "";
  std::string server = ServerUrl();
  std::string live = server.substr(0, server.rfind('/')) + "/drift_bench_litellm";
  pqxx::connection admin(server);
  if (pqxx::nontransaction(admin)
          .exec("SELECT 1 FROM pg_database WHERE datname = 'drift_bench_litellm'")
          .empty()) {
    pqxx::nontransaction(admin).exec("CREATE DATABASE drift_bench_litellm");
    pqxx::connection conn(live);
    for (const std::string& script : scripts) pqxx::nontransaction(conn).exec(script);
  }
  return live;
}

// drift's answer to the same question, as a whole process: replay the history in memory,
// read the live catalog, compare.
void BM_DriftDiffLiteLLMProcess(benchmark::State& state) {
  std::string live = LiteLLMDatabase(state);
  if (live.empty()) return;
  RunCommand(state, std::string(DRIFT_BINARY) + " diff --from-migrations '" + LiteLLMDir() +
                        "' --to-url '" + live + "' --exit-code > /dev/null");
}

// `drift baseline` (dry run) as a whole process: which of the 99 states the database is
// in, with the plan. The shadow-database approach would replay into a fresh database
// (BM_ShadowReplayLiteLLM) for one state only.
void BM_DriftBaselineLiteLLMProcess(benchmark::State& state) {
  std::string live = LiteLLMDatabase(state);
  if (live.empty()) return;
  RunCommand(state, std::string(DRIFT_BINARY) + " baseline --migrations '" + LiteLLMDir() +
                        "' --url '" + live + "' > /dev/null");
}

// The floor under any tool that reads the live catalog: a login alone (TCP, scram), and
// the catalog read of the LiteLLM database in a fresh backend (in-process Describe()),
// whose cost is mostly the server loading its catalog caches.
void BM_LoginLiteLLM(benchmark::State& state) {
  std::string live = LiteLLMDatabase(state);
  if (live.empty()) return;
  for (auto _ : state) {
    pqxx::connection conn(live);
    benchmark::DoNotOptimize(conn.server_version());
  }
}

void BM_DescribeLiteLLM(benchmark::State& state) {
  std::string live = LiteLLMDatabase(state);
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
BENCHMARK(BM_DriftDiffLiteLLMProcess)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftBaselineLiteLLMProcess)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ShadowFindStateLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoginLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DescribeLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Describe)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftInspectProcess)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgDumpSchemaOnly)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildCatalog)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
