// File: replay_internal.h
//
// The pieces of replay shared by replay.cc (types, drops, comments, DO blocks) and
// replay_table.cc (tables, constraints, indexes). Each Apply* folds one statement into
// `schema` and reports problems through `Report`.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "model/pg_version.h"
#include "model/schema.h"
#include "model/string_hash.h"
#include "model/view_definition.h"
#include "parser/pgddl/statement.h"
#include "parser/pgddl/token.h"

namespace drift::parser::pgddl::internal {

// Name look-ups that would otherwise scan the whole model for every statement: tables by
// name, relation names (tables, indexes, sequences, views, constraint indexes) and
// constraint names per schema. Valid only while statements only add things; the
// replayer drops it around statements that remove or rename.
class NameIndex {
 public:
  // Open-addressing tables: the look-ups are the hot path of replaying a long history.
  using Names = absl::flat_hash_set<std::string, model::StringHash, std::equal_to<>>;
  bool valid() const { return valid_; }
  void Invalidate() { valid_ = false; }
  void Rebuild(const model::Schema& schema);
  model::Table* FindTable(model::Schema& schema, const model::QualifiedName& name) const;
  bool RelationTaken(const model::QualifiedName& name) const;
  bool ConstraintTaken(const std::string& ns, const std::string& name) const;
  void AddTable(const model::Schema& schema);  // the last table of schema.tables
  void AddRelation(const model::QualifiedName& name);
  void AddConstraint(const std::string& ns, const std::string& name);

  // The names a statement confined to one table (or to named indexes) can free or take:
  // taken before it runs, compared after, so the index stays valid across the removals
  // and renames most migrations make instead of being rebuilt.
  struct LocalNames {
    std::string ns;
    Names relations, constraints;
  };
  LocalNames Collect(model::Schema& schema, const model::QualifiedName* table,
                     const std::vector<model::QualifiedName>& indexes) const;
  void Replace(const LocalNames& before, const LocalNames& after);

 private:
  template <typename V>
  using ByName = absl::flat_hash_map<std::string, V, model::StringHash, std::equal_to<>>;
  static bool Contains(const ByName<Names>& sets, std::string_view ns, std::string_view name);

  bool valid_ = false;
  ByName<ByName<size_t>> tables_;          // schema -> table -> index in schema.tables
  ByName<Names> relations_, constraints_;  // schema -> names
};

// What replay keeps of a view beyond the model: its query as written, and how the names
// that query writes map to today's relations and columns after renames, so its
// definition can be deparsed again as PostgreSQL would print it.
struct ViewSource {
  std::string query;
  std::vector<std::string> output_names;   // fixed at creation, as PostgreSQL keeps them
  std::vector<model::ViewColumn> columns;  // the output columns, for views that read it
  std::map<model::QualifiedName, model::QualifiedName> relation_now;  // written -> current
  // (current relation, column as written) -> current column name, after renames
  std::map<std::pair<model::QualifiedName, std::string>, std::string> column_now;
  // A view whose query replay does not understand: no columns are known, relation_now
  // holds the relations its text names, `mentioned` every name it writes (folded).
  bool unverified = false;
  std::set<std::string> mentioned;
};
using ViewSources = std::map<model::QualifiedName, ViewSource>;

struct ReplayContext {
  model::Schema& schema;
  NameIndex* index;  // null: look things up by scanning
  std::function<void(model::Severity, const std::string& code, const std::string& message)> report;
  // With `index` null: table positions that stay valid through a statement confined to one
  // table (its names may change, the tables' order does not). Null: scan.
  NameIndex* positions = nullptr;
  ViewSources* views = nullptr;           // null: views are not followed (a bare context in tests)
  int pg_major = model::kNewestPgMajor;   // the server version imitated
  const model::SourceSpan* at = nullptr;  // the statement being replayed
  // Temporary tables made so far in this file (null: they are not made): replay drops them
  // at its end, as the server does at the end of the session.
  std::vector<model::QualifiedName>* temp_tables = nullptr;
  // Enum values added by this file to enums made before it, as constants ('v'::"E") ->
  // (value, enum name): the server refuses to use them before the file's transaction
  // commits. Null: not followed. `enums_made` are the enums this file created.
  std::map<std::string, std::pair<std::string, std::string>>* new_enum_values = nullptr;
  std::set<model::QualifiedName>* enums_made = nullptr;
  // Column defaults as the migration wrote them, by (table, column): ALTER COLUMN TYPE
  // keeps the expression, so what it prints after depends on how it was written (1 and
  // '1'::smallint are the same smallint default, and differ once the column is bigint).
  std::map<std::pair<model::QualifiedName, std::string>, std::string>* written_defaults = nullptr;
  // Reports PostgreSQL's error when `expression` uses such a value; true then.
  bool UsesNewEnumValue(const std::string& expression) const;
  void Error(const std::string& message) const {
    report(model::Severity::kError, "replay.invalid", message);
  }
  void Notice(const std::string& message) const {
    report(model::Severity::kNote, "replay.notice", message);
  }
  void Unknown(const std::string& message) const {
    report(model::Severity::kWarning, "replay.unknown-effect", message);
  }
  // `kind` `name` exists but its content is not known: nothing compares it (model::Unverified).
  void Unverify(std::string kind, const model::QualifiedName& name, std::string reason) const;
  bool IsUnverified(std::string_view kind, const model::QualifiedName& name) const;
};

// The names `sql` writes (words folded to lower case, quoted names as they are): what an
// unverified statement may refer to.
std::set<std::string> MentionedNames(std::string_view sql);

model::QualifiedName Resolve(const ObjectName& name);  // search_path = public
// A primary key, unique or exclusion constraint: it has an index of its name.
bool HasIndex(const model::Constraint& c);
model::Table* FindTable(ReplayContext& ctx, const model::QualifiedName& name);
model::Column* FindColumn(model::Table& table, const std::string& name);
bool RelationNameTaken(ReplayContext& ctx, const model::QualifiedName& name);
// CREATE [IF NOT EXISTS] of a relation: true when `name` is free; otherwise reports
// PostgreSQL's notice (IF NOT EXISTS) or error, and the statement must do nothing.
bool RelationNameFree(ReplayContext& ctx, const model::QualifiedName& name, bool if_not_exists);
bool ConstraintNameTaken(ReplayContext& ctx, const std::string& ns, const std::string& name);
// Keep the index current after adding a table, a relation or a constraint.
void NoteTableAdded(ReplayContext& ctx);
void NoteRelationAdded(ReplayContext& ctx, const model::QualifiedName& name);
void NoteConstraintAdded(ReplayContext& ctx, const std::string& ns, const model::Constraint& c);

// replay_table.cc
void ApplyCreateTable(ReplayContext& ctx, const CreateTable& s);
void ApplyAlterTable(ReplayContext& ctx, const AlterTable& s);
void ApplyCreateIndex(ReplayContext& ctx, const CreateIndex& s);
void DropTable(ReplayContext& ctx, const model::QualifiedName& name, bool cascade);

// replay_views.cc
void ApplyCreateView(ReplayContext& ctx, const CreateView& s);
// A query over the current model, deparsed: its output columns and their types.
std::optional<model::ViewDefinition> DeparseQuery(ReplayContext& ctx, const std::string& query,
                                                  const std::vector<std::string>& names,
                                                  std::string* why);
// After a table, view or column rename: the views that read it, deparsed again.
void RelationRenamed(ReplayContext& ctx, const model::QualifiedName& from,
                     const model::QualifiedName& to);
void ColumnRenamed(ReplayContext& ctx, const model::QualifiedName& table, const std::string& from,
                   const std::string& to);
// Before dropping relation `name` (or its column `column`): the views that depend on it.
// Without CASCADE they block the drop (false, with PostgreSQL's error); with it they go.
bool DropDependentViews(ReplayContext& ctx, const model::QualifiedName& name,
                        const std::string& column, bool cascade);
void ForgetView(ReplayContext& ctx, const model::QualifiedName& name);
// A view reads column `column` of `table` (ALTER COLUMN TYPE is refused then).
bool ViewsReadColumn(ReplayContext& ctx, const model::QualifiedName& table,
                     const std::string& column);
// A view or table that replay keeps with unknown content (CREATE VIEW or CREATE TABLE AS
// over a query it does not understand): made empty, and marked unverified.
void AddUnverifiedView(ReplayContext& ctx, const model::QualifiedName& name, bool materialized,
                       const std::string& query, const std::string& reason);
// ALTER VIEW … RENAME COLUMN: the output name changes, and views reading it follow.
void RenameViewColumn(ReplayContext& ctx, const model::QualifiedName& view, const std::string& from,
                      const std::string& to, bool if_exists);

// replay_catalog.cc
// A PL/pgSQL condition (the tokens between IF and THEN) over the replayed catalog: EXISTS
// questions to pg_class, pg_constraint, pg_type, information_schema.columns and the
// like, and FOUND (`found`: what the last PERFORM found, nullopt when unknown). nullopt,
// with `why`, when it asks what replay does not model.
std::optional<bool> EvaluateCondition(const model::Schema& schema,
                                      const std::vector<Token>& condition, std::string* why,
                                      std::optional<bool> found = std::nullopt);
// PERFORM <query>: whether the catalog question finds a row (PL/pgSQL's FOUND after it);
// nullopt, with `why`, when it is not a question replay can answer.
std::optional<bool> EvaluatePerform(const model::Schema& schema, const std::vector<Token>& query,
                                    std::string* why);

// What replay does not understand may have changed anything `text` names: those tables
// and views become unverified, for `reason`.
void UnverifyMentioned(ReplayContext& ctx, std::string_view text, const std::string& reason);

// replay_routines.cc
void ApplyCreateSequence(ReplayContext& ctx, const CreateSequence& s);
void ApplyAlterSequence(ReplayContext& ctx, const AlterSequence& s);
void ApplyRenameRelation(ReplayContext& ctx, const RenameRelation& s);
void ApplyCreateFunction(ReplayContext& ctx, const CreateFunction& s);
void ApplyCreateTrigger(ReplayContext& ctx, const CreateTrigger& s);

}  // namespace drift::parser::pgddl::internal
