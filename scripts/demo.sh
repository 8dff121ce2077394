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

scripts/pg-throwaway.sh run bash -c '
  set -euo pipefail
  db="${DRIFT_TEST_PG_URL%/*}/lumen"
  psql -q "$DRIFT_TEST_PG_URL" -c "CREATE DATABASE lumen"
  psql -q -v ON_ERROR_STOP=1 "$db" -f examples/lumen/v1-db-push.sql
  echo "\$ drift inspect --url ${db}"
  build/drift inspect --url "$db"
  echo "(exit code $?)"
  litellm=../shared/corpus/litellm/versions/v1.61.3/schema.sql
  if [[ -f "$litellm" ]]; then
    psql -q "$DRIFT_TEST_PG_URL" -c "CREATE DATABASE litellm"
    psql -q -v ON_ERROR_STOP=1 "${DRIFT_TEST_PG_URL%/*}/litellm" -f "$litellm"
    echo
    echo "\$ drift inspect --url ${DRIFT_TEST_PG_URL%/*}/litellm --format json  # LiteLLM v1.61.3, summarised"
    build/drift inspect --url "${DRIFT_TEST_PG_URL%/*}/litellm" --format json |
      python3 -c "import json,sys; d=json.load(sys.stdin)[\"schema\"]; print(len(d[\"tables\"]), \"tables,\", sum(len(t[\"columns\"]) for t in d[\"tables\"]), \"columns,\", len(d[\"enums\"]), \"enum,\", len(d[\"indexes\"]), \"indexes\")"
  fi
'
