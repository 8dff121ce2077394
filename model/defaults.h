// File: defaults.h
//
// Column defaults in the form pg_get_expr() prints them (search_path = public), so that
// a default written in a migration compares equal to the one read from the catalog.
//
// Example:
//   CanonicalDefault("now()", "timestamp(3) without time zone")  -> "now()"
//   CanonicalDefault("'x'", "text")                              -> "'x'::text"
//   CanonicalDefault("-1", "integer")                            -> "'-1'::integer"
//   CanonicalDefault("ARRAY[]::TEXT[]", "text[]")                -> "ARRAY[]::text[]"
//   CanonicalDefault("'ACTIVE'", "\"Status\"")                   -> "'ACTIVE'::\"Status\""
#pragma once

#include <string>
#include <optional>
#include <string>
#include <string_view>

namespace drift::model {

// The canonical text of default expression `expr` on a column of canonical type
// `column_type`. Covers literals (strings, numbers, booleans, arrays), casts, the SQL
// value functions (CURRENT_TIMESTAMP, ...), calls without arguments and nextval();
// other expressions come back with whitespace outside literals collapsed.
std::string CanonicalDefault(std::string_view expr, std::string_view column_type);

// numeric_in() followed by numeric_out(): "1.5e2" -> "150", ".5" -> "0.5". nullopt when
// `s` is not an unsigned number.
std::optional<std::string> NumericText(std::string_view s);

// The text of the default that serial expansion gives column `column` of `table`:
// nextval('<table>_<column>_seq'::regclass), with PostgreSQL's name truncation.
std::string SerialDefault(std::string_view schema, std::string_view table, std::string_view column);

// The name PostgreSQL picks for an implicitly created object of `table` ("User",
// {"id"}, "seq" -> "User_id_seq"), shortening the parts as ChooseRelationName() does
// so the result fits in 63 bytes. Clash suffixes are the caller's business.
std::string ImplicitName(std::string_view table, std::string_view column, std::string_view label);

}  // namespace drift::model
