-- Tables, partitioned tables, partitions, views, materialized views and sequences, with
-- row estimates and, when $2 is true, on-disk sizes (pg_total_relation_size stats every
-- file of the table, its indexes and TOAST: about 0.1 ms a table, so only the audit
-- asks for it). Extension members are left out; identity sequences are left out (they
-- belong to their column). $1: see namespaces.sql.
SELECT c.oid AS oid,
       n.nspname AS schema,
       c.relname AS name,
       c.relkind AS kind,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       parent_ns.nspname AS parent_schema,
       parent.relname AS parent_name,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view_definition,
       ds.description AS comment,
       c.reltuples::bigint AS row_estimate,
       CASE WHEN $2::boolean AND c.relkind IN ('r', 'm') THEN pg_total_relation_size(c.oid) END
         AS total_bytes,
       CASE WHEN $2::boolean AND c.relkind IN ('r', 'm') THEN pg_relation_size(c.oid) END
         AS heap_bytes,
       has_table_privilege(c.oid, 'SELECT') AS readable,
       format_type(s.seqtypid, NULL) AS seq_type,
       s.seqstart AS seq_start,
       s.seqincrement AS seq_increment,
       s.seqmin AS seq_min,
       s.seqmax AS seq_max,
       s.seqcache AS seq_cache,
       s.seqcycle AS seq_cycle,
       owner_ns.nspname AS owner_schema,
       owner.relname AS owner_table,
       owner_col.attname AS owner_column
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits AS inh ON c.relispartition AND inh.inhrelid = c.oid
LEFT JOIN pg_class AS parent ON parent.oid = inh.inhparent
LEFT JOIN pg_namespace AS parent_ns ON parent_ns.oid = parent.relnamespace
LEFT JOIN pg_sequence AS s ON s.seqrelid = c.oid
LEFT JOIN pg_description AS ds ON ds.objoid = c.oid
      AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
LEFT JOIN pg_depend AS owned ON c.relkind = 'S'
      AND owned.classid = 'pg_class'::regclass AND owned.objid = c.oid
      AND owned.refclassid = 'pg_class'::regclass AND owned.deptype = 'a'
LEFT JOIN pg_class AS owner ON owner.oid = owned.refobjid
LEFT JOIN pg_namespace AS owner_ns ON owner_ns.oid = owner.relnamespace
LEFT JOIN pg_attribute AS owner_col ON owner_col.attrelid = owned.refobjid
      AND owner_col.attnum = owned.refobjsubid
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_depend AS d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype = 'i')))
ORDER BY n.nspname, c.relname;
