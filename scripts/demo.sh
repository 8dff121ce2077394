#!/usr/bin/env bash
# Builds drift and runs it on a bundled example: the database of "lumen", a small
# LLM-gateway app of our own, as its first release created it with `prisma db push`
# (no _prisma_migrations ledger). A throwaway PostgreSQL is started and removed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRIFT_BUILD_TESTS=OFF \
  -DDRIFT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build -j2 --target drift >/dev/null

export PGOPTIONS="-c client_min_messages=warning"
scripts/pg-throwaway.sh run scripts/demo-steps.sh
