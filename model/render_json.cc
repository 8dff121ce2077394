#include "model/render_json.h"

#include "model/definitions.h"
#include "model/render.h"

namespace drift::model {
namespace {

void WriteName(const QualifiedName& n, JsonWriter& w) {
  w.BeginObject();
  w.Key("schema");
  w.String(n.schema);
  w.Key("name");
  w.String(n.name);
  w.EndObject();
}

void WriteComment(const std::optional<std::string>& comment, JsonWriter& w) {
  if (!comment) return;
  w.Key("comment");
  w.String(*comment);
}

// "schema" and "name" of a top-level object.
void WriteQualified(const QualifiedName& n, JsonWriter& w) {
  w.Key("schema");
  w.String(n.schema);
  w.Key("name");
  w.String(n.name);
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

void WriteConstraint(const Constraint& c, const std::string& table_schema, JsonWriter& w) {
  w.BeginObject();
  w.Key("name");
  w.String(c.name);
  w.Key("kind");
  w.String(ConstraintKindText(c.kind));
  w.Key("columns");
  w.StringArray(c.columns);
  if (c.kind == ConstraintKind::kCheck || c.kind == ConstraintKind::kExclusion) {
    w.Key("expression");
    w.String(c.expression);
  }
  if (c.kind == ConstraintKind::kForeignKey) {
    w.Key("references");
    WriteName(c.ref_table, w);
    w.Key("referenced_columns");
    w.StringArray(c.ref_columns);
    w.Key("on_delete");
    w.String(FkActionText(c.on_delete));
    w.Key("on_update");
    w.String(FkActionText(c.on_update));
    w.Key("match");
    w.String(c.match == FkMatch::kFull ? "FULL" : "SIMPLE");
  }
  w.Key("deferrable");
  w.Bool(c.deferrable);
  w.Key("initially_deferred");
  w.Bool(c.initially_deferred);
  w.Key("not_valid");
  w.Bool(c.not_valid);
  if (c.kind == ConstraintKind::kUnique) {
    w.Key("nulls_not_distinct");
    w.Bool(c.nulls_not_distinct);
  }
  if (c.kind == ConstraintKind::kCheck) {
    w.Key("no_inherit");
    w.Bool(c.no_inherit);
  }
  w.Key("definition");
  w.String(ConstraintDefinition(c, table_schema));
  WriteComment(c.comment, w);
  w.EndObject();
}

void WriteColumn(const Column& c, JsonWriter& w) {
  w.BeginObject();
  w.Key("name");
  w.String(c.name);
  w.Key("position");
  w.Int(c.position);
  w.Key("type");
  w.String(c.type);
  w.Key("not_null");
  w.Bool(c.not_null);
  w.Key("default");
  w.OptionalString(c.default_expr);
  w.Key("identity");
  w.String(IdentityText(c.identity));
  w.Key("generated");
  w.OptionalString(c.generated);
  w.Key("generated_virtual");
  w.Bool(c.generated_virtual);
  w.Key("collation");
  w.OptionalString(c.collation);
  WriteComment(c.comment, w);
  w.EndObject();
}

void WriteTable(const Table& t, JsonWriter& w) {
  w.BeginObject();
  WriteQualified(t.name, w);
  w.Key("kind");
  w.String(t.kind == TableKind::kPartitioned ? "partitioned" : "table");
  w.Key("unlogged");
  w.Bool(t.unlogged);
  if (!t.partition_key.empty()) {
    w.Key("partition_key");
    w.String(t.partition_key);
  }
  if (t.parent) {
    w.Key("parent");
    WriteName(*t.parent, w);
    w.Key("partition_bound");
    w.String(t.partition_bound);
  }
  w.Key("columns");
  w.BeginArray();
  for (const Column& c : t.columns) WriteColumn(c, w);
  w.EndArray();
  w.Key("constraints");
  w.BeginArray();
  for (const Constraint& c : t.constraints) WriteConstraint(c, t.name.schema, w);
  w.EndArray();
  WriteComment(t.comment, w);
  w.EndObject();
}

void WriteIndex(const Index& i, JsonWriter& w) {
  w.BeginObject();
  WriteQualified(i.name, w);
  w.Key("table");
  w.String(i.table);
  w.Key("on_partitioned_table");
  w.Bool(i.on_partitioned_table);
  w.Key("unique");
  w.Bool(i.unique);
  w.Key("method");
  w.String(i.method);
  w.Key("keys");
  w.BeginArray();
  for (const IndexKey& k : i.keys) {
    w.BeginObject();
    w.Key("expression");
    w.String(k.expression);
    w.Key("is_expression");
    w.Bool(k.is_expression);
    w.Key("collation");
    w.StringOrNull(k.collation);
    w.Key("opclass");
    w.StringOrNull(k.opclass);
    w.Key("descending");
    w.Bool(k.descending);
    w.Key("nulls_first");
    w.Bool(k.nulls_first);
    w.EndObject();
  }
  w.EndArray();
  w.Key("include");
  w.StringArray(i.include);
  w.Key("predicate");
  w.StringOrNull(i.predicate);
  w.Key("nulls_not_distinct");
  w.Bool(i.nulls_not_distinct);
  w.Key("definition");
  w.String(IndexDefinition(i));
  WriteComment(i.comment, w);
  w.EndObject();
}

void WriteTrigger(const Trigger& t, JsonWriter& w) {
  w.BeginObject();
  w.Key("table");
  WriteName(t.table, w);
  w.Key("name");
  w.String(t.name);
  w.Key("timing");
  w.String(t.timing);
  w.Key("events");
  w.StringArray(t.events);
  w.Key("for_each_row");
  w.Bool(t.for_each_row);
  w.Key("function");
  WriteName(t.function, w);
  w.Key("arguments");
  w.String(t.arguments);
  w.Key("condition");
  w.StringOrNull(t.condition);
  w.Key("definition");
  w.String(TriggerDefinition(t));
  WriteComment(t.comment, w);
  w.EndObject();
}

}  // namespace

std::string DumpJson(const Schema& schema) {
  std::string out;
  JsonWriter w(&out);
  WriteSchemaJson(schema, w);
  return out + "\n";
}

void WriteSchemaJson(const Schema& schema, JsonWriter& w) {
  w.BeginObject();
  w.Key("namespaces");
  w.BeginArray();
  for (const Namespace& n : schema.namespaces) {
    w.BeginObject();
    w.Key("name");
    w.String(n.name);
    WriteComment(n.comment, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("extensions");
  w.BeginArray();
  for (const Extension& e : schema.extensions) {
    w.BeginObject();
    w.Key("name");
    w.String(e.name);
    w.Key("schema");
    w.String(e.schema);
    w.Key("version");
    w.String(e.version);
    WriteComment(e.comment, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("enums");
  w.BeginArray();
  for (const EnumType& e : schema.enums) {
    w.BeginObject();
    WriteQualified(e.name, w);
    w.Key("labels");
    w.StringArray(e.labels);
    WriteComment(e.comment, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sequences");
  w.BeginArray();
  for (const Sequence& s : schema.sequences) {
    w.BeginObject();
    WriteQualified(s.name, w);
    w.Key("type");
    w.String(s.type);
    w.Key("start");
    w.Int(s.start);
    w.Key("increment");
    w.Int(s.increment);
    w.Key("min");
    w.Int(s.min_value);
    w.Key("max");
    w.Int(s.max_value);
    w.Key("cache");
    w.Int(s.cache);
    w.Key("cycle");
    w.Bool(s.cycle);
    w.Key("owned_by");
    w.StringOrNull(s.owned_by);
    WriteComment(s.comment, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("tables");
  w.BeginArray();
  for (const Table& t : schema.tables) WriteTable(t, w);
  w.EndArray();
  w.Key("indexes");
  w.BeginArray();
  for (const Index& i : schema.indexes) WriteIndex(i, w);
  w.EndArray();
  w.Key("views");
  w.BeginArray();
  for (const View& v : schema.views) {
    w.BeginObject();
    WriteQualified(v.name, w);
    w.Key("materialized");
    w.Bool(v.materialized);
    w.Key("definition");
    w.String(v.definition);
    WriteComment(v.comment, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("functions");
  w.BeginArray();
  for (const Function& f : schema.functions) {
    w.BeginObject();
    WriteQualified(f.name, w);
    w.Key("kind");
    w.String(f.kind == RoutineKind::kProcedure ? "procedure" : "function");
    w.Key("arguments");
    w.String(f.arguments);
    w.Key("returns");
    w.String(f.returns);
    w.Key("language");
    w.String(f.language);
    w.Key("body");
    w.String(f.body);
    WriteComment(f.comment, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("triggers");
  w.BeginArray();
  for (const Trigger& t : schema.triggers) WriteTrigger(t, w);
  w.EndArray();
  // What replay could not establish, only when there is some (no key for a catalog).
  if (!schema.unverified.empty()) {
    w.Key("unverified");
    w.BeginArray();
    for (const Unverified& u : schema.unverified) {
      w.BeginObject();
      w.Key("kind");
      w.String(u.kind);
      w.Key("object");
      w.String(u.name.schema + "." + u.name.name);
      w.Key("file");
      w.String(u.file);
      w.Key("line");
      w.Int(u.line);
      w.Key("reason");
      w.String(u.reason);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace drift::model
