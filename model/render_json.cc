#include "model/render_json.h"

#include <nlohmann/json.hpp>

#include "model/definitions.h"
#include "model/render.h"

namespace drift::model {
namespace {

using Json = nlohmann::ordered_json;

Json Name(const QualifiedName& n) { return Json{{"schema", n.schema}, {"name", n.name}}; }

void PutComment(Json& j, const std::optional<std::string>& comment) {
  if (comment) j["comment"] = *comment;
}

Json Optional(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

std::string_view IdentityText(Identity identity) {
  switch (identity) {
    case Identity::kNone:
      return "none";
    case Identity::kAlways:
      return "always";
    case Identity::kByDefault:
      return "by default";
  }
  return "none";
}

Json ConstraintJson(const Constraint& c, const std::string& table_schema) {
  Json j{{"name", c.name}, {"kind", ConstraintKindText(c.kind)}, {"columns", c.columns}};
  if (c.kind == ConstraintKind::kCheck || c.kind == ConstraintKind::kExclusion) {
    j["expression"] = c.expression;
  }
  if (c.kind == ConstraintKind::kForeignKey) {
    j["references"] = Name(c.ref_table);
    j["referenced_columns"] = c.ref_columns;
    j["on_delete"] = FkActionText(c.on_delete);
    j["on_update"] = FkActionText(c.on_update);
    j["match"] = c.match == FkMatch::kFull ? "FULL" : "SIMPLE";
  }
  j["deferrable"] = c.deferrable;
  j["initially_deferred"] = c.initially_deferred;
  j["not_valid"] = c.not_valid;
  if (c.kind == ConstraintKind::kUnique) j["nulls_not_distinct"] = c.nulls_not_distinct;
  if (c.kind == ConstraintKind::kCheck) j["no_inherit"] = c.no_inherit;
  j["definition"] = ConstraintDefinition(c, table_schema);
  PutComment(j, c.comment);
  return j;
}

Json TableJson(const Table& t) {
  Json j{{"schema", t.name.schema},
         {"name", t.name.name},
         {"kind", t.kind == TableKind::kPartitioned ? "partitioned" : "table"},
         {"unlogged", t.unlogged}};
  if (!t.partition_key.empty()) j["partition_key"] = t.partition_key;
  if (t.parent) {
    j["parent"] = Name(*t.parent);
    j["partition_bound"] = t.partition_bound;
  }
  Json columns = Json::array();
  for (const Column& c : t.columns) {
    Json col{{"name", c.name},
             {"position", c.position},
             {"type", c.type},
             {"not_null", c.not_null},
             {"default", Optional(c.default_expr)},
             {"identity", IdentityText(c.identity)},
             {"generated", Optional(c.generated)},
             {"collation", Optional(c.collation)}};
    PutComment(col, c.comment);
    columns.push_back(std::move(col));
  }
  j["columns"] = std::move(columns);
  Json constraints = Json::array();
  for (const Constraint& c : t.constraints) constraints.push_back(ConstraintJson(c, t.name.schema));
  j["constraints"] = std::move(constraints);
  PutComment(j, t.comment);
  return j;
}

}  // namespace

std::string DumpJson(const Schema& schema) { return SchemaToJson(schema).dump(2) + "\n"; }

nlohmann::ordered_json SchemaToJson(const Schema& schema) {
  Json root;
  Json& namespaces = root["namespaces"] = Json::array();
  for (const Namespace& n : schema.namespaces) {
    Json j{{"name", n.name}};
    PutComment(j, n.comment);
    namespaces.push_back(std::move(j));
  }
  Json& extensions = root["extensions"] = Json::array();
  for (const Extension& e : schema.extensions) {
    Json j{{"name", e.name}, {"schema", e.schema}, {"version", e.version}};
    PutComment(j, e.comment);
    extensions.push_back(std::move(j));
  }
  Json& enums = root["enums"] = Json::array();
  for (const EnumType& e : schema.enums) {
    Json j{{"schema", e.name.schema}, {"name", e.name.name}, {"labels", e.labels}};
    PutComment(j, e.comment);
    enums.push_back(std::move(j));
  }
  Json& sequences = root["sequences"] = Json::array();
  for (const Sequence& s : schema.sequences) {
    Json j{{"schema", s.name.schema},
           {"name", s.name.name},
           {"type", s.type},
           {"start", s.start},
           {"increment", s.increment},
           {"min", s.min_value},
           {"max", s.max_value},
           {"cache", s.cache},
           {"cycle", s.cycle},
           {"owned_by", s.owned_by.empty() ? Json(nullptr) : Json(s.owned_by)}};
    PutComment(j, s.comment);
    sequences.push_back(std::move(j));
  }
  Json& tables = root["tables"] = Json::array();
  for (const Table& t : schema.tables) tables.push_back(TableJson(t));
  Json& indexes = root["indexes"] = Json::array();
  for (const Index& i : schema.indexes) {
    Json keys = Json::array();
    for (const IndexKey& k : i.keys) {
      keys.push_back(Json{{"expression", k.expression},
                          {"is_expression", k.is_expression},
                          {"collation", k.collation.empty() ? Json(nullptr) : Json(k.collation)},
                          {"opclass", k.opclass.empty() ? Json(nullptr) : Json(k.opclass)},
                          {"descending", k.descending},
                          {"nulls_first", k.nulls_first}});
    }
    Json j{{"schema", i.name.schema},
           {"name", i.name.name},
           {"table", i.table},
           {"on_partitioned_table", i.on_partitioned_table},
           {"unique", i.unique},
           {"method", i.method},
           {"keys", std::move(keys)},
           {"include", i.include},
           {"predicate", i.predicate.empty() ? Json(nullptr) : Json(i.predicate)},
           {"nulls_not_distinct", i.nulls_not_distinct},
           {"definition", IndexDefinition(i)}};
    PutComment(j, i.comment);
    indexes.push_back(std::move(j));
  }
  Json& views = root["views"] = Json::array();
  for (const View& v : schema.views) {
    Json j{{"schema", v.name.schema},
           {"name", v.name.name},
           {"materialized", v.materialized},
           {"definition", v.definition}};
    PutComment(j, v.comment);
    views.push_back(std::move(j));
  }
  Json& functions = root["functions"] = Json::array();
  for (const Function& f : schema.functions) {
    Json j{{"schema", f.name.schema},
           {"name", f.name.name},
           {"kind", f.kind == RoutineKind::kProcedure ? "procedure" : "function"},
           {"arguments", f.arguments},
           {"returns", f.returns},
           {"language", f.language},
           {"body", f.body}};
    PutComment(j, f.comment);
    functions.push_back(std::move(j));
  }
  Json& triggers = root["triggers"] = Json::array();
  for (const Trigger& t : schema.triggers) {
    Json j{{"table", Name(t.table)},
           {"name", t.name},
           {"timing", t.timing},
           {"events", t.events},
           {"for_each_row", t.for_each_row},
           {"function", Name(t.function)},
           {"arguments", t.arguments},
           {"condition", t.condition.empty() ? Json(nullptr) : Json(t.condition)},
           {"definition", TriggerDefinition(t)}};
    PutComment(j, t.comment);
    triggers.push_back(std::move(j));
  }
  return root;
}

}  // namespace drift::model
