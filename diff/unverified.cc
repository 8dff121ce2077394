#include "diff/unverified.h"

#include "diff/describe.h"

namespace drift::diff {
namespace {

struct KindName {
  std::string_view name;
  ObjectKind kind;
};
constexpr KindName kKinds[] = {
    {"table", ObjectKind::kTable},       {"view", ObjectKind::kView},
    {"index", ObjectKind::kIndex},       {"enum", ObjectKind::kEnum},
    {"sequence", ObjectKind::kSequence}, {"function", ObjectKind::kFunction},
};

}  // namespace

UnverifiedKeys::UnverifiedKeys(const model::Schema& a, const model::Schema* b) {
  Add(a);
  if (b != nullptr) Add(*b);
}

void UnverifiedKeys::Add(const model::Schema& schema) {
  for (const model::Unverified& u : schema.unverified) {
    for (const KindName& k : kKinds) {
      if (k.name == u.kind) keys_.insert(ObjectKey(k.kind, Path(u.name)));
    }
    // Indexes on a materialized view name it as their table.
    if (u.kind == "view") keys_.insert(ObjectKey(ObjectKind::kTable, Path(u.name)));
  }
}

bool UnverifiedKeys::Covers(std::string_view key, std::string_view owner_key) const {
  if (keys_.empty()) return false;
  if (keys_.contains(key) || (!owner_key.empty() && keys_.contains(owner_key))) return true;
  // A routine's key names its arguments; the entry covers every overload.
  size_t paren = key.find('(');
  return key.starts_with("function ") && paren != std::string_view::npos &&
         keys_.contains(key.substr(0, paren));
}

bool UnverifiedKeys::Covers(const Difference& d) const {
  if (keys_.empty()) return false;
  std::string owner;
  if (!d.table.empty()) {
    owner = ObjectKey(ObjectKind::kTable, d.table);
  } else if (d.object == ObjectKind::kIndex) {
    const model::Index* index = d.Before<model::Index>();
    if (index == nullptr) index = d.After<model::Index>();
    if (index != nullptr) owner = ObjectKey(ObjectKind::kTable, IndexTablePath(*index));
  }
  return Covers(ObjectKey(d.object, d.path), owner);
}

}  // namespace drift::diff
