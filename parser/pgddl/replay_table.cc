// Replay of CREATE TABLE, ALTER TABLE and CREATE INDEX.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "model/defaults.h"
#include "model/definitions.h"
#include "model/expressions.h"
#include "model/identifiers.h"
#include "model/normalize.h"
#include "model/types.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::parser::pgddl::internal {
namespace {

// The types of a partitioned table's key columns, for canonical partition bounds.
std::vector<std::string> KeyTypes(const model::Table& parent) {
  model::ColumnTypes types;
  for (const model::Column& c : parent.columns) types[c.name] = c.type;
  return model::PartitionKeyTypes(parent.partition_key, types);
}

using model::Constraint;
using model::ConstraintKind;
using model::QualifiedName;
using model::Table;

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "_") + n;
  return out;
}

// makeObjectName + the numeric suffix PostgreSQL adds on a clash ("key", "key1", ...).
template <typename Taken>
std::string ChooseName(const std::string& table, const std::string& columns,
                       const std::string& label, Taken taken) {
  for (int pass = 0;; ++pass) {
    std::string candidate =
        model::ImplicitName(table, columns, pass == 0 ? label : label + std::to_string(pass));
    if (!taken(candidate)) return candidate;
  }
}

bool IndexBacked(const Constraint& c) {
  return c.kind == ConstraintKind::kPrimaryKey || c.kind == ConstraintKind::kUnique ||
         c.kind == ConstraintKind::kExclusion;
}

model::ColumnTypes TypesOf(const Table& t) {
  model::ColumnTypes types;
  for (const model::Column& c : t.columns) types[c.name] = c.type;
  return types;
}

// Columns of `t` that `expression` mentions.
std::vector<std::string> MentionedColumns(const Table& t, const std::string& expression) {
  std::vector<std::string> out;
  for (const model::Column& c : t.columns) {
    if (model::MentionsIdentifier(expression, c.name)) out.push_back(c.name);
  }
  return out;
}

std::string CanonicalCheck(const Table& t, const std::string& expression) {
  return model::CanonicalExpression(expression, TypesOf(t));
}

// Turns a parsed constraint into the model's, choosing PostgreSQL's name when none is
// given. `column` is the column of an inline constraint ("" for a table constraint).
bool AddConstraint(ReplayContext& ctx, Table& t, const ConstraintDef& def,
                   const std::string& column) {
  Constraint c;
  c.kind = def.kind;
  c.columns =
      def.columns.empty() && !column.empty() ? std::vector<std::string>{column} : def.columns;
  c.deferrable = def.deferrable;
  c.initially_deferred = def.initially_deferred;
  c.not_valid = def.not_valid;
  c.no_inherit = def.no_inherit;
  c.nulls_not_distinct = def.nulls_not_distinct;
  for (const std::string& col : c.columns) {
    if (FindColumn(t, col) == nullptr) {
      ctx.Error(fmt::format("column \"{}\" named in a constraint does not exist in \"{}\"", col,
                            t.name.name));
      return false;
    }
  }
  const std::string& ns = t.name.schema;
  auto relation_taken = [&](const std::string& n) { return RelationNameTaken(ctx, {ns, n}); };
  auto constraint_taken = [&](const std::string& n) { return ConstraintNameTaken(ctx, ns, n); };
  std::string name;
  switch (def.kind) {
    case ConstraintKind::kPrimaryKey:
      if (std::any_of(t.constraints.begin(), t.constraints.end(),
                      [](const Constraint& x) { return x.kind == ConstraintKind::kPrimaryKey; })) {
        ctx.Error(
            fmt::format("multiple primary keys for table \"{}\" are not allowed", t.name.name));
        return false;
      }
      name = def.name ? *def.name : ChooseName(t.name.name, "", "pkey", relation_taken);
      for (const std::string& col : c.columns) FindColumn(t, col)->not_null = true;
      break;
    case ConstraintKind::kUnique:
      name =
          def.name ? *def.name : ChooseName(t.name.name, Joined(c.columns), "key", relation_taken);
      break;
    case ConstraintKind::kExclusion:
      c.expression = "EXCLUDE " + def.expression;
      name = def.name ? *def.name : ChooseName(t.name.name, "", "excl", relation_taken);
      break;
    case ConstraintKind::kCheck: {
      c.columns.clear();
      c.expression = CanonicalCheck(t, def.expression);
      std::vector<std::string> mentioned = MentionedColumns(t, def.expression);
      std::string col = !column.empty() ? column : mentioned.size() == 1 ? mentioned[0] : "";
      name = def.name ? *def.name : ChooseName(t.name.name, col, "check", constraint_taken);
      break;
    }
    case ConstraintKind::kForeignKey: {
      QualifiedName ref = Resolve(def.ref_table);
      Table* target = ref == t.name ? &t : FindTable(ctx, ref);
      if (target == nullptr) {
        ctx.Error(fmt::format("referenced table \"{}\" does not exist", ref.name));
        return false;
      }
      c.ref_table = ref;
      c.ref_columns = def.ref_columns;
      if (c.ref_columns.empty()) {
        for (const Constraint& k : target->constraints) {
          if (k.kind == ConstraintKind::kPrimaryKey) c.ref_columns = k.columns;
        }
        if (c.ref_columns.empty()) {
          ctx.Error(fmt::format("there is no primary key for referenced table \"{}\"", ref.name));
          return false;
        }
      }
      c.on_delete = def.on_delete;
      c.on_update = def.on_update;
      c.match = def.match;
      name = def.name ? *def.name
                      : ChooseName(t.name.name, Joined(c.columns), "fkey", constraint_taken);
      break;
    }
  }
  if (def.name && (IndexBacked(c) ? relation_taken(name) : false)) {
    ctx.Error(fmt::format("relation \"{}\" already exists", name));
    return false;
  }
  for (const Constraint& existing : t.constraints) {
    if (existing.name == name) {
      ctx.Error(
          fmt::format("constraint \"{}\" for relation \"{}\" already exists", name, t.name.name));
      return false;
    }
  }
  c.name = name;
  t.constraints.push_back(std::move(c));
  NoteConstraintAdded(ctx, ns, t.constraints.back());
  return true;
}

int NextPosition(const Table& t) {
  int max = 0;
  for (const model::Column& c : t.columns) max = std::max(max, c.position);
  return max + 1;
}

// Adds a column with its inline constraints; serial expands to a sequence.
void AddColumn(ReplayContext& ctx, Table& t, const ColumnDef& def) {
  model::Column col;
  col.name = def.name;
  col.position = NextPosition(t);
  if (!model::ExpandSerial(t.name, def.type, col, ctx.schema)) {
    col.type = model::CanonicalType(def.type);
    if (def.default_expr) {
      col.default_expr = model::CanonicalDefault(*def.default_expr, col.type);
      ctx.UsesNewEnumValue(*col.default_expr);
      if (ctx.written_defaults != nullptr)
        (*ctx.written_defaults)[{t.name, col.name}] = *def.default_expr;
    }
    col.not_null = def.not_null;
  } else {
    // The sequence name must not clash with another relation: then PostgreSQL adds a
    // numeric suffix, and the default follows.
    model::Sequence seq = std::move(ctx.schema.sequences.back());
    ctx.schema.sequences.pop_back();
    if (RelationNameTaken(ctx, seq.name)) {
      seq.name.name = ChooseName(t.name.name, col.name, "seq", [&](const std::string& n) {
        return RelationNameTaken(ctx, {t.name.schema, n});
      });
      col.default_expr = model::CanonicalDefault(
          "nextval(" + model::QuoteLiteral(model::QualifiedText(seq.name)) + ")", col.type);
    }
    ctx.schema.sequences.push_back(std::move(seq));
    NoteRelationAdded(ctx, ctx.schema.sequences.back().name);
  }
  col.identity = def.identity;
  if (def.identity != model::Identity::kNone) col.not_null = true;
  col.generated =
      def.generated
          ? std::optional<std::string>(model::CanonicalExpression(*def.generated, TypesOf(t)))
          : std::nullopt;
  col.generated_virtual = def.generated && def.generated_virtual;
  if (def.collation) col.collation = model::QuoteIdentifier(*def.collation);
  t.columns.push_back(std::move(col));
  for (const ConstraintDef& c : def.constraints) AddConstraint(ctx, t, c, def.name);
}

// Everything that depends on column `column` of `t`: its constraints and indexes go;
// foreign keys elsewhere that reference it go with CASCADE and block the drop without.
bool DropColumnDependents(ReplayContext& ctx, Table& t, const std::string& column, bool cascade) {
  for (Table& other : ctx.schema.tables) {
    if (&other == &t) continue;
    for (const Constraint& c : other.constraints) {
      if (c.kind == ConstraintKind::kForeignKey && c.ref_table == t.name &&
          std::count(c.ref_columns.begin(), c.ref_columns.end(), column) && !cascade) {
        ctx.Error(
            fmt::format("cannot drop column {} of table \"{}\" because constraint {} on table "
                        "\"{}\" depends on it",
                        column, t.name.name, c.name, other.name.name));
        return false;
      }
    }
  }
  for (Table& other : ctx.schema.tables) {
    std::erase_if(other.constraints, [&](const Constraint& c) {
      return c.kind == ConstraintKind::kForeignKey && c.ref_table == t.name && &other != &t &&
             std::count(c.ref_columns.begin(), c.ref_columns.end(), column);
    });
  }
  std::erase_if(t.constraints, [&](const Constraint& c) {
    return std::count(c.columns.begin(), c.columns.end(), column) ||
           (c.kind == ConstraintKind::kForeignKey && c.ref_table == t.name &&
            std::count(c.ref_columns.begin(), c.ref_columns.end(), column)) ||
           ((c.kind == ConstraintKind::kCheck || c.kind == ConstraintKind::kExclusion) &&
            model::MentionsIdentifier(c.expression, column));
  });
  std::erase_if(ctx.schema.indexes, [&](const model::Index& i) {
    if (i.name.schema != t.name.schema || i.table != t.name.name) return false;
    for (const model::IndexKey& k : i.keys) {
      if (model::MentionsIdentifier(k.expression, column)) return true;
    }
    for (const std::string& inc : i.include) {
      if (model::MentionsIdentifier(inc, column)) return true;
    }
    return !i.predicate.empty() && model::MentionsIdentifier(i.predicate, column);
  });
  std::string owner = model::QuoteIdentifier(t.name.name) + "." + model::QuoteIdentifier(column);
  std::erase_if(ctx.schema.sequences, [&](const model::Sequence& s) {
    return s.name.schema == t.name.schema && s.owned_by == owner;
  });
  // Generated columns computed from it: refused without CASCADE, dropped with it.
  for (const model::Column& c : t.columns) {
    if (c.name == column || !c.generated || !model::MentionsIdentifier(*c.generated, column))
      continue;
    if (!cascade) {
      ctx.Error(
          fmt::format("cannot drop column {} of table \"{}\" because other objects depend "
                      "on it",
                      column, t.name.name));
      return false;
    }
  }
  std::erase_if(t.columns, [&](const model::Column& c) {
    return c.name != column && c.generated && model::MentionsIdentifier(*c.generated, column);
  });
  return true;
}

void RenameColumn(ReplayContext& ctx, Table& t, const std::string& from, const std::string& to) {
  model::Column* col = FindColumn(t, from);
  if (col == nullptr) {
    ctx.Error(fmt::format("column \"{}\" does not exist in \"{}\"", from, t.name.name));
    return;
  }
  if (FindColumn(t, to) != nullptr) {
    ctx.Error(fmt::format("column \"{}\" of relation \"{}\" already exists", to, t.name.name));
    return;
  }
  col->name = to;
  for (model::Column& c : t.columns) {
    if (c.generated) c.generated = model::RenameIdentifier(*c.generated, from, to);
  }
  for (Table& other : ctx.schema.tables) {
    for (Constraint& c : other.constraints) {
      if (&other == &t) {
        std::replace(c.columns.begin(), c.columns.end(), from, to);
        if (!c.expression.empty()) c.expression = model::RenameIdentifier(c.expression, from, to);
      }
      if (c.kind == ConstraintKind::kForeignKey && c.ref_table == t.name) {
        std::replace(c.ref_columns.begin(), c.ref_columns.end(), from, to);
      }
    }
  }
  for (model::Index& i : ctx.schema.indexes) {
    if (i.name.schema != t.name.schema || i.table != t.name.name) continue;
    for (model::IndexKey& k : i.keys)
      k.expression = model::RenameIdentifier(k.expression, from, to);
    for (std::string& inc : i.include) inc = model::RenameIdentifier(inc, from, to);
    if (!i.predicate.empty()) i.predicate = model::RenameIdentifier(i.predicate, from, to);
  }
  std::string owner = model::QuoteIdentifier(t.name.name) + "." + model::QuoteIdentifier(from);
  for (model::Sequence& s : ctx.schema.sequences) {
    if (s.name.schema == t.name.schema && s.owned_by == owner) {
      s.owned_by = model::QuoteIdentifier(t.name.name) + "." + model::QuoteIdentifier(to);
    }
  }
  for (model::Trigger& tr : ctx.schema.triggers) {
    if (tr.table != t.name) continue;
    for (std::string& event : tr.events) {
      if (event.starts_with("UPDATE OF "))
        event = "UPDATE OF " + model::RenameIdentifier(event.substr(10), from, to);
    }
    if (!tr.condition.empty()) {
      // WHEN refers to the columns as old.x / new.x.
      tr.condition = model::RenameIdentifier(tr.condition, from, to);
    }
  }
  ColumnRenamed(ctx, t.name, from, to);
}

void RenameTable(ReplayContext& ctx, Table& t, const std::string& to) {
  QualifiedName old = t.name, renamed{t.name.schema, to};
  if (RelationNameTaken(ctx, renamed)) {
    ctx.Error(fmt::format("relation \"{}\" already exists", to));
    return;
  }
  std::string old_prefix = model::QuoteIdentifier(old.name) + ".";
  for (model::Sequence& s : ctx.schema.sequences) {
    if (s.name.schema == old.schema && s.owned_by.starts_with(old_prefix)) {
      s.owned_by = model::QuoteIdentifier(to) + "." + s.owned_by.substr(old_prefix.size());
    }
  }
  t.name = renamed;
  for (Table& other : ctx.schema.tables) {
    for (Constraint& c : other.constraints) {
      if (c.ref_table == old) c.ref_table = renamed;
    }
    if (other.parent && *other.parent == old) other.parent = renamed;
  }
  for (model::Index& i : ctx.schema.indexes) {
    if (i.name.schema == old.schema && i.table == old.name) i.table = to;
  }
  for (model::Trigger& tr : ctx.schema.triggers) {
    if (tr.table == old) tr.table = renamed;
  }
  RelationRenamed(ctx, old, renamed);
}

void ApplyAlterColumnType(ReplayContext& ctx, Table& t, const AlterAction& a) {
  model::Column* col = FindColumn(t, a.column);
  if (col == nullptr) {
    ctx.Error(
        fmt::format("column \"{}\" of relation \"{}\" does not exist", a.column, t.name.name));
    return;
  }
  // A view reading the column holds its type: PostgreSQL refuses the change.
  if (ViewsReadColumn(ctx, t.name, col->name)) {
    ctx.Error("cannot alter type of a column used by a view or rule");
    return;
  }
  // The default stays the expression it was, now coerced to the new type: a constant
  // the old type made implicit is shown with it ('2'::smallint).
  const std::string new_type = model::CanonicalType(a.type);
  if (col->default_expr && ctx.written_defaults != nullptr) {
    // The default keeps the constant it was cooked to for the old type, now coerced to
    // the new one (which does not print). An explicit cast to the old type shows then:
    // '2'::smallint prints 2 while the column is smallint, '2'::smallint once bigint.
    auto written = ctx.written_defaults->find({t.name, col->name});
    if (written != ctx.written_defaults->end() &&
        model::CanonicalDefault(written->second, col->type) == *col->default_expr) {
      const std::string& text = written->second;
      bool cast = text.find("::") != std::string::npos ||
                  absl::AsciiStrToLower(text.substr(0, 5)) == "cast(";
      if (cast) col->default_expr = model::CanonicalDefault(text, "");
    }
  }
  col->type = new_type;
  // Checks and index expressions on it are analysed again with the new type (an implicit
  // cast to what it now is goes away).
  model::ColumnTypes types = TypesOf(t);
  for (Constraint& c : t.constraints) {
    if (c.kind == ConstraintKind::kCheck && model::MentionsIdentifier(c.expression, col->name))
      c.expression = model::CanonicalExpression(c.expression, types);
  }
  for (model::Index& i : ctx.schema.indexes) {
    if (i.name.schema != t.name.schema || i.table != t.name.name) continue;
    if (!i.predicate.empty() && model::MentionsIdentifier(i.predicate, col->name))
      i.predicate = model::CanonicalExpression(i.predicate, types);
    for (model::IndexKey& k : i.keys) {
      if (k.is_expression && model::MentionsIdentifier(k.expression, col->name))
        k.expression = model::IndexKeyExpression(model::CanonicalExpression(k.expression, types));
    }
  }
}

void ApplyAction(ReplayContext& ctx, Table& t, const AlterAction& a) {
  auto column = [&]() -> model::Column* {
    model::Column* c = FindColumn(t, a.column);
    if (c == nullptr) {
      ctx.Error(
          fmt::format("column \"{}\" of relation \"{}\" does not exist", a.column, t.name.name));
    }
    return c;
  };
  switch (a.kind) {
    case AlterKind::kAddColumn:
      if (FindColumn(t, a.column_def.name) != nullptr) {
        if (a.if_not_exists) {
          ctx.Notice(fmt::format("column \"{}\" of relation \"{}\" already exists, skipping",
                                 a.column_def.name, t.name.name));
        } else {
          ctx.Error(fmt::format("column \"{}\" of relation \"{}\" already exists",
                                a.column_def.name, t.name.name));
        }
        return;
      }
      AddColumn(ctx, t, a.column_def);
      return;
    case AlterKind::kDropColumn: {
      if (FindColumn(t, a.column) == nullptr) {
        if (!a.if_exists) {
          ctx.Error(fmt::format("column \"{}\" of relation \"{}\" does not exist", a.column,
                                t.name.name));
        }
        return;
      }
      if (!DropDependentViews(ctx, t.name, a.column, a.cascade)) return;
      if (!DropColumnDependents(ctx, t, a.column, a.cascade)) return;
      std::erase_if(t.columns, [&](const model::Column& c) { return c.name == a.column; });
      return;
    }
    case AlterKind::kRenameColumn:
      RenameColumn(ctx, t, a.column, a.new_name);
      return;
    case AlterKind::kAlterColumnType:
      ApplyAlterColumnType(ctx, t, a);
      return;
    case AlterKind::kSetDefault:
      if (model::Column* c = column())
        if (std::string d = model::CanonicalDefault(*a.expression, c->type);
            !ctx.UsesNewEnumValue(d)) {
          c->default_expr = std::move(d);
          if (ctx.written_defaults != nullptr)
            (*ctx.written_defaults)[{t.name, c->name}] = *a.expression;
        }
      return;
    case AlterKind::kDropDefault:
      if (model::Column* c = column()) c->default_expr.reset();
      return;
    case AlterKind::kSetNotNull:
      if (model::Column* c = column()) c->not_null = true;
      return;
    case AlterKind::kDropNotNull:
      if (model::Column* c = column()) {
        for (const Constraint& k : t.constraints) {
          if (k.kind == ConstraintKind::kPrimaryKey &&
              std::count(k.columns.begin(), k.columns.end(), c->name)) {
            ctx.Error(fmt::format("column \"{}\" is in a primary key", c->name));
            return;
          }
        }
        c->not_null = false;
      }
      return;
    case AlterKind::kAddIdentity:
      if (model::Column* c = column()) {
        c->identity = a.identity;
        c->not_null = true;
      }
      return;
    case AlterKind::kDropIdentity:
      if (model::Column* c = column()) c->identity = model::Identity::kNone;
      return;
    case AlterKind::kAddConstraint: {
      if (a.constraint.using_index) {
        auto it = std::find_if(
            ctx.schema.indexes.begin(), ctx.schema.indexes.end(), [&](const model::Index& i) {
              return i.name == QualifiedName{t.name.schema, *a.constraint.using_index};
            });
        if (it == ctx.schema.indexes.end()) {
          ctx.Error(fmt::format("index \"{}\" does not exist", *a.constraint.using_index));
          return;
        }
        ConstraintDef def = a.constraint;
        for (const model::IndexKey& k : it->keys) def.columns.push_back(k.expression);
        if (!def.name) def.name = it->name.name;
        ctx.schema.indexes.erase(it);
        def.using_index.reset();
        AddConstraint(ctx, t, def, "");
        return;
      }
      AddConstraint(ctx, t, a.constraint, "");
      return;
    }
    case AlterKind::kDropConstraint: {
      auto it = std::find_if(t.constraints.begin(), t.constraints.end(),
                             [&](const Constraint& c) { return c.name == a.column; });
      if (it == t.constraints.end()) {
        if (!a.if_exists) {
          ctx.Error(fmt::format("constraint \"{}\" of relation \"{}\" does not exist", a.column,
                                t.name.name));
        }
        return;
      }
      if (IndexBacked(*it)) {
        // Foreign keys that rely on this key go with CASCADE only.
        for (Table& other : ctx.schema.tables) {
          for (const Constraint& c : other.constraints) {
            if (c.kind == ConstraintKind::kForeignKey && c.ref_table == t.name &&
                c.ref_columns == it->columns && !a.cascade) {
              ctx.Error(
                  fmt::format("cannot drop constraint {} on table \"{}\" because constraint "
                              "{} on table \"{}\" depends on it",
                              a.column, t.name.name, c.name, other.name.name));
              return;
            }
          }
        }
      }
      t.constraints.erase(it);
      return;
    }
    case AlterKind::kRenameConstraint: {
      auto it = std::find_if(t.constraints.begin(), t.constraints.end(),
                             [&](const Constraint& c) { return c.name == a.column; });
      if (it == t.constraints.end()) {
        ctx.Error(fmt::format("constraint \"{}\" for table \"{}\" does not exist", a.column,
                              t.name.name));
        return;
      }
      it->name = a.new_name;
      return;
    }
    case AlterKind::kValidateConstraint:
      for (Constraint& c : t.constraints) {
        if (c.name == a.column) c.not_valid = false;
      }
      return;
    case AlterKind::kRenameTable:
      RenameTable(ctx, t, a.new_name);
      return;
    case AlterKind::kSetSchema: {
      QualifiedName old = t.name;
      for (model::Index& i : ctx.schema.indexes) {
        if (i.name.schema == old.schema && i.table == old.name) i.name.schema = a.new_name;
      }
      t.name.schema = a.new_name;
      for (Table& other : ctx.schema.tables) {
        for (Constraint& c : other.constraints) {
          if (c.ref_table == old) c.ref_table = t.name;
        }
      }
      RelationRenamed(ctx, old, t.name);
      return;
    }
    case AlterKind::kAttachPartition: {
      Table* part = FindTable(ctx, Resolve(a.partition));
      if (part == nullptr) {
        ctx.Error(fmt::format("relation \"{}\" does not exist", a.partition.name));
        return;
      }
      part->parent = t.name;
      part->partition_bound = model::CanonicalPartitionBound(a.partition_bound, KeyTypes(t));
      return;
    }
    case AlterKind::kDetachPartition: {
      Table* part = FindTable(ctx, Resolve(a.partition));
      if (part != nullptr) {
        part->parent.reset();
        part->partition_bound.clear();
      }
      return;
    }
    case AlterKind::kNoModelEffect:
      return;
  }
}

}  // namespace

// LIKE: the source's columns with their types and NOT NULL; defaults, identity, generated
// expressions and comments only when included.
void CopyLikeColumns(ReplayContext& ctx, Table& t, const Table& source, const LikeClause& like) {
  for (const model::Column& from : source.columns) {
    if (FindColumn(t, from.name) != nullptr) {
      ctx.Error(fmt::format("column \"{}\" specified more than once", from.name));
      continue;
    }
    model::Column c = from;
    if (!like.defaults) c.default_expr.reset();
    if (!like.identity) c.identity = model::Identity::kNone;
    if (!like.generated) {
      c.generated.reset();
      c.generated_virtual = false;
    }
    if (!like.comments) c.comment.reset();
    t.columns.push_back(std::move(c));
  }
}

// LIKE: CHECK constraints under their names (INCLUDING CONSTRAINTS); primary key, unique
// constraints and indexes under names chosen as for unnamed ones (INCLUDING INDEXES).
// Known limit: PostgreSQL names a copied index after the column names the source index
// was created with, which a later RENAME COLUMN does not change; replay uses the current
// names.
void CopyLikeKeys(ReplayContext& ctx, const QualifiedName& table, const Table& source,
                  const LikeClause& like) {
  auto unquote = [](const std::string& name) {
    size_t pos = 0;
    std::string out;
    if (!name.empty() && name[0] == '"' && model::ReadQuotedIdentifier(name, &pos, &out))
      return out;
    return name;
  };
  for (const model::Constraint& c : source.constraints) {
    Table* t = FindTable(ctx, table);
    if (t == nullptr) return;
    if (c.kind == model::ConstraintKind::kCheck && like.constraints) {
      model::Constraint copy = c;
      copy.not_valid = false;  // the copy is checked against an empty table
      if (!like.comments) copy.comment.reset();
      t->constraints.push_back(std::move(copy));
      NoteConstraintAdded(ctx, table.schema, t->constraints.back());
    } else if ((c.kind == model::ConstraintKind::kPrimaryKey ||
                c.kind == model::ConstraintKind::kUnique) &&
               like.indexes) {
      ConstraintDef def;
      def.kind = c.kind;
      def.columns = c.columns;
      def.deferrable = c.deferrable;
      def.initially_deferred = c.initially_deferred;
      def.nulls_not_distinct = c.nulls_not_distinct;
      AddConstraint(ctx, *t, def, "");
    } else if (c.kind == model::ConstraintKind::kExclusion && like.indexes) {
      ctx.Unknown("LIKE … INCLUDING INDEXES: exclusion constraints of the source are not copied");
    }
  }
  if (!like.indexes) return;
  std::vector<model::Index> indexes;
  for (const model::Index& i : ctx.schema.indexes) {
    if (i.name.schema == source.name.schema && i.table == source.name.name) indexes.push_back(i);
  }
  for (const model::Index& i : indexes) {
    CreateIndex def;
    def.table = {table.schema, table.name};
    def.unique = i.unique;
    def.method = i.method;
    for (const model::IndexKey& k : i.keys) {
      IndexKeyDef key;
      key.is_expression = k.is_expression;
      key.expression = k.is_expression ? k.expression : unquote(k.expression);
      key.collation = k.collation;
      key.opclass = k.opclass;
      key.descending = k.descending;
      key.nulls_first = k.nulls_first;
      def.keys.push_back(std::move(key));
    }
    for (const std::string& column : i.include) def.include.push_back(unquote(column));
    def.predicate = i.predicate;
    def.nulls_not_distinct = i.nulls_not_distinct;
    ApplyCreateIndex(ctx, def);
  }
}

void ApplyCreateTable(ReplayContext& ctx, const CreateTable& s) {
  if (s.temporary && ctx.temp_tables == nullptr) return;  // gone at the end of the session
  QualifiedName name = Resolve(s.name);
  if (!RelationNameFree(ctx, name, s.if_not_exists)) return;
  if (s.temporary) ctx.temp_tables->push_back(name);
  Table t;
  t.name = name;
  t.unlogged = s.unlogged;
  if (s.as_select) {
    // The query's output columns, nullable and without defaults, as PostgreSQL makes them.
    std::string why = "AS TABLE, AS VALUES and AS EXECUTE are not evaluated";
    std::optional<model::ViewDefinition> query;
    if (!s.query.empty()) query = DeparseQuery(ctx, s.query, s.query_columns, &why);
    bool typed = query && std::all_of(query->columns.begin(), query->columns.end(),
                                      [](const model::ViewColumn& c) { return !c.type.empty(); });
    if (!typed) {
      if (query) why = "the type of a column is not known";
      ctx.Unknown(
          fmt::format("CREATE TABLE {} AS: {}; the table is kept unverified", name.name, why));
      ctx.schema.tables.push_back(std::move(t));
      NoteTableAdded(ctx);
      ctx.Unverify("table", name, "CREATE TABLE AS: " + why);
      return;
    }
    for (const model::ViewColumn& c : query->columns) {
      model::Column column;
      column.name = c.name;
      column.type = c.type;
      column.position = static_cast<int>(t.columns.size()) + 1;
      t.columns.push_back(std::move(column));
    }
    ctx.schema.tables.push_back(std::move(t));
    NoteTableAdded(ctx);
    return;
  }
  if (!s.partition_key.empty()) t.kind = model::TableKind::kPartitioned;
  if (s.partition_of) {
    const Table* parent = FindTable(ctx, Resolve(*s.partition_of));
    if (parent == nullptr) {
      ctx.Error(fmt::format("relation \"{}\" does not exist", s.partition_of->name));
      return;
    }
    t.parent = parent->name;
    t.partition_bound = model::CanonicalPartitionBound(s.partition_bound, KeyTypes(*parent));
    for (const model::Column& c : parent->columns) t.columns.push_back(c);
  }
  ctx.schema.tables.push_back(std::move(t));
  NoteTableAdded(ctx);
  std::vector<std::optional<Table>> sources;  // a copy of each LIKE source, before anything
  for (const LikeClause& like : s.likes) {
    const Table* source = FindTable(ctx, Resolve(like.source));
    if (source == nullptr) {
      ctx.Error(fmt::format("relation \"{}\" does not exist", like.source.name));
      sources.emplace_back();
    } else {
      sources.emplace_back(*source);
    }
  }
  size_t next_like = 0;
  auto copy_likes_before = [&](size_t column_index) {
    for (; next_like < s.likes.size() && s.likes[next_like].at <= column_index; ++next_like) {
      if (sources[next_like])
        CopyLikeColumns(ctx, ctx.schema.tables.back(), *sources[next_like], s.likes[next_like]);
    }
  };
  for (size_t i = 0; i < s.columns.size(); ++i) {
    copy_likes_before(i);
    const ColumnDef& c = s.columns[i];
    Table& table = ctx.schema.tables.back();
    if (FindColumn(table, c.name) != nullptr) {
      ctx.Error(fmt::format("column \"{}\" specified more than once", c.name));
      continue;
    }
    AddColumn(ctx, table, c);
  }
  copy_likes_before(s.columns.size());
  for (const ConstraintDef& c : s.constraints) AddConstraint(ctx, ctx.schema.tables.back(), c, "");
  for (size_t i = 0; i < s.likes.size(); ++i) {
    if (sources[i]) CopyLikeKeys(ctx, ctx.schema.tables.back().name, *sources[i], s.likes[i]);
  }
  Table& created = ctx.schema.tables.back();
  if (!s.partition_key.empty()) {
    created.partition_key = model::CanonicalPartitionKey(s.partition_key, TypesOf(created));
  }
}

void ApplyAlterTable(ReplayContext& ctx, const AlterTable& s) {
  Table* t = FindTable(ctx, Resolve(s.name));
  if (t == nullptr) {
    if (s.if_exists) {
      ctx.Notice(fmt::format("relation \"{}\" does not exist, skipping", s.name.name));
    } else {
      ctx.Error(fmt::format("relation \"{}\" does not exist", s.name.name));
    }
    return;
  }
  if (ctx.IsUnverified("table", t->name)) return;  // its columns are not known
  QualifiedName name = t->name;
  for (const AlterAction& a : s.actions) {
    Table* current = FindTable(ctx, name);
    if (current == nullptr) return;
    ApplyAction(ctx, *current, a);
    if (a.kind == AlterKind::kRenameTable) name.name = a.new_name;
    if (a.kind == AlterKind::kSetSchema) name.schema = a.new_name;
  }
}

void ApplyCreateIndex(ReplayContext& ctx, const CreateIndex& s) {
  QualifiedName table_name = Resolve(s.table);
  Table* t = FindTable(ctx, table_name);
  bool unverified =
      t != nullptr ? ctx.IsUnverified("table", table_name) : ctx.IsUnverified("view", table_name);
  if (unverified) {
    // On a relation whose columns are not known: the index exists, its keys are unknown.
    if (!s.name) return;  // its name would come from those keys
    model::Index index;
    index.name = {table_name.schema, *s.name};
    index.table = table_name.name;
    if (!RelationNameFree(ctx, index.name, s.if_not_exists)) return;
    ctx.schema.indexes.push_back(std::move(index));
    NoteRelationAdded(ctx, ctx.schema.indexes.back().name);
    ctx.Unverify("index", ctx.schema.indexes.back().name,
                 fmt::format("it is on \"{}\", which is unverified", table_name.name));
    return;
  }
  // A materialized view is indexed like a table of its output columns.
  Table view_columns;
  if (t == nullptr && ctx.views != nullptr && ctx.views->contains(table_name) &&
      std::any_of(ctx.schema.views.begin(), ctx.schema.views.end(),
                  [&](const model::View& v) { return v.name == table_name && v.materialized; })) {
    view_columns.name = table_name;
    for (const model::ViewColumn& c : ctx.views->at(table_name).columns) {
      model::Column column;
      column.name = c.name;
      column.type = c.type;
      view_columns.columns.push_back(std::move(column));
    }
    t = &view_columns;
  }
  if (t == nullptr) {
    ctx.Error(fmt::format("relation \"{}\" does not exist", s.table.name));
    return;
  }
  // Column types matter only to expressions and predicates.
  bool needs_types =
      !s.predicate.empty() || std::any_of(s.keys.begin(), s.keys.end(),
                                          [](const IndexKeyDef& k) { return k.is_expression; });
  model::ColumnTypes types = needs_types ? TypesOf(*t) : model::ColumnTypes{};
  model::Index index;
  index.table = t->name.name;
  index.unique = s.unique;
  index.method = s.method;
  index.on_partitioned_table = t->kind == model::TableKind::kPartitioned;
  std::vector<std::string> name_parts;
  for (const IndexKeyDef& k : s.keys) {
    model::IndexKey key;
    key.is_expression = k.is_expression;
    std::string column_type;
    if (k.is_expression) {
      key.expression = model::IndexKeyExpression(model::CanonicalExpression(k.expression, types));
    } else {
      model::Column* col = FindColumn(*t, k.expression);
      if (col == nullptr) {
        ctx.Error(fmt::format("column \"{}\" does not exist", k.expression));
        return;
      }
      key.expression = model::QuoteIdentifier(k.expression);
      column_type = col->type;
    }
    name_parts.push_back(
        model::IndexKeyNamePart(k.is_expression ? k.expression : k.expression, k.is_expression));
    if (!k.collation.empty()) key.collation = model::QuoteIdentifier(k.collation);
    if (!k.opclass.empty()) {
      std::string opclass = model::FoldIdentifier(k.opclass, false);
      if (!model::IsDefaultOpclass(opclass, s.method, column_type)) key.opclass = opclass;
    }
    key.descending = k.descending.value_or(false);
    key.nulls_first = k.nulls_first.value_or(key.descending);
    index.keys.push_back(std::move(key));
  }
  for (const std::string& inc : s.include) {
    index.include.push_back(model::QuoteIdentifier(inc));
    name_parts.push_back(inc);  // INCLUDE columns are part of the implicit name too
  }
  if (!s.predicate.empty()) index.predicate = model::CanonicalExpression(s.predicate, types);
  index.nulls_not_distinct = s.nulls_not_distinct;
  // Named (as Prisma always names them): no implicit name is worked out.
  std::string name =
      s.name ? *s.name
             : ChooseName(t->name.name, Joined(name_parts), "idx", [&](const std::string& n) {
                 return RelationNameTaken(ctx, {t->name.schema, n});
               });
  index.name = {t->name.schema, name};
  if (!RelationNameFree(ctx, index.name, s.if_not_exists)) return;
  ctx.schema.indexes.push_back(std::move(index));
  NoteRelationAdded(ctx, ctx.schema.indexes.back().name);
}

void DropTable(ReplayContext& ctx, const QualifiedName& name, bool cascade) {
  if (!DropDependentViews(ctx, name, "", cascade)) return;
  for (const Table& other : ctx.schema.tables) {
    if (other.name == name) continue;
    for (const Constraint& c : other.constraints) {
      if (c.kind == ConstraintKind::kForeignKey && c.ref_table == name && !cascade) {
        ctx.Error(
            fmt::format("cannot drop table \"{}\" because constraint {} on table \"{}\" "
                        "depends on it",
                        name.name, c.name, other.name.name));
        return;
      }
    }
  }
  for (Table& other : ctx.schema.tables) {
    std::erase_if(other.constraints, [&](const Constraint& c) {
      return c.kind == ConstraintKind::kForeignKey && c.ref_table == name;
    });
  }
  std::erase_if(ctx.schema.indexes, [&](const model::Index& i) {
    return i.name.schema == name.schema && i.table == name.name;
  });
  std::erase_if(ctx.schema.triggers, [&](const model::Trigger& t) { return t.table == name; });
  std::string prefix = model::QuoteIdentifier(name.name) + ".";
  std::erase_if(ctx.schema.sequences, [&](const model::Sequence& s) {
    return s.name.schema == name.schema && s.owned_by.starts_with(prefix);
  });
  // Partitions go with their parent.
  std::vector<QualifiedName> partitions;
  for (const Table& t : ctx.schema.tables) {
    if (t.parent && *t.parent == name) partitions.push_back(t.name);
  }
  std::erase_if(ctx.schema.tables, [&](const Table& t) { return t.name == name; });
  for (const QualifiedName& p : partitions) DropTable(ctx, p, cascade);
}

}  // namespace drift::parser::pgddl::internal
