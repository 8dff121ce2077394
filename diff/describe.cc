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

Described Describe(const model::Namespace& n) {
  return {"schema " + model::QuoteIdentifier(n.name), {{"comment", Comment(n.comment)}}};
}

Described Describe(const model::Extension& e) {
  return {fmt::format("{} in {}", e.name, e.schema), {{"schema", e.schema}}};
}

Described Describe(const model::EnumType& e) {
  std::string labels;
  for (const std::string& l : e.labels)
    labels += (labels.empty() ? "" : ", ") + model::QuoteLiteral(l);
  std::string def = "(" + labels + ")";
  return {def, {{"labels", def}, {"comment", Comment(e.comment)}}};
}

Described Describe(const model::Sequence& s) {
  return {fmt::format("{} start {} increment {}", s.type, s.start, s.increment),
          {{"type", s.type},
           {"start", std::to_string(s.start)},
           {"increment", std::to_string(s.increment)},
           {"min", std::to_string(s.min_value)},
           {"max", std::to_string(s.max_value)},
           {"cache", std::to_string(s.cache)},
           {"cycle", s.cycle ? "CYCLE" : "NO CYCLE"},
           {"owned_by", s.owned_by},
           {"comment", Comment(s.comment)}}};
}

Described Describe(const model::Table& t) {
  return {model::TableDefinition(t),
          {{"kind", t.kind == model::TableKind::kPartitioned ? "partitioned" : "table"},
           {"unlogged", t.unlogged ? "UNLOGGED" : ""},
           {"partition_key", t.partition_key},
           {"parent", t.parent ? Path(*t.parent) : ""},
           {"partition_bound", t.partition_bound},
           {"comment", Comment(t.comment)}}};
}

Described Describe(const model::Column& c) {
  const char* identity = c.identity == model::Identity::kAlways      ? "ALWAYS"
                         : c.identity == model::Identity::kByDefault ? "BY DEFAULT"
                                                                     : "";
  return {model::QuoteIdentifier(c.name) + " " + model::ColumnDefinition(c),
          {{"type", c.type},
           {"not_null", c.not_null ? "NOT NULL" : "NULL"},
           {"default", c.default_expr.value_or("")},
           {"identity", identity},
           {"generated", c.generated.value_or("")},
           {"collation", c.collation.value_or("")},
           {"comment", Comment(c.comment)}}};
}

Described Describe(const model::Constraint& c, const std::string& table_schema) {
  std::string def = model::ConstraintDefinition(c, table_schema);
  return {def, {{"definition", def}, {"comment", Comment(c.comment)}}};
}

Described Describe(const model::Index& i) {
  std::string def = model::IndexDefinition(i);
  return {def, {{"definition", def}, {"comment", Comment(i.comment)}}};
}

Described Describe(const model::View& v) {
  return {v.definition,
          {{"materialized", v.materialized ? "MATERIALIZED" : ""},
           {"definition", v.definition},
           {"comment", Comment(v.comment)}}};
}

Described Describe(const model::Function& f) {
  return {fmt::format("{}({}) {} language {}", f.name.name, f.arguments, f.returns, f.language),
          {{"kind", f.kind == model::RoutineKind::kProcedure ? "procedure" : "function"},
           {"returns", f.returns},
           {"language", f.language},
           {"body", f.body},
           {"comment", Comment(f.comment)}}};
}

Described Describe(const model::Trigger& t) {
  std::string def = model::TriggerDefinition(t);
  return {def, {{"definition", def}, {"comment", Comment(t.comment)}}};
}

}  // namespace drift::diff
