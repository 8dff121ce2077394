// File: change_set.h
//
// Differences between two canonical models, as Diff() returns them: one entry per
// object added, removed or changed, with the properties that changed.
//
// Example:
//   ChangeSet changes = Diff(from, to);
//   for (const Difference& d : changes) { ... d.path ... }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drift::diff {

enum class DiffKind : uint8_t { kAdded, kRemoved, kChanged };

// The kinds of object, in the order differences are reported.
enum class ObjectKind : uint8_t {
  kNamespace,
  kExtension,
  kEnum,
  kSequence,
  kTable,
  kColumn,
  kConstraint,
  kIndex,
  kView,
  kFunction,
  kTrigger,
};

// One property of a changed object: its name ("type", "default", "labels", ...) and
// its text on each side ("" when absent there).
struct PropertyChange {
  std::string property;
  std::string before;
  std::string after;
};

struct Difference {
  DiffKind kind = DiffKind::kChanged;
  ObjectKind object = ObjectKind::kTable;
  // Dotted path of quoted-as-needed names: public.User, public.User.email,
  // public.User.User_pkey (constraint), public.User_email_key (index).
  std::string path;
  std::string table;       // the owning table's path for columns/constraints/triggers
  std::string definition;  // added: the new object's definition; removed: the old one's
  std::vector<PropertyChange> changes;  // kChanged only
};

using ChangeSet = std::vector<Difference>;

std::string_view DiffKindName(DiffKind kind);        // "added", "removed", "changed"
std::string_view ObjectKindName(ObjectKind object);  // "table", "column", ...

}  // namespace drift::diff
