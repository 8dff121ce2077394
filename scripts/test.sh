#!/usr/bin/env bash
# Builds drift and runs every test against a throwaway PostgreSQL 15 that it starts
# and removes itself. Installs missing Debian packages first (as root).
#   scripts/test.sh               all tests (ctest labels unit, cli, pg)
#   scripts/test.sh -L unit       extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRIFT_BUILD_TESTS=ON \
  -DDRIFT_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build -j2

scripts/pg-throwaway.sh run bash -c '
  set -euo pipefail
  cd build
  ctest --output-on-failure -j2 "$@"
  # Benchmarks build with the tests and get one short smoke run.
  ./bench/drift_bench --benchmark_min_time=0.01 --benchmark_filter="/100$" >/dev/null
  echo "benchmark smoke run: ok"
' bash "$@"
