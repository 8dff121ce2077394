#include "baseline/ledger.h"

#include <map>
#include <set>

#include "baseline/checksum.h"

namespace drift::baseline {

std::string_view LedgerStateName(LedgerState state) {
  switch (state) {
    case LedgerState::kApplied:
      return "applied";
    case LedgerState::kPending:
      return "pending";
    case LedgerState::kFailed:
      return "failed";
    case LedgerState::kRolledBack:
      return "rolled back";
    case LedgerState::kEdited:
      return "edited";
    case LedgerState::kMissing:
      return "missing";
    case LedgerState::kRenamed:
      return "renamed";
  }
  return "pending";
}

LedgerReport ClassifyLedger(const std::vector<FolderMigration>& folder,
                            const model::Ledger& ledger) {
  LedgerReport r;
  r.has_table = ledger.present;
  std::map<std::string, std::vector<const model::LedgerRow*>> rows;  // by name, started_at order
  for (const model::LedgerRow& row : ledger.rows) rows[row.migration_name].push_back(&row);
  std::set<std::string> in_folder;
  for (const FolderMigration& m : folder) in_folder.insert(m.name);

  // Rows whose migration is gone from the folder, by checksum: candidates for a rename.
  std::map<std::string, const model::LedgerRow*> gone_by_checksum;
  for (const model::LedgerRow& row : ledger.rows) {
    if (!in_folder.contains(row.migration_name) && row.finished_at && !row.rolled_back_at) {
      gone_by_checksum.emplace(row.checksum, &row);
    }
  }
  std::set<std::string> renamed_rows;
  bool prefix = true;
  for (const FolderMigration& m : folder) {
    LedgerEntry e;
    e.migration = m.name;
    auto it = rows.find(m.name);
    const model::LedgerRow* live = nullptr;  // a row that is not rolled back
    const model::LedgerRow* failed = nullptr;
    if (it != rows.end()) {
      for (const model::LedgerRow* row : it->second) {
        if (row->rolled_back_at) continue;
        if (!row->finished_at) {
          failed = row;
        } else if (live == nullptr) {
          live = row;
        }
      }
    }
    if (failed != nullptr) {
      e.state = LedgerState::kFailed;
      e.detail = "started " + failed->started_at +
                 (failed->logs && !failed->logs->empty() ? ": " + *failed->logs : "");
    } else if (live != nullptr) {
      // Prisma compares the checksum of the first row of that name (rows are in started_at order).
      const model::LedgerRow* first = it->second.front();
      e.state =
          ChecksumMatches(first->checksum, m.script) ? LedgerState::kApplied : LedgerState::kEdited;
      if (e.state == LedgerState::kEdited) {
        e.detail = "recorded " + first->checksum + ", folder " + MigrationChecksum(m.script);
      }
    } else if (it != rows.end()) {
      e.state = LedgerState::kRolledBack;
    } else {
      auto renamed = gone_by_checksum.find(MigrationChecksum(m.script));
      if (renamed == gone_by_checksum.end()) {
        // The CRLF/LF variants of the same file count too.
        for (const auto& [checksum, row] : gone_by_checksum) {
          if (ChecksumMatches(checksum, m.script)) renamed = gone_by_checksum.find(checksum);
        }
      }
      if (renamed != gone_by_checksum.end()) {
        e.state = LedgerState::kRenamed;
        e.renamed_from = renamed->second->migration_name;
        renamed_rows.insert(e.renamed_from);
        gone_by_checksum.erase(renamed);
      } else {
        e.state = LedgerState::kPending;
      }
    }
    bool counts_as_applied = e.state == LedgerState::kApplied || e.state == LedgerState::kEdited ||
                             e.state == LedgerState::kRenamed;
    if (prefix && counts_as_applied) {
      ++r.applied_prefix;
    } else {
      prefix = false;
    }
    r.entries.push_back(std::move(e));
  }
  std::set<std::string> reported;
  for (const model::LedgerRow& row : ledger.rows) {
    if (in_folder.contains(row.migration_name) || renamed_rows.contains(row.migration_name) ||
        !reported.insert(row.migration_name).second) {
      continue;
    }
    r.entries.push_back(
        {row.migration_name, LedgerState::kMissing, "", "recorded " + row.started_at});
  }
  for (const LedgerEntry& e : r.entries) {
    switch (e.state) {
      case LedgerState::kApplied:
        ++r.applied;
        break;
      case LedgerState::kPending:
        ++r.pending;
        break;
      case LedgerState::kFailed:
        ++r.failed;
        break;
      case LedgerState::kRolledBack:
        ++r.rolled_back;
        break;
      case LedgerState::kEdited:
        ++r.edited;
        break;
      case LedgerState::kMissing:
        ++r.missing;
        break;
      case LedgerState::kRenamed:
        ++r.renamed;
        break;
    }
  }
  return r;
}

}  // namespace drift::baseline
