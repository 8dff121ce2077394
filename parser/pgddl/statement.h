// File: statement.h
//
// What the DDL parser makes of each statement: plain "info" structs, one per statement
// kind, that replay folds into a model. Names are already folded (unquoted -> lower
// case, 63-byte truncation); types and expressions keep their source text, which the
// model's canonical functions turn into PostgreSQL's printed form during replay.
//
// Example:
//   DdlParseResult parsed = ParseDdl(file);
//   for (const Statement& s : parsed.statements)
//     if (auto* create = std::get_if<CreateTable>(&s.body)) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/diagnostic.h"
#include "model/schema.h"
#include "parser/pgddl/statement_table.h"

namespace drift::parser::pgddl {

struct CreateEnum {
  ObjectName name;
  std::vector<std::string> labels;
};

enum class AlterTypeKind : uint8_t { kAddValue, kRenameValue, kRenameTo, kSetSchema, kOther };
struct AlterType {
  ObjectName name;
  AlterTypeKind kind = AlterTypeKind::kOther;
  std::string value;      // ADD VALUE 'x' / RENAME VALUE 'x'
  std::string new_value;  // RENAME VALUE 'x' TO 'y', RENAME TO y, SET SCHEMA s
  bool if_not_exists = false;
  std::optional<std::string> before, after;
};

enum class DropKind : uint8_t {
  kTable,
  kIndex,
  kType,
  kView,
  kMaterializedView,
  kSequence,
  kSchema,
  kExtension,
  kFunction,
  kProcedure,
  kTrigger,
};
struct DropObjects {
  DropKind kind = DropKind::kTable;
  std::vector<ObjectName> names;
  ObjectName table;  // DROP TRIGGER name ON table
  bool if_exists = false;
  bool cascade = false;
  bool concurrently = false;  // DROP INDEX CONCURRENTLY
};

struct CreateNamespace {
  std::string name;
  bool if_not_exists = false;
};
struct CreateExtension {
  std::string name;
  std::string schema;
  bool if_not_exists = false;
};

struct CommentOn {
  std::string object_kind;  // "table", "column", "index", "type", "schema", ...
  ObjectName name;          // for columns: schema.table in name, column in `column`
  std::string column;
  std::optional<std::string> text;  // NULL removes the comment
};

struct CreateSequence {
  ObjectName name;
  bool if_not_exists = false;
  std::string type;  // AS type, "" for bigint
  std::optional<int64_t> start, increment, min_value, max_value, cache;
  std::optional<bool> cycle;
  std::optional<ObjectName> owned_by;  // table (schema.table), column in owned_by_column
  std::string owned_by_column;         // "" with OWNED BY NONE
  bool owned_by_none = false;
};

struct AlterSequence {
  ObjectName name;
  bool if_exists = false;
  CreateSequence changes;  // the options given (name unused)
  std::optional<std::string> rename_to;
};

// ALTER INDEX / ALTER VIEW ... RENAME TO, ALTER INDEX ... SET (...) and the like.
struct RenameRelation {
  std::string kind;  // "index", "view", "materialized view"
  ObjectName name;
  bool if_exists = false;
  std::string new_name;            // "" when the statement has no model effect
  std::string column, new_column;  // ALTER [MATERIALIZED] VIEW … RENAME COLUMN a TO b
};

struct FunctionArgument {
  std::string mode;  // "", "IN", "OUT", "INOUT", "VARIADIC"
  std::string name;
  std::string type;  // as written
  bool has_default = false;
};

struct CreateFunction {
  ObjectName name;
  bool procedure = false;
  bool or_replace = false;
  std::vector<FunctionArgument> arguments;
  std::string returns;  // as written: "trigger", "SETOF text", "TABLE (...)"
  std::string language;
  std::string body;  // the string after AS
};

struct CreateTrigger {
  std::string name;
  bool or_replace = false;
  std::string timing;               // BEFORE, AFTER, INSTEAD OF
  std::vector<std::string> events;  // INSERT, DELETE, UPDATE, UPDATE OF a, b, TRUNCATE
  std::vector<std::string> update_columns;
  ObjectName table;
  bool for_each_row = false;
  std::string condition;  // WHEN (...) text
  ObjectName function;
  std::vector<std::string> arguments;  // literal arguments as written
};

// CREATE [OR REPLACE] [MATERIALIZED] VIEW name [(columns)] AS query.
struct CreateView {
  ObjectName name;
  bool materialized = false;
  bool or_replace = false;
  bool if_not_exists = false;        // materialized views only
  std::vector<std::string> columns;  // the optional column name list
  std::string query;                 // the text after AS, without WITH … OPTION / DATA
};

// A statement that changes data or session state, not the schema.
struct NoSchemaEffect {
  std::string what;
};  // "INSERT", "SET", "BEGIN", ...

// DO $$ ... $$: the guarded DDL it contains, when it has the shape
// IF [NOT] EXISTS (SELECT ... FROM information_schema.columns WHERE ...) THEN ... END IF.
struct DoBlock {
  std::string language = "plpgsql";
  std::string body;           // the code between the quotes
  model::SourceSpan body_at;  // where the body's first character is in the file
};

// Recognised but not modelled (views, functions, triggers, sequences ... until replay
// knows them): replay reports "schema effect unknown" for these.
struct Unmodelled {
  std::string what;
};

// Syntax that only newer supported PostgreSQL majors accept (NULLS NOT DISTINCT is 15's):
// replay as an older one rejects the statement as that server would.
struct NewerSyntax {
  int since_major = 0;
  model::SourceSpan at;  // the token the older server stops at
  std::string token;     // its text as written; "" at the end of the statement
  std::string what;      // "NULLS NOT DISTINCT"
};

struct Statement {
  model::SourceSpan span;  // where the statement starts
  std::string_view text;   // its source text; valid while the SourceFile lives
  std::vector<NewerSyntax> newer_syntax;
  using Body = std::variant<CreateTable, AlterTable, CreateIndex, CreateEnum, AlterType,
                            DropObjects, CreateNamespace, CreateExtension, CommentOn,
                            NoSchemaEffect, DoBlock, Unmodelled, CreateSequence, AlterSequence,
                            RenameRelation, CreateFunction, CreateTrigger, CreateView>;
  Body body;
};

}  // namespace drift::parser::pgddl
