#include "parser/prisma/map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "model/defaults.h"
#include "model/expressions.h"
#include "model/identifiers.h"
#include "model/normalize.h"
#include "model/types.h"
#include "parser/prisma/validate.h"

namespace drift::parser::prisma {
namespace {

using model::QualifiedName;

const std::set<std::string>& Scalars() {
  static const auto* s =
      new std::set<std::string>{"String",  "Int",      "BigInt", "Float", "Decimal",
                                "Boolean", "DateTime", "Json",   "Bytes", "Unsupported"};
  return *s;
}

// Prisma's default native type of each scalar, as its renderer writes it.
std::string DefaultType(const std::string& scalar) {
  static const std::map<std::string, std::string> kTypes = {{"String", "TEXT"},
                                                            {"Int", "INTEGER"},
                                                            {"BigInt", "BIGINT"},
                                                            {"Float", "DOUBLE PRECISION"},
                                                            {"Decimal", "DECIMAL(65,30)"},
                                                            {"Boolean", "BOOLEAN"},
                                                            {"DateTime", "TIMESTAMP(3)"},
                                                            {"Json", "JSONB"},
                                                            {"Bytes", "BYTEA"}};
  auto it = kTypes.find(scalar);
  return it == kTypes.end() ? "" : it->second;
}

// @db.X(args) -> the PostgreSQL type, and the scalars it fits.
struct NativeType {
  std::string sql;  // "" when X is unknown
  std::set<std::string> scalars;
};

NativeType Native(const Attribute& a) {
  std::string name = a.name.substr(3);  // after "db."
  std::vector<std::string> args;
  for (const Argument& arg : a.arguments) args.push_back(arg.value->text);
  auto with_args = [&](const std::string& base) {
    if (args.empty()) return base;
    std::string out = base + "(";
    for (size_t i = 0; i < args.size(); ++i) out += (i ? "," : "") + args[i];
    return out + ")";
  };
  static const std::map<std::string, std::pair<std::string, std::set<std::string>>> kTypes = {
      {"SmallInt", {"SMALLINT", {"Int"}}},
      {"Integer", {"INTEGER", {"Int"}}},
      {"BigInt", {"BIGINT", {"BigInt"}}},
      {"Oid", {"OID", {"Int"}}},
      {"Decimal", {"DECIMAL", {"Decimal"}}},
      {"Money", {"MONEY", {"Decimal"}}},
      {"Real", {"REAL", {"Float"}}},
      {"DoublePrecision", {"DOUBLE PRECISION", {"Float"}}},
      {"VarChar", {"VARCHAR", {"String"}}},
      {"Char", {"CHAR", {"String"}}},
      {"Text", {"TEXT", {"String"}}},
      {"Citext", {"CITEXT", {"String"}}},
      {"Uuid", {"UUID", {"String"}}},
      {"Xml", {"XML", {"String"}}},
      {"Inet", {"INET", {"String"}}},
      {"Bit", {"BIT", {"String"}}},
      {"VarBit", {"VARBIT", {"String"}}},
      {"ByteA", {"BYTEA", {"Bytes"}}},
      {"Timestamp", {"TIMESTAMP", {"DateTime"}}},
      {"Timestamptz", {"TIMESTAMPTZ", {"DateTime"}}},
      {"Date", {"DATE", {"DateTime"}}},
      {"Time", {"TIME", {"DateTime"}}},
      {"Timetz", {"TIMETZ", {"DateTime"}}},
      {"Boolean", {"BOOLEAN", {"Boolean"}}},
      {"Json", {"JSON", {"Json"}}},
      {"JsonB", {"JSONB", {"Json"}}}};
  auto it = kTypes.find(name);
  if (it == kTypes.end()) return {};
  return {with_args(it->second.first), it->second.second};
}

// Prisma's constraint_names.rs: `base` cut to `limit` bytes (at a character boundary)
// when it reaches it, then the suffix.
std::string PrismaName(const std::string& base, size_t limit, const std::string& suffix) {
  if (base.size() >= limit) return model::ClipToCharBoundary(base, limit) + suffix;
  return base + suffix;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "_") + p;
  return out;
}

// ops: raw("gin_trgm_ops") verbatim; Prisma's names (JsonbPathOps, InetOps,
// BitMinMaxOps) in snake case.
std::string OpclassName(const Value& v) {
  if (v.kind == Value::kCall && !v.arguments.empty()) return v.arguments[0].value->text;
  std::string out;
  for (size_t i = 0; i < v.text.size(); ++i) {
    char c = v.text[i];
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0) out += '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  size_t at = out.find("min_max");
  if (at != std::string::npos) out.replace(at, 7, "minmax");
  return out;
}

std::string UpperAction(const std::string& action) {
  if (action == "Cascade") return "c";
  if (action == "Restrict") return "r";
  if (action == "NoAction") return "a";
  if (action == "SetNull") return "n";
  if (action == "SetDefault") return "d";
  return "";
}

// A list of fields may be written as one bare name: `@@index(a)`, `@@id(a)`,
// `@relation(fields: a, references: id)`. The copy has lists everywhere.
SchemaAst WithFieldLists(SchemaAst ast) {
  // Arguments share their values with `ast`'s: a wrapped one gets a value of its own.
  auto wrap = [](Argument& arg) {
    if (arg.value->kind != Value::kIdentifier) return;
    auto list = std::make_shared<Value>();
    list->kind = Value::kArray;
    list->span = arg.value->span;
    list->items.push_back(*arg.value);
    arg.value = std::move(list);
  };
  for (Block& b : ast.blocks) {
    for (Attribute& a : b.attributes) {
      if (a.name != "@id" && a.name != "@unique" && a.name != "@index") continue;
      for (size_t i = 0; i < a.arguments.size(); ++i) {
        if (a.arguments[i].name == "fields" || (a.arguments[i].name.empty() && i == 0))
          wrap(a.arguments[i]);
      }
    }
    for (Field& f : b.fields) {
      for (Attribute& a : f.attributes) {
        if (a.name != "relation") continue;
        for (Argument& arg : a.arguments) {
          if (arg.name == "fields" || arg.name == "references") wrap(arg);
        }
      }
    }
  }
  return ast;
}

class Mapper {
 public:
  Mapper(const SchemaAst& ast, std::vector<model::Diagnostic>* diagnostics, DeclaredAt* declared_at)
      : ast_(WithFieldLists(ast)), diagnostics_(diagnostics), declared_at_(declared_at) {}

  model::Schema Run() {
    schema_ = model::EmptyDatabase();
    Datasource();
    for (const Block& b : ast_.blocks) {
      if (b.kind == Block::kModel) models_[b.name] = &b;
      if (b.kind == Block::kEnum) enums_[b.name] = &b;
      if (b.kind == Block::kType) {
        Error(b.span, "prisma.composite-type",
              fmt::format("composite type {}: composite types are only available on MongoDB; drift "
                          "supports PostgreSQL",
                          b.name));
      }
    }
    CheckDuplicates();
    for (const Block& b : ast_.blocks) {
      if (b.kind == Block::kEnum) MapEnum(b);
    }
    for (const Block& b : ast_.blocks) {
      if (b.kind == Block::kModel || b.kind == Block::kView || b.kind == Block::kEnum)
        CheckSchemaAttribute(b);
      if (b.kind == Block::kModel) MapModel(b);
      if (b.kind == Block::kView) ClaimTableName(b);
    }
    for (const Block& b : ast_.blocks) {
      if (b.kind == Block::kModel) MapRelations(b);
    }
    DeclaredSchemasInUse();
    diagnostics_->insert(diagnostics_->end(), late_errors_.begin(), late_errors_.end());
    model::Normalize(schema_);
    return std::move(schema_);
  }

 private:
  void Error(const model::SourceSpan& span, const std::string& code, std::string message) {
    diagnostics_->push_back({model::Severity::kError, code, span, std::move(message), ""});
  }
  // Clashing names (like xml keys and models with no unique criteria, validate.h) are
  // reported after every other error, as Prisma's engine checks them only once the fields
  // resolve.
  void NameError(const model::SourceSpan& span, std::string message) {
    late_errors_.push_back(
        {model::Severity::kError, "prisma.duplicate-name", span, std::move(message), ""});
  }

  void Datasource() {
    bool found = false;
    for (const Block& b : ast_.blocks) {
      if (b.kind != Block::kDatasource && b.kind != Block::kGenerator) continue;
      if (std::none_of(b.settings.begin(), b.settings.end(),
                       [](const Setting& s) { return s.key == "provider"; })) {
        Error(b.span, "prisma.provider",
              fmt::format("{} block {} has no provider",
                          b.kind == Block::kDatasource ? "datasource" : "generator", b.name));
      }
      if (b.kind != Block::kDatasource) continue;
      found = true;
      for (const Setting& s : b.settings) {
        if (s.key == "provider" && s.value.text != "postgresql" && s.value.text != "postgres") {
          Error(s.span, "prisma.provider",
                fmt::format("provider \"{}\": drift supports PostgreSQL only", s.value.text));
        }
        if (s.key == "relationMode" && s.value.text == "prisma") relation_mode_prisma_ = true;
        if (s.key == "schemas" && s.value.kind == Value::kArray) {
          multi_schema_ = true;
          for (const Value& v : s.value.items) declared_schemas_.insert(v.text);
        }
        if (s.key == "extensions" && s.value.kind == Value::kArray) {
          for (const Value& v : s.value.items) {
            model::Extension e{v.text, "public", "", {}};
            for (const Argument& a : v.arguments) {
              if (a.name == "map") e.name = a.value->text;
              if (a.name == "schema") e.schema = a.value->text;
            }
            schema_.extensions.push_back(e);
          }
        }
      }
    }
    if (!found) Error({}, "prisma.no-datasource", "the schema has no datasource block");
  }

  // Prisma's engine creates a declared schema only when a model or enum lives in it.
  void DeclaredSchemasInUse() {
    std::set<std::string> used;
    for (const model::Table& t : schema_.tables) used.insert(t.name.schema);
    for (const model::EnumType& e : schema_.enums) used.insert(e.name.schema);
    for (const std::string& s : declared_schemas_) {
      if (s != "public" && used.contains(s)) schema_.namespaces.push_back({s, {}});
    }
  }

  void CheckDuplicates() {
    std::map<std::string, const Block*> seen;
    for (const Block& b : ast_.blocks) {
      if (b.kind != Block::kModel && b.kind != Block::kEnum && b.kind != Block::kView) continue;
      if (!seen.emplace(b.name, &b).second) {
        Error(b.span, "prisma.duplicate", fmt::format("{} is defined more than once", b.name));
      }
      std::set<std::string> fields;
      for (const Field& f : b.fields) {
        if (!fields.insert(f.name).second) {
          Error(f.span, "prisma.duplicate",
                fmt::format("field {} is defined more than once in {}", f.name, b.name));
        }
      }
    }
  }

  std::string SchemaOf(const Block& b) {
    if (const Attribute* a = b.Find("@schema")) {
      if (const Value* v = a->Find("", 0)) return v->text;
    }
    return "public";
  }

  // With `schemas` in the datasource, every model, view and enum names one of them.
  void CheckSchemaAttribute(const Block& b) {
    const Attribute* a = b.Find("@schema");
    if (multi_schema_ && a == nullptr) {
      Error(b.span, "prisma.schema",
            fmt::format("{} has no @@schema attribute, which every model, view and enum needs "
                        "when the datasource lists `schemas`",
                        b.name));
    } else if (a != nullptr && !declared_schemas_.contains(SchemaOf(b))) {
      Error(a->span, "prisma.schema",
            fmt::format("schema \"{}\" is not in the datasource's `schemas` list", SchemaOf(b)));
    }
  }

  std::string DbName(const Block& b) {
    if (const Attribute* a = b.Find("@map")) {
      if (const Value* v = a->Find("name", 0)) return model::TruncateIdentifier(v->text);
    }
    return model::TruncateIdentifier(b.name);
  }

  static std::string ColumnName(const Field& f) {
    if (const Attribute* a = f.Find("map")) {
      if (const Value* v = a->Find("name", 0)) return model::TruncateIdentifier(v->text);
    }
    return model::TruncateIdentifier(f.name);
  }

  // The enum label a value maps to.
  static std::string Label(const Field& value) {
    if (const Attribute* a = value.Find("map")) {
      if (const Value* v = a->Find("name", 0)) return v->text;
    }
    return value.name;
  }

  void MapEnum(const Block& b) {
    model::EnumType e;
    e.name = {SchemaOf(b), DbName(b)};
    if (declared_at_ != nullptr) (*declared_at_)[e.name] = b.span;
    for (const Field& v : b.fields) e.labels.push_back(Label(v));
    schema_.enums.push_back(std::move(e));
  }

  // The canonical column type of scalar or enum field `f`; "" on error (reported).
  std::string ColumnType(const Field& f, std::string* serial) {
    std::string type;
    const Attribute* native = nullptr;
    for (const Attribute& a : f.attributes) {
      if (a.name.starts_with("db.")) native = &a;
    }
    if (f.type == "Unsupported") {
      type = f.unsupported;
    } else if (auto e = enums_.find(f.type); e != enums_.end()) {
      type = model::QualifiedText({SchemaOf(*e->second), DbName(*e->second)});
    } else if (native != nullptr) {
      NativeType n = Native(*native);
      if (n.sql.empty()) {
        Error(native->span, "prisma.native-type",
              fmt::format("unknown native type @{}", native->name));
        return "";
      }
      if (!n.scalars.contains(f.type)) {
        Error(native->span, "prisma.native-type",
              fmt::format("native type @{} does not fit a {} field", native->name, f.type));
        return "";
      }
      type = n.sql;
    } else {
      type = DefaultType(f.type);
    }
    if (const Attribute* d = f.Find("default")) {
      const Value* v = d->Find("value", 0);
      if (v != nullptr && v->kind == Value::kCall && v->text == "autoincrement") {
        std::string base = model::CanonicalType(type);
        *serial = base == "bigint" ? "BIGSERIAL" : base == "smallint" ? "SMALLSERIAL" : "SERIAL";
      }
    }
    std::string canonical = model::CanonicalType(type);
    return f.list ? canonical + "[]" : canonical;
  }

  std::optional<std::string> Default(const Field& f, const std::string& type) {
    const Attribute* d = f.Find("default");
    if (d == nullptr) return std::nullopt;
    const Value* v = d->Find("value", 0);
    if (v == nullptr) return std::nullopt;
    switch (v->kind) {
      case Value::kObject:
        Error(v->span, "prisma.default", "a default cannot be an object");
        return std::nullopt;
      case Value::kCall:
        if (v->text == "now") return "CURRENT_TIMESTAMP";
        if (v->text == "dbgenerated") {
          const Value* expr = v->arguments.empty() ? nullptr : v->arguments[0].value.get();
          if (expr == nullptr || expr->text.empty()) return std::nullopt;
          return model::CanonicalDefault(expr->text, type);
        }
        return std::nullopt;  // autoincrement (serial), uuid(), cuid(), nanoid(), ulid()
      case Value::kString: {
        // Prisma writes a Bytes default (base64 in the schema) as a hex bytea literal,
        // and a Decimal default given as a string as a number.
        if (f.type == "Bytes") {
          std::string bytes;
          if (!absl::Base64Unescape(v->text, &bytes)) {
            Error(v->span, "prisma.default", "a Bytes default must be base64");
            return std::nullopt;
          }
          return model::CanonicalDefault("'\\x" + absl::BytesToHexString(bytes) + "'", type);
        }
        if (f.type == "Decimal") return model::CanonicalDefault(v->text, type);
        std::string quoted = "'";
        for (char c : v->text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        return model::CanonicalDefault(quoted + "'", type);
      }
      case Value::kNumber:
        return model::CanonicalDefault(v->text, type);
      case Value::kIdentifier: {
        if (v->text == "true" || v->text == "false") return v->text;
        // An enum value: its label.
        auto e = enums_.find(f.type);
        if (e != enums_.end()) {
          for (const Field& value : e->second->fields) {
            if (value.name == v->text) {
              std::string label = Label(value);
              std::string quoted = "'";
              for (char c : label) quoted += c == '\'' ? std::string("''") : std::string(1, c);
              return model::CanonicalDefault(quoted + "'", type);
            }
          }
        }
        Error(v->span, "prisma.default", fmt::format("unknown default value {}", v->text));
        return std::nullopt;
      }
      case Value::kArray: {
        // As Prisma renders it: ARRAY[items]::TYPE[]; the model canonicalises the rest.
        std::string items;
        for (const Value& item : v->items) {
          std::string literal = item.text;
          if (item.kind == Value::kString ||
              (item.kind == Value::kIdentifier && item.text != "true" && item.text != "false")) {
            std::string label = item.text;
            if (auto e = enums_.find(f.type); e != enums_.end()) {
              for (const Field& value : e->second->fields) {
                if (value.name == item.text) label = Label(value);
              }
            }
            literal = "'";
            for (char c : label) literal += c == '\'' ? std::string("''") : std::string(1, c);
            literal += "'";
          }
          items += (items.empty() ? "" : ", ") + literal;
        }
        return model::CanonicalDefault("ARRAY[" + items + "]::" + type, type);
      }
    }
    return std::nullopt;
  }

  // Field names -> column names of model `b`; reports unknown fields.
  std::vector<std::string> Columns(const Block& b, const Value& list, const model::SourceSpan& at) {
    std::vector<std::string> out;
    for (const Value& item : list.items) {
      const Field* field = nullptr;
      for (const Field& f : b.fields) {
        if (f.name == item.text) field = &f;
      }
      if (field == nullptr) {
        Error(item.span.line ? item.span : at, "prisma.unknown-field",
              fmt::format("{} has no field named {}", b.name, item.text));
        continue;
      }
      out.push_back(ColumnName(*field));
    }
    return out;
  }

  bool IsRelationField(const Field& f) const { return models_.contains(f.type); }

  void MapModel(const Block& b) {
    model::Table t;
    t.name = {SchemaOf(b), DbName(b)};
    models_by_table_[t.name] = &b;
    ClaimTableName(b);
    if (declared_at_ != nullptr) (*declared_at_)[t.name] = b.span;
    int position = 0;
    for (const Field& f : b.fields) {
      if (IsRelationField(f)) continue;
      if (!Scalars().contains(f.type) && !enums_.contains(f.type)) {
        Error(f.span, "prisma.unknown-type",
              fmt::format("type {} of field {}.{} is neither a scalar type, a model nor an enum",
                          f.type, b.name, f.name));
        continue;
      }
      for (const Attribute& a : f.attributes) {
        static const std::set<std::string> kKnown = {"id",        "default",  "unique", "map",
                                                     "updatedAt", "relation", "ignore", "db"};
        std::string head = a.name.substr(0, a.name.find('.'));
        if (!kKnown.contains(head)) {
          Error(a.span, "prisma.unknown-attribute", fmt::format("unknown attribute @{}", a.name));
        }
      }
      std::string serial;
      std::string type = ColumnType(f, &serial);
      if (type.empty()) continue;
      model::Column c;
      c.name = ColumnName(f);
      c.position = ++position;
      if (!serial.empty()) {
        model::ExpandSerial(t.name, serial, c, schema_);
      } else {
        c.type = type;
        c.not_null = !f.optional && !f.list;
        c.default_expr = Default(f, type);
      }
      t.columns.push_back(std::move(c));
      if (const Attribute* id = f.Find("id")) {
        AddPrimaryKey(t, {ColumnName(f)}, id);
      }
      if (const Attribute* unique = f.Find("unique")) {
        model::IndexKey key{.expression = model::QuoteIdentifier(ColumnName(f))};
        if (const Value* sort = unique->Find("sort"); sort != nullptr && sort->text == "Desc")
          key.descending = key.nulls_first = true;
        AddIndex(t, {ColumnName(f)}, {key}, true, unique);
      }
    }
    for (const Attribute& a : b.attributes) {
      if (a.name == "@id") {
        if (const Value* fields = a.Find("fields", 0))
          AddPrimaryKey(t, Columns(b, *fields, a.span), &a);
      } else if (a.name == "@unique" || a.name == "@index") {
        const Value* fields = a.Find("fields", 0);
        if (fields == nullptr) continue;
        std::vector<const Value*> items;
        for (const Value& item : fields->items) items.push_back(&item);
        std::vector<std::string> columns;
        std::vector<model::IndexKey> keys;
        for (const Value* item : items) {
          Value just_name = *item;
          just_name.kind = Value::kIdentifier;
          Value list;
          list.kind = Value::kArray;
          list.items = {just_name};
          std::vector<std::string> column = Columns(b, list, a.span);
          if (column.empty()) continue;
          model::IndexKey key;
          key.expression = model::QuoteIdentifier(column[0]);
          for (const Argument& arg : item->arguments) {
            if (arg.name == "sort" && arg.value->text == "Desc")
              key.descending = key.nulls_first = true;
            if (arg.name == "ops") key.opclass = OpclassName(*arg.value);
          }
          columns.push_back(column[0]);
          keys.push_back(std::move(key));
        }
        AddIndex(t, columns, keys, a.name == "@unique", &a);
      } else if (a.name != "@map" && a.name != "@schema" && a.name != "@ignore" &&
                 a.name != "@fulltext") {  // @@fulltext: refused by CheckModelBlock
        Error(a.span, "prisma.unknown-attribute", fmt::format("unknown attribute @{}", a.name));
      }
    }
    CheckModelBlock(b, {diagnostics_, &late_errors_});
    schema_.tables.push_back(std::move(t));
  }

  // Prisma compares the names as written, before PostgreSQL cuts them to 63 bytes.
  void ClaimTableName(const Block& b) {
    QualifiedName name{SchemaOf(b), b.name};
    if (const Attribute* a = b.Find("@map")) {
      if (const Value* v = a->Find("name", 0)) name.name = v->text;
    }
    if (!table_names_.insert(name).second) {
      const Attribute* map = b.Find("@map");
      NameError(map != nullptr ? map->span : b.span,
                fmt::format("{} {} maps to the database name {}, which another model or view "
                            "already has",
                            b.kind == Block::kView ? "view" : "model", b.name,
                            model::QualifiedText(name)));
    }
  }

  void AddPrimaryKey(model::Table& t, std::vector<std::string> columns, const Attribute* a) {
    model::Constraint c;
    c.kind = model::ConstraintKind::kPrimaryKey;
    c.columns = std::move(columns);
    const Value* map = a->Find("map");
    c.name = map ? map->text : PrismaName(t.name.name, 58, "_pkey");
    ClaimIndexName({t.name.schema, c.name}, a->span);
    t.constraints.push_back(std::move(c));
  }

  void AddIndex(const model::Table& t, const std::vector<std::string>& columns,
                std::vector<model::IndexKey> keys, bool unique, const Attribute* a) {
    model::Index index;
    const Value* map = a->Find("map");
    // On @@index, `name` is a legacy alias of `map` (the database name); on @@unique it
    // names the client's compound key and leaves the database name alone.
    if (a->name == "@index" && a->Find("name") != nullptr) {
      if (map != nullptr) {
        Error(a->span, "prisma.index-name",
              "@@index accepts `name` as an alias of `map`, not both: use `map` for the "
              "database name of the index");
      }
      map = a->Find("name");
    }
    index.name = {t.name.schema, map ? map->text
                                     : PrismaName(t.name.name + "_" + Join(columns), 59,
                                                  unique ? "_key" : "_idx")};
    index.table = t.name.name;
    index.unique = unique;
    if (const Value* type = a->Find("type")) {
      std::string method = type->text;
      for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      index.method = method;
    }
    if (keys.empty()) {
      for (const std::string& c : columns)
        keys.push_back({.expression = model::QuoteIdentifier(c)});
    }
    // An operator class the column's type uses anyway is not stored (as the server does).
    for (model::IndexKey& key : keys) {
      for (const model::Column& c : t.columns) {
        if (!key.opclass.empty() && model::QuoteIdentifier(c.name) == key.expression &&
            model::IsDefaultOpclass(key.opclass, index.method, c.type))
          key.opclass.clear();
      }
    }
    index.keys = std::move(keys);
    if (const Value* where = a->Find("where")) index.predicate = Predicate(t, *where);
    ClaimIndexName(index.name, a->span);
    schema_.indexes.push_back(std::move(index));
  }

  // A partial index's `where:` as the server stores it: raw("sql"), or an object of
  // field conditions (`{ active: true, deletedAt: null, kind: { not: "x" } }`) that the
  // engine writes as ("active" = true AND "deletedAt" IS NULL AND "kind" != 'x').
  std::string Predicate(const model::Table& t, const Value& where) {
    model::ColumnTypes types;
    for (const model::Column& c : t.columns) types[c.name] = c.type;
    if (where.kind == Value::kCall && where.text == "raw" && !where.arguments.empty())
      return model::CanonicalExpression(where.arguments[0].value->text, types);
    std::string sql;
    for (const Argument& member : where.arguments) {
      const Block* block = models_by_table_[t.name];
      std::string column = member.name;
      for (const Field& f : block ? block->fields : std::vector<Field>{}) {
        if (f.name == member.name) column = ColumnName(f);
      }
      const Value* value = member.value.get();
      bool negated = false;
      if (value->kind == Value::kObject) {
        if (value->arguments.size() != 1 || value->arguments[0].name != "not") {
          Error(value->span, "prisma.where", "a nested where condition takes only `not`");
          return "";
        }
        negated = true;
        value = value->arguments[0].value.get();
      }
      std::string condition = model::QuoteIdentifier(column);
      if (value->kind == Value::kIdentifier && value->text == "null") {
        condition += negated ? " IS NOT NULL" : " IS NULL";
      } else {
        std::string literal = value->text;
        if (value->kind == Value::kString) {
          literal = "'";
          for (char c : value->text) literal += c == '\'' ? std::string("''") : std::string(1, c);
          literal += "'";
        }
        condition += (negated ? " != " : " = ") + literal;
      }
      sql += (sql.empty() ? "" : " AND ") + condition;
    }
    return model::CanonicalExpression(sql, types);
  }

  // Prisma's engine refuses two primary keys, unique constraints or indexes of one name in
  // a schema (PostgreSQL keeps them all in one namespace).
  // The error stands where Prisma's engine puts it: at the first use of the name.
  void ClaimIndexName(const QualifiedName& name, const model::SourceSpan& at) {
    if (auto [first, fresh] = index_names_.emplace(name, at); !fresh) {
      NameError(
          first->second,
          fmt::format("the constraint name `{}` is used more than once in schema {}: give one a "
                      "different name with the `map` argument",
                      name.name, name.schema));
    }
  }

  void MapRelations(const Block& b) {
    if (relation_mode_prisma_) return;
    QualifiedName table{SchemaOf(b), DbName(b)};
    for (const Field& f : b.fields) {
      if (!IsRelationField(f)) continue;
      const Attribute* rel = f.Find("relation");
      const Value* fields = rel ? rel->Find("fields") : nullptr;
      const Block& target = *models_.at(f.type);
      if (!HasOppositeField(b, f, target)) {
        Error(f.span, "prisma.relation",
              fmt::format("the relation field {}.{} has no opposite relation field on model {}",
                          b.name, f.name, target.name));
        continue;
      }
      if (fields == nullptr) {
        if (f.list) {
          MaybeJoinTable(b, f, target);
        } else if (!OtherSideHasFields(b, f, target)) {
          Error(f.span, "prisma.relation",
                fmt::format("relation field {}.{} has no fields and references, and neither has "
                            "the other side: one side of a relation must hold the foreign key",
                            b.name, f.name));
        }
        continue;
      }
      const Value* references = rel->Find("references");
      if (references == nullptr) {
        Error(rel->span, "prisma.relation",
              fmt::format("relation {}.{} has fields but no references", b.name, f.name));
        continue;
      }
      model::Constraint fk;
      fk.kind = model::ConstraintKind::kForeignKey;
      fk.columns = Columns(b, *fields, rel->span);
      fk.ref_table = {SchemaOf(target), DbName(target)};
      fk.ref_columns = Columns(target, *references, rel->span);
      bool required = true;
      for (const Value& item : fields->items) {
        for (const Field& g : b.fields) {
          if (g.name == item.text && g.optional) required = false;
        }
      }
      fk.on_delete = required ? model::FkAction::kRestrict : model::FkAction::kSetNull;
      fk.on_update = model::FkAction::kCascade;
      if (const Value* d = rel->Find("onDelete")) {
        std::string code = UpperAction(d->text);
        if (!code.empty()) fk.on_delete = static_cast<model::FkAction>(code[0]);
      }
      if (const Value* u = rel->Find("onUpdate")) {
        std::string code = UpperAction(u->text);
        if (!code.empty()) fk.on_update = static_cast<model::FkAction>(code[0]);
      }
      const Value* map = rel->Find("map");
      fk.name = map ? map->text : PrismaName(table.name + "_" + Join(fk.columns), 58, "_fkey");
      for (model::Table& t : schema_.tables) {
        if (t.name != table) continue;
        bool taken =
            std::any_of(t.constraints.begin(), t.constraints.end(),
                        [&](const model::Constraint& c) { return c.name == fk.name; }) ||
            std::any_of(schema_.indexes.begin(), schema_.indexes.end(), [&](const model::Index& i) {
              return i.name == QualifiedName{table.schema, fk.name};
            });
        if (taken) {
          NameError(rel->span,
                    fmt::format("the foreign key name `{}` is already used on model {}: give it a "
                                "different name with the `map` argument",
                                fk.name, b.name));
        }
        t.constraints.push_back(fk);
      }
    }
  }

  static std::string RelationName(const Field& f) {
    if (const Attribute* rel = f.Find("relation")) {
      if (const Value* n = rel->Find("name", 0)) return n->text;
    }
    return "";
  }

  // Every relation field needs a field on the other model pointing back under the same
  // relation name (another field of the model itself, for a self relation).
  static bool HasOppositeField(const Block& b, const Field& f, const Block& target) {
    return std::any_of(target.fields.begin(), target.fields.end(), [&](const Field& g) {
      return g.type == b.name && &g != &f && RelationName(g) == RelationName(f);
    });
  }

  // The back relation field in `target` (same relation name) carries fields/references.
  bool OtherSideHasFields(const Block& b, const Field& f, const Block& target) const {
    for (const Field& g : target.fields) {
      if (g.type != b.name || &g == &f || RelationName(g) != RelationName(f)) continue;
      const Attribute* rel = g.Find("relation");
      if (rel != nullptr && rel->Find("fields") != nullptr) return true;
    }
    return false;
  }

  // An implicit many-to-many relation: both sides are lists without `fields`. The join
  // table is made once, from the alphabetically first model's side.
  void MaybeJoinTable(const Block& a, const Field& f, const Block& other) {
    // The other side: a list of `a` in `other` under the same relation name.
    std::string relation = RelationName(f);
    const Field* back = nullptr;
    for (const Field& g : other.fields) {
      if (g.type == a.name && g.list && &g != &f && RelationName(g) == relation) back = &g;
    }
    if (back == nullptr) return;
    // Each side checks the model it points to, as Prisma's engine does.
    if (std::none_of(other.fields.begin(), other.fields.end(),
                     [](const Field& g) { return g.Find("id") != nullptr; })) {
      Error(f.span, "prisma.relation",
            fmt::format("the many-to-many relation {}.{} points to model {}, which has no @id "
                        "field (use an explicit join model)",
                        a.name, f.name, other.name));
      return;
    }
    if (std::none_of(a.fields.begin(), a.fields.end(),
                     [](const Field& g) { return g.Find("id") != nullptr; }))
      return;  // reported from the other side
    const Block& first = a.name <= other.name ? a : other;
    const Block& second = a.name <= other.name ? other : a;
    if (relation.empty()) relation = first.name + "To" + second.name;
    if (&first != &a && a.name != other.name) return;  // the other side makes it
    std::string name = model::ClipToCharBoundary("_" + relation, 63);
    QualifiedName join{SchemaOf(first), name};
    for (const model::Table& t : schema_.tables) {
      if (t.name == join) return;
    }
    auto pk_type = [&](const Block& m) -> std::string {
      for (const model::Table& t : schema_.tables) {
        if (t.name != QualifiedName{SchemaOf(m), DbName(m)}) continue;
        for (const model::Constraint& c : t.constraints) {
          if (c.kind != model::ConstraintKind::kPrimaryKey || c.columns.size() != 1) continue;
          for (const model::Column& col : t.columns) {
            if (col.name == c.columns[0]) return col.type;
          }
        }
      }
      return "";
    };
    auto pk_column = [&](const Block& m) -> std::string {
      for (const model::Table& t : schema_.tables) {
        if (t.name != QualifiedName{SchemaOf(m), DbName(m)}) continue;
        for (const model::Constraint& c : t.constraints) {
          if (c.kind == model::ConstraintKind::kPrimaryKey && c.columns.size() == 1)
            return c.columns[0];
        }
      }
      return "";
    };
    model::Table t;
    t.name = join;
    t.columns = {{.name = "A", .position = 1, .type = pk_type(first), .not_null = true},
                 {.name = "B", .position = 2, .type = pk_type(second), .not_null = true}};
    t.constraints.push_back({.name = model::ClipToCharBoundary(name, 55) + "_AB_pkey",
                             .kind = model::ConstraintKind::kPrimaryKey,
                             .columns = {"A", "B"}});
    auto fk = [&](const std::string& column, const Block& target) {
      model::Constraint c;
      c.kind = model::ConstraintKind::kForeignKey;
      c.columns = {column};
      c.ref_table = {SchemaOf(target), DbName(target)};
      c.ref_columns = {pk_column(target)};
      c.on_delete = model::FkAction::kCascade;
      c.on_update = model::FkAction::kCascade;
      c.name = model::ClipToCharBoundary(name, 56) + "_" + column + "_fkey";
      return c;
    };
    t.constraints.push_back(fk("A", first));
    t.constraints.push_back(fk("B", second));
    schema_.indexes.push_back(
        {.name = {join.schema, model::ClipToCharBoundary(name, 55) + "_B_index"},
         .table = name,
         .keys = {{.expression = "\"B\""}}});
    schema_.tables.push_back(std::move(t));
  }

  const SchemaAst ast_;
  std::vector<model::Diagnostic>* diagnostics_;
  std::vector<model::Diagnostic> late_errors_;
  DeclaredAt* declared_at_;  // may be null
  model::Schema schema_;
  std::map<std::string, const Block*> models_, enums_;
  std::map<QualifiedName, const Block*> models_by_table_;
  std::set<std::string> declared_schemas_;
  // Primary keys, unique constraints and indexes, with where each name is first used.
  std::map<QualifiedName, model::SourceSpan> index_names_;
  std::set<QualifiedName> table_names_;  // models and views
  bool multi_schema_ = false;
  bool relation_mode_prisma_ = false;
};

}  // namespace

model::Schema MapToModel(const SchemaAst& ast, std::vector<model::Diagnostic>* diagnostics,
                         DeclaredAt* declared_at) {
  return Mapper(ast, diagnostics, declared_at).Run();
}

}  // namespace drift::parser::prisma
