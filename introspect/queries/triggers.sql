-- User triggers (not the internal ones behind foreign keys, not the clones a partition
-- gets from its parent). tgtype bits: 1 ROW, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE,
-- 32 TRUNCATE, 64 INSTEAD. $1: see namespaces.sql.
SELECT n.nspname AS schema,
       c.relname AS table_name,
       t.tgname AS name,
       t.tgtype AS type_bits,
       (SELECT json_agg(a.attname ORDER BY k.ord)
          FROM unnest(t.tgattr::int2[]) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute AS a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum) AS update_columns,
       fn_ns.nspname AS function_schema,
       fn.proname AS function_name,
       pg_get_triggerdef(t.oid) AS definition,
       obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_trigger AS t
JOIN pg_class AS c ON c.oid = t.tgrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_proc AS fn ON fn.oid = t.tgfoid
JOIN pg_namespace AS fn_ns ON fn_ns.oid = fn.pronamespace
WHERE NOT t.tgisinternal
  AND t.tgparentid = 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
ORDER BY n.nspname, c.relname, t.tgname;
