// File: statement_table.h
//
// The statement structs of tables and indexes (CREATE TABLE, ALTER TABLE, CREATE
// INDEX) and the name type every statement uses; statement.h has the rest and the
// Statement itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/schema.h"

namespace drift::parser::pgddl {

// A name as written: schema is empty when not qualified.
struct ObjectName {
  std::string schema;
  std::string name;
};

struct ConstraintDef {
  std::optional<std::string> name;
  model::ConstraintKind kind = model::ConstraintKind::kCheck;
  std::vector<std::string> columns;  // PK / UNIQUE / FK columns (empty inline: the column)
  std::string expression;            // CHECK expression text; EXCLUDE: the text after EXCLUDE
  ObjectName ref_table;              // FK
  std::vector<std::string> ref_columns;
  model::FkAction on_delete = model::FkAction::kNoAction;
  model::FkAction on_update = model::FkAction::kNoAction;
  model::FkMatch match = model::FkMatch::kSimple;
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;
  bool no_inherit = false;
  bool nulls_not_distinct = false;
  std::optional<std::string> using_index;  // ADD CONSTRAINT ... USING INDEX name
};

struct ColumnDef {
  std::string name;
  std::string type;                         // as written, e.g. "VARCHAR(255)", "SERIAL"
  std::optional<std::string> default_expr;  // as written
  bool not_null = false;
  model::Identity identity = model::Identity::kNone;
  std::optional<std::string> generated;  // GENERATED ALWAYS AS (expr) STORED | VIRTUAL
  bool generated_virtual = false;        // VIRTUAL, or no keyword (PostgreSQL 18)
  std::optional<std::string> collation;
  std::vector<ConstraintDef> constraints;  // inline PRIMARY KEY / UNIQUE / CHECK / REFERENCES
};

// LIKE source [INCLUDING | EXCLUDING option]... inside CREATE TABLE (...).
struct LikeClause {
  ObjectName source;
  size_t at = 0;  // how many column definitions come before it
  bool defaults = false, constraints = false, indexes = false, comments = false, identity = false,
       generated = false;
};

struct CreateTable {
  ObjectName name;
  bool if_not_exists = false;
  bool unlogged = false;
  std::vector<ColumnDef> columns;
  std::vector<ConstraintDef> constraints;
  std::string partition_key;  // PARTITION BY ... text
  std::optional<ObjectName> partition_of;
  std::string partition_bound;             // FOR VALUES ... / DEFAULT text
  bool as_select = false;                  // CREATE TABLE ... AS query
  std::string query;                       // that query (AS TABLE / AS VALUES: empty)
  std::vector<std::string> query_columns;  // CREATE TABLE t (a, b) AS ...: the names
  std::vector<LikeClause> likes;
  bool temporary = false;
};

enum class AlterKind : uint8_t {
  kAddColumn,
  kDropColumn,
  kRenameColumn,
  kAlterColumnType,
  kSetDefault,
  kDropDefault,
  kSetNotNull,
  kDropNotNull,
  kAddIdentity,
  kDropIdentity,
  kAddConstraint,
  kDropConstraint,
  kRenameConstraint,
  kValidateConstraint,
  kRenameTable,
  kSetSchema,
  kAttachPartition,
  kDetachPartition,
  kNoModelEffect,
};

struct AlterAction {
  AlterKind kind = AlterKind::kNoModelEffect;
  std::string column;          // the column acted on
  std::string new_name;        // RENAME ... TO
  bool if_exists = false;      // DROP COLUMN IF EXISTS, DROP CONSTRAINT IF EXISTS
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS
  bool cascade = false;
  ColumnDef column_def;                   // ADD COLUMN
  std::string type;                       // ALTER COLUMN TYPE
  std::optional<std::string> expression;  // SET DEFAULT expr, TYPE ... USING expr
  model::Identity identity = model::Identity::kNone;
  ConstraintDef constraint;  // ADD CONSTRAINT
  ObjectName partition;      // ATTACH / DETACH PARTITION
  std::string partition_bound;
};

struct AlterTable {
  ObjectName name;
  bool if_exists = false;
  std::vector<AlterAction> actions;
};

struct IndexKeyDef {
  std::string expression;  // column name (folded) or expression text
  bool is_expression = false;
  std::string collation;  // folded name, "" for none
  std::string opclass;
  std::optional<bool> descending;
  std::optional<bool> nulls_first;
};

struct CreateIndex {
  std::optional<std::string> name;
  ObjectName table;
  bool unique = false;
  bool if_not_exists = false;
  bool only = false;
  std::string method = "btree";
  std::vector<IndexKeyDef> keys;
  std::vector<std::string> include;
  std::string predicate;
  bool nulls_not_distinct = false;
  bool concurrently = false;
};

}  // namespace drift::parser::pgddl
