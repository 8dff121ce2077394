#include "audit/probes.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit/effects.h"
#include "model/identifiers.h"
#include "model/types.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::audit {
namespace {

namespace pg = parser::pgddl;
using model::QualifiedName;
using model::QuoteIdentifier;
using parser::pgddl::internal::Resolve;

bool HasColumn(const model::Table& t, const std::string& name) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [&](const model::Column& c) { return c.name == name; });
}

bool HasColumns(const model::Table& t, const std::vector<std::string>& names) {
  return std::all_of(names.begin(), names.end(),
                     [&](const std::string& n) { return HasColumn(t, n); });
}

std::vector<std::string> PrimaryKey(const model::Table& t) {
  for (const model::Constraint& c : t.constraints) {
    if (c.kind == model::ConstraintKind::kPrimaryKey) return c.columns;
  }
  return {};
}

// `items` as one text value: a single one cast, several as a row ("(1,2)").
std::string AsText(const std::vector<std::string>& items, std::string_view alias = "") {
  std::string list;
  for (const std::string& item : items) {
    list += (list.empty() ? "" : ", ") + (alias.empty() ? "" : std::string(alias) + ".") + item;
  }
  return items.size() == 1 ? "(" + list + ")::text" : "ROW(" + list + ")::text";
}

std::vector<std::string> Quoted(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(QuoteIdentifier(n));
  return out;
}

// How a row of `t` is named in the evidence: its primary key, else its ctid.
std::string RowKey(const model::Table& t, std::string_view alias = "") {
  std::vector<std::string> pk = PrimaryKey(t);
  if (pk.empty()) return alias.empty() ? "ctid::text" : std::string(alias) + ".ctid::text";
  return AsText(Quoted(pk), alias);
}

std::string Limit() { return fmt::format(" LIMIT {}", kProbeLimit); }

class Probes {
 public:
  Probes(const model::Schema& before, const model::Schema& existing)
      : before_(before), existing_(existing) {}

  // The table `name` when it holds live rows (it existed before the range).
  const model::Table* Live(const QualifiedName& name) const {
    return FindTable(before_, name) != nullptr ? FindTable(existing_, name) : nullptr;
  }

  void Add(const model::Table& t, std::string rule, std::string sqlstate, std::string failure,
           std::string what, std::string sql) {
    out_.push_back({std::move(rule), std::move(sqlstate), std::move(failure), std::move(what),
                    std::move(sql), t.name});
  }

  // Rows where any of `columns` is NULL (FAIL002, FAIL008).
  void Nulls(const model::Table& t, const std::vector<std::string>& columns, const char* rule) {
    if (!HasColumns(t, columns)) return;
    std::string where;
    for (const std::string& c : columns)
      where += (where.empty() ? "" : " OR ") + QuoteIdentifier(c) + " IS NULL";
    Add(t, rule, "23502",
        fmt::format("column \"{}\" of relation \"{}\" contains null values", columns.front(),
                    t.name.name),
        fmt::format("a row where {} is NULL", fmt::join(Quoted(columns), " or ")),
        fmt::format("SELECT {} FROM {} WHERE {}{}", RowKey(t), model::QualifiedText(t.name), where,
                    Limit()));
  }

  // Groups of rows equal in `keys` (expressions over t), NULLs distinct unless said.
  void Duplicates(const model::Table& t, const std::vector<std::string>& keys,
                  const std::string& predicate, bool nulls_not_distinct, const std::string& name) {
    std::string where;
    if (!nulls_not_distinct) {
      for (const std::string& k : keys)
        where += (where.empty() ? "" : " AND ") + k + " IS NOT NULL";
    }
    if (!predicate.empty()) where += (where.empty() ? "" : " AND ") + ("(" + predicate + ")");
    Add(t, "FAIL003", "23505",
        name.empty() ? "could not create unique index"
                     : fmt::format("could not create unique index \"{}\"", name),
        "a value held by more than one row, with its count",
        fmt::format("SELECT {} || ' (' || count(*) || ' rows)' FROM {}{} GROUP BY {} HAVING "
                    "count(*) > 1 ORDER BY count(*) DESC{}",
                    AsText(keys), model::QualifiedText(t.name),
                    where.empty() ? "" : " WHERE " + where, fmt::join(keys, ", "), Limit()));
  }

  void ForeignKey(const model::Table& t, const pg::ConstraintDef& k) {
    const model::Table* parent = FindTable(before_, Resolve(k.ref_table));
    if (parent == nullptr) return;
    std::vector<std::string> refs = k.ref_columns.empty() ? PrimaryKey(*parent) : k.ref_columns;
    if (refs.size() != k.columns.size() || !HasColumns(t, k.columns)) return;
    // A new or emptied parent: every non-NULL key is an orphan, and the query says so.
    std::string where, match;
    for (size_t i = 0; i < refs.size(); ++i) {
      where += (i ? " AND " : "") + ("c." + QuoteIdentifier(k.columns[i]) + " IS NOT NULL");
      match += (i ? " AND " : "") +
               ("p." + QuoteIdentifier(refs[i]) + " = c." + QuoteIdentifier(k.columns[i]));
    }
    Add(t, "FAIL004", "23503",
        fmt::format("insert or update on table \"{}\" violates foreign key constraint{}",
                    t.name.name, k.name ? " \"" + *k.name + "\"" : ""),
        fmt::format("a value of {} not present in {}", fmt::join(Quoted(k.columns), ", "),
                    model::QualifiedText(parent->name)),
        fmt::format("SELECT {} FROM {} c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {}){}",
                    AsText(Quoted(k.columns), "c"), model::QualifiedText(t.name), where,
                    model::QualifiedText(parent->name), match, Limit()));
  }

  void Constraint(const model::Table& t, const pg::ConstraintDef& k) {
    if (k.not_valid || k.using_index) return;
    switch (k.kind) {
      case model::ConstraintKind::kCheck:
        Add(t, "FAIL006", "23514",
            fmt::format("check constraint{} of relation \"{}\" is violated by some row",
                        k.name ? " \"" + *k.name + "\"" : "", t.name.name),
            fmt::format("a row where CHECK ({}) is false", k.expression),
            fmt::format("SELECT {} FROM {} WHERE ({}) IS FALSE{}", RowKey(t),
                        model::QualifiedText(t.name), k.expression, Limit()));
        break;
      case model::ConstraintKind::kForeignKey:
        ForeignKey(t, k);
        break;
      case model::ConstraintKind::kPrimaryKey:
        Nulls(t, k.columns, "FAIL008");
        [[fallthrough]];
      case model::ConstraintKind::kUnique:
        if (HasColumns(t, k.columns))
          Duplicates(t, Quoted(k.columns), "", k.nulls_not_distinct, k.name.value_or(""));
        break;
      case model::ConstraintKind::kExclusion:
        break;
    }
  }

  void Alter(const pg::AlterTable& s) {
    const model::Table* t = Live(Resolve(s.name));
    if (t == nullptr) return;
    for (const pg::AlterAction& a : s.actions) {
      switch (a.kind) {
        case pg::AlterKind::kAddColumn: {
          const pg::ColumnDef& c = a.column_def;
          bool filled = c.default_expr || c.identity != model::Identity::kNone || c.generated ||
                        model::SerialBaseType(c.type).has_value();
          if (c.not_null && !filled) {
            Add(*t, "FAIL001", "23502",
                fmt::format("column \"{}\" of relation \"{}\" contains null values", c.name,
                            t->name.name),
                "a row (any row: the new column would be NULL in it)",
                fmt::format("SELECT {} FROM {}{}", RowKey(*t), model::QualifiedText(t->name),
                            Limit()));
          }
          break;
        }
        case pg::AlterKind::kSetNotNull:
          Nulls(*t, {a.column}, "FAIL002");
          break;
        case pg::AlterKind::kAlterColumnType: {
          const std::string to = model::CanonicalType(a.type);
          int limit = 0;
          if (a.expression || !HasColumn(*t, a.column) ||
              std::sscanf(to.c_str(), "character varying(%d)", &limit) != 1)
            break;
          Add(*t, "FAIL007", "22001",
              fmt::format("value too long for type character varying({})", limit),
              fmt::format("a row whose {} is longer than {} characters", QuoteIdentifier(a.column),
                          limit),
              fmt::format("SELECT {} FROM {} WHERE char_length({}) > {}{}", RowKey(*t),
                          model::QualifiedText(t->name), QuoteIdentifier(a.column), limit,
                          Limit()));
          break;
        }
        case pg::AlterKind::kAddConstraint:
          Constraint(*t, a.constraint);
          break;
        default:
          break;
      }
    }
  }

  void Index(const pg::CreateIndex& s) {
    if (!s.unique) return;
    const model::Table* t = Live(Resolve(s.table));
    if (t == nullptr) return;
    std::vector<std::string> keys;
    for (const pg::IndexKeyDef& k : s.keys) {
      if (!k.is_expression && !HasColumn(*t, k.expression)) return;
      keys.push_back(k.is_expression ? "(" + k.expression + ")" : QuoteIdentifier(k.expression));
    }
    Duplicates(*t, keys, s.predicate, s.nulls_not_distinct, s.name.value_or(""));
  }

  std::vector<Probe> Take() { return std::move(out_); }

 private:
  const model::Schema& before_;
  const model::Schema& existing_;
  std::vector<Probe> out_;
};

}  // namespace

std::vector<Probe> ProbesOf(const pg::Statement& statement, const model::Schema& before,
                            const model::Schema& existing) {
  Probes probes(before, existing);
  if (const auto* alter = std::get_if<pg::AlterTable>(&statement.body)) probes.Alter(*alter);
  if (const auto* index = std::get_if<pg::CreateIndex>(&statement.body)) probes.Index(*index);
  return probes.Take();
}

}  // namespace drift::audit
