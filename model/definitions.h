// File: definitions.h
//
// SQL text of single model objects, in the form PostgreSQL's own catalog functions print
// it (pg_get_constraintdef, pg_get_indexdef, pg_get_triggerdef), so readers recognise it
// and renderers of both text and JSON share one spelling.
//
// Example:
//   ConstraintDefinition(fk)  -> "FOREIGN KEY (team_id) REFERENCES \"Team\"(id) ON DELETE CASCADE"
#pragma once

#include <string>
#include <string_view>

#include "model/schema.h"

namespace drift::model {

// As pg_get_constraintdef(oid) prints it; `table_schema` decides how the referenced
// table of a foreign key is qualified.
std::string ConstraintDefinition(const Constraint& c, std::string_view table_schema);

// As pg_get_indexdef(oid) prints it.
std::string IndexDefinition(const Index& index);

// As pg_get_triggerdef(oid) prints it.
std::string TriggerDefinition(const Trigger& trigger);

// The SQL spelling of a referential action: "CASCADE", "SET NULL", ...
std::string_view FkActionText(FkAction action);

std::string_view ConstraintKindText(ConstraintKind kind);  // "primary key", "unique", ...

// CREATE TABLE text of a table with its columns and constraints, on one line:
// CREATE TABLE public."Team" (id integer NOT NULL, CONSTRAINT "Team_pkey" PRIMARY KEY (id))
std::string TableDefinition(const Table& table);

// A column's properties after its name: "integer not null default 0 identity always".
std::string ColumnDefinition(const Column& column);

// 'text' with quotes doubled.
std::string QuoteLiteral(std::string_view text);

}  // namespace drift::model
