// File: replay.h
//
// Folds DDL statements into a model with PostgreSQL's semantics, so a migration history
// becomes the schema a real server would hold after running it — without a server.
// Implicit names (<table>_pkey, <table>_<col>_key, _fkey, _check, _idx, _seq) follow
// PostgreSQL, with its 63-byte truncation and numeric suffixes on a clash; DROP COLUMN
// drops what depends on the column; renames carry through to keys and references;
// search_path is public. A statement that is invalid against the current model (ALTER
// of a missing table, a duplicate CREATE) is a diagnostic and replay goes on. Replay
// imitates one PostgreSQL major (model/pg_version.h): what it prints, and the syntax it
// accepts, are that version's.
//
// Example:
//   Replayer replayer;
//   replayer.ApplyFile({"20240101_init/migration.sql", sql});
//   model::Schema schema = replayer.Result();
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "model/diagnostic.h"
#include "model/pg_version.h"
#include "model/schema.h"
#include "model/touched.h"
#include "parser/pgddl/plpgsql.h"
#include "parser/pgddl/replay_internal.h"
#include "parser/pgddl/statement.h"
#include "parser/source.h"

namespace drift::parser::pgddl {

class Replayer {
 public:
  // An empty database (model::EmptyDatabase()), or `start`, on PostgreSQL `pg_major`.
  explicit Replayer(int pg_major = model::kNewestPgMajor);
  explicit Replayer(model::Schema start, int pg_major = model::kNewestPgMajor);

  // Parses `file` and applies every statement that parses; syntax and replay
  // diagnostics are both collected. `after_each`, when given, runs after each statement,
  // `before_each` before it. Temporary tables the file made are dropped at its end, by
  // one more statement (DROP TABLE at the file's last line) that both hooks see.
  void ApplyFile(const SourceFile& file,
                 const std::function<void(const Statement&)>& after_each = {},
                 const std::function<void(const Statement&)>& before_each = {});

  // Calls of ApplyFile() on every Replayer of this process so far (a migration's file
  // each, not the SQL nested in DO blocks): tests count replays with it.
  static int64_t FilesApplied();
  void Apply(const Statement& statement);

  // What `statement` may change, for the matcher: its table, or a kind of object, or
  // everything when that cannot be told cheaply.
  static model::Touched TouchedBy(const Statement& statement);
  // True for statements that change data, not schema (INSERT, UPDATE, DELETE, ...).
  static bool IsDataStatement(const Statement& statement);

  // The current model, normalised (a copy; TakeResult() moves it out instead).
  model::Schema Result() const;
  // The model, normalised in place and moved out; the replayer is empty afterwards.
  model::Schema TakeResult();
  const model::Schema& schema() const { return schema_; }
  // The table of the current model named `name`, or null: a look-up in replay's own name
  // index (rebuilt first when a statement invalidated it).
  const model::Table* FindTable(const model::QualifiedName& name);
  const std::vector<model::Diagnostic>& diagnostics() const { return diagnostics_; }
  bool has_errors() const;
  int pg_major() const { return pg_major_; }

 private:
  // DO blocks (replay_do.cc): PL/pgSQL run on the replayed catalog.
  void ApplyDoBlock(const Statement& statement, const DoBlock& block);
  struct DoRun;
  // False after an error that ends the block (its message in *error).
  bool RunPl(const std::vector<plpgsql::Stmt>& statements, const DoRun& run, std::string* error);
  void RunSql(const plpgsql::Stmt& statement, const DoRun& run, std::string* error, bool* failed);
  // A diagnostic at byte `offset` of the DO block's body.
  void ReportInBody(const DoRun& run, uint32_t offset, model::Severity severity,
                    const std::string& code, const std::string& message);

  model::Schema schema_;
  int pg_major_;
  std::vector<model::Diagnostic> diagnostics_;
  internal::NameIndex index_;
  internal::ViewSources views_;                    // the views created by replayed statements
  std::vector<model::QualifiedName> temp_tables_;  // made by the file being applied
  // Values the file being applied added to older enums, and the enums it made.
  std::map<std::string, std::pair<std::string, std::string>> new_enum_values_;
  std::set<model::QualifiedName> enums_made_;
  std::map<std::pair<model::QualifiedName, std::string>, std::string> written_defaults_;
};

}  // namespace drift::parser::pgddl
