// Canonicalisation cases shared by the unit tests and canonical_pg_test.cc, which
// checks every row against a live PostgreSQL 15.
#pragma once

#include <string_view>

namespace drift::model {

struct TypeCase {
  std::string_view written;
  std::string_view canonical;  // what format_type() prints
};

// What a migration may write, and what format_type() prints for it.
constexpr TypeCase kTypeCases[] = {
    {"int4", "integer"},
    {"integer", "integer"},
    {"INT", "integer"},
    {"Int", "integer"},
    {"int2", "smallint"},
    {"SMALLINT", "smallint"},
    {"int8", "bigint"},
    {"BIGINT", "bigint"},
    {"bool", "boolean"},
    {"BOOLEAN", "boolean"},
    {"float8", "double precision"},
    {"DOUBLE PRECISION", "double precision"},
    {"double   precision", "double precision"},
    {"float", "double precision"},
    {"float(53)", "double precision"},
    {"float(24)", "real"},
    {"float4", "real"},
    {"real", "real"},
    {"decimal", "numeric"},
    {"DECIMAL(65,30)", "numeric(65,30)"},
    {"numeric(10, 2)", "numeric(10,2)"},
    {"varchar", "character varying"},
    {"varchar(255)", "character varying(255)"},
    {"VARCHAR(255)", "character varying(255)"},
    {"character varying(255)", "character varying(255)"},
    {"char", "character(1)"},
    {"CHAR(4)", "character(4)"},
    {"character(4)", "character(4)"},
    {"text", "text"},
    {"TEXT", "text"},
    {"timestamp", "timestamp without time zone"},
    {"timestamp(3)", "timestamp(3) without time zone"},
    {"TIMESTAMP(3)", "timestamp(3) without time zone"},
    {"timestamp(3) without time zone", "timestamp(3) without time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"timestamptz(6)", "timestamp(6) with time zone"},
    {"timestamp(6) with time zone", "timestamp(6) with time zone"},
    {"time", "time without time zone"},
    {"timetz(2)", "time(2) with time zone"},
    {"date", "date"},
    {"jsonb", "jsonb"},
    {"JSONB", "jsonb"},
    {"json", "json"},
    {"bytea", "bytea"},
    {"uuid", "uuid"},
    {"inet", "inet"},
    {"bit", "bit(1)"},
    {"bit(8)", "bit(8)"},
    {"varbit(8)", "bit varying(8)"},
    {"text[]", "text[]"},
    {"TEXT[]", "text[]"},
    {"int[][]", "integer[]"},
    {"integer[3]", "integer[]"},
    {"int ARRAY", "integer[]"},
    {"varchar(10)[]", "character varying(10)[]"},
    {"timestamp(3)[]", "timestamp(3) without time zone[]"},
    {"pg_catalog.int4", "integer"},
    {"\"Status\"", "\"Status\""},
    {"public.\"Status\"", "\"Status\""},
    {"\"public\".\"Status\"", "\"Status\""},
    {"\"Status\"[]", "\"Status\"[]"},
    {"status", "status"},
    {"\"status\"", "status"},
    {"billing.invoice_state", "billing.invoice_state"},
    {"\"char\"", "\"char\""},
    {"tstzrange", "tstzrange"},
};

// Types the cases above refer to; created before the live check.
constexpr std::string_view kTypeCaseSetup =
    "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'INACTIVE');"
    "CREATE TYPE status AS ENUM ('on', 'off');"
    "CREATE SCHEMA billing;"
    "CREATE TYPE billing.invoice_state AS ENUM ('draft', 'paid');";

struct DefaultCase {
  std::string_view type;     // as written in the migration
  std::string_view written;  // the DEFAULT expression as written
  std::string_view printed;  // what pg_get_expr() prints
};

constexpr DefaultCase kDefaultCases[] = {
    {"TIMESTAMP(3)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
    {"timestamp(3)", "current_timestamp", "CURRENT_TIMESTAMP"},
    {"timestamptz", "now()", "now()"},
    {"timestamptz", "NOW()", "now()"},
    {"timestamptz", "(now())", "now()"},
    {"date", "CURRENT_DATE", "CURRENT_DATE"},
    {"TEXT", "'x'", "'x'::text"},
    {"TEXT", "''", "''::text"},
    {"TEXT", "'it''s'", "'it''s'::text"},
    {"VARCHAR(10)", "'a'", "'a'::character varying"},
    {"CHAR(3)", "'ab'", "'ab'::bpchar"},
    {"INTEGER", "0", "0"},
    {"INTEGER", "5", "5"},
    {"INTEGER", "-1", "'-1'::integer"},
    {"INTEGER", "'7'", "7"},
    {"BIGINT", "0", "0"},
    {"BIGINT", "-5", "'-5'::integer"},
    {"BIGINT", "9999999999", "'9999999999'::bigint"},
    {"SMALLINT", "1", "1"},
    {"DOUBLE PRECISION", "1.5", "1.5"},
    {"DOUBLE PRECISION", "0", "0"},
    {"DOUBLE PRECISION", "-2.5", "'-2.5'::numeric"},
    {"DOUBLE PRECISION", "1e10", "'10000000000'::numeric"},
    {"DOUBLE PRECISION", ".5", "0.5"},
    {"DECIMAL(65,30)", "0", "0"},
    {"NUMERIC(10,2)", "1.50", "1.50"},
    {"NUMERIC", "-3", "'-3'::integer"},
    {"REAL", "1.5", "1.5"},
    {"BOOLEAN", "true", "true"},
    {"BOOLEAN", "FALSE", "false"},
    {"BOOLEAN", "'t'", "true"},
    {"JSONB", "'{}'", "'{}'::jsonb"},
    {"JSONB", "'[]'", "'[]'::jsonb"},
    // jsonb is stored parsed: keys sorted (shorter first), the last duplicate kept,
    // numbers through numeric, spaces after ':' and ','.
    {"JSONB", R"('{"b":1.50,"aa":[1e2,-0,{"z":"\u00e9\n","y":null}],"a":true,"a":false}')",
     "'{\"a\": false, \"b\": 1.50, \"aa\": [100, 0, {\"y\": null, \"z\": \"\u00e9\\n\"}]}'::jsonb"},
    {"JSONB", R"('[ -1.5E-1 , "x\"y" ,{}, [] ]'::jsonb)", R"('[-0.15, "x\"y", {}, []]'::jsonb)"},
    {"JSON", R"('{"b":1, "a":2}')", R"('{"b":1, "a":2}'::json)"},
    // Escape strings, as Prisma 2 wrote string defaults: stored as the plain value.
    {"TEXT", "E''", "''::text"},
    {"TEXT", "E'USER'", "'USER'::text"},
    {"TEXT", R"(E'it\'s a \\ and ''x''')", R"('it''s a \ and ''x'''::text)"},
    {"TEXT", R"(e'tab\there \x41\101\u00e9')", "'tab\there AAé'::text"},
    {"TEXT", R"(E'a'::text)", "'a'::text"},
    // Arrays of types with modifiers: the modifier reaches each element, or a second cast.
    {"CHAR(3)[]", "ARRAY[]::CHAR(3)[]", "(ARRAY[]::bpchar[])::character(3)[]"},
    {"BIT(1)[]", "ARRAY[]::BIT(1)[]", "(ARRAY[]::\"bit\"[])::bit(1)[]"},
    {"VARCHAR(42)[]", "ARRAY[]::VARCHAR(42)[]",
     "(ARRAY[]::character varying[])::character varying(42)[]"},
    {"TIMESTAMP(3)[]", "ARRAY[]::TIMESTAMP(3)[]",
     "(ARRAY[]::timestamp without time zone[])::timestamp(3) without time zone[]"},
    {"VARCHAR(5)[]", "ARRAY['x']::VARCHAR(5)[]", "ARRAY['x'::character varying(5)]"},
    {"CHAR(3)[]", "ARRAY['a', 'b']::CHAR(3)[]", "ARRAY['a'::character(3), 'b'::character(3)]"},
    {"NUMERIC(10,2)[]", "ARRAY[1.5, -2, 3]::NUMERIC(10,2)[]",
     "ARRAY[1.5::numeric(10,2), ('-2'::integer)::numeric(10,2), (3)::numeric(10,2)]"},
    {"SMALLINT[]", "ARRAY[1, -2]::SMALLINT[]", "ARRAY[(1)::smallint, ('-2'::integer)::smallint]"},
    {"INTEGER[]", "ARRAY[1, -2]::INTEGER[]", "ARRAY[1, '-2'::integer]"},
    {"REAL[]", "ARRAY[1, -2, 1.5]::REAL[]",
     "ARRAY[(1)::real, ('-2'::integer)::real, (1.5)::real]"},
    {"TEXT[]", "ARRAY[]::TEXT[]", "ARRAY[]::text[]"},
    {"TEXT[]", "'{}'", "'{}'::text[]"},
    {"INTEGER[]", "'{1,2}'", "'{1,2}'::integer[]"},
    {"VARCHAR(5)[]", "'{}'", "'{}'::character varying[]"},
    {"\"Status\"", "'ACTIVE'", "'ACTIVE'::\"Status\""},
    {"\"Status\"", "'ACTIVE'::\"Status\"", "'ACTIVE'::\"Status\""},
    {"billing.invoice_state", "'draft'", "'draft'::billing.invoice_state"},
    {"UUID", "gen_random_uuid()", "gen_random_uuid()"},
    {"TEXT", "'x'::text", "'x'::text"},
    {"TEXT", "CAST('x' AS TEXT)", "'x'::text"},
    {"INTEGER", "(1 + 2)", "(1 + 2)"},
    {"INTEGER[]", "ARRAY[1, 2, 3]::INTEGER[]", "ARRAY[1, 2, 3]"},
    {"TIMESTAMP(3)", "'2020-01-01 00:00:00 +00:00'",
     "'2020-01-01 00:00:00'::timestamp without time zone"},
    {"TIMESTAMPTZ(3)", "'2021-06-15 12:30:45.123 +02:00'",
     "'2021-06-15 10:30:45.123+00'::timestamp with time zone"},
    {"TIMESTAMP(6)", "'2022-03-04T05:06:07.500+02:00'",
     "'2022-03-04 05:06:07.5'::timestamp without time zone"},
    {"DATE", "'2023-12-31 00:00:00 +00:00'", "'2023-12-31'::date"},
    {"TIMESTAMPTZ", "'2024-01-01 01:00:00+05'",
     "'2023-12-31 20:00:00+00'::timestamp with time zone"},
    {"TEXT[]", "ARRAY['a', 'b']::TEXT[]", "ARRAY['a'::text, 'b'::text]"},
    {"DOUBLE PRECISION[]", "ARRAY[1.5, 2]::DOUBLE PRECISION[]",
     "ARRAY[(1.5)::double precision, (2)::double precision]"},
    {"BIGINT[]", "ARRAY[1]::BIGINT[]", "ARRAY[(1)::bigint]"},
    {"\"Status\"[]", "ARRAY['ACTIVE']::\"Status\"[]", "ARRAY['ACTIVE'::\"Status\"]"},
};

}  // namespace drift::model
