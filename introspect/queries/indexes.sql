-- Indexes that do not implement a constraint, with one JSON object per key part
-- (column or expression, opclass when not the default, collation when not the
-- column's, indoption bits 1 = DESC, 2 = NULLS FIRST). Index partitions of a
-- partitioned index are left out. Key parts are computed for all indexes at once and
-- grouped (hash joins), not per index. $1: see namespaces.sql.
WITH picked AS (
  SELECT i.indexrelid, i.indrelid, i.indkey, i.indclass, i.indcollation, i.indoption
  FROM pg_index AS i
  JOIN pg_class AS ic ON ic.oid = i.indexrelid
  JOIN pg_class AS c ON c.oid = i.indrelid
  JOIN pg_namespace AS n ON n.oid = ic.relnamespace
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
),
parts AS (
  SELECT p.indexrelid, p.indrelid, k.attnum, k.ord,
         p.indclass[k.ord - 1] AS opclass_oid,
         p.indcollation[k.ord - 1] AS collation_oid,
         p.indoption[k.ord - 1] AS option
  FROM picked AS p, unnest(p.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
),
keys AS (
  SELECT parts.indexrelid,
         json_agg(json_build_object(
           'text', CASE WHEN parts.attnum > 0 THEN quote_ident(col.attname)
                        ELSE pg_get_indexdef(parts.indexrelid, parts.ord::int, false) END,
           'is_expression', parts.attnum = 0,
           'opclass', CASE WHEN NOT opc.opcdefault THEN
                        CASE WHEN opc_ns.nspname NOT IN ('pg_catalog', 'public')
                             THEN quote_ident(opc_ns.nspname) || '.' ELSE '' END
                        || quote_ident(opc.opcname) END,
           'collation', CASE WHEN parts.collation_oid <> 0
                              AND parts.collation_oid <> COALESCE(col.attcollation, ityp.typcollation) THEN
                          CASE WHEN coll_ns.nspname NOT IN ('pg_catalog', 'public')
                               THEN quote_ident(coll_ns.nspname) || '.' ELSE '' END
                          || quote_ident(coll.collname) END,
           'option', parts.option)
         ORDER BY parts.ord) AS keys
  FROM parts
  LEFT JOIN pg_attribute AS col ON col.attrelid = parts.indrelid AND col.attnum = parts.attnum
                               AND parts.attnum > 0
  LEFT JOIN pg_attribute AS iatt ON iatt.attrelid = parts.indexrelid AND iatt.attnum = parts.ord
  LEFT JOIN pg_type AS ityp ON ityp.oid = iatt.atttypid
  LEFT JOIN pg_opclass AS opc ON opc.oid = parts.opclass_oid
  LEFT JOIN pg_namespace AS opc_ns ON opc_ns.oid = opc.opcnamespace
  LEFT JOIN pg_collation AS coll ON coll.oid = parts.collation_oid
  LEFT JOIN pg_namespace AS coll_ns ON coll_ns.oid = coll.collnamespace
  GROUP BY parts.indexrelid
)
SELECT n.nspname AS schema,
       ic.relname AS name,
       c.relname AS table_name,
       c.relkind = 'p' AS on_partitioned_table,
       i.indisunique AS is_unique,
       am.amname AS method,
       i.indnkeyatts AS key_count,
       keys.keys AS keys,
       CASE WHEN i.indpred IS NOT NULL THEN pg_get_expr(i.indpred, i.indrelid) END AS predicate,
       i.indnullsnotdistinct AS nulls_not_distinct,
       ds.description AS comment
FROM picked AS p
JOIN pg_index AS i ON i.indexrelid = p.indexrelid
JOIN pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_class AS c ON c.oid = i.indrelid
JOIN pg_namespace AS n ON n.oid = ic.relnamespace
JOIN pg_am AS am ON am.oid = ic.relam
JOIN keys ON keys.indexrelid = i.indexrelid
LEFT JOIN pg_description AS ds ON ds.objoid = i.indexrelid
      AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
ORDER BY n.nspname, ic.relname;
