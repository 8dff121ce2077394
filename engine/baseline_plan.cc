#include "engine/baseline_plan.h"

#include <fmt/format.h>

#include "baseline/checksum.h"

namespace drift::engine {

BaselinePlan PlanBaseline(const diff::MatchResult& r,
                          const std::vector<baseline::FolderMigration>& folder,
                          const model::Ledger& ledger, const BaselineRules& rules) {
  auto name_at = [&](int index) {
    return index <= 0 ? std::string() : folder[static_cast<size_t>(index - 1)].name;
  };
  BaselinePlan plan;
  plan.index = r.index;
  if (r.ambiguous && !r.tied.empty()) {
    if (rules.prefer == "earliest") plan.index = r.tied.front();
    if (rules.prefer == "latest") plan.index = r.tied.back();
  }
  for (int i = 0; i < plan.index; ++i) {
    const baseline::FolderMigration& m = folder[static_cast<size_t>(i)];
    plan.rows.push_back({m.name, baseline::MigrationChecksum(m.script)});
  }

  if (r.partial_migration > 0) {
    plan.refusals.push_back(fmt::format(
        "the database is inside migration {} ({} of its {} statements ran): finish or undo it "
        "by hand first",
        name_at(r.partial_migration), r.partial_statements, r.partial_total));
  }
  if (!r.exact && r.partial_migration == 0 && !rules.allow_drift) {
    plan.refusals.push_back(fmt::format(
        "the database matches no state exactly ({} objects differ from the closest one); "
        "--allow-drift baselines to it anyway",
        r.distance));
  }
  if (r.ambiguous && rules.prefer.empty()) {
    plan.refusals.push_back(
        "several states match equally and the migrations between them change data; choose with "
        "--prefer earliest (their data changes run again) or --prefer latest (they are skipped)");
  }
  std::set<std::string> planned;
  for (const baseline::PlannedRow& p : plan.rows) planned.insert(p.migration);
  std::vector<std::string> conflicting;
  for (const model::LedgerRow& row : ledger.rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      conflicting.push_back(row.migration_name + " (failed)");
    } else if (!planned.contains(row.migration_name)) {
      conflicting.push_back(row.migration_name);
    }
  }
  if (!conflicting.empty() && !rules.force) {
    std::string names;
    for (const std::string& c : conflicting) names += (names.empty() ? "" : ", ") + c;
    plan.refusals.push_back(
        fmt::format("the ledger already records what the database does not show: "
                    "{}; --force baselines anyway",
                    names));
  }
  for (const model::LedgerRow& row : ledger.rows) {
    if (row.finished_at && !row.rolled_back_at) plan.recorded.insert(row.migration_name);
  }
  for (const baseline::PlannedRow& p : plan.rows) {
    if (!plan.recorded.contains(p.migration)) plan.to_write.push_back(p.migration);
  }
  return plan;
}

}  // namespace drift::engine
