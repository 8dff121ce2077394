#include <fmt/format.h>

#include <map>
#include <set>

#include "diff/render.h"

namespace drift::diff {
namespace {

std::string_view Plural(ObjectKind object) {
  switch (object) {
    case ObjectKind::kNamespace:
      return "schemas";
    case ObjectKind::kExtension:
      return "extensions";
    case ObjectKind::kEnum:
      return "enums";
    case ObjectKind::kSequence:
      return "sequences";
    case ObjectKind::kTable:
      return "tables";
    case ObjectKind::kView:
      return "views";
    case ObjectKind::kFunction:
      return "functions";
    default:
      return "objects";
  }
}

std::string_view Sign(DiffKind kind) {
  return kind == DiffKind::kAdded ? "[+]" : kind == DiffKind::kRemoved ? "[-]" : "[*]";
}

std::string_view Verb(DiffKind kind, bool owned) {
  if (kind == DiffKind::kAdded) return "Added";
  if (kind == DiffKind::kRemoved) return "Removed";
  return owned ? "Altered" : "Changed";
}

std::string Shown(const std::string& value) { return value.empty() ? "(none)" : value; }

std::string ChangeList(const Difference& d) {
  std::string out;
  for (const PropertyChange& c : d.changes) {
    out += fmt::format("      {}: {} -> {}\n", PropertyName(c.property), Shown(c.before),
                       Shown(c.after));
  }
  return out;
}

bool BelongsToTable(ObjectKind object) {
  return object == ObjectKind::kColumn || object == ObjectKind::kConstraint ||
         object == ObjectKind::kIndex || object == ObjectKind::kTrigger;
}

// The last dotted component: the object's own name within its table.
std::string Leaf(const Difference& d) {
  if (d.table.empty() || d.path.size() <= d.table.size()) return d.path;
  if (d.object == ObjectKind::kIndex) return d.path.substr(d.path.find('.') + 1);
  return d.path.substr(d.table.size() + 1);
}

}  // namespace

std::string RenderSummary(const ChangeSet& changes) {
  if (changes.empty()) return "No difference detected.\n";
  std::string out;
  // Whole objects added or removed, grouped by kind.
  std::map<std::pair<DiffKind, ObjectKind>, std::vector<const Difference*>> whole;
  std::map<std::string, std::vector<const Difference*>> by_table;  // parts of a table
  std::vector<const Difference*> changed;                          // other changed objects
  for (const Difference& d : changes) {
    if (BelongsToTable(d.object)) {
      by_table[d.table].push_back(&d);
    } else if (d.kind == DiffKind::kChanged && d.object != ObjectKind::kTable) {
      changed.push_back(&d);
    } else if (d.kind == DiffKind::kChanged) {
      by_table[d.path].insert(by_table[d.path].begin(), &d);
    } else {
      whole[{d.kind, d.object}].push_back(&d);
    }
  }
  // Indexes and triggers of a table added or removed whole go on that table's line.
  std::map<std::string, std::vector<std::string>> riders;
  for (const auto& [key, items] : whole) {
    if (key.second != ObjectKind::kTable) continue;
    for (const Difference* d : items) {
      auto parts = by_table.find(d->path);
      if (parts == by_table.end()) continue;
      for (const Difference* part : parts->second) {
        riders[d->path].push_back(
            fmt::format("{} `{}`", ObjectKindName(part->object), Leaf(*part)));
      }
      by_table.erase(parts);
    }
  }
  for (const auto& [key, items] : whole) {
    out += fmt::format("{} {} {}\n", Sign(key.first), Verb(key.first, false), Plural(key.second));
    for (const Difference* d : items) {
      out += fmt::format("  - {}", d->path);
      auto rider = riders.find(d->path);
      if (rider != riders.end()) {
        for (size_t i = 0; i < rider->second.size(); ++i) {
          out += (i == 0 ? ", with " : ", ") + rider->second[i];
        }
      }
      out += "\n";
    }
    out += "\n";
  }
  for (const Difference* d : changed) {
    out += fmt::format("[*] Changed the `{}` {}\n{}\n", d->path, ObjectKindName(d->object),
                       ChangeList(*d));
  }
  for (const auto& [table, items] : by_table) {
    out += fmt::format("[*] Changed the `{}` table\n", table);
    for (const Difference* d : items) {
      if (d->object == ObjectKind::kTable) {
        out += "  [*] Altered the table itself\n" + ChangeList(*d);
        continue;
      }
      out += fmt::format("  {} {} {} `{}`\n", Sign(d->kind), Verb(d->kind, true),
                         ObjectKindName(d->object), Leaf(*d));
      if (d->kind == DiffKind::kChanged) out += ChangeList(*d);
    }
    out += "\n";
  }
  out.pop_back();  // one blank line between sections, none at the end
  return out;
}

}  // namespace drift::diff
