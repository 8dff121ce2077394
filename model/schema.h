// File: schema.h
//
// The schema model: every object drift compares, as plain value structs. Each source
// (a live catalog, a replayed migration history, a schema.prisma) builds a Schema, and
// model::Normalize() turns it into canonical form before anything compares it.
//
// Example:
//   model::Schema s;
//   s.tables.push_back({.name = {"public", "User"}});
//   model::Normalize(s);
//   std::string text = model::DumpText(s);
//
// Identity of each object is given in the comment above its struct (DESIGN §3).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drift::model {

// A schema-qualified name. Both parts are exact (already folded) identifiers.
struct QualifiedName {
  std::string schema;
  std::string name;
  auto operator<=>(const QualifiedName&) const = default;
};

// Identity: name.
struct Namespace {
  std::string name;
  std::optional<std::string> comment;
  bool operator==(const Namespace&) const = default;
};

// Identity: name. `version` is reported, never compared.
struct Extension {
  std::string name;
  std::string schema;
  std::string version;
  std::optional<std::string> comment;
};

// Identity: schema.name. Labels keep their declared (sort) order.
struct EnumType {
  QualifiedName name;
  std::vector<std::string> labels;
  std::optional<std::string> comment;
  bool operator==(const EnumType&) const = default;
};

// Identity: schema.name.
struct Sequence {
  QualifiedName name;
  std::string type = "bigint";  // canonical type name: smallint, integer or bigint
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = 9223372036854775807;
  int64_t cache = 1;
  bool cycle = false;
  // "table.column" (table unqualified when in the sequence's schema) of an OWNED BY
  // column, empty when not owned. Identity sequences are not listed: they belong to
  // their column.
  std::string owned_by;
  std::optional<std::string> comment;
  bool operator==(const Sequence&) const = default;
};

enum class Identity : uint8_t { kNone, kAlways, kByDefault };

// Identity: table + name.
struct Column {
  std::string name;
  int position = 0;  // 1-based rank among the live columns; reported, not compared
  std::string type;  // canonical type, e.g. "character varying(255)", "text[]"
  bool not_null = false;
  std::optional<std::string> default_expr;  // as pg_get_expr prints it
  Identity identity = Identity::kNone;
  std::optional<std::string> generated;  // generation expression
  bool generated_virtual = false;        // VIRTUAL (PostgreSQL 18), not STORED
  std::optional<std::string> collation;  // only when not the type's default
  std::optional<std::string> comment;
};

enum class ConstraintKind : uint8_t { kPrimaryKey, kUnique, kCheck, kExclusion, kForeignKey };

// Referential actions as pg_constraint stores them.
enum class FkAction : char {
  kNoAction = 'a',
  kRestrict = 'r',
  kCascade = 'c',
  kSetNull = 'n',
  kSetDefault = 'd',
};
enum class FkMatch : char { kSimple = 's', kFull = 'f', kPartial = 'p' };

// Identity: table + name.
struct Constraint {
  std::string name;
  ConstraintKind kind = ConstraintKind::kPrimaryKey;
  std::vector<std::string> columns;  // key columns (PK, unique, FK); empty for check/exclusion
  // CHECK: the expression inside CHECK (...), as pg_get_constraintdef prints it.
  // EXCLUDE: the whole definition as pg_get_constraintdef prints it.
  std::string expression;
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;
  bool no_inherit = false;          // CHECK ... NO INHERIT
  bool nulls_not_distinct = false;  // UNIQUE NULLS NOT DISTINCT
  // Foreign keys only.
  QualifiedName ref_table;
  std::vector<std::string> ref_columns;
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
  FkMatch match = FkMatch::kSimple;
  std::optional<std::string> comment;
};

enum class TableKind : uint8_t { kTable, kPartitioned };

// Identity: schema.name. Partitions are tables with a parent.
struct Table {
  QualifiedName name;
  TableKind kind = TableKind::kTable;
  bool unlogged = false;
  std::string partition_key;            // "RANGE (created_at)", as pg_get_partkeydef prints it
  std::optional<QualifiedName> parent;  // set for a partition
  std::string partition_bound;          // "FOR VALUES FROM (...) TO (...)" for a partition
  std::vector<Column> columns;          // in position order
  std::vector<Constraint> constraints;  // sorted by name
  std::optional<std::string> comment;
};

// One key part of an index.
struct IndexKey {
  std::string expression;  // a quoted column name, or an expression as pg_get_indexdef prints it
  bool is_expression = false;
  std::string collation;  // empty: the column's own
  std::string opclass;    // empty: the type's default operator class
  bool descending = false;
  bool nulls_first = false;  // the effective value (DESC implies NULLS FIRST by default)
  bool operator==(const IndexKey&) const = default;
};

// Identity: schema + name. Indexes that implement a primary key, unique or exclusion
// constraint are part of the constraint and are not listed here.
struct Index {
  QualifiedName name;
  std::string table;                  // table (or materialized view) name, in the same schema
  bool on_partitioned_table = false;  // the parent index of a partitioned table ("ON ONLY")
  bool unique = false;
  std::string method = "btree";
  std::vector<IndexKey> keys;
  std::vector<std::string> include;  // INCLUDE columns, quoted as needed
  std::string predicate;             // WHERE clause without "WHERE", empty when none
  bool nulls_not_distinct = false;
  std::optional<std::string> comment;
};

// Identity: schema.name.
struct View {
  QualifiedName name;
  bool materialized = false;
  std::string definition;  // as pg_get_viewdef prints it
  std::optional<std::string> comment;
};

enum class RoutineKind : uint8_t { kFunction, kProcedure };

// Identity: schema.name(argument types).
struct Function {
  QualifiedName name;
  std::string arguments;  // as pg_get_function_identity_arguments prints them
  RoutineKind kind = RoutineKind::kFunction;
  std::string returns;  // as pg_get_function_result prints it; empty for procedures
  std::string language;
  std::string body;  // the source text between the quotes (prosrc)
  std::optional<std::string> comment;
};

// Identity: table + name.
struct Trigger {
  QualifiedName table;
  std::string name;
  std::string timing;               // "BEFORE", "AFTER" or "INSTEAD OF"
  std::vector<std::string> events;  // "INSERT", "UPDATE", "UPDATE OF a, b", "DELETE", "TRUNCATE"
  bool for_each_row = false;
  QualifiedName function;
  std::string arguments;  // the literal argument list, empty when none
  std::string condition;  // WHEN expression without "WHEN", empty when none
  std::optional<std::string> comment;
};

// An object whose content replay could not establish — a view whose query it does not
// understand, a table that a DO block it does not understand may have changed. The
// object exists, nothing compares it, and every command lists it (DESIGN §5). A table's
// columns, constraints, indexes and triggers go with it; a function entry covers every
// overload of the name.
struct Unverified {
  std::string kind;  // "table", "view", "index", "enum", "sequence" or "function"
  QualifiedName name;
  std::string file;  // the statement that made it so
  uint32_t line = 0;
  std::string reason;
};

// A whole database schema. Vectors are in canonical order after Normalize().
struct Schema {
  std::vector<Namespace> namespaces;
  std::vector<Extension> extensions;
  std::vector<EnumType> enums;
  std::vector<Sequence> sequences;
  std::vector<Table> tables;
  std::vector<Index> indexes;
  std::vector<View> views;
  std::vector<Function> functions;
  std::vector<Trigger> triggers;
  // Objects above whose content is not known (only replay makes them), one entry each.
  std::vector<Unverified> unverified;
};

}  // namespace drift::model
