#include "parser/pgddl/replay.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "model/defaults.h"
#include "model/definitions.h"
#include "model/identifiers.h"
#include "model/normalize.h"
#include "model/types.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/lexer.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::parser::pgddl {
namespace internal {

model::QualifiedName Resolve(const ObjectName& name) {
  return {name.schema.empty() ? "public" : name.schema, name.name};
}

void ReplayContext::Unverify(std::string kind, const model::QualifiedName& name,
                             std::string reason) const {
  model::MarkUnverified(schema, {std::move(kind), name, at != nullptr ? at->file : "",
                                 at != nullptr ? at->line : 0, std::move(reason)});
}

bool ReplayContext::UsesNewEnumValue(const std::string& expression) const {
  if (new_enum_values == nullptr) return false;
  for (const auto& [constant, value] : *new_enum_values) {
    if (expression.find(constant) == std::string::npos) continue;
    Error(fmt::format("unsafe use of new value \"{}\" of enum type \"{}\"", value.first,
                      value.second));
    return true;
  }
  return false;
}

bool ReplayContext::IsUnverified(std::string_view kind, const model::QualifiedName& name) const {
  return std::any_of(schema.unverified.begin(), schema.unverified.end(),
                     [&](const model::Unverified& u) { return u.kind == kind && u.name == name; });
}

void UnverifyMentioned(ReplayContext& ctx, std::string_view text, const std::string& reason) {
  std::set<std::string> names = MentionedNames(text);
  for (const model::Table& t : ctx.schema.tables) {
    if (names.contains(t.name.name)) ctx.Unverify("table", t.name, reason);
  }
  for (const model::View& v : ctx.schema.views) {
    if (names.contains(v.name.name)) ctx.Unverify("view", v.name, reason);
  }
}

std::set<std::string> MentionedNames(std::string_view sql) {
  std::set<std::string> names;
  SourceFile file{"", std::string(sql)};
  LexStatements(file, [&](const StatementTokens& statement) {
    for (const Token& t : statement.tokens) {
      if (t.kind == TokenKind::kWord) names.insert(model::FoldIdentifier(t.text, false));
      if (t.kind == TokenKind::kQuotedIdent) names.insert(t.value);
    }
  });
  return names;
}

bool HasIndex(const model::Constraint& c) {
  return c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique ||
         c.kind == model::ConstraintKind::kExclusion;
}

namespace {

model::Table* ScanTable(model::Schema& schema, const model::QualifiedName& name) {
  for (model::Table& t : schema.tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool ScanRelation(const model::Schema& schema, const model::QualifiedName& name) {
  for (const model::Table& t : schema.tables) {
    if (t.name == name) return true;
    if (t.name.schema != name.schema) continue;
    for (const model::Constraint& c : t.constraints) {
      if (HasIndex(c) && c.name == name.name) return true;
    }
  }
  auto same = [&](const auto& item) { return item.name == name; };
  return std::any_of(schema.indexes.begin(), schema.indexes.end(), same) ||
         std::any_of(schema.sequences.begin(), schema.sequences.end(), same) ||
         std::any_of(schema.views.begin(), schema.views.end(), same);
}

bool ScanConstraint(const model::Schema& schema, const std::string& ns, const std::string& name) {
  for (const model::Table& t : schema.tables) {
    if (t.name.schema != ns) continue;
    for (const model::Constraint& c : t.constraints) {
      if (c.name == name) return true;
    }
  }
  return false;
}

NameIndex& Ready(ReplayContext& ctx) {
  if (!ctx.index->valid()) ctx.index->Rebuild(ctx.schema);
  return *ctx.index;
}

}  // namespace

void NameIndex::Rebuild(const model::Schema& schema) {
  tables_.clear();
  relations_.clear();
  constraints_.clear();
  for (size_t i = 0; i < schema.tables.size(); ++i) {
    const model::Table& t = schema.tables[i];
    tables_[t.name.schema][t.name.name] = i;
    relations_[t.name.schema].insert(t.name.name);
    for (const model::Constraint& c : t.constraints) {
      constraints_[t.name.schema].insert(c.name);
      if (HasIndex(c)) relations_[t.name.schema].insert(c.name);
    }
  }
  for (const model::Index& i : schema.indexes) relations_[i.name.schema].insert(i.name.name);
  for (const model::Sequence& s : schema.sequences) relations_[s.name.schema].insert(s.name.name);
  for (const model::View& v : schema.views) relations_[v.name.schema].insert(v.name.name);
  valid_ = true;
}

bool NameIndex::Contains(const ByName<Names>& sets, std::string_view ns, std::string_view name) {
  auto it = sets.find(ns);
  return it != sets.end() && it->second.contains(name);
}

model::Table* NameIndex::FindTable(model::Schema& schema, const model::QualifiedName& name) const {
  auto ns = tables_.find(name.schema);
  if (ns == tables_.end()) return nullptr;
  auto it = ns->second.find(name.name);
  return it == ns->second.end() ? nullptr : &schema.tables[it->second];
}

bool NameIndex::RelationTaken(const model::QualifiedName& name) const {
  return Contains(relations_, name.schema, name.name);
}

bool NameIndex::ConstraintTaken(const std::string& ns, const std::string& name) const {
  return Contains(constraints_, ns, name);
}

void NameIndex::AddTable(const model::Schema& schema) {
  const model::Table& t = schema.tables.back();
  tables_[t.name.schema][t.name.name] = schema.tables.size() - 1;
  relations_[t.name.schema].insert(t.name.name);
}

NameIndex::LocalNames NameIndex::Collect(model::Schema& schema, const model::QualifiedName* table,
                                         const std::vector<model::QualifiedName>& indexes) const {
  LocalNames out;
  out.ns = table != nullptr ? table->schema : indexes.front().schema;
  if (table != nullptr) {
    if (const model::Table* t = FindTable(schema, *table)) {
      for (const model::Constraint& c : t->constraints) {
        out.constraints.insert(c.name);
        if (HasIndex(c)) out.relations.insert(c.name);
      }
    }
    for (const model::Index& i : schema.indexes) {
      if (i.name.schema == table->schema && i.table == table->name)
        out.relations.insert(i.name.name);
    }
    // A dropped serial column takes its sequence with it.
    for (const model::Sequence& q : schema.sequences) {
      if (q.name.schema == out.ns) out.relations.insert(q.name.name);
    }
  }
  for (const model::QualifiedName& name : indexes) {
    for (const model::Index& i : schema.indexes) {
      if (i.name.schema == out.ns && i.name.name == name.name) out.relations.insert(name.name);
    }
  }
  return out;
}

void NameIndex::Replace(const LocalNames& before, const LocalNames& after) {
  auto update = [&](ByName<Names>& sets, const Names& old_names, const Names& new_names) {
    Names& names = sets[before.ns];
    for (const std::string& n : old_names) {
      if (!new_names.contains(n)) names.erase(n);
    }
    for (const std::string& n : new_names) names.insert(n);
  };
  update(relations_, before.relations, after.relations);
  update(constraints_, before.constraints, after.constraints);
}

void NameIndex::AddRelation(const model::QualifiedName& name) {
  relations_[name.schema].insert(name.name);
}

void NameIndex::AddConstraint(const std::string& ns, const std::string& name) {
  constraints_[ns].insert(name);
}

model::Table* FindTable(ReplayContext& ctx, const model::QualifiedName& name) {
  if (ctx.index) return Ready(ctx).FindTable(ctx.schema, name);
  if (ctx.positions) return ctx.positions->FindTable(ctx.schema, name);
  return ScanTable(ctx.schema, name);
}

model::Column* FindColumn(model::Table& table, const std::string& name) {
  for (model::Column& c : table.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

bool RelationNameTaken(ReplayContext& ctx, const model::QualifiedName& name) {
  return ctx.index ? Ready(ctx).RelationTaken(name) : ScanRelation(ctx.schema, name);
}

bool RelationNameFree(ReplayContext& ctx, const model::QualifiedName& name, bool if_not_exists) {
  if (!RelationNameTaken(ctx, name)) return true;
  if (if_not_exists) {
    ctx.Notice(fmt::format("relation \"{}\" already exists, skipping", name.name));
  } else {
    ctx.Error(fmt::format("relation \"{}\" already exists", name.name));
  }
  return false;
}

bool ConstraintNameTaken(ReplayContext& ctx, const std::string& ns, const std::string& name) {
  return ctx.index ? Ready(ctx).ConstraintTaken(ns, name) : ScanConstraint(ctx.schema, ns, name);
}

void NoteTableAdded(ReplayContext& ctx) {
  if (ctx.index && ctx.index->valid()) ctx.index->AddTable(ctx.schema);
}

void NoteRelationAdded(ReplayContext& ctx, const model::QualifiedName& name) {
  if (ctx.index && ctx.index->valid()) ctx.index->AddRelation(name);
}

void NoteConstraintAdded(ReplayContext& ctx, const std::string& ns, const model::Constraint& c) {
  if (!ctx.index || !ctx.index->valid()) return;
  ctx.index->AddConstraint(ns, c.name);
  if (HasIndex(c)) ctx.index->AddRelation({ns, c.name});
}

}  // namespace internal

namespace {

using internal::ReplayContext;
using internal::Resolve;

model::EnumType* FindEnum(model::Schema& schema, const model::QualifiedName& name) {
  for (model::EnumType& e : schema.enums) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// A column type that names enum `name` (with any array suffix).
bool TypeNames(const std::string& type, const std::string& type_text) {
  return type == type_text || type == type_text + "[]";
}

// Stored expressions hold an enum constant by the value's identity, so they print its
// new label after RENAME VALUE: defaults, checks, index keys and predicates, views.
void RenameEnumConstant(model::Schema& schema, const std::string& type_text,
                        const std::string& from, const std::string& to) {
  const std::string old_constant = model::QuoteLiteral(from) + "::" + type_text;
  const std::string new_constant = model::QuoteLiteral(to) + "::" + type_text;
  auto rename = [&](std::string& text) {
    for (size_t at = text.find(old_constant); at != std::string::npos;
         at = text.find(old_constant, at + new_constant.size())) {
      text.replace(at, old_constant.size(), new_constant);
    }
  };
  for (model::Table& t : schema.tables) {
    for (model::Column& c : t.columns) {
      if (c.default_expr && TypeNames(c.type, type_text)) {
        c.default_expr = model::CanonicalDefault(*c.default_expr, c.type);
        rename(*c.default_expr);
      }
      if (c.generated) rename(*c.generated);
    }
    for (model::Constraint& c : t.constraints) rename(c.expression);
  }
  for (model::Index& i : schema.indexes) {
    rename(i.predicate);
    for (model::IndexKey& k : i.keys) rename(k.expression);
  }
  for (model::View& v : schema.views) rename(v.definition);
}

void ApplyCreateEnum(ReplayContext& ctx, const CreateEnum& s) {
  model::QualifiedName name = Resolve(s.name);
  if (FindEnum(ctx.schema, name) != nullptr) {
    ctx.Error(fmt::format("type \"{}\" already exists", name.name));
    return;
  }
  ctx.schema.enums.push_back({name, s.labels, {}});
  if (ctx.enums_made != nullptr) {
    // A type made in this transaction: its values are usable (an older one of the same
    // name was renamed or dropped).
    ctx.enums_made->insert(name);
    std::erase_if(*ctx.new_enum_values, [&](const auto& entry) {
      return entry.first.ends_with("::" + model::QualifiedText(name));
    });
  }
}

void ApplyAlterType(ReplayContext& ctx, const AlterType& s) {
  model::QualifiedName name = Resolve(s.name);
  model::EnumType* e = FindEnum(ctx.schema, name);
  if (e == nullptr) {
    if (s.kind != AlterTypeKind::kOther)
      ctx.Error(fmt::format("type \"{}\" does not exist", name.name));
    return;
  }
  auto label = [&](const std::string& value) {
    return std::find(e->labels.begin(), e->labels.end(), value);
  };
  switch (s.kind) {
    case AlterTypeKind::kAddValue: {
      if (label(s.value) != e->labels.end()) {
        if (s.if_not_exists) {
          ctx.Notice(fmt::format("enum label \"{}\" already exists, skipping", s.value));
        } else {
          ctx.Error(fmt::format("enum label \"{}\" already exists", s.value));
        }
        return;
      }
      auto at = e->labels.end();
      if (s.before || s.after) {
        auto neighbour = label(s.before ? *s.before : *s.after);
        if (neighbour == e->labels.end()) {
          ctx.Error(
              fmt::format("\"{}\" is not an existing enum label", s.before ? *s.before : *s.after));
          return;
        }
        at = s.before ? neighbour : neighbour + 1;
      }
      e->labels.insert(at, s.value);
      if (ctx.new_enum_values != nullptr && !ctx.enums_made->contains(name)) {
        (*ctx.new_enum_values)[model::QuoteLiteral(s.value) + "::" + model::QualifiedText(name)] = {
            s.value, name.name};
      }
      return;
    }
    case AlterTypeKind::kRenameValue: {
      auto it = label(s.value);
      if (it == e->labels.end()) {
        ctx.Error(fmt::format("\"{}\" is not an existing enum label", s.value));
        return;
      }
      if (label(s.new_value) != e->labels.end()) {
        ctx.Error(fmt::format("enum label \"{}\" already exists", s.new_value));
        return;
      }
      *it = s.new_value;
      RenameEnumConstant(ctx.schema, model::QualifiedText(name), s.value, s.new_value);
      return;
    }
    case AlterTypeKind::kRenameTo:
    case AlterTypeKind::kSetSchema: {
      model::QualifiedName renamed = s.kind == AlterTypeKind::kRenameTo
                                         ? model::QualifiedName{name.schema, s.new_value}
                                         : model::QualifiedName{s.new_value, name.name};
      if (FindEnum(ctx.schema, renamed) != nullptr) {
        ctx.Error(fmt::format("type \"{}\" already exists", renamed.name));
        return;
      }
      std::string old_text = model::QualifiedText(name), new_text = model::QualifiedText(renamed);
      e->name = renamed;
      // Columns of the type print its new name, and so do their defaults' casts.
      for (model::Table& t : ctx.schema.tables) {
        for (model::Column& c : t.columns) {
          if (!TypeNames(c.type, old_text)) continue;
          c.type = new_text + c.type.substr(old_text.size());
          if (c.default_expr) {
            size_t at = c.default_expr->rfind("::" + old_text);
            if (at != std::string::npos) {
              c.default_expr = c.default_expr->substr(0, at) + "::" + new_text +
                               c.default_expr->substr(at + 2 + old_text.size());
            }
          }
        }
      }
      return;
    }
    case AlterTypeKind::kOther:
      return;
  }
}

void ApplyDrop(ReplayContext& ctx, const DropObjects& s) {
  for (const ObjectName& raw : s.names) {
    model::QualifiedName name = Resolve(raw);
    auto missing = [&](std::string_view what) {
      if (s.if_exists) {
        ctx.Notice(fmt::format("{} \"{}\" does not exist, skipping", what, name.name));
      } else {
        ctx.Error(fmt::format("{} \"{}\" does not exist", what, name.name));
      }
    };
    switch (s.kind) {
      case DropKind::kTable:
        if (internal::FindTable(ctx, name) == nullptr) {
          missing("table");
        } else {
          internal::DropTable(ctx, name, s.cascade);
        }
        break;
      case DropKind::kIndex: {
        auto it = std::find_if(ctx.schema.indexes.begin(), ctx.schema.indexes.end(),
                               [&](const model::Index& i) { return i.name == name; });
        if (it != ctx.schema.indexes.end()) {
          ctx.schema.indexes.erase(it);
        } else if (internal::RelationNameTaken(ctx, name)) {
          ctx.Error(
              fmt::format("cannot drop index {} because a constraint requires it", name.name));
        } else {
          missing("index");
        }
        break;
      }
      case DropKind::kType: {
        model::EnumType* e = FindEnum(ctx.schema, name);
        if (e == nullptr) {
          missing("type");
          break;
        }
        std::string text = model::QualifiedText(name);
        bool used = false;
        for (model::Table& t : ctx.schema.tables) {
          for (const model::Column& c : t.columns) used |= TypeNames(c.type, text);
        }
        if (used && !s.cascade) {
          ctx.Error(
              fmt::format("cannot drop type {} because other objects depend on it", name.name));
          break;
        }
        for (model::Table& t : ctx.schema.tables) {
          std::erase_if(t.columns, [&](const model::Column& c) { return TypeNames(c.type, text); });
        }
        std::erase_if(ctx.schema.enums, [&](const model::EnumType& x) { return x.name == name; });
        break;
      }
      case DropKind::kSequence: {
        size_t before = ctx.schema.sequences.size();
        std::erase_if(ctx.schema.sequences,
                      [&](const model::Sequence& x) { return x.name == name; });
        if (before == ctx.schema.sequences.size()) missing("sequence");
        break;
      }
      case DropKind::kSchema: {
        bool exists = std::any_of(ctx.schema.namespaces.begin(), ctx.schema.namespaces.end(),
                                  [&](const model::Namespace& n) { return n.name == raw.name; });
        if (!exists) {
          missing("schema");
          break;
        }
        std::erase_if(ctx.schema.namespaces,
                      [&](const model::Namespace& n) { return n.name == raw.name; });
        break;
      }
      case DropKind::kExtension:
        std::erase_if(ctx.schema.extensions,
                      [&](const model::Extension& x) { return x.name == raw.name; });
        break;
      case DropKind::kFunction:
      case DropKind::kProcedure: {
        size_t before = ctx.schema.functions.size();
        // Without an argument list the name must be unique; PostgreSQL says the same.
        std::erase_if(ctx.schema.functions,
                      [&](const model::Function& f) { return f.name == name; });
        if (before == ctx.schema.functions.size()) missing("function");
        break;
      }
      case DropKind::kTrigger: {
        model::QualifiedName table = Resolve(s.table);
        size_t before = ctx.schema.triggers.size();
        std::erase_if(ctx.schema.triggers, [&](const model::Trigger& t) {
          return t.table == table && t.name == raw.name;
        });
        if (before == ctx.schema.triggers.size()) missing("trigger");
        break;
      }
      case DropKind::kView:
      case DropKind::kMaterializedView: {
        size_t before = ctx.schema.views.size();
        bool exists = std::any_of(ctx.schema.views.begin(), ctx.schema.views.end(),
                                  [&](const model::View& v) { return v.name == name; });
        if (exists && !internal::DropDependentViews(ctx, name, "", s.cascade)) break;
        std::erase_if(ctx.schema.views, [&](const model::View& v) { return v.name == name; });
        // A materialized view's indexes go with it.
        std::erase_if(ctx.schema.indexes, [&](const model::Index& i) {
          return exists && i.name.schema == name.schema && i.table == name.name;
        });
        internal::ForgetView(ctx, name);
        if (before == ctx.schema.views.size()) missing("view");
        break;
      }
    }
  }
}

void ApplyComment(ReplayContext& ctx, const CommentOn& s) {
  model::QualifiedName name = Resolve(s.name);
  if (s.object_kind == "table") {
    if (model::Table* t = internal::FindTable(ctx, name)) {
      t->comment = s.text;
      return;
    }
  } else if (s.object_kind == "column") {
    if (model::Table* t = internal::FindTable(ctx, name)) {
      if (model::Column* c = internal::FindColumn(*t, s.column)) {
        c->comment = s.text;
        return;
      }
    }
  } else if (s.object_kind == "index") {
    for (model::Index& i : ctx.schema.indexes) {
      if (i.name == name) {
        i.comment = s.text;
        return;
      }
    }
  } else if (s.object_kind == "view" || s.object_kind == "materialized view") {
    for (model::View& v : ctx.schema.views) {
      if (v.name == name && v.materialized == (s.object_kind != "view")) {
        v.comment = s.text;
        return;
      }
    }
  } else if (s.object_kind == "type") {
    if (model::EnumType* e = FindEnum(ctx.schema, name)) {
      e->comment = s.text;
      return;
    }
  } else if (s.object_kind == "schema") {
    for (model::Namespace& n : ctx.schema.namespaces) {
      if (n.name == s.name.name) {
        n.comment = s.text;
        return;
      }
    }
  } else if (s.object_kind == "constraint") {
    if (model::Table* t = internal::FindTable(ctx, name)) {
      for (model::Constraint& c : t->constraints) {
        if (c.name == s.column) {
          c.comment = s.text;
          return;
        }
      }
    }
  } else if (s.object_kind == "function" || s.object_kind == "procedure") {
    bool found = false;
    for (model::Function& f : ctx.schema.functions) {
      if (f.name == name) {
        f.comment = s.text;
        found = true;
      }
    }
    if (found) return;
  } else if (s.object_kind == "trigger") {
    for (model::Trigger& t : ctx.schema.triggers) {
      if (t.table == name && t.name == s.column) {
        t.comment = s.text;
        return;
      }
    }
  } else if (s.object_kind == "extension") {
    for (model::Extension& e : ctx.schema.extensions) {
      if (e.name == s.name.name) {
        e.comment = s.text;
        return;
      }
    }
  } else if (s.object_kind == "sequence") {
    for (model::Sequence& q : ctx.schema.sequences) {
      if (q.name == name) {
        q.comment = s.text;
        return;
      }
    }
  } else {
    ctx.Unknown(fmt::format("COMMENT ON {} is not replayed yet", s.object_kind));
    return;
  }
  ctx.Error(fmt::format("{} \"{}\" does not exist", s.object_kind, s.name.name));
}

}  // namespace

Replayer::Replayer(int pg_major) : Replayer(model::EmptyDatabase(), pg_major) {}
Replayer::Replayer(model::Schema start, int pg_major)
    : schema_(std::move(start)), pg_major_(pg_major) {}

bool Replayer::has_errors() const { return model::HasErrors(diagnostics_); }

namespace {

// Statements that only add to the model (or change columns in place) keep the name
// index valid; anything that removes or renames does not.
bool OnlyAdds(const Statement& statement) {
  if (const auto* alter = std::get_if<AlterTable>(&statement.body)) {
    for (const AlterAction& a : alter->actions) {
      switch (a.kind) {
        case AlterKind::kAddColumn:
        case AlterKind::kSetDefault:
        case AlterKind::kDropDefault:
        case AlterKind::kSetNotNull:
        case AlterKind::kDropNotNull:
        case AlterKind::kAlterColumnType:
        case AlterKind::kValidateConstraint:
        case AlterKind::kAddIdentity:
        case AlterKind::kNoModelEffect:
          break;
        case AlterKind::kAddConstraint:
          if (a.constraint.using_index) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  }
  return std::holds_alternative<CreateTable>(statement.body) ||
         std::holds_alternative<CreateView>(statement.body) ||
         std::holds_alternative<CreateIndex>(statement.body) ||
         std::holds_alternative<CreateEnum>(statement.body) ||
         std::holds_alternative<CreateSequence>(statement.body) ||
         std::holds_alternative<CommentOn>(statement.body) ||
         std::holds_alternative<NoSchemaEffect>(statement.body) ||
         std::holds_alternative<CreateNamespace>(statement.body) ||
         std::holds_alternative<CreateExtension>(statement.body);
}

}  // namespace

namespace {
std::atomic<int64_t> files_applied{0};
}  // namespace

int64_t Replayer::FilesApplied() { return files_applied.load(); }

const model::Table* Replayer::FindTable(const model::QualifiedName& name) {
  if (!index_.valid()) index_.Rebuild(schema_);
  return index_.FindTable(schema_, name);
}

void Replayer::ApplyFile(const SourceFile& file,
                         const std::function<void(const Statement&)>& after_each,
                         const std::function<void(const Statement&)>& before_each) {
  files_applied.fetch_add(1);
  new_enum_values_.clear();  // a new file, a new transaction
  enums_made_.clear();
  ParseDdlStatements(
      file,
      [&](const Statement& s) {
        if (before_each) before_each(s);
        Apply(s);
        if (after_each) after_each(s);
      },
      [&](const model::Diagnostic& d) { diagnostics_.push_back(d); });
  std::erase_if(temp_tables_, [&](const model::QualifiedName& t) { return !FindTable(t); });
  if (temp_tables_.empty()) return;
  Statement end;
  end.span = {file.name,
              static_cast<uint32_t>(std::count(file.text.begin(), file.text.end(), '\n')) + 1, 1};
  DropObjects drop;
  for (const model::QualifiedName& t : temp_tables_) drop.names.push_back({t.schema, t.name});
  drop.cascade = true;
  end.body = std::move(drop);
  temp_tables_.clear();
  if (before_each) before_each(end);
  Apply(end);
  if (after_each) after_each(end);
}

namespace {

// Removals and renames whose reach the statement itself tells: one table (and the
// tables whose foreign keys name it, which the matcher follows), an enum, an index.
// False when it cannot be told (CASCADE, schema moves, views, routines...).
bool NarrowRemoval(const Statement& statement, model::Touched& t) {
  if (const auto* alter = std::get_if<AlterTable>(&statement.body)) {
    model::QualifiedName table = internal::Resolve(alter->name);
    t.tables.insert(table);
    for (const AlterAction& a : alter->actions) {
      if (a.cascade) return false;
      switch (a.kind) {
        case AlterKind::kRenameTable:
          t.tables.insert({table.schema, a.new_name});
          t.views = true;
          break;
        case AlterKind::kRenameColumn:
        case AlterKind::kDropColumn:
          t.views = true;  // the views reading the table
          break;
        case AlterKind::kAttachPartition:
        case AlterKind::kDetachPartition:
          t.tables.insert(internal::Resolve(a.partition));
          break;
        case AlterKind::kSetSchema:
          return false;
        case AlterKind::kAddColumn:
          if (model::SerialBaseType(a.column_def.type)) t.globals = true;
          break;
        case AlterKind::kAddConstraint:
          break;  // USING INDEX: the index becomes the constraint's, on this table
        default:
          break;
      }
    }
    return true;
  }
  if (const auto* drop = std::get_if<DropObjects>(&statement.body)) {
    if (drop->cascade) return false;
    for (const ObjectName& name : drop->names) {
      switch (drop->kind) {
        case DropKind::kTable:
          t.tables.insert(internal::Resolve(name));
          t.views = true;
          break;
        case DropKind::kIndex:
          t.indexes.insert(internal::Resolve(name));
          break;
        case DropKind::kType:
          t.enums.insert(internal::Resolve(name));
          break;
        default:
          return false;
      }
    }
    return true;
  }
  if (const auto* type = std::get_if<AlterType>(&statement.body)) {
    if (type->kind != AlterTypeKind::kAddValue) return false;
    t.enums.insert(internal::Resolve(type->name));
    return true;
  }
  if (const auto* rename = std::get_if<RenameRelation>(&statement.body)) {
    if (rename->kind != "index") return false;
    t.indexes.insert(internal::Resolve(rename->name));
    return true;
  }
  return false;
}

}  // namespace

model::Touched Replayer::TouchedBy(const Statement& statement) {
  model::Touched t;
  if (const auto* trigger = std::get_if<CreateTrigger>(&statement.body)) {
    t.tables.insert(internal::Resolve(trigger->table));
    return t;
  }
  if (std::holds_alternative<CreateFunction>(statement.body)) {
    t.globals = true;
    return t;
  }
  if (!OnlyAdds(statement)) {
    if (!NarrowRemoval(statement, t))
      t.all = !std::holds_alternative<NoSchemaEffect>(statement.body);
    return t;
  }
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          t.tables.insert(internal::Resolve(body.name));
          for (const ColumnDef& c : body.columns) {
            if (model::SerialBaseType(c.type)) t.globals = true;  // its sequence
          }
        } else if constexpr (std::is_same_v<T, AlterTable>) {
          t.tables.insert(internal::Resolve(body.name));
          for (const AlterAction& a : body.actions) {
            if (a.kind == AlterKind::kAddColumn && model::SerialBaseType(a.column_def.type)) {
              t.globals = true;
            }
          }
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          t.tables.insert(internal::Resolve(body.table));
        } else if constexpr (std::is_same_v<T, CommentOn>) {
          if (body.object_kind == "table" || body.object_kind == "column" ||
              body.object_kind == "constraint" || body.object_kind == "trigger") {
            t.tables.insert(internal::Resolve(body.name));
          } else {
            t.all = true;  // an index or another object: its table is not named here
          }
        } else if constexpr (std::is_same_v<T, NoSchemaEffect>) {
          // nothing
        } else if constexpr (std::is_same_v<T, CreateEnum>) {
          t.enums.insert(internal::Resolve(body.name));
        } else {
          t.globals = true;  // enums, sequences, schemas, extensions
        }
      },
      statement.body);
  return t;
}

bool Replayer::IsDataStatement(const Statement& statement) {
  const auto* none = std::get_if<NoSchemaEffect>(&statement.body);
  if (none == nullptr) return false;
  static constexpr std::string_view kData[] = {"INSERT", "UPDATE", "DELETE",   "MERGE",
                                               "WITH",   "COPY",   "TRUNCATE", "CALL"};
  return std::find(std::begin(kData), std::end(kData), none->what) != std::end(kData);
}

namespace {

// The scope of a removal or rename confined to one table or to named indexes, for which
// the name index is patched rather than rebuilt. False for anything wider.
bool LocalScope(const Statement& statement, std::optional<model::QualifiedName>* table,
                std::vector<model::QualifiedName>* indexes) {
  if (const auto* alter = std::get_if<AlterTable>(&statement.body)) {
    for (const AlterAction& a : alter->actions) {
      if (a.cascade || a.kind == AlterKind::kRenameTable || a.kind == AlterKind::kSetSchema ||
          a.kind == AlterKind::kAttachPartition || a.kind == AlterKind::kDetachPartition) {
        return false;
      }
    }
    *table = internal::Resolve(alter->name);
    return true;
  }
  if (const auto* drop = std::get_if<DropObjects>(&statement.body)) {
    if (drop->cascade || drop->kind != DropKind::kIndex) return false;
    for (const ObjectName& n : drop->names) indexes->push_back(internal::Resolve(n));
  } else if (const auto* rename = std::get_if<RenameRelation>(&statement.body)) {
    if (rename->kind != "index" || rename->new_name.empty()) return false;
    model::QualifiedName from = internal::Resolve(rename->name);
    indexes->push_back(from);
    indexes->push_back({from.schema, rename->new_name});
  } else {
    return false;
  }
  // One schema at a time.
  for (const model::QualifiedName& n : *indexes) {
    if (n.schema != indexes->front().schema) return false;
  }
  return true;
}

}  // namespace

void Replayer::Apply(const Statement& statement) {
  // Syntax the imitated server does not have: its parser stops there, as the server's
  // would, and the statement does nothing.
  for (const NewerSyntax& n : statement.newer_syntax) {
    if (n.since_major <= pg_major_) continue;
    diagnostics_.push_back(
        {model::Severity::kError, "pgddl.newer-syntax", n.at,
         fmt::format("syntax error {} ({} is PostgreSQL {} or newer; replaying as {})",
                     n.token.empty() ? "at end of input" : "at or near \"" + n.token + "\"", n.what,
                     n.since_major, pg_major_),
         ""});
    return;
  }
  const bool indexed = OnlyAdds(statement);
  // Removals and renames run with look-ups by scanning; the index is then patched for
  // the one table or the indexes they touched, or dropped.
  std::optional<model::QualifiedName> local_table;
  std::vector<model::QualifiedName> local_indexes;
  std::optional<internal::NameIndex::LocalNames> before;
  if (!indexed && index_.valid() && LocalScope(statement, &local_table, &local_indexes)) {
    before = index_.Collect(schema_, local_table ? &*local_table : nullptr, local_indexes);
  } else if (!indexed) {
    index_.Invalidate();
  }
  ReplayContext ctx{
      schema_, indexed ? &index_ : nullptr,
      [&](model::Severity severity, const std::string& code, const std::string& message) {
        diagnostics_.push_back({severity, code, statement.span, message, ""});
      }};
  if (before && local_table) ctx.positions = &index_;  // one table: the order holds
  ctx.views = &views_;
  ctx.pg_major = pg_major_;
  ctx.at = &statement.span;
  ctx.temp_tables = &temp_tables_;
  ctx.new_enum_values = &new_enum_values_;
  ctx.enums_made = &enums_made_;
  ctx.written_defaults = &written_defaults_;
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          internal::ApplyCreateTable(ctx, body);
        } else if constexpr (std::is_same_v<T, AlterTable>) {
          internal::ApplyAlterTable(ctx, body);
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          internal::ApplyCreateIndex(ctx, body);
        } else if constexpr (std::is_same_v<T, CreateEnum>) {
          ApplyCreateEnum(ctx, body);
        } else if constexpr (std::is_same_v<T, AlterType>) {
          ApplyAlterType(ctx, body);
        } else if constexpr (std::is_same_v<T, DropObjects>) {
          ApplyDrop(ctx, body);
        } else if constexpr (std::is_same_v<T, CreateNamespace>) {
          bool exists = std::any_of(schema_.namespaces.begin(), schema_.namespaces.end(),
                                    [&](const model::Namespace& n) { return n.name == body.name; });
          if (exists && !body.if_not_exists)
            ctx.Error(fmt::format("schema \"{}\" already exists", body.name));
          if (!exists) schema_.namespaces.push_back({body.name, {}});
        } else if constexpr (std::is_same_v<T, CreateExtension>) {
          bool exists = std::any_of(schema_.extensions.begin(), schema_.extensions.end(),
                                    [&](const model::Extension& e) { return e.name == body.name; });
          if (exists && !body.if_not_exists)
            ctx.Error(fmt::format("extension \"{}\" already exists", body.name));
          if (!exists)
            schema_.extensions.push_back(
                {body.name, body.schema.empty() ? "public" : body.schema, "", {}});
        } else if constexpr (std::is_same_v<T, CommentOn>) {
          ApplyComment(ctx, body);
        } else if constexpr (std::is_same_v<T, DoBlock>) {
          ApplyDoBlock(statement, body);
        } else if constexpr (std::is_same_v<T, CreateSequence>) {
          internal::ApplyCreateSequence(ctx, body);
        } else if constexpr (std::is_same_v<T, AlterSequence>) {
          internal::ApplyAlterSequence(ctx, body);
        } else if constexpr (std::is_same_v<T, RenameRelation>) {
          internal::ApplyRenameRelation(ctx, body);
        } else if constexpr (std::is_same_v<T, CreateFunction>) {
          internal::ApplyCreateFunction(ctx, body);
        } else if constexpr (std::is_same_v<T, CreateTrigger>) {
          internal::ApplyCreateTrigger(ctx, body);
        } else if constexpr (std::is_same_v<T, CreateView>) {
          internal::ApplyCreateView(ctx, body);
        } else if constexpr (std::is_same_v<T, Unmodelled>) {
          ctx.Unknown(fmt::format("{}: schema effect not replayed yet", body.what));
          internal::UnverifyMentioned(
              ctx, statement.text,
              fmt::format("a {} statement replay does not follow names it", body.what));
        }
        // NoSchemaEffect: nothing to do, but a COMMIT ends the file's transaction.
        if constexpr (std::is_same_v<T, NoSchemaEffect>) {
          if (body.what == "COMMIT" || body.what == "END") {
            new_enum_values_.clear();
            enums_made_.clear();
          }
        }
      },
      statement.body);
  if (before) {
    index_.Replace(*before,
                   index_.Collect(schema_, local_table ? &*local_table : nullptr, local_indexes));
  } else if (!indexed) {
    index_.Invalidate();
  }
  if (!indexed) model::PruneUnverified(schema_);
}

model::Schema Replayer::TakeResult() {
  model::Normalize(schema_);
  index_.Invalidate();
  return std::move(schema_);
}

model::Schema Replayer::Result() const {
  model::Schema copy = schema_;
  model::Normalize(copy);
  return copy;
}

}  // namespace drift::parser::pgddl
