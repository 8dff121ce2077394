-- Primary key, unique, check, exclusion and foreign-key constraints declared on each
-- table. Constraints a partition inherits from its parent are left out: they are
-- implied by the parent's. Key columns come as attribute numbers, named by the reader
-- from columns.sql; the referenced columns of a table outside the schemas read come
-- as names too. $1: see namespaces.sql.
SELECT con.conrelid AS table_oid,
       con.conname AS name,
       con.contype AS kind,
       con.conkey AS attnums,
       ref_ns.nspname AS ref_schema,
       ref.relname AS ref_table,
       con.confrelid AS ref_oid,
       con.confkey AS ref_attnums,
       CASE WHEN cardinality($1::text[]) > 0 AND NOT ref_ns.nspname = ANY ($1::text[]) THEN
         (SELECT json_agg(a.attname ORDER BY k.ord)
            FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute AS a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
       END AS ref_columns,
       con.confupdtype AS on_update,
       con.confdeltype AS on_delete,
       con.confmatchtype AS match,
       con.condeferrable AS deferrable,
       con.condeferred AS initially_deferred,
       NOT con.convalidated AS not_valid,
       con.connoinherit AS no_inherit,
       -- indnullsnotdistinct is new in PostgreSQL 15: pg_reader.cc puts false there on 14.
       idx.indnullsnotdistinct AS nulls_not_distinct,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid)
            WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid) END AS expression,
       ds.description AS comment
FROM pg_constraint AS con
JOIN pg_class AS c ON c.oid = con.conrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_class AS ref ON ref.oid = con.confrelid
LEFT JOIN pg_namespace AS ref_ns ON ref_ns.oid = ref.relnamespace
LEFT JOIN pg_index AS idx ON idx.indexrelid = con.conindid
LEFT JOIN pg_description AS ds ON ds.objoid = con.oid
      AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
WHERE con.contype IN ('p', 'u', 'c', 'x', 'f')
  AND con.conparentid = 0
  AND con.conislocal
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
ORDER BY con.conrelid, con.conname;
