#!/usr/bin/env bash
# Regenerates fixtures/prisma/<case>/prisma.sql: the SQL Prisma's own schema engine
# generates for each fixture schema (`prisma-oracle.mjs diff --offline --from-empty
# --to-schema`). Needs Node 20 and the oracle beside the checkout
# (../shared/tools/prisma-oracle), copied to a scratch folder and installed with npm ci.
# Also fixtures/prisma-verdicts/<case>/engine.txt: for schemas the engine refuses, the line
# and message of its first error ("<line>: <message>").
# The tests read the committed goldens and need no Node.
#   scripts/prisma-goldens.sh            every case
#   scripts/prisma-goldens.sh enums      one case
set -euo pipefail
cd "$(dirname "$0")/.."

oracle_src=../shared/tools/prisma-oracle
oracle=${PRISMA_ORACLE_DIR:-/tmp/drift-prisma-oracle}
if [[ ! -f "$oracle/node_modules/.package-lock.json" ]]; then
  [[ -d "$oracle_src" ]] || { echo "prisma-goldens: $oracle_src is not beside this checkout" >&2; exit 1; }
  rm -rf "$oracle" && cp -r "$oracle_src" "$oracle"
  (cd "$oracle" && npm ci --no-audit --no-fund >/dev/null)
fi

cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
  mapfile -t cases < <(ls fixtures/prisma)
  for v in fixtures/prisma-verdicts/*/; do
    out=$(node "$oracle/prisma-oracle.mjs" diff --offline --from-empty --to-schema "$v/schema.prisma" 2>&1 || true)
    line=$(grep -m1 -- '-->' <<<"$out" | sed 's/.*://')
    message=$(grep -m1 '^error: ' <<<"$out" | sed 's/^error: //')
    [[ -n "$line" ]] || { echo "prisma-goldens: the engine accepts $v" >&2; exit 1; }
    echo "$line: $message" >"$v/engine.txt"
    echo "$v/engine.txt"
  done
fi
for c in "${cases[@]}"; do
  node "$oracle/prisma-oracle.mjs" diff --offline --from-empty \
    --to-schema "fixtures/prisma/$c/schema.prisma" >"fixtures/prisma/$c/prisma.sql"
  echo "fixtures/prisma/$c/prisma.sql"
done
