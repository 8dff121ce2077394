-- Namespaces (schemas) drift reads. $1: text[] of schema names, empty for every
-- non-system schema. Also says whether the role may use each one.
SELECT n.nspname AS name,
       obj_description(n.oid, 'pg_namespace') AS comment,
       has_schema_privilege(n.oid, 'USAGE') AS usable
FROM pg_namespace AS n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
ORDER BY n.nspname;
