// Replay of sequences, index/view renames, functions, procedures and triggers.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "model/definitions.h"
#include "model/expressions.h"
#include "model/identifiers.h"
#include "model/types.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::parser::pgddl::internal {
namespace {

int64_t TypeMax(const std::string& type) {
  if (type == "smallint") return std::numeric_limits<int16_t>::max();
  if (type == "integer") return std::numeric_limits<int32_t>::max();
  return std::numeric_limits<int64_t>::max();
}

int64_t TypeMin(const std::string& type) {
  if (type == "smallint") return std::numeric_limits<int16_t>::min();
  if (type == "integer") return std::numeric_limits<int32_t>::min();
  return std::numeric_limits<int64_t>::min();
}

std::string OwnedBy(const model::QualifiedName& sequence, const model::QualifiedName& table,
                    const std::string& column) {
  std::string t = table.schema == sequence.schema ? model::QuoteIdentifier(table.name)
                                                  : model::QualifiedText(table);
  return t + "." + model::QuoteIdentifier(column);
}

// Applies the options of CREATE or ALTER SEQUENCE to `seq`, PostgreSQL's defaults
// filling what CREATE leaves out.
void ApplySequenceOptions(ReplayContext& ctx, const CreateSequence& o, model::Sequence& seq,
                          bool creating) {
  if (!o.type.empty()) seq.type = model::CanonicalType(o.type);
  if (o.increment) seq.increment = *o.increment;
  bool ascending = seq.increment > 0;
  if (o.min_value) {
    seq.min_value = *o.min_value;
  } else if (creating || !o.type.empty()) {
    seq.min_value = ascending ? 1 : TypeMin(seq.type);
  }
  if (o.max_value) {
    seq.max_value = *o.max_value;
  } else if (creating || !o.type.empty()) {
    seq.max_value = ascending ? TypeMax(seq.type) : -1;
  }
  if (o.start) {
    seq.start = *o.start;
  } else if (creating) {
    seq.start = ascending ? seq.min_value : seq.max_value;
  }
  if (o.cache) seq.cache = *o.cache;
  if (o.cycle) seq.cycle = *o.cycle;
  if (o.owned_by_none) seq.owned_by.clear();
  if (o.owned_by) {
    model::QualifiedName table = Resolve(*o.owned_by);
    model::Table* t = FindTable(ctx, table);
    if (t == nullptr || FindColumn(*t, o.owned_by_column) == nullptr) {
      ctx.Error(fmt::format("column \"{}\" of relation \"{}\" does not exist", o.owned_by_column,
                            table.name));
      return;
    }
    seq.owned_by = OwnedBy(seq.name, table, o.owned_by_column);
  }
}

model::Sequence* FindSequence(model::Schema& schema, const model::QualifiedName& name) {
  for (model::Sequence& s : schema.sequences) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// "TABLE (a int, b text)" -> "TABLE(a integer, b text)"; "SETOF int" -> "SETOF integer".
std::string CanonicalReturns(const std::string& returns) {
  if (returns.starts_with("TABLE(")) {
    std::string inner = returns.substr(6, returns.size() - 7), out;
    for (std::string_view item : model::SplitTopLevel(inner)) {
      std::string column(item);
      column.erase(0, column.find_first_not_of(" \n\t"));
      size_t space = column.find_first_of(" \n\t");
      std::string name = column.substr(0, space);
      std::string type = space == std::string::npos ? "" : column.substr(space + 1);
      bool quoted = name.size() > 1 && name.front() == '"';
      name = model::FoldIdentifier(quoted ? name.substr(1, name.size() - 2) : name, quoted);
      out += (out.empty() ? "" : ", ") + model::QuoteIdentifier(name) + " " +
             model::CanonicalType(type);
    }
    return "TABLE(" + out + ")";
  }
  std::string lower = returns;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.starts_with("setof ")) return "SETOF " + model::CanonicalType(returns.substr(6));
  return model::CanonicalType(returns);
}

// As pg_get_function_identity_arguments prints them.
std::string IdentityArguments(const CreateFunction& f) {
  std::string out;
  for (const FunctionArgument& a : f.arguments) {
    if (a.mode == "OUT") continue;
    std::string mode = a.mode.empty() && f.procedure    ? "IN"
                       : a.mode == "IN" && !f.procedure ? ""
                                                        : a.mode;
    std::string part = mode.empty() ? "" : mode + " ";
    if (!a.name.empty()) part += model::QuoteIdentifier(a.name) + " ";
    part += model::CanonicalType(a.type);
    out += (out.empty() ? "" : ", ") + part;
  }
  return out;
}

}  // namespace

void ApplyCreateSequence(ReplayContext& ctx, const CreateSequence& s) {
  model::QualifiedName name = Resolve(s.name);
  if (!RelationNameFree(ctx, name, s.if_not_exists)) return;
  model::Sequence seq;
  seq.name = name;
  seq.type = "bigint";
  ApplySequenceOptions(ctx, s, seq, true);
  ctx.schema.sequences.push_back(std::move(seq));
  NoteRelationAdded(ctx, ctx.schema.sequences.back().name);
}

void ApplyAlterSequence(ReplayContext& ctx, const AlterSequence& s) {
  model::QualifiedName name = Resolve(s.name);
  model::Sequence* seq = FindSequence(ctx.schema, name);
  if (seq == nullptr) {
    if (!s.if_exists) ctx.Error(fmt::format("relation \"{}\" does not exist", name.name));
    return;
  }
  if (s.rename_to) {
    seq->name.name = *s.rename_to;
    return;
  }
  ApplySequenceOptions(ctx, s.changes, *seq, false);
}

void ApplyRenameRelation(ReplayContext& ctx, const RenameRelation& s) {
  if (!s.column.empty()) {
    RenameViewColumn(ctx, Resolve(s.name), s.column, s.new_column, s.if_exists);
    return;
  }
  if (s.new_name.empty()) return;
  model::QualifiedName name = Resolve(s.name);
  model::QualifiedName renamed{name.schema, s.new_name};
  if (RelationNameTaken(ctx, renamed)) {
    ctx.Error(fmt::format("relation \"{}\" already exists", s.new_name));
    return;
  }
  if (s.kind == "index") {
    for (model::Index& i : ctx.schema.indexes) {
      if (i.name == name) {
        i.name = renamed;
        for (model::Unverified& u : ctx.schema.unverified) {
          if (u.kind == "index" && u.name == name) u.name = renamed;
        }
        return;
      }
    }
    // The index of a primary key or unique constraint: renaming it renames the constraint.
    for (model::Table& t : ctx.schema.tables) {
      if (t.name.schema != name.schema) continue;
      for (model::Constraint& c : t.constraints) {
        if (c.name == name.name && c.kind != model::ConstraintKind::kCheck &&
            c.kind != model::ConstraintKind::kForeignKey) {
          c.name = s.new_name;
          return;
        }
      }
    }
  } else {
    for (model::View& v : ctx.schema.views) {
      if (v.name == name) {
        v.name = renamed;
        RelationRenamed(ctx, name, renamed);
        return;
      }
    }
  }
  if (!s.if_exists) ctx.Error(fmt::format("relation \"{}\" does not exist", name.name));
}

void ApplyCreateFunction(ReplayContext& ctx, const CreateFunction& s) {
  model::Function f;
  f.name = Resolve(s.name);
  f.kind = s.procedure ? model::RoutineKind::kProcedure : model::RoutineKind::kFunction;
  f.arguments = IdentityArguments(s);
  f.returns = s.procedure ? "" : CanonicalReturns(s.returns.empty() ? "void" : s.returns);
  f.language = s.language;
  f.body = s.body;
  for (model::Function& existing : ctx.schema.functions) {
    // The same name and arguments: the same function (PostgreSQL refuses to rename an
    // input argument in CREATE OR REPLACE, so equal text is equal signature here).
    if (existing.name != f.name || existing.arguments != f.arguments) continue;
    if (!s.or_replace) {
      ctx.Error(
          fmt::format("function \"{}\" already exists with same argument types", f.name.name));
      return;
    }
    f.comment = existing.comment;
    existing = std::move(f);
    return;
  }
  ctx.schema.functions.push_back(std::move(f));
}

void ApplyCreateTrigger(ReplayContext& ctx, const CreateTrigger& s) {
  model::QualifiedName table = Resolve(s.table);
  if (FindTable(ctx, table) == nullptr) {
    ctx.Error(fmt::format("relation \"{}\" does not exist", s.table.name));
    return;
  }
  if (!ctx.IsUnverified("table", table)) {
    model::Table& on = *FindTable(ctx, table);
    for (const std::string& column : s.update_columns) {
      if (FindColumn(on, column) == nullptr) {
        ctx.Error(
            fmt::format("column \"{}\" of relation \"{}\" does not exist", column, table.name));
        return;
      }
    }
  }
  model::Trigger t;
  t.table = table;
  t.name = s.name;
  t.timing = s.timing;
  for (const std::string& e : s.events) {
    if (e == "UPDATE" && !s.update_columns.empty()) {
      std::string event = "UPDATE OF ";
      for (size_t i = 0; i < s.update_columns.size(); ++i) {
        event += (i ? ", " : "") + model::QuoteIdentifier(s.update_columns[i]);
      }
      t.events.push_back(event);
    } else {
      t.events.push_back(e);
    }
  }
  t.for_each_row = s.for_each_row;
  t.function = Resolve(s.function);
  for (size_t i = 0; i < s.arguments.size(); ++i) {
    t.arguments += (i ? ", " : "") + model::QuoteLiteral(s.arguments[i]);
  }
  if (!s.condition.empty()) {
    // WHEN sees the row as OLD and NEW: `new.status`, `old.*`.
    model::ColumnTypes rows;
    for (const char* row : {"old", "new"}) {
      rows[std::string(row) + ".*"] = "record";
      for (const model::Column& c : FindTable(ctx, table)->columns) {
        rows[std::string(row) + "." + c.name] = c.type;
      }
    }
    t.condition = model::CanonicalExpression(s.condition, rows);
  }
  for (model::Trigger& existing : ctx.schema.triggers) {
    if (existing.table == t.table && existing.name == t.name) {
      if (!s.or_replace) {
        ctx.Error(
            fmt::format("trigger \"{}\" for relation \"{}\" already exists", t.name, table.name));
        return;
      }
      t.comment = existing.comment;
      existing = std::move(t);
      return;
    }
  }
  ctx.schema.triggers.push_back(std::move(t));
}

}  // namespace drift::parser::pgddl::internal
