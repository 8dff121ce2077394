// --format sql: the migration that turns one model into the other.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "diff/render.h"
#include "model/definitions.h"
#include "model/expressions.h"
#include "model/identifiers.h"
#include "model/types.h"

namespace drift::diff {
namespace {

using model::QualifiedName;
using model::QualifiedText;
using model::QuoteIdentifier;

// The statements, collected by phase so that dependencies come out in a working order.
enum Phase {
  kDisownSequences,
  kDropTriggers,
  kDropViews,
  kDropForeignKeys,
  kDropIndexes,
  kDropConstraints,
  kDropTables,
  kCreateNamespaces,
  kCreateExtensions,
  kEnums,
  kCreateSequences,
  kCreateTables,
  kAlterTables,
  kAddConstraints,
  kCreateIndexes,
  kOwnSequences,
  kAddForeignKeys,
  kFunctions,  // before the views that call them; bodies are checked when they run
  kViews,
  kViewIndexes,  // indexes on materialized views, which exist only now
  kTriggers,
  kComments,
  kDropRest,
  kDropExtensions,  // after what may use them
  kDropNamespaces,  // last: after everything that lived in them
  kPhases
};

constexpr const char* kPhaseTitle[kPhases] = {
    "AlterSequence",   "DropTrigger",    "DropView",       "DropForeignKey",
    "DropIndex",       "DropConstraint", "DropTable",      "CreateSchema",
    "CreateExtension", "Enum",           "CreateSequence", "CreateTable",
    "AlterTable",      "AddConstraint",  "CreateIndex",    "AlterSequence",
    "AddForeignKey",   "Function",       "View",           "CreateIndex",
    "Trigger",         "Comment",        "Drop",           "DropExtension",
    "DropSchema"};

// `items` ordered so that each comes after those it depends on (`depends(x, y)`: x needs
// y), or before them with `reverse`; the input order is kept where it does not matter.
template <typename T, typename Depends>
std::vector<T> DependencyOrder(std::vector<T> items, Depends depends, bool reverse) {
  std::vector<T> out;
  while (!items.empty()) {
    size_t pick = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      bool waits = false;
      for (size_t j = 0; j < items.size() && !waits; ++j)
        waits = i != j && (reverse ? depends(items[j], items[i]) : depends(items[i], items[j]));
      if (!waits) {
        pick = i;
        break;
      }
    }
    out.push_back(items[pick]);  // a cycle: take the first and go on
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  return out;
}

std::string Literal(const std::optional<std::string>& text) {
  return text ? model::QuoteLiteral(*text) : "NULL";
}

std::string TableName(const QualifiedName& n) { return QualifiedText(n); }

// Constraints that CREATE TABLE cannot hold: foreign keys (the referenced table may come
// later) and NOT VALID ones (a new table's constraints are always validated).
bool AddedAfterCreate(const model::Constraint& c) {
  return c.kind == model::ConstraintKind::kForeignKey || c.not_valid;
}

// CREATE TABLE with columns and the constraints it can hold.
std::string CreateTable(const model::Table& t) {
  if (t.parent) {
    return fmt::format("CREATE TABLE {} PARTITION OF {} {};", TableName(t.name),
                       TableName(*t.parent), t.partition_bound);
  }
  std::string body;
  for (const model::Column& c : t.columns) {
    body += fmt::format("{}    {} {}", body.empty() ? "" : ",\n", QuoteIdentifier(c.name),
                        model::ColumnDefinition(c));
  }
  for (const model::Constraint& c : t.constraints) {
    if (AddedAfterCreate(c)) continue;
    body += fmt::format(",\n\n    CONSTRAINT {} {}", QuoteIdentifier(c.name),
                        model::ConstraintDefinition(c, t.name.schema));
  }
  std::string out = fmt::format("CREATE {}TABLE {} (\n{}\n)", t.unlogged ? "UNLOGGED " : "",
                                TableName(t.name), body);
  if (t.kind == model::TableKind::kPartitioned) out += " PARTITION BY " + t.partition_key;
  return out + ";";
}

std::string AddConstraint(const QualifiedName& table, const model::Constraint& c) {
  return fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {};", TableName(table),
                     QuoteIdentifier(c.name), model::ConstraintDefinition(c, table.schema));
}

std::string DropConstraint(const QualifiedName& table, const std::string& name) {
  return fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", TableName(table), QuoteIdentifier(name));
}

std::string CreateSequence(const model::Sequence& s) {
  return fmt::format(
      "CREATE SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {}{};",
      QualifiedText(s.name), s.type, s.increment, s.min_value, s.max_value, s.start, s.cache,
      s.cycle ? " CYCLE" : "");
}

std::string CreateFunction(const model::Function& f) {
  bool procedure = f.kind == model::RoutineKind::kProcedure;
  std::string tag = "$drift$";
  while (f.body.find(tag) != std::string::npos) tag.insert(tag.size() - 1, "_");
  return fmt::format("CREATE OR REPLACE {} {}({}){} LANGUAGE {} AS {}{}{};",
                     procedure ? "PROCEDURE" : "FUNCTION", QualifiedText(f.name), f.arguments,
                     procedure ? "" : " RETURNS " + f.returns, f.language, tag, f.body, tag);
}

// Labels of `before` in order, each still present in `after`, and nothing removed.
bool OnlyAddsLabels(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  size_t j = 0;
  for (const std::string& label : after) {
    if (j < before.size() && before[j] == label) ++j;
  }
  return j == before.size();
}

// Same definition but the name: a column that was renamed, not dropped and added.
bool SameColumnButName(const model::Column& a, const model::Column& b) {
  return a.type == b.type && a.not_null == b.not_null && a.identity == b.identity &&
         a.generated == b.generated && a.generated_virtual == b.generated_virtual &&
         a.collation == b.collation;
}

// Position of a column in its table, or -1.
int Position(const model::Table* t, const model::Column* c) {
  if (t == nullptr || c == nullptr) return -1;
  return static_cast<int>(c - t->columns.data());
}

// Pairs of (removed, added) column differences of one table that look like a rename: the
// same definition under another name. When the table has other added or removed columns,
// the default must match too and the added column must sit at the removed one's position
// (a rename keeps its place; a new column goes to the end); otherwise nothing is guessed.
std::map<const Difference*, const Difference*> Renames(const ChangeSet& changes) {
  std::map<std::string, std::vector<const Difference*>> removed, added;
  for (const Difference& d : changes) {
    if (d.object != ObjectKind::kColumn) continue;
    if (d.kind == DiffKind::kRemoved) removed[d.table].push_back(&d);
    if (d.kind == DiffKind::kAdded) added[d.table].push_back(&d);
  }
  std::map<const Difference*, const Difference*> out;
  std::set<const Difference*> taken;
  for (const auto& [table, gone] : removed) {
    auto it = added.find(table);
    if (it == added.end()) continue;
    for (const Difference* r : gone) {
      const model::Column* b = r->Before<model::Column>();
      if (b == nullptr) continue;
      std::vector<const Difference*> same;
      for (const Difference* a : it->second) {
        const model::Column* c = a->After<model::Column>();
        if (c != nullptr && !taken.contains(a) && SameColumnButName(*c, *b)) same.push_back(a);
      }
      const Difference* pick = nullptr;
      if (gone.size() == 1 && it->second.size() == 1 && same.size() == 1) pick = same[0];
      for (const Difference* a : same) {
        if (pick == nullptr && a->After<model::Column>()->default_expr == b->default_expr &&
            Position(a->after_table, a->After<model::Column>()) == Position(r->before_table, b)) {
          pick = a;
        }
      }
      if (pick != nullptr) {
        out[r] = pick;
        taken.insert(pick);
      }
    }
  }
  return out;
}

}  // namespace

std::string RenderSql(const model::Schema& from, const model::Schema& to,
                      const ChangeSet& changes) {
  std::vector<std::string> phases[kPhases];
  auto emit = [&](Phase p, std::string sql) { phases[p].push_back(std::move(sql)); };
  // An index on a materialized view is made after the view; a view made again (its
  // query changed) lost its indexes with the drop, so they are made again too.
  std::set<model::QualifiedName> view_indexes_made;
  auto on_view = [&](const model::Index& i) {
    model::QualifiedName owner{i.name.schema, i.table};
    bool view = std::any_of(to.views.begin(), to.views.end(),
                            [&](const model::View& v) { return v.name == owner; });
    if (view && view_indexes_made.insert(i.name).second)
      emit(kViewIndexes, model::IndexDefinition(i) + ";");
    return view;
  };
  std::vector<std::string> data_loss;  // the steps that can lose data, said up front
  std::vector<const model::View*> view_drops, view_creates, view_comments;
  // Columns whose type changes: a view reading one must be dropped around the change.
  std::vector<std::pair<const model::Table*, std::string>> retyped;
  const auto renames = Renames(changes);
  // Added columns go out per table in the new table's order, generated ones last (their
  // expressions may use the others).
  std::map<std::string, std::vector<const model::Column*>> added_columns;
  std::set<const Difference*> renamed_to;
  for (const auto& [gone, added] : renames) renamed_to.insert(added);

  for (const Difference& d : changes) {
    const bool added = d.kind == DiffKind::kAdded, removed = d.kind == DiffKind::kRemoved;
    switch (d.object) {
      case ObjectKind::kNamespace:
        if (added)
          emit(kCreateNamespaces, fmt::format("CREATE SCHEMA {};", QuoteIdentifier(d.path)));
        if (removed) emit(kDropNamespaces, fmt::format("DROP SCHEMA {};", QuoteIdentifier(d.path)));
        if (!added && !removed) {
          for (const model::Namespace& n : to.namespaces) {
            if (n.name == d.path) {
              emit(kComments, fmt::format("COMMENT ON SCHEMA {} IS {};", QuoteIdentifier(n.name),
                                          Literal(n.comment)));
            }
          }
        }
        break;
      case ObjectKind::kExtension:
        for (const model::Extension& e : to.extensions) {
          if (e.name == d.path && !removed) {
            if (!added) emit(kDropRest, fmt::format("DROP EXTENSION {};", QuoteIdentifier(e.name)));
            emit(kCreateExtensions,
                 fmt::format("CREATE EXTENSION IF NOT EXISTS {} SCHEMA {};",
                             QuoteIdentifier(e.name), QuoteIdentifier(e.schema)));
          }
        }
        if (removed)
          emit(kDropExtensions, fmt::format("DROP EXTENSION {};", QuoteIdentifier(d.path)));
        break;
      case ObjectKind::kEnum: {
        const model::EnumType* a = d.After<model::EnumType>();
        const model::EnumType* b = d.Before<model::EnumType>();
        auto labels = [](const model::EnumType& e) {
          std::string out;
          for (const std::string& l : e.labels)
            out += (out.empty() ? "" : ", ") + model::QuoteLiteral(l);
          return out;
        };
        if (added) {
          emit(kEnums,
               fmt::format("CREATE TYPE {} AS ENUM ({});", QualifiedText(a->name), labels(*a)));
        } else if (removed) {
          emit(kDropRest, fmt::format("DROP TYPE {};", QualifiedText(b->name)));
        } else if (a->labels != b->labels && OnlyAddsLabels(b->labels, a->labels)) {
          // Each new label BEFORE the next label that was already there, in order, so a
          // run of new labels side by side lands in order; after the last old one, appended.
          auto old = [&](const std::string& l) {
            return std::find(b->labels.begin(), b->labels.end(), l) != b->labels.end();
          };
          for (size_t i = 0; i < a->labels.size(); ++i) {
            if (old(a->labels[i])) continue;
            auto next =
                std::find_if(a->labels.begin() + static_cast<long>(i) + 1, a->labels.end(), old);
            std::string where =
                next != a->labels.end() ? " BEFORE " + model::QuoteLiteral(*next) : "";
            emit(kEnums, fmt::format("ALTER TYPE {} ADD VALUE {}{};", QualifiedText(a->name),
                                     model::QuoteLiteral(a->labels[i]), where));
          }
        } else if (a->labels != b->labels) {
          // Labels removed or reordered: recreate the type, as Prisma does.
          std::string removed_labels;
          for (const std::string& l : b->labels) {
            if (std::find(a->labels.begin(), a->labels.end(), l) == a->labels.end())
              removed_labels += (removed_labels.empty() ? "" : ", ") + model::QuoteLiteral(l);
          }
          if (!removed_labels.empty()) {
            data_loss.push_back(
                fmt::format("removes {} from enum {}: fails while a row still holds one of them",
                            removed_labels, QualifiedText(a->name)));
          }
          QualifiedName tmp{a->name.schema, a->name.name + "_new"};
          emit(kEnums, fmt::format("CREATE TYPE {} AS ENUM ({});", QualifiedText(tmp), labels(*a)));
          std::string type = QualifiedText(a->name);
          // The columns of the type that are still there when the type is rebuilt (drops
          // run before it).
          auto kept = [&](const model::Table& t, const model::Column& c) {
            for (const model::Table& later : to.tables) {
              if (later.name != t.name) continue;
              return std::any_of(later.columns.begin(), later.columns.end(),
                                 [&](const model::Column& x) { return x.name == c.name; });
            }
            return false;
          };
          std::set<std::pair<QualifiedName, std::string>> rebuilt;  // (table, column)
          for (const model::Table& t : from.tables) {
            for (const model::Column& c : t.columns) {
              if (c.type != type && c.type != type + "[]") continue;
              if (!kept(t, c)) continue;
              rebuilt.insert({t.name, c.name});
              retyped.push_back({&t, c.name});  // views over it are made again around it
              std::string suffix = c.type.substr(type.size());
              if (c.default_expr) {
                emit(kEnums, fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;",
                                         TableName(t.name), QuoteIdentifier(c.name)));
              }
              emit(kEnums,
                   fmt::format(
                       "ALTER TABLE {0} ALTER COLUMN {1} TYPE {2}{3} USING ({1}::text{4}::{2}{3});",
                       TableName(t.name), QuoteIdentifier(c.name), QualifiedText(tmp), suffix,
                       suffix.empty() ? "" : "[]"));
            }
          }
          emit(kEnums, fmt::format("DROP TYPE {};", type));
          emit(kEnums, fmt::format("ALTER TYPE {} RENAME TO {};", QualifiedText(tmp),
                                   QuoteIdentifier(a->name.name)));
          // Their defaults again (new tables and columns get theirs when they are made).
          for (const model::Table& t : to.tables) {
            for (const model::Column& c : t.columns) {
              if ((c.type == type || c.type == type + "[]") && c.default_expr &&
                  rebuilt.contains({t.name, c.name})) {
                emit(kEnums,
                     fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};",
                                 TableName(t.name), QuoteIdentifier(c.name), *c.default_expr));
              }
            }
          }
        }
        if (a && b && a->comment != b->comment) {
          emit(kComments, fmt::format("COMMENT ON TYPE {} IS {};", QualifiedText(a->name),
                                      Literal(a->comment)));
        }
        break;
      }
      case ObjectKind::kSequence: {
        const model::Sequence* a = d.After<model::Sequence>();
        const model::Sequence* b = d.Before<model::Sequence>();
        if (removed) {
          emit(kDropRest, fmt::format("DROP SEQUENCE {};", QualifiedText(b->name)));
          break;
        }
        if (added) {
          emit(kCreateSequences, CreateSequence(*a));
        } else {
          emit(kCreateSequences,
               fmt::format("ALTER SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START "
                           "WITH {} CACHE {} {};",
                           QualifiedText(a->name), a->type, a->increment, a->min_value,
                           a->max_value, a->start, a->cache, a->cycle ? "CYCLE" : "NO CYCLE"));
        }
        if (!added && !b->owned_by.empty() && b->owned_by != a->owned_by) {
          // Let go of the old owner first: dropping that column would drop the sequence.
          emit(kDisownSequences,
               fmt::format("ALTER SEQUENCE {} OWNED BY NONE;", QualifiedText(a->name)));
        }
        if (!a->owned_by.empty() && (added || b->owned_by != a->owned_by)) {
          std::string owner = a->owned_by.find('.') != std::string::npos &&
                                      a->name.schema != "public" &&
                                      std::count(a->owned_by.begin(), a->owned_by.end(), '.') == 1
                                  ? QuoteIdentifier(a->name.schema) + "." + a->owned_by
                                  : a->owned_by;
          emit(kOwnSequences,
               fmt::format("ALTER SEQUENCE {} OWNED BY {};", QualifiedText(a->name), owner));
        }
        break;
      }
      case ObjectKind::kTable: {
        const model::Table* a = d.After<model::Table>();
        const model::Table* b = d.Before<model::Table>();
        if (added) {
          emit(kCreateTables, CreateTable(*a));
          for (const model::Constraint& c : a->constraints) {
            if (!AddedAfterCreate(c)) continue;
            emit(c.kind == model::ConstraintKind::kForeignKey ? kAddForeignKeys : kAddConstraints,
                 AddConstraint(a->name, c));
          }
          if (a->comment) {
            emit(kComments, fmt::format("COMMENT ON TABLE {} IS {};", TableName(a->name),
                                        Literal(a->comment)));
          }
          for (const model::Column& c : a->columns) {
            if (c.comment) {
              emit(kComments, fmt::format("COMMENT ON COLUMN {}.{} IS {};", TableName(a->name),
                                          QuoteIdentifier(c.name), Literal(c.comment)));
            }
          }
        } else if (removed) {
          for (const model::Constraint& c : b->constraints) {
            if (c.kind == model::ConstraintKind::kForeignKey) {
              emit(kDropForeignKeys, DropConstraint(b->name, c.name));
            }
          }
          emit(kDropTables, fmt::format("DROP TABLE {};", TableName(b->name)));
          data_loss.push_back(fmt::format("drops table {} with all its rows", TableName(b->name)));
        } else {
          for (const PropertyChange& p : d.changes) {
            if (p.property == Property::kComment) {
              emit(kComments, fmt::format("COMMENT ON TABLE {} IS {};", TableName(a->name),
                                          Literal(a->comment)));
            } else if (p.property == Property::kManyToManyShape) {
              // As Prisma 6's upgrade does it: the unique index becomes the primary key.
              std::string base = a->name.name;
              if (p.after.starts_with("primary key")) {
                emit(kAlterTables,
                     fmt::format("ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY USING INDEX {};",
                                 TableName(a->name), QuoteIdentifier(base + "_AB_pkey"),
                                 QuoteIdentifier(base + "_AB_unique")));
              } else {
                emit(kAlterTables,
                     fmt::format("ALTER TABLE {} DROP CONSTRAINT {};", TableName(a->name),
                                 QuoteIdentifier(base + "_AB_pkey")));
                emit(kCreateIndexes,
                     fmt::format("CREATE UNIQUE INDEX {} ON {} (\"A\", \"B\");",
                                 QuoteIdentifier(base + "_AB_unique"), TableName(a->name)));
              }
            } else if (p.property == Property::kUnlogged) {
              emit(kAlterTables, fmt::format("ALTER TABLE {} SET {};", TableName(a->name),
                                             a->unlogged ? "UNLOGGED" : "LOGGED"));
            } else {
              emit(kAlterTables,
                   fmt::format("-- {} of table {} changed ({} -> {}): recreate the table by hand",
                               PropertyName(p.property), TableName(a->name), p.before, p.after));
            }
          }
        }
        break;
      }
      case ObjectKind::kColumn: {
        const model::Column* a = d.After<model::Column>();
        const model::Column* b = d.Before<model::Column>();
        const model::Table* table = d.after_table != nullptr ? d.after_table : d.before_table;
        std::string t = TableName(table->name);
        std::string name = QuoteIdentifier(a ? a->name : b->name);
        if (renamed_to.contains(&d)) break;  // written as a RENAME with the removed one
        if (auto rename = renames.find(&d); rename != renames.end()) {
          const model::Column* to_column = rename->second->After<model::Column>();
          emit(
              kAlterTables,
              fmt::format("-- drift: {} and {} differ only in name: renamed, not dropped and added",
                          name, QuoteIdentifier(to_column->name)));
          emit(kAlterTables, fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {};", t, name,
                                         QuoteIdentifier(to_column->name)));
          if (to_column->default_expr != b->default_expr) {
            emit(kAlterTables,
                 to_column->default_expr
                     ? fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t,
                                   QuoteIdentifier(to_column->name), *to_column->default_expr)
                     : fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", t,
                                   QuoteIdentifier(to_column->name)));
          }
          if (to_column->comment != b->comment) {
            emit(kComments,
                 fmt::format("COMMENT ON COLUMN {}.{} IS {};", t, QuoteIdentifier(to_column->name),
                             Literal(to_column->comment)));
          }
          break;
        }
        if (added) {
          added_columns[t].push_back(a);
          if (a->comment)
            emit(kComments,
                 fmt::format("COMMENT ON COLUMN {}.{} IS {};", t, name, Literal(a->comment)));
          break;
        }
        if (removed) {
          // A generated column goes before the columns it is computed from.
          emit(b->generated ? kDropConstraints : kAlterTables,
               fmt::format("ALTER TABLE {} DROP COLUMN {};", t, name));
          data_loss.push_back(fmt::format("drops column {}.{} and its values", t, name));
          break;
        }
        bool generated_changed =
            std::any_of(d.changes.begin(), d.changes.end(),
                        [](const PropertyChange& p) { return p.property == Property::kGenerated; });
        if (generated_changed) {  // a generation expression cannot be altered: drop and add
          emit(kAlterTables, fmt::format("ALTER TABLE {} DROP COLUMN {};", t, name));
          emit(kAlterTables, fmt::format("ALTER TABLE {} ADD COLUMN {} {};", t, name,
                                         model::ColumnDefinition(*a)));
          break;
        }
        for (const PropertyChange& p : d.changes) {
          if (p.property == Property::kType && !model::IsLosslessWidening(p.before, p.after)) {
            data_loss.push_back(fmt::format(
                "converts {}.{} from {} to {}: existing values may be rounded, cut or refused", t,
                name, p.before, p.after));
          }
          if (p.property == Property::kType || p.property == Property::kCollation) {
            // Into an enum by way of its labels' text: no other type casts to one.
            bool to_enum =
                std::any_of(to.enums.begin(), to.enums.end(), [&](const model::EnumType& e) {
                  std::string enum_type = QualifiedText(e.name);
                  return a->type == enum_type || a->type == enum_type + "[]";
                });
            // The default goes first (it may not cast to the new type) and comes back after.
            const bool type_change = p.property == Property::kType;
            if (type_change) retyped.push_back({d.before_table, b->name});
            bool default_changes = std::any_of(
                d.changes.begin(), d.changes.end(),
                [](const PropertyChange& x) { return x.property == Property::kDefault; });
            if (type_change && b->default_expr)
              emit(kAlterTables,
                   fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", t, name));
            // A scalar into an array: the array of it.
            const bool into_array = a->type.ends_with("[]") && !b->type.ends_with("[]");
            const std::string value = into_array ? "ARRAY[" + name + "]" : name;
            emit(kAlterTables,
                 fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DATA TYPE {}{} USING {}::{}{};", t,
                             name, a->type, a->collation ? " COLLATE " + *a->collation : "", value,
                             to_enum ? (a->type.ends_with("[]") ? "text[]::" : "text::") : "",
                             a->type));
            if (type_change && b->default_expr && a->default_expr && !default_changes)
              emit(kAlterTables, fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t,
                                             name, *a->default_expr));
          } else if (p.property == Property::kNotNull) {
            emit(kAlterTables, fmt::format("ALTER TABLE {} ALTER COLUMN {} {} NOT NULL;", t, name,
                                           a->not_null ? "SET" : "DROP"));
          } else if (p.property == Property::kDefault) {
            emit(kAlterTables,
                 a->default_expr
                     ? fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};", t, name,
                                   *a->default_expr)
                     : fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;", t, name));
          } else if (p.property == Property::kIdentity) {
            if (b->identity != model::Identity::kNone) {
              emit(kAlterTables,
                   fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP IDENTITY;", t, name));
            }
            if (a->identity != model::Identity::kNone) {
              emit(kAlterTables,
                   fmt::format("ALTER TABLE {} ALTER COLUMN {} ADD GENERATED {} AS IDENTITY;", t,
                               name,
                               a->identity == model::Identity::kAlways ? "ALWAYS" : "BY DEFAULT"));
            }
          } else if (p.property == Property::kComment) {
            emit(kComments,
                 fmt::format("COMMENT ON COLUMN {}.{} IS {};", t, name, Literal(a->comment)));
          }
        }
        break;
      }
      case ObjectKind::kConstraint: {
        const model::Constraint* a = d.After<model::Constraint>();
        const model::Constraint* b = d.Before<model::Constraint>();
        const model::Table* table = d.after_table != nullptr ? d.after_table : d.before_table;
        bool fk = (a ? a->kind : b->kind) == model::ConstraintKind::kForeignKey;
        bool only_comment = !added && !removed && d.changes.size() == 1 &&
                            d.changes[0].property == Property::kComment;
        if (b && !only_comment && !removed) {
          emit(fk ? kDropForeignKeys : kDropConstraints, DropConstraint(table->name, b->name));
        }
        if (removed)
          emit(fk ? kDropForeignKeys : kDropConstraints, DropConstraint(table->name, b->name));
        if (a && !only_comment)
          emit(fk ? kAddForeignKeys : kAddConstraints, AddConstraint(table->name, *a));
        if (a && (a->comment || (b && b->comment)) && (!b || a->comment != b->comment)) {
          emit(kComments,
               fmt::format("COMMENT ON CONSTRAINT {} ON {} IS {};", QuoteIdentifier(a->name),
                           TableName(table->name), Literal(a->comment)));
        }
        break;
      }
      case ObjectKind::kIndex: {
        const model::Index* a = d.After<model::Index>();
        const model::Index* b = d.Before<model::Index>();
        bool only_comment = !added && !removed && d.changes.size() == 1 &&
                            d.changes[0].property == Property::kComment;
        if (b && !only_comment)
          emit(kDropIndexes, fmt::format("DROP INDEX {};", QualifiedText(b->name)));
        if (a && !only_comment && !on_view(*a))
          emit(kCreateIndexes, model::IndexDefinition(*a) + ";");
        if (a && a->comment != (b ? b->comment : std::nullopt)) {
          emit(kComments, fmt::format("COMMENT ON INDEX {} IS {};", QualifiedText(a->name),
                                      Literal(a->comment)));
        }
        break;
      }
      case ObjectKind::kView: {
        const model::View* a = d.After<model::View>();
        const model::View* b = d.Before<model::View>();
        bool same_query =
            a && b && a->definition == b->definition && a->materialized == b->materialized;
        if (b && !same_query) view_drops.push_back(b);
        if (a && !same_query) view_creates.push_back(a);
        if (a && (a->comment || (b && b->comment && same_query)) &&
            !(b && same_query && a->comment == b->comment)) {
          view_comments.push_back(a);
        }
        break;
      }
      case ObjectKind::kFunction: {
        const model::Function* a = d.After<model::Function>();
        const model::Function* b = d.Before<model::Function>();
        if (removed) {
          emit(kDropRest,
               fmt::format("DROP {} {}({});",
                           b->kind == model::RoutineKind::kProcedure ? "PROCEDURE" : "FUNCTION",
                           QualifiedText(b->name), b->arguments));
        } else {
          if (b && b->returns != a->returns) {
            emit(kDropRest,
                 fmt::format("DROP FUNCTION {}({});", QualifiedText(b->name), b->arguments));
          }
          emit(kFunctions, CreateFunction(*a));
          if (a->comment != (b ? b->comment : std::nullopt)) {
            emit(kComments,
                 fmt::format("COMMENT ON {} {}({}) IS {};",
                             a->kind == model::RoutineKind::kProcedure ? "PROCEDURE" : "FUNCTION",
                             QualifiedText(a->name), a->arguments, Literal(a->comment)));
          }
        }
        break;
      }
      case ObjectKind::kTrigger: {
        const model::Trigger* a = d.After<model::Trigger>();
        const model::Trigger* b = d.Before<model::Trigger>();
        bool only_comment = !added && !removed && d.changes.size() == 1 &&
                            d.changes[0].property == Property::kComment;
        if (b && !only_comment) {
          emit(kDropTriggers, fmt::format("DROP TRIGGER {} ON {};", QuoteIdentifier(b->name),
                                          TableName(b->table)));
        }
        if (a && !only_comment) emit(kTriggers, model::TriggerDefinition(*a) + ";");
        bool recreated = b && !only_comment;  // a dropped trigger loses its comment
        if (a &&
            (recreated ? a->comment.has_value() : a->comment != (b ? b->comment : std::nullopt))) {
          emit(kComments,
               fmt::format("COMMENT ON TRIGGER {} ON {} IS {};", QuoteIdentifier(a->name),
                           TableName(a->table), Literal(a->comment)));
        }
        break;
      }
    }
  }
  // Views in the order their definitions allow: created after the views they read,
  // dropped before them.
  auto reads = [](const model::View* x, const model::View* y) {
    return x->name != y->name && model::MentionsIdentifier(x->definition, y->name.name);
  };
  auto kind = [](const model::View* v) { return v->materialized ? "MATERIALIZED VIEW" : "VIEW"; };
  // Views over a retyped column, and the views over those, are made again around it
  // (PostgreSQL refuses the type change under a view), with their definition in `to`.
  auto listed = [](const std::vector<const model::View*>& list, const model::View& v) {
    return std::any_of(list.begin(), list.end(),
                       [&](const model::View* x) { return x->name == v.name; });
  };
  for (bool grew = !retyped.empty(); grew;) {
    grew = false;
    for (const model::View& v : from.views) {
      if (listed(view_drops, v)) continue;
      bool reads_retyped = std::any_of(retyped.begin(), retyped.end(), [&](const auto& r) {
        return r.first != nullptr && model::MentionsIdentifier(v.definition, r.first->name.name) &&
               model::MentionsIdentifier(v.definition, r.second);
      });
      bool reads_dropped =
          std::any_of(view_drops.begin(), view_drops.end(), [&](const model::View* x) {
            return model::MentionsIdentifier(v.definition, x->name.name);
          });
      if (!reads_retyped && !reads_dropped) continue;
      const model::View* again = nullptr;
      for (const model::View& w : to.views) {
        if (w.name == v.name) again = &w;
      }
      // An unverified view (no definition known) cannot be made again: left as it is.
      if (v.definition.empty() || (again != nullptr && again->definition.empty())) continue;
      view_drops.push_back(&v);
      if (again != nullptr && !listed(view_creates, *again)) view_creates.push_back(again);
      grew = true;
    }
  }
  for (const model::View* v : DependencyOrder(view_drops, reads, true))
    emit(kDropViews, fmt::format("DROP {} {};", kind(v), QualifiedText(v->name)));
  for (const model::View* v : DependencyOrder(view_creates, reads, false)) {
    emit(kViews,
         fmt::format("CREATE {} {} AS {};", kind(v), QualifiedText(v->name), v->definition));
    for (const model::Index& i : to.indexes) {
      if (v->materialized && i.name.schema == v->name.schema && i.table == v->name.name) on_view(i);
    }
  }
  for (const model::View* v : view_comments) {
    emit(kViews, fmt::format("COMMENT ON {} {} IS {};", kind(v), QualifiedText(v->name),
                             Literal(v->comment)));
  }
  for (auto& [table, columns] : added_columns) {
    std::stable_sort(columns.begin(), columns.end(),
                     [](const model::Column* x, const model::Column* y) {
                       return std::make_pair(x->generated.has_value(), x->position) <
                              std::make_pair(y->generated.has_value(), y->position);
                     });
    for (const model::Column* c : columns) {
      emit(kAlterTables, fmt::format("ALTER TABLE {} ADD COLUMN {} {};", table,
                                     QuoteIdentifier(c->name), model::ColumnDefinition(*c)));
    }
  }
  std::string out;
  if (!data_loss.empty()) {
    out += "/*\n  Steps that can lose data or fail on existing rows:\n";
    for (const std::string& line : data_loss) out += "  - " + line + "\n";
    out += "*/\n";
  }
  for (int p = 0; p < kPhases; ++p) {
    if (phases[p].empty()) continue;
    out += fmt::format("{}-- {}\n", out.empty() ? "" : "\n", kPhaseTitle[p]);
    // A function body may read a view made later in the script (pg_dump does the same).
    if (p == kFunctions) out += "SET check_function_bodies = false;\n";
    for (const std::string& sql : phases[p]) out += sql + "\n";
  }
  return out;
}

}  // namespace drift::diff
