// File: ledger_report.h
//
// What `drift check` and `drift status` both say about a history and its ledger: the
// folder as the ledger classifier sees it, the history's diagnostics, and the ledger's
// classification as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "baseline/ledger.h"
#include "model/diagnostic.h"
#include "parser/migrations.h"

namespace drift::cli {

using Json = nlohmann::ordered_json;

// The folder's migrations, name and script, for baseline::ClassifyLedger.
std::vector<baseline::FolderMigration> Folder(const parser::MigrationsDir& dir);

// Prints history diagnostics (notes left out) to `err`; true when one is an error.
bool ReportHistory(const parser::MigrationsDir& dir, const std::vector<model::Diagnostic>& ds,
                   std::ostream& err);

// {"table", "applied", "pending", "failed", "edited", "missing", "renamed",
//  "rolled_back", "migrations": [{"migration", "state", "renamed_from"?, "detail"?}]}
Json LedgerJson(const baseline::LedgerReport& r);

}  // namespace drift::cli
