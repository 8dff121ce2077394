#include "cli/ledger_report.h"

#include "model/diagnostic.h"

namespace drift::cli {

std::vector<baseline::FolderMigration> Folder(const parser::MigrationsDir& dir) {
  std::vector<baseline::FolderMigration> out;
  for (const parser::Migration& m : dir.migrations) out.push_back({m.name, m.script.text});
  return out;
}

bool ReportHistory(const parser::MigrationsDir& dir, const std::vector<model::Diagnostic>& ds,
                   std::ostream& err) {
  bool errors = false;
  for (const model::Diagnostic& d : ds) {
    if (d.severity == model::Severity::kNote) continue;
    err << model::RenderDiagnostic(d, parser::SourceLineFor(dir, d));
    errors |= d.severity == model::Severity::kError;
  }
  return errors;
}

Json LedgerJson(const baseline::LedgerReport& r) {
  Json entries = Json::array();
  for (const baseline::LedgerEntry& e : r.entries) {
    Json j{{"migration", e.migration}, {"state", baseline::LedgerStateName(e.state)}};
    if (!e.renamed_from.empty()) j["renamed_from"] = e.renamed_from;
    if (!e.detail.empty()) j["detail"] = e.detail;
    entries.push_back(std::move(j));
  }
  return {
      {"table", r.has_table}, {"applied", r.applied},         {"pending", r.pending},
      {"failed", r.failed},   {"edited", r.edited},           {"missing", r.missing},
      {"renamed", r.renamed}, {"rolled_back", r.rolled_back}, {"migrations", std::move(entries)}};
}

}  // namespace drift::cli
