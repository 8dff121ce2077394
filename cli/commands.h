// File: commands.h
//
// One function per subcommand; run.cc parses the flags into these option structs and
// dispatches. Each returns an ExitCode and writes only to the streams it is given.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_code.h"
#include "model/schema.h"

namespace drift::cli {

// One source of a model: exactly one of these is set.
struct SourceOptions {
  bool empty = false;      // --from-empty / --to-empty
  std::string url;         // --url, --from-url / --to-url
  std::string migrations;  // --migrations DIR, --from-migrations / --to-migrations
  std::string upto;        // --upto NAME with --migrations
  std::string sql;         // --sql FILE, --from-sql / --to-sql
  std::string schema;      // --schema PATH, --from-schema / --to-schema (.prisma file or folder)
};

// A source that is a live database; one that is replayed (a history or a script).
bool IsLive(const SourceOptions& source);
bool IsReplayed(const SourceOptions& source);

// The model of a source; `server_version` is a live source's server_version_num.
struct SourceModel {
  model::Schema schema;
  int server_version = 0;
};

// Builds the model of `source`, a history or script replayed as PostgreSQL `pg_major`.
// Diagnostics go to `err` (with the source line and a caret); returns kInvalidInput
// when the input has errors, kFailure when a database cannot be read, kClean
// otherwise. `flag` names the source in messages ("--from-").
ExitCode LoadSource(const SourceOptions& source, std::string_view flag,
                    const std::vector<std::string>& schemas, int pg_major, SourceModel* out,
                    std::ostream& err);

struct InspectOptions {
  SourceOptions source;  // --url (default DATABASE_URL), --migrations, --sql or --schema
  std::vector<std::string> schemas;  // --schemas a,b
  std::string format = "text";       // text | json
  bool sizes = false;                // --sizes: row estimates and on-disk bytes per table
  int pg_major = 0;                  // --pg-version: replay as this major; 0: not given
};

ExitCode RunInspect(const InspectOptions& options, std::ostream& out, std::ostream& err);

struct DiffOptions {
  SourceOptions from, to;
  std::vector<std::string> schemas;
  std::string format = "text";  // text | json | sql
  bool exit_code = false;       // --exit-code: 1 when there are differences
  int pg_major = 0;             // --pg-version; 0: not given
};

ExitCode RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);

struct BaselineOptions {
  std::string migrations;  // --migrations (default DRIFT_MIGRATIONS_DIR, prisma/migrations)
  std::string url;         // --url (default DATABASE_URL)
  std::vector<std::string> schemas;  // --schemas
  bool apply = false;                // --apply: write; otherwise a dry run
  std::string prefer;                // --prefer earliest|latest for ambiguous ties
  bool strict = false;               // --strict: unmanaged objects count as drift
  bool allow_drift = false;          // --allow-drift: baseline to the closest state
  bool force = false;                // --force: even when the ledger disagrees
  int lock_timeout_seconds = 10;     // --lock-timeout: wait for Prisma's lock this long
  std::string format = "text";       // text | json
};

ExitCode RunBaseline(const BaselineOptions& options, std::ostream& out, std::ostream& err);

struct CheckOptions {
  std::string schema;                // --schema (default prisma/schema.prisma)
  bool schema_given = false;         // given on the command line: it must exist
  std::string migrations;            // --migrations
  std::string url;                   // --url (default DATABASE_URL); empty: no database checks
  std::vector<std::string> schemas;  // --schemas
  bool strict = false;               // --strict
  std::string format = "text";       // text | json | github
  int pg_major = 0;                  // --pg-version (without --url); 0: not given
};

ExitCode RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct StatusOptions {
  std::string migrations;
  std::string url;
  std::vector<std::string> schemas;  // --schemas
  std::string format = "text";       // text | json
};

ExitCode RunStatus(const StatusOptions& options, std::ostream& out, std::ostream& err);

struct AuditOptions {
  std::string migrations;            // --migrations
  std::string url;                   // --url (default DATABASE_URL)
  std::vector<std::string> schemas;  // --schemas
  std::string to;                    // --to NAME: audit up to this migration
  std::string old_schema;            // --old-schema: the running version's schema.prisma
  std::string format = "text";       // text | json | markdown
  std::string output;                // --output FILE; "": standard output
};

ExitCode RunAudit(const AuditOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drift::cli
