#!/usr/bin/env bash
# Proof, with Prisma's own engine, that `drift baseline --apply` writes a ledger Prisma
# accepts: for each history and each chosen k, a fresh database is built to migration k
# (psql runs migrations 1..k), drift baselines it, and the oracle
# (`prisma-oracle.mjs status --migrations DIR`, what `prisma migrate status` uses) must
# report exactly migrations k+1..n as unapplied, nothing failed, nothing edited.
# Each verdict is written to fixtures/prisma-status/<history>/<k>.json; the test
# ledger_oracle_pg_test replays the same states and holds drift's `status` to them.
#
#   scripts/prisma-ledger-proof.sh      (needs Node 20 and ../shared/tools/prisma-oracle)
#
# Starts its own throwaway PostgreSQL unless DRIFT_TEST_PG_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

if [[ -z "${DRIFT_TEST_PG_URL:-}" ]]; then
  exec scripts/pg-throwaway.sh run "$0" "$@"
fi

oracle_src=../shared/tools/prisma-oracle
oracle=${PRISMA_ORACLE_DIR:-/tmp/drift-prisma-oracle}
if [[ ! -f "$oracle/node_modules/.package-lock.json" ]]; then
  [[ -d "$oracle_src" ]] || { echo "prisma-ledger-proof: $oracle_src is not beside this checkout" >&2; exit 1; }
  rm -rf "$oracle" && cp -r "$oracle_src" "$oracle"
  (cd "$oracle" && npm ci --no-audit --no-fund >/dev/null)
fi

drift=build/drift
[[ -x $drift ]] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 --target drift >/dev/null; }

server=${DRIFT_TEST_PG_URL%/*}
corpus=../shared/corpus/litellm
histories=("shop fixtures/histories/shop/migrations 0 1 2 3 4 5 6 7 8 9 10")
if [[ -d $corpus ]]; then
  histories+=("litellm-v1.67.4 $corpus/versions/v1.67.4/migrations 0 1 5 13"
              "litellm $corpus/migrations 1 46 98 99")
fi

failures=0
for entry in "${histories[@]}"; do
  read -r label dir ks <<<"$entry"
  names=()  # folder names may hold spaces; the glob sorts them bytewise under LC_ALL=C
  for d in "$dir"/*/; do
    [[ -f $d/migration.sql ]] && names+=("$(basename "$d")")
  done
  mkdir -p "fixtures/prisma-status/$label"
  for k in $ks; do
    db="proof_${label//[.-]/_}_$k"
    psql -q "$DRIFT_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    url="$server/$db"
    for ((i = 0; i < k; i++)); do
      psql -q -v ON_ERROR_STOP=1 "$url" -f "$dir/${names[$i]}/migration.sql" >/dev/null 2>&1
    done
    "$drift" baseline --migrations "$dir" --url "$url" --apply >/dev/null
    verdict="fixtures/prisma-status/$label/$k.json"
    DATABASE_URL=$url node "$oracle/prisma-oracle.mjs" status --migrations "$dir" >"$verdict"
    expected=$(printf '%s\n' "${names[@]:$k}")
    if node -e '
        const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const want = process.argv[2].split("\n").filter(Boolean);
        const got = (v.history && v.history.unappliedMigrationNames) || [];
        const ok = JSON.stringify(got) === JSON.stringify(want) &&
                   v.failedMigrationNames.length === 0 && v.editedMigrationNames.length === 0;
        process.exit(ok ? 0 : 1);' "$verdict" "$expected"; then
      echo "ok   $label k=$k: Prisma reports $((${#names[@]} - k)) of ${#names[@]} unapplied, none failed, none edited"
    else
      echo "FAIL $label k=$k: see $verdict"
      failures=$((failures + 1))
    fi
    psql -q "$DRIFT_TEST_PG_URL" -c "DROP DATABASE $db"
  done
done
exit $((failures > 0))
