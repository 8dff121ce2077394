-- Extensions installed into the schemas drift reads. $1: see namespaces.sql.
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version,
       obj_description(e.oid, 'pg_extension') AS comment
FROM pg_extension AS e
JOIN pg_namespace AS n ON n.oid = e.extnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
ORDER BY e.extname;
