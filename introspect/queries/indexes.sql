-- Indexes that do not implement a constraint, with one JSON object per key part
-- (column or expression, opclass when not the default, collation when not the
-- column's, indoption bits 1 = DESC, 2 = NULLS FIRST). Index partitions of a
-- partitioned index are left out. $1: see namespaces.sql.
SELECT n.nspname AS schema,
       ic.relname AS name,
       c.relname AS table_name,
       c.relkind = 'p' AS on_partitioned_table,
       i.indisunique AS is_unique,
       am.amname AS method,
       i.indnkeyatts AS key_count,
       (SELECT json_agg(json_build_object(
                 'text', pg_get_indexdef(i.indexrelid, k.ord::int, false),
                 'is_expression', k.attnum = 0,
                 'opclass', CASE WHEN NOT opc.opcdefault THEN
                              CASE WHEN opc_ns.nspname NOT IN ('pg_catalog', 'public')
                                   THEN quote_ident(opc_ns.nspname) || '.' ELSE '' END
                              || quote_ident(opc.opcname) END,
                 'collation', CASE WHEN i.indcollation[k.ord - 1] <> 0
                                    AND i.indcollation[k.ord - 1]
                                        <> COALESCE(col.attcollation, ityp.typcollation) THEN
                                CASE WHEN coll_ns.nspname NOT IN ('pg_catalog', 'public')
                                     THEN quote_ident(coll_ns.nspname) || '.' ELSE '' END
                                || quote_ident(coll.collname) END,
                 'option', i.indoption[k.ord - 1])
               ORDER BY k.ord)
          FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
          LEFT JOIN pg_attribute AS col ON col.attrelid = i.indrelid AND col.attnum = k.attnum
                                       AND k.attnum > 0
          LEFT JOIN pg_attribute AS iatt ON iatt.attrelid = i.indexrelid AND iatt.attnum = k.ord
          LEFT JOIN pg_type AS ityp ON ityp.oid = iatt.atttypid
          LEFT JOIN pg_opclass AS opc ON opc.oid = i.indclass[k.ord - 1]
          LEFT JOIN pg_namespace AS opc_ns ON opc_ns.oid = opc.opcnamespace
          LEFT JOIN pg_collation AS coll ON coll.oid = i.indcollation[k.ord - 1]
          LEFT JOIN pg_namespace AS coll_ns ON coll_ns.oid = coll.collnamespace) AS keys,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       i.indnullsnotdistinct AS nulls_not_distinct,
       obj_description(i.indexrelid, 'pg_class') AS comment
FROM pg_index AS i
JOIN pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_class AS c ON c.oid = i.indrelid
JOIN pg_namespace AS n ON n.oid = ic.relnamespace
JOIN pg_am AS am ON am.oid = ic.relam
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
ORDER BY n.nspname, ic.relname;
