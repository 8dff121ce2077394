#include "audit/compat.h"

#include <fmt/format.h>

#include "model/identifiers.h"

namespace drift::audit {
namespace {

// "model Team (table \"Team\")", or the table alone when no model is known.
std::string Owner(const model::QualifiedName& table, const CompatOptions& options) {
  std::string model = options.model_of ? options.model_of(table) : "";
  return model.empty() ? "table " + model::QualifiedText(table)
                       : fmt::format("model {} (table {})", model, model::QualifiedText(table));
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

Finding Make(std::string rule, Severity severity, const model::QualifiedName& table,
             std::string message, std::string safer) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.table = table;
  f.message = std::move(message);
  f.safer = std::move(safer);
  return f;
}

}  // namespace

std::vector<Finding> CompatFindings(const diff::ChangeSet& changes, const CompatOptions& options) {
  std::vector<Finding> out;
  constexpr std::string_view kTwoReleases =
      "two releases: first ship the application that no longer uses it, then drop it";
  for (const diff::Difference& d : changes) {
    if (const model::Table* t = d.Before<model::Table>(); t && d.kind == diff::DiffKind::kRemoved) {
      std::string rows;
      if (options.sizes != nullptr) {
        auto it = options.sizes->find(t->name);
        if (it != options.sizes->end() && it->second.rows >= 0)
          rows = fmt::format("; its {} row(s) are deleted", it->second.rows);
      }
      out.push_back(Make("BC001", Severity::kError, t->name,
                         fmt::format("{} is dropped or renamed: every query of the running "
                                     "version on it fails with P2021 (table does not exist){}",
                                     Owner(t->name, options), rows),
                         std::string(kTwoReleases)));
    }
    const model::Table* table = d.kind == diff::DiffKind::kAdded ? d.after_table : d.before_table;
    if (table == nullptr) table = d.after_table;
    if (const model::Column* c = d.Before<model::Column>();
        c && table && d.kind == diff::DiffKind::kRemoved) {
      out.push_back(Make("BC002", Severity::kError, table->name,
                         fmt::format("column {} of {} is dropped or renamed: the running version "
                                     "selects it in every read of the model, which fails with "
                                     "P2022 (column does not exist); its values are deleted",
                                     model::QuoteIdentifier(c->name), Owner(table->name, options)),
                         std::string(kTwoReleases)));
    }
    if (const model::Column* c = d.After<model::Column>();
        c && table && d.kind == diff::DiffKind::kAdded && c->not_null && !c->default_expr &&
        c->identity == model::Identity::kNone && !c->generated) {
      out.push_back(
          Make("BC004", Severity::kError, table->name,
               fmt::format("the new column {} of {} is NOT NULL without a default: the running "
                           "version does not fill it, so its creates fail with P2011 (null "
                           "constraint violation)",
                           model::QuoteIdentifier(c->name), Owner(table->name, options)),
               "give it a default, or add it nullable and make it required in a later release"));
    }
    if (d.kind == diff::DiffKind::kChanged && d.object == diff::ObjectKind::kColumn && table) {
      for (const diff::PropertyChange& p : d.changes) {
        if (p.property != diff::Property::kType) continue;
        out.push_back(Make("BC007", Severity::kWarn, table->name,
                           fmt::format("column {} of {} changes type from {} to {}: the running "
                                       "version reads and writes it as {}",
                                       d.path.substr(d.path.rfind('.') + 1),
                                       Owner(table->name, options), p.before, p.after, p.before),
                           "expand and contract: a new column beside the old one"));
      }
    }
    const model::EnumType* e = d.Before<model::EnumType>();
    const model::EnumType* now = d.After<model::EnumType>();
    if (e && now && d.kind == diff::DiffKind::kChanged) {
      const std::vector<std::string>& before = e->labels;
      const std::vector<std::string>& after = now->labels;
      for (const std::string& label : before) {
        if (Contains(after, label)) continue;
        out.push_back(Make("BC008", Severity::kError, e->name,
                           fmt::format("enum {} loses '{}': the running version's writes of "
                                       "it fail (invalid input value for enum)",
                                       model::QualifiedText(e->name), label),
                           std::string(kTwoReleases)));
      }
      for (const std::string& label : after) {
        if (Contains(before, label)) continue;
        out.push_back(Make("BC009", Severity::kWarn, e->name,
                           fmt::format("enum {} gains '{}', which the running version does not "
                                       "know: its reads of rows holding it fail",
                                       model::QualifiedText(e->name), label),
                           "write the new value only once no old version runs"));
      }
    }
  }
  return out;
}

}  // namespace drift::audit
