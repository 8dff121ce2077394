#include "cli/render_common.h"

#include <fmt/format.h>

namespace drift::cli {

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

std::string UnmanagedText(const diff::ChangeSet& unmanaged, std::string_view heading) {
  if (unmanaged.empty()) return "";
  std::string out = fmt::format("{}: {} object(s)\n", heading, unmanaged.size());
  for (const diff::Difference& d : unmanaged)
    out += fmt::format("  - {} {}\n", diff::ObjectKindName(d.object), d.path);
  return out;
}

std::string UnverifiedText(const std::vector<model::Unverified>& unverified) {
  if (unverified.empty()) return "";
  std::string out = fmt::format("Not compared (unverified): {} object(s)\n", unverified.size());
  for (const model::Unverified& u : unverified) {
    out += fmt::format("  - {} {}.{}  ({}:{}: {})\n", u.kind, u.name.schema, u.name.name, u.file,
                       u.line, u.reason);
  }
  return out;
}

Json UnverifiedJson(const std::vector<model::Unverified>& unverified) {
  Json list = Json::array();
  for (const model::Unverified& u : unverified) {
    list.push_back({{"kind", u.kind},
                    {"object", u.name.schema + "." + u.name.name},
                    {"file", u.file},
                    {"line", u.line},
                    {"reason", u.reason}});
  }
  return list;
}

std::string StrictUnverifiedError(const std::vector<model::Unverified>& unverified) {
  if (unverified.empty()) return "";
  return fmt::format(
      "error: --strict: {} object(s) could not be compared (unverified); see the list above\n",
      unverified.size());
}

}  // namespace drift::cli
