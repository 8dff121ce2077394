// File: bench_util.h
//
// What the benchmark files share: the throwaway server's URL, a URL for another database
// on it, and running a whole drift process as a user would.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

namespace drift::bench {

// DRIFT_TEST_PG_URL (scripts/pg-throwaway.sh starts a server); null when unset.
inline const char* ServerUrl() { return std::getenv("DRIFT_TEST_PG_URL"); }

// The server's URL with another database name.
inline std::string DatabaseOnServer(const std::string& database) {
  std::string server = ServerUrl();
  return server.substr(0, server.rfind('/')) + "/" + database;
}

// Runs `command` once per iteration; a failure fails the benchmark (SkipWithError,
// which scripts/test.sh's smoke run treats as an error).
inline void RunCommand(benchmark::State& state, const std::string& command) {
  for (auto _ : state) {
    int rc = std::system(command.c_str());
    if (rc != 0) {
      state.SkipWithError(("command failed: " + command).c_str());
      return;
    }
  }
}

}  // namespace drift::bench
