// File: writer.h
//
// Writes baseline rows into Prisma's `_prisma_migrations` exactly as
// `prisma migrate resolve --applied` does: id a random UUID v4, checksum the lower-case
// hex SHA-256 of migration.sql, logs '', started_at = finished_at = now(),
// applied_steps_count 0; the table is created with Prisma's own DDL when missing. All in
// one transaction, under Prisma's advisory lock (72707369) so that drift and
// `prisma migrate deploy` never interleave, with a lock timeout. Rows that are already
// there (finished, not rolled back) are left alone, so a second run writes nothing.
//
// Example:
//   DRIFT_ASSIGN_OR_RETURN(WriteResult r, WriteBaseline(url, "public", plan, {}));
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace drift::baseline {

struct PlannedRow {
  std::string migration;  // folder name
  std::string checksum;   // MigrationChecksum(migration.sql)
};

struct WriteOptions {
  int lock_timeout_ms = 10000;  // Prisma waits 10 s for the same lock
};

struct WriteResult {
  bool created_table = false;
  std::vector<std::string> inserted;  // migrations written
  std::vector<std::string> skipped;   // already recorded as applied
};

// `conninfo` is a libpq connection string; `display` names the server in messages
// (never the password); `schema` is where the ledger lives. Errors: Unavailable (no
// connection, connection lost: nothing written), DeadlineExceeded (lock timeout),
// PermissionDenied (no right to create or insert), Internal (anything else).
absl::StatusOr<WriteResult> WriteBaseline(const std::string& conninfo, const std::string& display,
                                          const std::string& schema,
                                          const std::vector<PlannedRow>& plan,
                                          const WriteOptions& options);

// Prisma's DDL for the ledger, verbatim (schema-engine postgres.rs).
extern const char kLedgerTableDdl[];

}  // namespace drift::baseline
