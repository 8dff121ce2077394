#!/usr/bin/env bash
# The demo itself, run by scripts/demo.sh with DRIFT_TEST_PG_URL pointing at a
# throwaway server. The story: lumen 1.0 created its database with `prisma db push`
# (no ledger); lumen 2.0 ships a migrations folder, and `prisma migrate deploy` stops
# with P3005. drift finds the exact baseline point, writes it, and checks the result,
# and audits the pending migrations against the data (one would fail); then the same database "baselined" the usual way (every migration marked applied) is
# caught by `drift check`.
set -euo pipefail
server="${DRIFT_TEST_PG_URL%/*}"
cd examples/lumen
drift=../../build/drift

run() {  # prints the command like a terminal transcript, then runs it
  echo
  echo "\$ drift ${*:2}"
  "$@" || echo "(exit code $?)"
}

# What `prisma migrate resolve --applied NAME` writes, for every migration of a folder:
# the usual answer to P3005, which claims work that never ran.
mark_all_applied() {
  local url=$1 dir=$2
  psql -q -v ON_ERROR_STOP=1 "$url" <<'SQL'
CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
SQL
  for m in "$dir"/*/; do
    psql -q -v ON_ERROR_STOP=1 "$url" -c "INSERT INTO _prisma_migrations (id, checksum, finished_at,
      migration_name, logs, applied_steps_count) VALUES (gen_random_uuid()::text,
      '$(sha256sum "$m/migration.sql" | cut -d' ' -f1)', now(), '$(basename "$m")', '', 0)"
  done
}

echo "# lumen 1.0's database, as \`prisma db push\` created it (no _prisma_migrations)."
psql -q "$DRIFT_TEST_PG_URL" -c "CREATE DATABASE lumen" -c "CREATE DATABASE lumen_marked"
psql -q -v ON_ERROR_STOP=1 "$server/lumen" -f v1-db-push.sql
psql -q -v ON_ERROR_STOP=1 "$server/lumen_marked" -f v1-db-push.sql
# Like LiteLLM's spend views, lumen creates a reporting view itself at startup, outside
# Prisma: drift lists it as unmanaged, not as drift.
for db in lumen lumen_marked; do
  psql -q -v ON_ERROR_STOP=1 "$server/$db" -c 'CREATE VIEW "TeamSpend" AS
    SELECT t.id, t.name, sum(k."spendUsd") AS "spendUsd" FROM "Team" t
    LEFT JOIN "ApiKey" k ON k."teamId" = t.id GROUP BY t.id, t.name'
done

export DATABASE_URL="$server/lumen"  # drift's default --url; keeps the password off screen
run $drift status
run $drift baseline
run $drift baseline --apply
run $drift check

echo
echo "# Its users made two teams called Acme, and 2.0's last migration makes team names unique."
echo "# Before \`prisma migrate deploy\` runs the pending ones: what will they do to this database?"
psql -q -v ON_ERROR_STOP=1 "$server/lumen" -c 'INSERT INTO "Team" (id, name) VALUES
  ('"'"'t1'"'"', '"'"'Acme'"'"'), ('"'"'t2'"'"', '"'"'Globex'"'"'), ('"'"'t3'"'"', '"'"'Acme'"'"')' -c 'ANALYZE'
run $drift audit

echo
echo "# The same database after the usual fix for P3005: every migration marked applied."
mark_all_applied "$server/lumen_marked" prisma/migrations
export DATABASE_URL="$server/lumen_marked"
run $drift check

# The real case, when the shared corpus is beside this checkout: LiteLLM v1.61.3 as
# `prisma db push` created it, upgraded to v1.67.4, whose automatic baseline marked all
# 13 migrations applied.
litellm=../../../shared/corpus/litellm
if [[ -d "$litellm" ]]; then
  echo
  echo "# LiteLLM v1.61.3 (db push), then v1.67.4's migrations folder."
  psql -q "$DRIFT_TEST_PG_URL" -c "CREATE DATABASE litellm"
  psql -q -v ON_ERROR_STOP=1 "$server/litellm" -f "$litellm/versions/v1.61.3/schema.sql"
  export DATABASE_URL="$server/litellm"
  history="$litellm/versions/v1.67.4/migrations"
  run $drift baseline --migrations "$history"
  echo
  echo "# ... and after v1.67.4's automatic baseline (all 13 marked applied):"
  mark_all_applied "$server/litellm" "$history"
  run $drift check --migrations "$history" --schema "$litellm/versions/v1.67.4/schema.prisma"
fi
