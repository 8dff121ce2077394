// File: ledger.h
//
// The `_prisma_migrations` ledger against the migrations folder, classified the way
// Prisma's diagnoseMigrationHistory does (spec §3.2), plus what Prisma does not say: a
// folder renamed since it was applied (same checksum, other name) is a rename, not a
// missing and a pending migration.
//
// Example:
//   LedgerReport r = ClassifyLedger(folder, ledger);
//   for (const LedgerEntry& e : r.entries) ... e.state ...
#pragma once

#include <string>
#include <vector>

#include "model/ledger.h"

namespace drift::baseline {

// One migration of the folder: its name and migration.sql bytes.
struct FolderMigration {
  std::string name;
  std::string script;
};

enum class LedgerState {
  kApplied,     // finished, not rolled back, checksum matches
  kPending,     // in the folder, no row (or only rolled-back rows): deploy will run it
  kFailed,      // a row with neither finished_at nor rolled_back_at (Prisma: P3009)
  kRolledBack,  // only rolled-back rows: deploy will run it again
  kEdited,      // applied, but migration.sql changed since (checksum mismatch)
  kMissing,     // a row whose migration is not in the folder
  kRenamed,     // a missing row whose checksum equals a pending folder migration's
};

struct LedgerEntry {
  std::string migration;  // folder name, or the ledger's name for kMissing
  LedgerState state = LedgerState::kPending;
  std::string renamed_from;  // kRenamed: the name in the ledger
  std::string detail;        // e.g. "started 2025-04-05T10:00:00Z", checksums
};

struct LedgerReport {
  bool has_table = false;
  std::vector<LedgerEntry> entries;  // folder order, then rows missing from the folder
  int applied = 0, pending = 0, failed = 0, edited = 0, missing = 0, renamed = 0, rolled_back = 0;
  // The folder index up to which every migration is recorded as applied (0: none).
  int applied_prefix = 0;
};

LedgerReport ClassifyLedger(const std::vector<FolderMigration>& folder,
                            const model::Ledger& ledger);

std::string_view LedgerStateName(LedgerState state);  // "applied", "pending", ...

}  // namespace drift::baseline
