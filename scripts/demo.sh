#!/usr/bin/env bash
# Builds drift and runs it on a bundled example: the database of "lumen", a small
# LLM-gateway app of our own, as its first release created it with `prisma db push`
# (no _prisma_migrations ledger). A throwaway PostgreSQL is started and removed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
# Only the drift target is built; the tests and benchmarks keep whatever build/ has
# (turning them off here would leave a later `cmake --build build` with stale tests).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target drift >/dev/null

export PGOPTIONS="-c client_min_messages=warning"
scripts/pg-throwaway.sh run scripts/demo-steps.sh
