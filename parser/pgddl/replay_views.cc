// Views: CREATE [OR REPLACE] [MATERIALIZED] VIEW deparsed as PostgreSQL prints it, and
// kept current when a relation or column it reads is renamed or dropped.
#include <fmt/format.h>

#include <algorithm>

#include "model/expressions.h"
#include "model/identifiers.h"
#include "model/normalize.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::parser::pgddl::internal {
namespace {

// The name the view's query writes for current column `column` of `relation`.
std::string WrittenColumn(const ViewSource* source, const model::QualifiedName& relation,
                          const std::string& column) {
  if (source == nullptr) return column;
  for (const auto& [key, now] : source->column_now) {
    if (key.first == relation && now == column) return key.second;
  }
  return column;
}

// A column left out of a look-up: what a view would see once it is dropped.
struct Hidden {
  model::QualifiedName relation;
  std::string column;
};

// A relation as the query of `source` (null: a new query) names it.
std::optional<model::ViewRelation> Lookup(ReplayContext& ctx, const ViewSource* source,
                                          const model::QualifiedName& written, const Hidden* hidden,
                                          std::string* unverified_read) {
  model::ViewRelation r;
  r.name = written;
  if (source != nullptr) {
    auto it = source->relation_now.find(written);
    if (it != source->relation_now.end()) r.name = it->second;
  }
  if (const model::Table* t = FindTable(ctx, r.name)) {
    if (ctx.IsUnverified("table", r.name)) {
      *unverified_read = fmt::format("table \"{}\"", r.name.name);
      return std::nullopt;
    }
    for (const model::Column& c : t->columns) {
      if (hidden != nullptr && hidden->relation == r.name && hidden->column == c.name) continue;
      r.columns.push_back({WrittenColumn(source, r.name, c.name), c.name, c.type});
    }
    return r;
  }
  if (ctx.views != nullptr) {
    auto it = ctx.views->find(r.name);
    if (it != ctx.views->end()) {
      if (it->second.unverified) {
        *unverified_read = fmt::format("view \"{}\"", r.name.name);
        return std::nullopt;
      }
      for (const model::ViewColumn& c : it->second.columns)
        r.columns.push_back({WrittenColumn(source, r.name, c.name), c.name, c.type});
      return r;
    }
  }
  return std::nullopt;
}

// `query` deparsed over the current model, seen through `source`'s renames (null: none)
// and without `hidden` (null: nothing hidden).
std::optional<model::ViewDefinition> Deparse(ReplayContext& ctx, const std::string& query,
                                             const std::vector<std::string>& names,
                                             const ViewSource* source, const Hidden* hidden,
                                             std::string* why) {
  std::string unverified_read;
  std::optional<model::ViewDefinition> def = model::DeparseView(
      query, names,
      [&](const model::QualifiedName& w) {
        return Lookup(ctx, source, w, hidden, &unverified_read);
      },
      ctx.pg_major, why, &ctx.schema.functions);
  if (!def && !unverified_read.empty())
    *why = "it reads " + unverified_read + ", which is unverified";
  return def;
}

model::View* FindView(ReplayContext& ctx, const model::QualifiedName& name) {
  for (model::View& v : ctx.schema.views) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

// Deparses the view again against today's names; its output names stay as they were.
void Refresh(ReplayContext& ctx, const model::QualifiedName& name, ViewSource& source) {
  if (source.unverified) return;  // nothing known to follow
  std::string why;
  std::optional<model::ViewDefinition> def =
      Deparse(ctx, source.query, source.output_names, &source, nullptr, &why);
  model::View* view = FindView(ctx, name);
  if (!def || view == nullptr) {
    ctx.Unknown(fmt::format("view \"{}\" could not be followed through this change ({})", name.name,
                            def ? "it is gone" : why));
    return;
  }
  view->definition = def->text;
  source.columns = def->columns;
}

bool Reads(const ViewSource& source, const model::QualifiedName& relation) {
  return std::any_of(source.relation_now.begin(), source.relation_now.end(),
                     [&](const auto& entry) { return entry.second == relation; });
}

// Whether the view of `source`, which reads `relation`, reads its column `column`: its
// query no longer deparses to the same columns without it (a `*` would quietly lose it,
// so the output columns are compared too). An unverified view: when its text names it.
bool ReadsColumn(ReplayContext& ctx, const ViewSource& source, const model::QualifiedName& relation,
                 const std::string& column) {
  if (source.unverified) return source.mentioned.contains(column);
  Hidden hidden{relation, column};
  std::string why;
  std::optional<model::ViewDefinition> without =
      Deparse(ctx, source.query, {}, &source, &hidden, &why);
  return !without || without->columns.size() != source.columns.size();
}

}  // namespace

std::optional<model::ViewDefinition> DeparseQuery(ReplayContext& ctx, const std::string& query,
                                                  const std::vector<std::string>& names,
                                                  std::string* why) {
  return Deparse(ctx, query, names, nullptr, nullptr, why);
}

void ApplyCreateView(ReplayContext& ctx, const CreateView& s) {
  const model::QualifiedName name = Resolve(s.name);
  model::View* existing = FindView(ctx, name);
  bool replace = existing != nullptr && s.or_replace && !s.materialized && !existing->materialized;
  if (!replace && !RelationNameFree(ctx, name, s.if_not_exists)) return;

  std::string why;
  std::optional<model::ViewDefinition> def = DeparseQuery(ctx, s.query, s.columns, &why);
  if (!def) {
    const char* what = s.materialized ? "CREATE MATERIALIZED VIEW" : "CREATE VIEW";
    if (why.starts_with("it reads ")) {
      ctx.Unknown(fmt::format("{} \"{}\": {}; the view is kept unverified", what, name.name, why));
    } else {
      ctx.Unknown(fmt::format("{} \"{}\": {} is not understood; the view is kept unverified", what,
                              name.name, why));
      why += " is not understood";
    }
    if (replace)
      std::erase_if(ctx.schema.views, [&](const model::View& v) { return v.name == name; });
    AddUnverifiedView(ctx, name, s.materialized, s.query, why);
    return;
  }
  if (replace && ctx.views != nullptr && ctx.views->contains(name)) {
    // PostgreSQL's rule for CREATE OR REPLACE VIEW: the old columns stay, in order, with
    // their names and types; new ones may only follow.
    const std::vector<model::ViewColumn>& old = ctx.views->at(name).columns;
    for (size_t i = 0; i < old.size(); ++i) {
      std::string problem =
          i >= def->columns.size() ? "cannot drop columns from view"
          : old[i].name != def->columns[i].name
              ? fmt::format("cannot change name of view column \"{}\" to \"{}\"", old[i].name,
                            def->columns[i].name)
          : old[i].type != def->columns[i].type
              ? fmt::format("cannot change data type of view column \"{}\"", old[i].name)
              : "";
      if (!problem.empty()) {
        ctx.Error(problem);
        return;
      }
    }
  }
  ViewSource source;
  source.query = s.query;
  for (const model::ViewColumn& c : def->columns) source.output_names.push_back(c.name);
  source.columns = def->columns;
  for (const model::QualifiedName& r : def->relations) source.relation_now[r] = r;
  model::ClearUnverified(ctx.schema, "view", name);
  if (replace) {
    existing->definition = def->text;
  } else {
    ctx.schema.views.push_back({name, s.materialized, def->text, std::nullopt});
    NoteRelationAdded(ctx, name);
  }
  if (ctx.views != nullptr) (*ctx.views)[name] = std::move(source);
}

void RelationRenamed(ReplayContext& ctx, const model::QualifiedName& from,
                     const model::QualifiedName& to) {
  for (model::Unverified& u : ctx.schema.unverified) {
    if (u.name == from && u.kind != "enum" && u.kind != "function") u.name = to;
  }
  if (ctx.views == nullptr) return;
  if (auto node = ctx.views->extract(from)) {
    node.key() = to;
    ctx.views->insert(std::move(node));
  }
  for (auto& [view, source] : *ctx.views) {
    if (!Reads(source, from)) continue;
    for (auto& [written, now] : source.relation_now) {
      if (now == from) now = to;
    }
    std::map<std::pair<model::QualifiedName, std::string>, std::string> rekeyed;
    for (auto& [key, now] : source.column_now)
      rekeyed[{key.first == from ? to : key.first, key.second}] = now;
    source.column_now = std::move(rekeyed);
    Refresh(ctx, view, source);
  }
}

void ColumnRenamed(ReplayContext& ctx, const model::QualifiedName& table, const std::string& from,
                   const std::string& to) {
  if (ctx.views == nullptr) return;
  for (auto& [view, source] : *ctx.views) {
    if (!Reads(source, table)) continue;
    bool renamed_before = false;
    for (auto& [key, now] : source.column_now) {
      if (key.first == table && now == from) {
        now = to;
        renamed_before = true;
      }
    }
    if (!renamed_before) source.column_now[{table, from}] = to;
    Refresh(ctx, view, source);
  }
}

bool DropDependentViews(ReplayContext& ctx, const model::QualifiedName& name,
                        const std::string& column, bool cascade) {
  if (ctx.views == nullptr) return true;
  std::vector<model::QualifiedName> dependents;
  for (const auto& [view, source] : *ctx.views) {
    if (view == name || !Reads(source, name)) continue;
    if (!column.empty() && !ReadsColumn(ctx, source, name, column)) continue;
    dependents.push_back(view);
  }
  if (dependents.empty()) return true;
  if (!cascade) {
    std::string what = column.empty() ? fmt::format("\"{}\"", name.name)
                                      : fmt::format("column {} of \"{}\"", column, name.name);
    ctx.Error(
        fmt::format("cannot drop {} because view {} depends on it", what, dependents.front().name));
    return false;
  }
  for (const model::QualifiedName& d : dependents) {
    if (!ctx.views->contains(d)) continue;  // gone with an earlier one
    DropDependentViews(ctx, d, "", true);
    std::erase_if(ctx.schema.views, [&](const model::View& v) { return v.name == d; });
    ctx.Notice(fmt::format("drop cascades to view {}", d.name));
    ctx.views->erase(d);
  }
  return true;
}

bool ViewsReadColumn(ReplayContext& ctx, const model::QualifiedName& table,
                     const std::string& column) {
  if (ctx.views == nullptr) return false;
  for (const auto& [view, source] : *ctx.views) {
    if (Reads(source, table) && ReadsColumn(ctx, source, table, column)) return true;
  }
  return false;
}

void RenameViewColumn(ReplayContext& ctx, const model::QualifiedName& view, const std::string& from,
                      const std::string& to, bool if_exists) {
  if (ctx.views == nullptr) return;
  auto it = ctx.views->find(view);
  if (it == ctx.views->end()) {
    if (!if_exists) ctx.Error(fmt::format("relation \"{}\" does not exist", view.name));
    return;
  }
  if (it->second.unverified) {  // its columns are not known
    ColumnRenamed(ctx, view, from, to);
    return;
  }
  std::vector<std::string>& names = it->second.output_names;
  if (std::find(names.begin(), names.end(), to) != names.end()) {
    ctx.Error(fmt::format("column \"{}\" of relation \"{}\" already exists", to, view.name));
    return;
  }
  auto name = std::find(names.begin(), names.end(), from);
  if (name == names.end()) {
    ctx.Error(fmt::format("column \"{}\" does not exist", from));
    return;
  }
  *name = to;
  Refresh(ctx, view, it->second);
  ColumnRenamed(ctx, view, from, to);
}

void ForgetView(ReplayContext& ctx, const model::QualifiedName& name) {
  if (ctx.views != nullptr) ctx.views->erase(name);
}

void AddUnverifiedView(ReplayContext& ctx, const model::QualifiedName& name, bool materialized,
                       const std::string& query, const std::string& reason) {
  ViewSource source;
  source.query = query;
  source.unverified = true;
  source.mentioned = MentionedNames(query);
  for (const model::Table& t : ctx.schema.tables) {
    if (source.mentioned.contains(t.name.name)) source.relation_now[t.name] = t.name;
  }
  for (const model::View& v : ctx.schema.views) {
    if (v.name != name && source.mentioned.contains(v.name.name))
      source.relation_now[v.name] = v.name;
  }
  ctx.schema.views.push_back({name, materialized, "", std::nullopt});
  NoteRelationAdded(ctx, name);
  if (ctx.views != nullptr) (*ctx.views)[name] = std::move(source);
  ctx.Unverify("view", name, reason);
}

}  // namespace drift::parser::pgddl::internal
