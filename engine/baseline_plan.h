// File: baseline_plan.h
//
// What `drift baseline` decides, as a pure function: given where the live database
// matched in the history, the folder and the ledger, which migrations to record as
// applied, which of those rows are still to write, and every reason to refuse writing.
// No database, no printing: each rule has its unit test (tests/engine/).
//
// Example:
//   BaselinePlan p = PlanBaseline(match, folder, ledger, {.prefer = "latest"});
//   if (p.refusals.empty()) WriteBaseline(..., p.rows, ...);
#pragma once

#include <set>
#include <string>
#include <vector>

#include "baseline/ledger.h"
#include "baseline/writer.h"
#include "diff/match.h"
#include "model/ledger.h"

namespace drift::engine {

struct BaselineRules {
  std::string prefer;        // "earliest" | "latest" | "" : how to break an ambiguous tie
  bool allow_drift = false;  // baseline to the closest state when none matches exactly
  bool force = false;        // even when the ledger records what the database does not show
};

struct BaselinePlan {
  int index = 0;                           // record migrations 1..index
  std::vector<baseline::PlannedRow> rows;  // those migrations, with their checksums
  std::set<std::string> recorded;          // migrations the ledger already has as applied
  std::vector<std::string> to_write;       // rows of `rows` not recorded yet
  std::vector<std::string> refusals;       // why writing must not happen; empty: it may
};

BaselinePlan PlanBaseline(const diff::MatchResult& match,
                          const std::vector<baseline::FolderMigration>& folder,
                          const model::Ledger& ledger, const BaselineRules& rules);

}  // namespace drift::engine
