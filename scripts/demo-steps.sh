#!/usr/bin/env bash
# The demo itself, run by scripts/demo.sh with DRIFT_TEST_PG_URL pointing at a
# throwaway server.
set -euo pipefail
server="${DRIFT_TEST_PG_URL%/*}"

run() {  # prints the command like a terminal transcript, then runs it
  echo "\$ ${*#build/}"
  "$@" || echo "(exit code $?)"
}

psql -q "$DRIFT_TEST_PG_URL" -c "CREATE DATABASE lumen"
psql -q -v ON_ERROR_STOP=1 "$server/lumen" -f examples/lumen/v1-db-push.sql
export DATABASE_URL="$server/lumen"   # drift's default --url; keeps the password off screen
run build/drift inspect

# The real case, when the shared corpus is beside this checkout: LiteLLM v1.61.3 as
# `prisma db push` created it.
litellm=../shared/corpus/litellm/versions/v1.61.3/schema.sql
if [[ -f "$litellm" ]]; then
  psql -q "$DRIFT_TEST_PG_URL" -c "CREATE DATABASE litellm"
  psql -q -v ON_ERROR_STOP=1 "$server/litellm" -f "$litellm"
  out="$(build/drift inspect --url "$server/litellm")"
  echo
  echo "\$ drift inspect --url \$LITELLM_URL   # LiteLLM v1.61.3 as db push made it, counted"
  echo "$(grep -c '^table ' <<<"$out") tables, $(grep -c '^  column ' <<<"$out") columns," \
    "$(grep -c '^index ' <<<"$out") indexes; $(grep '^ledger' <<<"$out")"
fi
