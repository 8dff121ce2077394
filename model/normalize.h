// File: normalize.h
//
// The one place that puts a Schema into canonical form. Every source calls Normalize()
// on the Schema it built, and two canonical Schemas compare field by field.
//
// Example:
//   model::Schema s = BuildFromSomewhere();
//   model::Normalize(s);   // types, defaults, order: all canonical
#pragma once

#include <string_view>

#include "model/schema.h"

namespace drift::model {

// Canonicalises column and sequence types and column defaults, renumbers column
// positions 1..n, and sorts every list by its identity (PruneUnverified included).
// Idempotent.
void Normalize(Schema& schema);

// Drops the `unverified` entries whose object is gone (dropped, or renamed away) and
// sorts the rest by kind and name. Normalize() calls it; replay calls it after a
// statement that removes things, so a view dropped and created again is verified.
void PruneUnverified(Schema& schema);

// Marks `kind` `name` unverified for `reason`, replacing an earlier entry for it.
void MarkUnverified(Schema& schema, Unverified entry);

// Makes `kind` `name` verified again (a statement replay understood replaced it).
void ClearUnverified(Schema& schema, std::string_view kind, const QualifiedName& name);

// What a new PostgreSQL 15 database holds before any migration: the `public` schema
// with its stock comment. The state before the first migration (S0) and `--from-empty`.
Schema EmptyDatabase();

// Serial expansion, as CREATE TABLE does for a column declared `serial_type`
// ("serial", "bigserial", ...): the column gets the integer type, NOT NULL and
// nextval('<table>_<column>_seq'::regclass), and the owned sequence is appended to
// `schema.sequences`. Returns false (and changes nothing) when `serial_type` is not a
// serial type.
bool ExpandSerial(const QualifiedName& table, std::string_view serial_type, Column& column,
                  Schema& schema);

}  // namespace drift::model
