-- Prisma Migrate's ledger, every column, in the order Prisma reads it. The caller
-- replaces {ledger_table} with the quoted, schema-qualified table name.
SELECT id,
       checksum,
       to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS finished_at,
       migration_name,
       logs,
       to_char(rolled_back_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS rolled_back_at,
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS started_at,
       applied_steps_count
FROM {ledger_table}
ORDER BY started_at ASC;
