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

#include "bench_util.h"
#include "introspect/build_schema.h"
#include "introspect/describe.h"
#include "introspect/pg_reader.h"

namespace {

using drift::bench::RunCommand;
using drift::bench::ServerUrl;

std::string DatabaseUrl(int tables) {
  return drift::bench::DatabaseOnServer("drift_bench_" + std::to_string(tables));
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

// Whole process, as a user runs it: `drift inspect --url … > /dev/null`.
void BM_DriftInspectProcess(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  if (!Prepare(state, tables)) return;
  RunCommand(state, std::string(DRIFT_BINARY) + " inspect --url '" + DatabaseUrl(tables) +
                        "' > /dev/null");
}

// The same with `--format json`.
void BM_DriftInspectJsonProcess(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  if (!Prepare(state, tables)) return;
  RunCommand(state, std::string(DRIFT_BINARY) + " inspect --format json --url '" +
                        DatabaseUrl(tables) + "' > /dev/null");
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

BENCHMARK(BM_Describe)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftInspectProcess)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DriftInspectJsonProcess)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgDumpSchemaOnly)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildCatalog)->Arg(100)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
