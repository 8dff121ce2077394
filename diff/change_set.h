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
#include <variant>
#include <vector>

#include "model/schema.h"

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

// What Diff() compares of an object, one value each (diff/describe.h says which objects
// have which).
enum class Property : uint8_t {
  kSchema,           // extension
  kLabels,           // enum
  kKind,             // table (table | partitioned), function (function | procedure)
  kType,             // column, sequence
  kStart,            // sequence
  kIncrement,        // sequence
  kMin,              // sequence
  kMax,              // sequence
  kCache,            // sequence
  kCycle,            // sequence
  kOwnedBy,          // sequence
  kUnlogged,         // table
  kPartitionKey,     // table
  kParent,           // table (a partition's)
  kPartitionBound,   // table (a partition's)
  kNotNull,          // column
  kDefault,          // column
  kIdentity,         // column
  kGenerated,        // column
  kCollation,        // column
  kDefinition,       // constraint, index, view, trigger
  kMaterialized,     // view
  kReturns,          // function
  kLanguage,         // function
  kBody,             // function
  kComment,          // every object but extensions
  kManyToManyShape,  // table: an implicit many-to-many table's Prisma 5 / Prisma 6 shape
};

// One property of a changed object and its text on each side ("" when absent there).
struct PropertyChange {
  Property property = Property::kDefinition;
  std::string before;
  std::string after;
};

// An object of one of the two models a difference was found between.
using ObjectRef = std::variant<std::monostate, const model::Namespace*, const model::Extension*,
                               const model::EnumType*, const model::Sequence*, const model::Table*,
                               const model::Column*, const model::Constraint*, const model::Index*,
                               const model::View*, const model::Function*, const model::Trigger*>;

struct Difference {
  DiffKind kind = DiffKind::kChanged;
  ObjectKind object = ObjectKind::kTable;
  // Dotted path of quoted-as-needed names: public.User, public.User.email,
  // public.User.User_pkey (constraint), public.User_email_key (index).
  std::string path;
  std::string table;       // the owning table's path for columns/constraints/triggers
  std::string definition;  // added: the new object's definition; removed: the old one's
  std::vector<PropertyChange> changes;  // kChanged only
  // The object on each side (null where it is absent) and, for a column or constraint,
  // its table on each side: pointers into the two models given to Diff(), valid while
  // they live. Renderers that have the models read the objects through these.
  ObjectRef before, after;
  const model::Table* before_table = nullptr;
  const model::Table* after_table = nullptr;

  template <typename T>
  const T* Before() const {
    const T* const* p = std::get_if<const T*>(&before);
    return p != nullptr ? *p : nullptr;
  }
  template <typename T>
  const T* After() const {
    const T* const* p = std::get_if<const T*>(&after);
    return p != nullptr ? *p : nullptr;
  }
};

using ChangeSet = std::vector<Difference>;

std::string_view DiffKindName(DiffKind kind);        // "added", "removed", "changed"
std::string_view ObjectKindName(ObjectKind object);  // "table", "column", ...
std::string_view PropertyName(Property property);    // "type", "not_null", "owned_by", ...

// The one spelling of an object's identity, e.g. "column public.User.email": the
// matcher's fingerprint keys and every lookup by a difference's object use it.
std::string ObjectKey(ObjectKind object, std::string_view path);

}  // namespace drift::diff
