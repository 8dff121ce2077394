// File: migrations.h
//
// A Prisma Migrate folder, read the way Prisma reads it: every subfolder is a migration
// named after the folder, in byte order, whose migration.sql is the script; other files
// are ignored; migration_lock.toml, when present, must name the postgresql provider.
// And the replay of such a history into a model.
//
// Example:
//   DRIFT_ASSIGN_OR_RETURN(MigrationsDir dir, ReadMigrationsDir("prisma/migrations"));
//   HistoryReplay replay = ReplayMigrations(dir, std::nullopt);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/diagnostic.h"
#include "model/pg_version.h"
#include "model/schema.h"
#include "parser/source.h"

namespace drift::parser {

struct Migration {
  std::string name;   // the folder name
  SourceFile script;  // name: "<dir>/<folder>/migration.sql"; empty when missing
  bool has_script = false;
};

struct MigrationsDir {
  std::string path;
  std::vector<Migration> migrations;           // byte order of the folder names
  std::vector<model::Diagnostic> diagnostics;  // missing scripts, lock-file provider
};

// NotFound when `path` does not exist; InvalidArgument when it is not a directory.
absl::StatusOr<MigrationsDir> ReadMigrationsDir(const std::string& path);

struct HistoryReplay {
  model::Schema schema;                        // normalised
  std::vector<model::Diagnostic> diagnostics;  // the folder's, then each script's
  size_t migrations_applied = 0;
};

// Replays migrations in order, up to and including `upto` when given (an unknown
// name is a diagnostic and replays nothing), as PostgreSQL `pg_major` would.
HistoryReplay ReplayMigrations(const MigrationsDir& dir, const std::optional<std::string>& upto,
                               int pg_major = model::kNewestPgMajor);

// The source text of the line a diagnostic points at, looked up among the history's
// scripts ("" when unknown).
std::string_view SourceLineFor(const MigrationsDir& dir, const model::Diagnostic& d);

}  // namespace drift::parser
