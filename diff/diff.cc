#include "diff/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "diff/describe.h"
#include "diff/unverified.h"
#include "model/definitions.h"
#include "model/identifiers.h"

namespace drift::diff {
namespace {

using model::QualifiedName;

// Describe() in the shape ComparePair() takes.
template <typename T>
void Adapt(const T& object, std::string* definition, Properties* properties) {
  Described d = Describe(object);
  *definition = std::move(d.definition);
  *properties = std::move(d.properties);
}

// Calls on_pair(before, after) for every identity on either side, in key order; one of
// the two pointers is null when the object exists on one side only.
template <typename T, typename KeyFn, typename OnPair>
void PairBy(const std::vector<T>& from, const std::vector<T>& to, KeyFn key, OnPair on_pair) {
  using Key = decltype(key(std::declval<const T&>()));
  std::map<Key, std::pair<const T*, const T*>> pairs;
  for (const T& item : from) pairs[key(item)].first = &item;
  for (const T& item : to) pairs[key(item)].second = &item;
  for (const auto& [unused, pair] : pairs) on_pair(pair.first, pair.second);
}

class Differ {
 public:
  explicit Differ(const DiffOptions& options) : options_(options) {}

  bool InScope(const std::string& schema) const {
    return options_.schemas.empty() || std::find(options_.schemas.begin(), options_.schemas.end(),
                                                 schema) != options_.schemas.end();
  }

  // Records added/removed/changed for one pair of objects.
  void Compare(ObjectKind object, const std::string& path, const std::string& table,
               const std::string* before_definition, const Properties* before,
               const std::string* after_definition, const Properties* after, Difference d) {
    if (before == nullptr && after == nullptr) return;
    d.object = object;
    d.path = path;
    d.table = table;
    if (before == nullptr) {
      d.kind = DiffKind::kAdded;
      d.definition = *after_definition;
    } else if (after == nullptr) {
      d.kind = DiffKind::kRemoved;
      d.definition = *before_definition;
    } else {
      d.kind = DiffKind::kChanged;
      std::map<Property, std::pair<std::string, std::string>> props;
      for (const auto& [name, value] : *before) props[name].first = value;
      for (const auto& [name, value] : *after) props[name].second = value;
      for (const auto& [name, values] : props) {
        if (values.first != values.second) d.changes.push_back({name, values.first, values.second});
      }
      if (d.changes.empty()) return;
      // Keep the properties in the object's own order rather than alphabetical.
      std::vector<PropertyChange> ordered;
      for (const auto& [name, unused] : *before) {
        for (const PropertyChange& c : d.changes) {
          if (c.property == name) ordered.push_back(c);
        }
      }
      for (const PropertyChange& c : d.changes) {
        bool seen = std::any_of(ordered.begin(), ordered.end(),
                                [&](const PropertyChange& o) { return o.property == c.property; });
        if (!seen) ordered.push_back(c);
      }
      d.changes = std::move(ordered);
    }
    out_.push_back(std::move(d));
  }

  // Compares two optional objects whose properties and definition come from `describe`.
  // `tables`: for a column or constraint, its table on each side.
  template <typename T, typename Describe>
  void ComparePair(ObjectKind object, const T* before, const T* after, const std::string& path,
                   const std::string& table, Describe describe,
                   std::pair<const model::Table*, const model::Table*> tables = {}) {
    std::string before_def, after_def;
    Properties before_props, after_props;
    if (before != nullptr) describe(*before, &before_def, &before_props);
    if (after != nullptr) describe(*after, &after_def, &after_props);
    Difference d;
    d.before = before;
    d.after = after;
    d.before_table = tables.first;
    d.after_table = tables.second;
    Compare(object, path, table, before ? &before_def : nullptr, before ? &before_props : nullptr,
            after ? &after_def : nullptr, after ? &after_props : nullptr, std::move(d));
  }

  ChangeSet Take() { return std::move(out_); }

 private:
  const DiffOptions& options_;
  ChangeSet out_;
};

void CompareTables(Differ& differ, const model::Schema& from, const model::Schema& to) {
  PairBy(
      from.tables, to.tables, [](const model::Table& t) { return t.name; },
      [&](const model::Table* before, const model::Table* after) {
        const model::Table& any = before ? *before : *after;
        if (!differ.InScope(any.name.schema)) return;
        const std::string path = Path(any.name);
        differ.ComparePair(ObjectKind::kTable, before, after, path, "", Adapt<model::Table>);
        if (before == nullptr || after == nullptr) return;  // whole table added or removed
        PairBy(
            before->columns, after->columns, [](const model::Column& c) { return c.name; },
            [&](const model::Column* b, const model::Column* a) {
              differ.ComparePair(ObjectKind::kColumn, b, a,
                                 MemberPath(any.name, b ? b->name : a->name), path,
                                 Adapt<model::Column>, {before, after});
            });
        PairBy(
            before->constraints, after->constraints,
            [](const model::Constraint& c) { return c.name; },
            [&](const model::Constraint* b, const model::Constraint* a) {
              differ.ComparePair(
                  ObjectKind::kConstraint, b, a, MemberPath(any.name, b ? b->name : a->name), path,
                  [&](const model::Constraint& c, std::string* def, Properties* props) {
                    Described d = Describe(c, any.name.schema);
                    *def = std::move(d.definition);
                    *props = std::move(d.properties);
                  },
                  {before, after});
            });
      });
}

void CompareTopLevel(Differ& differ, const model::Schema& from, const model::Schema& to) {
  PairBy(
      from.namespaces, to.namespaces, [](const model::Namespace& n) { return n.name; },
      [&](const model::Namespace* b, const model::Namespace* a) {
        const std::string& name = b ? b->name : a->name;
        if (!differ.InScope(name)) return;
        differ.ComparePair(ObjectKind::kNamespace, b, a, name, "", Adapt<model::Namespace>);
      });
  PairBy(
      from.extensions, to.extensions, [](const model::Extension& e) { return e.name; },
      [&](const model::Extension* b, const model::Extension* a) {
        differ.ComparePair(ObjectKind::kExtension, b, a, b ? b->name : a->name, "",
                           Adapt<model::Extension>);
      });
  PairBy(
      from.enums, to.enums, [](const model::EnumType& e) { return e.name; },
      [&](const model::EnumType* b, const model::EnumType* a) {
        const QualifiedName& name = b ? b->name : a->name;
        if (!differ.InScope(name.schema)) return;
        differ.ComparePair(ObjectKind::kEnum, b, a, Path(name), "", Adapt<model::EnumType>);
      });
  PairBy(
      from.sequences, to.sequences, [](const model::Sequence& s) { return s.name; },
      [&](const model::Sequence* b, const model::Sequence* a) {
        const QualifiedName& name = b ? b->name : a->name;
        if (!differ.InScope(name.schema)) return;
        differ.ComparePair(ObjectKind::kSequence, b, a, Path(name), "", Adapt<model::Sequence>);
      });
}

void CompareDependents(Differ& differ, const model::Schema& from, const model::Schema& to) {
  PairBy(
      from.indexes, to.indexes, [](const model::Index& i) { return i.name; },
      [&](const model::Index* b, const model::Index* a) {
        const model::Index& any = b ? *b : *a;
        if (!differ.InScope(any.name.schema)) return;
        differ.ComparePair(ObjectKind::kIndex, b, a, Path(any.name), IndexTablePath(any),
                           Adapt<model::Index>);
      });
  PairBy(
      from.views, to.views, [](const model::View& v) { return v.name; },
      [&](const model::View* b, const model::View* a) {
        const QualifiedName& name = b ? b->name : a->name;
        if (!differ.InScope(name.schema)) return;
        differ.ComparePair(ObjectKind::kView, b, a, Path(name), "", Adapt<model::View>);
      });
  PairBy(
      from.functions, to.functions,
      [](const model::Function& f) { return std::make_pair(f.name, f.arguments); },
      [&](const model::Function* b, const model::Function* a) {
        const model::Function& any = b ? *b : *a;
        if (!differ.InScope(any.name.schema)) return;
        differ.ComparePair(ObjectKind::kFunction, b, a, RoutinePath(any), "",
                           Adapt<model::Function>);
      });
  PairBy(
      from.triggers, to.triggers,
      [](const model::Trigger& t) { return std::make_pair(t.table, t.name); },
      [&](const model::Trigger* b, const model::Trigger* a) {
        const model::Trigger& any = b ? *b : *a;
        if (!differ.InScope(any.table.schema)) return;
        differ.ComparePair(ObjectKind::kTrigger, b, a, MemberPath(any.table, any.name),
                           Path(any.table), Adapt<model::Trigger>);
      });
}

// Prisma 5 gave an implicit many-to-many table "_AToB" a unique index "_AToB_AB_unique";
// Prisma 6 gives it a primary key "_AToB_AB_pkey" instead. Both hold the same rows, so the
// pair of differences becomes one, reported as the older shape rather than as drift of
// two unrelated objects.
void FoldManyToManyShape(ChangeSet& changes) {
  for (size_t i = 0; i < changes.size(); ++i) {
    const Difference& key = changes[i];
    if (key.object != ObjectKind::kConstraint || !key.path.ends_with("_AB_pkey") ||
        key.kind == DiffKind::kChanged || key.definition != "PRIMARY KEY (\"A\", \"B\")") {
      continue;
    }
    std::string table_name = key.table.substr(key.table.find('.') + 1);
    if (!table_name.starts_with("_")) continue;
    for (size_t j = 0; j < changes.size(); ++j) {
      const Difference& index = changes[j];
      if (index.object != ObjectKind::kIndex || index.table != key.table ||
          index.kind == key.kind || index.kind == DiffKind::kChanged ||
          !index.path.ends_with("_AB_unique")) {
        continue;
      }
      Difference folded;
      folded.kind = DiffKind::kChanged;
      folded.object = ObjectKind::kTable;
      folded.path = key.table;
      folded.before = key.before_table;
      folded.after = key.after_table;
      std::string old_shape = "unique index " + index.path.substr(index.path.find('.') + 1) +
                              " (Prisma 5 many-to-many)";
      std::string new_shape =
          "primary key " + key.path.substr(key.table.size() + 1) + " (Prisma 6 many-to-many)";
      bool upgraded = key.kind == DiffKind::kAdded;
      folded.changes.push_back({Property::kManyToManyShape, upgraded ? old_shape : new_shape,
                                upgraded ? new_shape : old_shape});
      size_t first = std::min(i, j), second = std::max(i, j);
      changes.erase(changes.begin() + static_cast<long>(second));
      changes.erase(changes.begin() + static_cast<long>(first));
      changes.push_back(std::move(folded));
      FoldManyToManyShape(changes);
      return;
    }
  }
}

}  // namespace

std::string_view DiffKindName(DiffKind kind) {
  switch (kind) {
    case DiffKind::kAdded:
      return "added";
    case DiffKind::kRemoved:
      return "removed";
    case DiffKind::kChanged:
      return "changed";
  }
  return "changed";
}

std::string_view ObjectKindName(ObjectKind object) {
  switch (object) {
    case ObjectKind::kNamespace:
      return "namespace";
    case ObjectKind::kExtension:
      return "extension";
    case ObjectKind::kEnum:
      return "enum";
    case ObjectKind::kSequence:
      return "sequence";
    case ObjectKind::kTable:
      return "table";
    case ObjectKind::kColumn:
      return "column";
    case ObjectKind::kConstraint:
      return "constraint";
    case ObjectKind::kIndex:
      return "index";
    case ObjectKind::kView:
      return "view";
    case ObjectKind::kFunction:
      return "function";
    case ObjectKind::kTrigger:
      return "trigger";
  }
  return "object";
}

std::string_view PropertyName(Property property) {
  switch (property) {
    case Property::kSchema:
      return "schema";
    case Property::kLabels:
      return "labels";
    case Property::kKind:
      return "kind";
    case Property::kType:
      return "type";
    case Property::kStart:
      return "start";
    case Property::kIncrement:
      return "increment";
    case Property::kMin:
      return "min";
    case Property::kMax:
      return "max";
    case Property::kCache:
      return "cache";
    case Property::kCycle:
      return "cycle";
    case Property::kOwnedBy:
      return "owned_by";
    case Property::kUnlogged:
      return "unlogged";
    case Property::kPartitionKey:
      return "partition_key";
    case Property::kParent:
      return "parent";
    case Property::kPartitionBound:
      return "partition_bound";
    case Property::kNotNull:
      return "not_null";
    case Property::kDefault:
      return "default";
    case Property::kIdentity:
      return "identity";
    case Property::kGenerated:
      return "generated";
    case Property::kCollation:
      return "collation";
    case Property::kDefinition:
      return "definition";
    case Property::kMaterialized:
      return "materialized";
    case Property::kReturns:
      return "returns";
    case Property::kLanguage:
      return "language";
    case Property::kBody:
      return "body";
    case Property::kComment:
      return "comment";
    case Property::kManyToManyShape:
      return "many_to_many_shape";
  }
  return "property";
}

std::string ObjectKey(ObjectKind object, std::string_view path) {
  std::string key(ObjectKindName(object));
  key += ' ';
  key += path;
  return key;
}

ChangeSet Diff(const model::Schema& from, const model::Schema& to, const DiffOptions& options) {
  Differ differ(options);
  CompareTopLevel(differ, from, to);
  CompareTables(differ, from, to);
  CompareDependents(differ, from, to);
  ChangeSet out = differ.Take();
  UnverifiedKeys unverified(from, &to);
  std::erase_if(out, [&](const Difference& d) { return unverified.Covers(d); });
  FoldManyToManyShape(out);
  std::stable_sort(out.begin(), out.end(), [](const Difference& a, const Difference& b) {
    return std::tie(a.object, a.path) < std::tie(b.object, b.path);
  });
  return out;
}

}  // namespace drift::diff
