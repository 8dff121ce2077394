#include "model/normalize.h"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

#include "model/defaults.h"
#include "model/identifiers.h"
#include "model/types.h"

namespace drift::model {
namespace {

template <typename T, typename Key>
void SortBy(std::vector<T>& items, Key key) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const T& a, const T& b) { return key(a) < key(b); });
}

int EventRank(const std::string& event) {
  // pg_get_triggerdef() order.
  if (event.starts_with("INSERT")) return 0;
  if (event.starts_with("DELETE")) return 1;
  if (event.starts_with("UPDATE")) return 2;
  return 3;
}

int64_t MaxValueOf(const std::string& type) {
  if (type == "smallint") return std::numeric_limits<int16_t>::max();
  if (type == "integer") return std::numeric_limits<int32_t>::max();
  return std::numeric_limits<int64_t>::max();
}

}  // namespace

void Normalize(Schema& schema) {
  for (Sequence& seq : schema.sequences) seq.type = CanonicalType(seq.type);
  for (Table& table : schema.tables) {
    SortBy(table.columns, [](const Column& c) { return c.position; });
    int position = 0;
    for (Column& column : table.columns) {
      column.position = ++position;
      column.type = CanonicalType(column.type);
      if (column.default_expr) {
        column.default_expr = CanonicalDefault(*column.default_expr, column.type);
      }
    }
    SortBy(table.constraints, [](const Constraint& c) { return c.name; });
  }
  for (Trigger& trigger : schema.triggers) {
    SortBy(trigger.events, [](const std::string& e) { return EventRank(e); });
  }
  SortBy(schema.namespaces, [](const Namespace& n) { return n.name; });
  SortBy(schema.extensions, [](const Extension& e) { return e.name; });
  SortBy(schema.enums, [](const EnumType& e) { return e.name; });
  SortBy(schema.sequences, [](const Sequence& s) { return s.name; });
  SortBy(schema.tables, [](const Table& t) { return t.name; });
  SortBy(schema.indexes, [](const Index& i) { return i.name; });
  SortBy(schema.views, [](const View& v) { return v.name; });
  SortBy(schema.functions, [](const Function& f) { return std::tie(f.name, f.arguments); });
  SortBy(schema.triggers, [](const Trigger& t) { return std::tie(t.table, t.name); });
  PruneUnverified(schema);
}

void PruneUnverified(Schema& schema) {
  if (schema.unverified.empty()) return;
  std::set<std::pair<std::string_view, QualifiedName>> present;
  auto note = [&](std::string_view kind, const auto& items) {
    for (const auto& item : items) present.insert({kind, item.name});
  };
  note("table", schema.tables);
  note("view", schema.views);
  note("index", schema.indexes);
  note("enum", schema.enums);
  note("sequence", schema.sequences);
  note("function", schema.functions);
  std::erase_if(schema.unverified, [&](const Unverified& u) {
    return !present.contains({u.kind, u.name});
  });
  SortBy(schema.unverified, [](const Unverified& u) { return std::tie(u.kind, u.name); });
}

void MarkUnverified(Schema& schema, Unverified entry) {
  ClearUnverified(schema, entry.kind, entry.name);
  schema.unverified.push_back(std::move(entry));
}

void ClearUnverified(Schema& schema, std::string_view kind, const QualifiedName& name) {
  if (schema.unverified.empty()) return;
  std::erase_if(schema.unverified,
                [&](const Unverified& u) { return u.kind == kind && u.name == name; });
}

Schema EmptyDatabase() {
  Schema schema;
  schema.namespaces.push_back({"public", "standard public schema"});
  return schema;
}

bool ExpandSerial(const QualifiedName& table, std::string_view serial_type, Column& column,
                  Schema& schema) {
  std::optional<std::string> base = SerialBaseType(serial_type);
  if (!base) return false;
  column.type = *base;
  column.not_null = true;
  column.default_expr = SerialDefault(table.schema, table.name, column.name);
  Sequence seq;
  seq.name = {table.schema, ImplicitName(table.name, column.name, "seq")};
  seq.type = *base;
  seq.max_value = MaxValueOf(*base);
  seq.owned_by = QuoteIdentifier(table.name) + "." + QuoteIdentifier(column.name);
  schema.sequences.push_back(std::move(seq));
  return true;
}

}  // namespace drift::model
