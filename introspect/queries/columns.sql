-- Columns of tables, partitioned tables and materialized views (whose columns only
-- name index keys): type as format_type() prints it, defaults
-- and generation expressions (STORED, or VIRTUAL from 18 on) as pg_get_expr() prints them, and a collation only when
-- it differs from the type's. Defaults cannot refer to columns, so they are deparsed
-- without a relation (pg_get_expr(adbin, 0) skips opening it: about 3x faster).
-- $1: see namespaces.sql.
SELECT a.attrelid AS table_oid,
       a.attname AS name,
       a.attnum AS position,
       a.attcollation AS collation_oid,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) END AS default_expr,
       a.attidentity AS identity,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
       a.attgenerated = 'v' AS generated_virtual,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
              CASE WHEN coll_ns.nspname NOT IN ('pg_catalog', 'public')
                   THEN quote_ident(coll_ns.nspname) || '.' ELSE '' END
              || quote_ident(coll.collname)
       END AS collation,
       ds.description AS comment
FROM pg_attribute AS a
JOIN pg_class AS c ON c.oid = a.attrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_type AS t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation AS coll ON coll.oid = a.attcollation
LEFT JOIN pg_namespace AS coll_ns ON coll_ns.oid = coll.collnamespace
LEFT JOIN pg_description AS ds ON ds.objoid = a.attrelid
      AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
WHERE a.attnum > 0
  AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
ORDER BY a.attrelid, a.attnum;
