-- Indexes that do not implement a constraint, with one JSON object per key part:
-- attnum (0 for an expression, whose text comes with it; the reader names columns from
-- columns.sql), opclass when not the default, the collation's oid and name, the
-- expression type's default collation, and indoption (1 = DESC, 2 = NULLS FIRST).
-- Index partitions of a partitioned index are left out. Key parts of all indexes are
-- unnested and grouped in one pass rather than aggregated per index.
-- $1: see namespaces.sql.
WITH picked AS (
  SELECT i.indexrelid,
         i.indrelid,
         i.indkey,
         i.indclass,
         i.indcollation,
         i.indoption,
         n.nspname AS schema,
         ic.relname AS name,
         c.relname AS table_name,
         c.relkind = 'p' AS on_partitioned_table,
         i.indisunique AS is_unique,
         am.amname AS method,
         i.indnkeyatts AS key_count,
         CASE WHEN i.indpred IS NOT NULL THEN pg_get_expr(i.indpred, i.indrelid) END AS predicate,
         -- indnullsnotdistinct is new in PostgreSQL 15: pg_reader.cc puts false there on 14.
         i.indnullsnotdistinct AS nulls_not_distinct,
         ds.description AS comment
  FROM pg_index AS i
  JOIN pg_class AS ic ON ic.oid = i.indexrelid
  JOIN pg_class AS c ON c.oid = i.indrelid
  JOIN pg_namespace AS n ON n.oid = ic.relnamespace
  JOIN pg_am AS am ON am.oid = ic.relam
  LEFT JOIN pg_description AS ds ON ds.objoid = i.indexrelid
        AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
  WHERE c.relkind IN ('r', 'p', 'm')
    AND NOT ic.relispartition
    AND NOT EXISTS (SELECT 1 FROM pg_constraint AS con
                    WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
    AND NOT EXISTS (SELECT 1 FROM pg_depend AS d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%'
    AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
)
SELECT p.schema,
       p.name,
       p.indrelid AS table_oid,
       p.table_name,
       p.on_partitioned_table,
       p.is_unique,
       p.method,
       p.key_count,
       json_agg(json_build_object(
         'attnum', k.attnum,
         'text', CASE WHEN k.attnum = 0 THEN pg_get_indexdef(p.indexrelid, k.ord::int, false) END,
         'opclass', CASE WHEN NOT opc.opcdefault THEN
                      CASE WHEN opc_ns.nspname NOT IN ('pg_catalog', 'public')
                           THEN quote_ident(opc_ns.nspname) || '.' ELSE '' END
                      || quote_ident(opc.opcname) END,
         'collation_oid', p.indcollation[k.ord - 1],
         'collation', CASE WHEN p.indcollation[k.ord - 1] <> 0 THEN
                        CASE WHEN coll_ns.nspname NOT IN ('pg_catalog', 'public')
                             THEN quote_ident(coll_ns.nspname) || '.' ELSE '' END
                        || quote_ident(coll.collname) END,
         'expression_collation_oid',
           CASE WHEN k.attnum = 0 THEN
             (SELECT t.typcollation FROM pg_attribute AS iatt
                JOIN pg_type AS t ON t.oid = iatt.atttypid
               WHERE iatt.attrelid = p.indexrelid AND iatt.attnum = k.ord) END,
         'option', p.indoption[k.ord - 1])
       ORDER BY k.ord) AS keys,
       p.predicate,
       p.nulls_not_distinct,
       p.comment
FROM picked AS p
CROSS JOIN LATERAL unnest(p.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
LEFT JOIN pg_opclass AS opc ON opc.oid = p.indclass[k.ord - 1]
LEFT JOIN pg_namespace AS opc_ns ON opc_ns.oid = opc.opcnamespace
LEFT JOIN pg_collation AS coll ON coll.oid = p.indcollation[k.ord - 1]
LEFT JOIN pg_namespace AS coll_ns ON coll_ns.oid = coll.collnamespace
GROUP BY p.indexrelid, p.schema, p.name, p.indrelid, p.table_name, p.on_partitioned_table,
         p.is_unique, p.method, p.key_count, p.predicate, p.nulls_not_distinct, p.comment
ORDER BY p.schema, p.name;
