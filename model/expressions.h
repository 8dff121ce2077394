// File: expressions.h
//
// SQL expressions (index keys, index predicates) in the form PostgreSQL's deparser
// prints them, for the shapes migrations use: column references, function calls on
// columns (with the implicit cast PostgreSQL adds, e.g. lower() of a varchar column),
// and anything else with keywords and identifiers normalised.
//
// Example:
//   ColumnTypes types = {{"email", "character varying(255)"}};
//   CanonicalExpression("LOWER(\"email\")", types)  -> "lower((email)::text)"
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drift::model {

// Canonical types of the columns an expression may refer to, by exact name.
using ColumnTypes = std::map<std::string, std::string, std::less<>>;

std::string CanonicalExpression(std::string_view text, const ColumnTypes& columns);

// The same when the typed expression parser understands all of `text`; nullopt when it
// does not (CanonicalExpression then prints it token by token).
std::optional<std::string> TypedExpression(std::string_view text, const ColumnTypes& columns);

// `expression` with every reference to identifier `from` replaced by `to` (quoted as
// needed); string literals are left alone. Used when a column or table is renamed.
std::string RenameIdentifier(std::string_view expression, std::string_view from,
                             std::string_view to);

// True when `expression` refers to identifier `name` outside string literals.
bool MentionsIdentifier(std::string_view expression, std::string_view name);

// The items of a comma-separated list, split at commas outside parentheses
// ("a, f(b, c)" -> "a", " f(b, c)"); items keep their spaces.
std::vector<std::string_view> SplitTopLevel(std::string_view list);

// PARTITION BY text as pg_get_partkeydef prints it: "range (\"at\")" -> "RANGE (at)".
std::string CanonicalPartitionKey(std::string_view text, const ColumnTypes& columns);

// A partition bound as pg_get_expr(relpartbound) prints it: each value of a FROM / TO /
// IN list in its key column's output form (`key_types`, one per key; "" for an expression
// key, whose values are left as written).
std::string CanonicalPartitionBound(std::string_view text,
                                    const std::vector<std::string>& key_types);

// The types of a partition key's columns ("RANGE (at, id)"), "" for expression keys.
std::vector<std::string> PartitionKeyTypes(std::string_view partition_key,
                                           const ColumnTypes& columns);

// An index key expression as pg_get_indexdef prints it: a function call bare, any
// other expression in parentheses ("lower(email)", "((a + b))").
std::string IndexKeyExpression(std::string_view canonical_expression);

// The name PostgreSQL gives an index key in an implicit index name: the column name,
// the function name of a call, or "expr".
std::string IndexKeyNamePart(std::string_view expression, bool is_expression);

// True when `opclass` is the default operator class of `method` for `column_type`, so
// pg_get_indexdef leaves it out.
bool IsDefaultOpclass(std::string_view opclass, std::string_view method,
                      std::string_view column_type);

}  // namespace drift::model
