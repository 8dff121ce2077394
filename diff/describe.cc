#include "diff/describe.h"

#include <fmt/format.h>

#include "model/definitions.h"
#include "model/identifiers.h"

namespace drift::diff {
namespace {

std::string Comment(const std::optional<std::string>& comment) {
  return comment ? model::QuoteLiteral(*comment) : "";
}

}  // namespace

std::string Path(const model::QualifiedName& name) { return name.schema + "." + name.name; }

std::string MemberPath(const model::QualifiedName& table, const std::string& member) {
  return Path(table) + "." + member;
}

std::string RoutinePath(const model::Function& f) { return Path(f.name) + "(" + f.arguments + ")"; }

std::string IndexTablePath(const model::Index& i) { return Path({i.name.schema, i.table}); }

Described Describe(const model::Namespace& n) {
  return {"schema " + model::QuoteIdentifier(n.name), {{Property::kComment, Comment(n.comment)}}};
}

Described Describe(const model::Extension& e) {
  return {fmt::format("{} in {}", e.name, e.schema), {{Property::kSchema, e.schema}}};
}

Described Describe(const model::EnumType& e) {
  std::string labels;
  for (const std::string& l : e.labels)
    labels += (labels.empty() ? "" : ", ") + model::QuoteLiteral(l);
  std::string def = "(" + labels + ")";
  return {def, {{Property::kLabels, def}, {Property::kComment, Comment(e.comment)}}};
}

Described Describe(const model::Sequence& s) {
  return {fmt::format("{} start {} increment {}", s.type, s.start, s.increment),
          {{Property::kType, s.type},
           {Property::kStart, std::to_string(s.start)},
           {Property::kIncrement, std::to_string(s.increment)},
           {Property::kMin, std::to_string(s.min_value)},
           {Property::kMax, std::to_string(s.max_value)},
           {Property::kCache, std::to_string(s.cache)},
           {Property::kCycle, s.cycle ? "CYCLE" : "NO CYCLE"},
           {Property::kOwnedBy, s.owned_by},
           {Property::kComment, Comment(s.comment)}}};
}

Described Describe(const model::Table& t) {
  return {model::TableDefinition(t),
          {{Property::kKind, t.kind == model::TableKind::kPartitioned ? "partitioned" : "table"},
           {Property::kUnlogged, t.unlogged ? "UNLOGGED" : ""},
           {Property::kPartitionKey, t.partition_key},
           {Property::kParent, t.parent ? Path(*t.parent) : ""},
           {Property::kPartitionBound, t.partition_bound},
           {Property::kComment, Comment(t.comment)}}};
}

Described Describe(const model::Column& c) {
  const char* identity = c.identity == model::Identity::kAlways      ? "ALWAYS"
                         : c.identity == model::Identity::kByDefault ? "BY DEFAULT"
                                                                     : "";
  return {
      model::QuoteIdentifier(c.name) + " " + model::ColumnDefinition(c),
      {{Property::kType, c.type},
       {Property::kNotNull, c.not_null ? "NOT NULL" : "NULL"},
       {Property::kDefault, c.default_expr.value_or("")},
       {Property::kIdentity, identity},
       {Property::kGenerated, c.generated.value_or("") + (c.generated_virtual ? " VIRTUAL" : "")},
       {Property::kCollation, c.collation.value_or("")},
       {Property::kComment, Comment(c.comment)}}};
}

Described Describe(const model::Constraint& c, const std::string& table_schema) {
  std::string def = model::ConstraintDefinition(c, table_schema);
  return {def, {{Property::kDefinition, def}, {Property::kComment, Comment(c.comment)}}};
}

Described Describe(const model::Index& i) {
  std::string def = model::IndexDefinition(i);
  return {def, {{Property::kDefinition, def}, {Property::kComment, Comment(i.comment)}}};
}

Described Describe(const model::View& v) {
  return {v.definition,
          {{Property::kMaterialized, v.materialized ? "MATERIALIZED" : ""},
           {Property::kDefinition, v.definition},
           {Property::kComment, Comment(v.comment)}}};
}

Described Describe(const model::Function& f) {
  return {fmt::format("{}({}) {} language {}", f.name.name, f.arguments, f.returns, f.language),
          {{Property::kKind, f.kind == model::RoutineKind::kProcedure ? "procedure" : "function"},
           {Property::kReturns, f.returns},
           {Property::kLanguage, f.language},
           {Property::kBody, f.body},
           {Property::kComment, Comment(f.comment)}}};
}

Described Describe(const model::Trigger& t) {
  std::string def = model::TriggerDefinition(t);
  return {def, {{Property::kDefinition, def}, {Property::kComment, Comment(t.comment)}}};
}

}  // namespace drift::diff
