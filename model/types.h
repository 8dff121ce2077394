// File: types.h
//
// Canonical type names: the text format_type() prints for a column's type, with
// search_path = public. Every alias PostgreSQL accepts maps to that one spelling.
//
// Example:
//   CanonicalType("INT4")             -> "integer"
//   CanonicalType("varchar(255)")     -> "character varying(255)"
//   CanonicalType("TIMESTAMP(3)")     -> "timestamp(3) without time zone"
//   CanonicalType("public.\"Status\"[]") -> "\"Status\"[]"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drift::model {

// The canonical spelling of the type written as `text`. Array bounds of any number of
// dimensions print as one "[]", as format_type() does. Text that is not a type name is
// returned with its whitespace collapsed, so that it still compares stably.
std::string CanonicalType(std::string_view text);

// For "serial", "bigserial", "smallserial" and their serial2/4/8 spellings (any case),
// the integer type the column really gets; nullopt for any other type.
std::optional<std::string> SerialBaseType(std::string_view text);

// The element type of a canonical array type ("text[]" -> "text"), or nullopt.
std::optional<std::string> ArrayElementType(std::string_view canonical);

// True when every value of canonical type `from` converts to `to` unchanged: integer
// widening (smallint -> integer -> bigint -> numeric), real -> double precision, a longer
// or unlimited varchar, varchar -> text, a constrained numeric -> unconstrained.
bool IsLosslessWidening(std::string_view from, std::string_view to);

// True when ALTER COLUMN TYPE from canonical `from` to `to` (without USING) changes only
// the catalog: the new type is binary coercible and its modifier does not shrink — a
// longer or unlimited varchar, varchar <-> text, numeric with more precision at the
// same scale or unconstrained, a finer timestamp/time/interval precision, cidr -> inet.
// Anything else rewrites the table (conservatively, also cases that depend on settings,
// such as timestamp -> timestamptz in UTC).
bool ChangesTypeWithoutRewrite(std::string_view from, std::string_view to);

}  // namespace drift::model
