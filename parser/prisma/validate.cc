#include "parser/prisma/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>

namespace drift::parser::prisma {
namespace {

bool IsScalar(const std::string& type) {
  for (std::string_view s : {"String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime",
                             "Json", "Bytes", "Unsupported"}) {
    if (type == s) return true;
  }
  return false;
}

class ModelChecker {
 public:
  ModelChecker(const Block& b, BlockDiagnostics out) : b_(b), out_(out) {}

  void Run() {
    for (const Field& f : b_.fields) {
      if (f.Find("id") || f.Find("unique")) CheckIndexable(f.name);
      for (const char* key : {"id", "unique"}) {
        if (const Attribute* a = f.Find(key)) CheckPostgresArguments(*a);
      }
    }
    std::map<std::string, model::SourceSpan> compound_names;  // where each is first used
    for (const Attribute& a : b_.attributes) {
      if (a.name == "@fulltext") {
        Error(a.span, "prisma.connector", "@@fulltext indexes are MySQL and MongoDB only");
      }
      if (a.name != "@id" && a.name != "@unique" && a.name != "@index") continue;
      if (const Value* name = a.Find("name"); name != nullptr && a.name != "@index") {
        if (auto [first, fresh] = compound_names.emplace(name->text, a.span); !fresh) {
          Late(
              first->second, "prisma.duplicate-name",
              fmt::format("the compound name `{}` is used twice in model {}", name->text, b_.name));
        }
      }
      CheckPostgresArguments(a);
      const Value* fields = a.Find("fields", 0);
      if (fields == nullptr) continue;
      for (const Value& item : fields->items) {
        CheckIndexable(item.text);
        CheckIndexType(a, item);
      }
    }
    CheckAttributesOnce(b_.attributes, {"@id", "@map", "@schema", "@ignore"});
    for (const Field& f : b_.fields) {
      CheckAttributesOnce(f.attributes,
                          {"id", "default", "unique", "map", "updatedAt", "relation", "ignore"});
    }
    int ids = b_.Find("@id") != nullptr;
    for (const Field& f : b_.fields) ids += f.Find("id") != nullptr;
    if (ids > 1) {
      Error(b_.span, "prisma.id",
            fmt::format("model {} has more than one id: use one @id or one @@id([…])", b_.name));
    }
    if (!b_.Find("@ignore") && !HasUniqueCriteria()) {
      Late(b_.span, "prisma.no-unique-criteria",
           fmt::format("model {} has no unique criteria of required fields: mark a field with "
                       "@id or @unique, or add @@id([…]) or @@unique([…])",
                       b_.name));
    }
  }

 private:
  void Error(const model::SourceSpan& span, const std::string& code, std::string message) {
    out_.now->push_back({model::Severity::kError, code, span, std::move(message), ""});
  }
  void Late(const model::SourceSpan& span, const std::string& code, std::string message) {
    out_.late->push_back({model::Severity::kError, code, span, std::move(message), ""});
  }

  const Field* FieldNamed(const std::string& name) const {
    for (const Field& f : b_.fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }

  // @id, @@id, or a @unique / @@unique over required fields only.
  bool HasUniqueCriteria() const {
    if (b_.Find("@id")) return true;
    for (const Field& f : b_.fields) {
      if (f.Find("id") || (f.Find("unique") && !f.optional && !f.list)) return true;
    }
    for (const Attribute& a : b_.attributes) {
      const Value* fields = a.name == "@unique" ? a.Find("fields", 0) : nullptr;
      if (fields == nullptr) continue;
      bool required = std::all_of(fields->items.begin(), fields->items.end(), [&](const Value& v) {
        const Field* f = FieldNamed(v.text);
        return f == nullptr || (!f->optional && !f->list);
      });
      if (required) return true;
    }
    return false;
  }

  // `clustered:` (SQL Server) and a key's `length:` (MySQL) have no PostgreSQL meaning.
  void CheckPostgresArguments(const Attribute& a) {
    if (a.Find("clustered") != nullptr) {
      Error(a.span, "prisma.connector", "`clustered` is SQL Server only");
    }
    bool length = a.Find("length") != nullptr;
    if (const Value* fields = a.Find("fields", 0); fields != nullptr) {
      for (const Value& item : fields->items) {
        for (const Argument& arg : item.arguments) length |= arg.name == "length";
      }
    }
    if (length) Error(a.span, "prisma.connector", "`length` is MySQL only");
  }

  // PostgreSQL has no btree operator class for xml: the engine refuses it in any key, at
  // the field.
  void CheckIndexable(const std::string& field) {
    const Field* f = FieldNamed(field);
    if (f != nullptr && f->Find("db.Xml")) {
      Late(f->span, "prisma.index-type",
           fmt::format("field {}.{} has native type Xml, which cannot be in a key or index",
                       b_.name, f->name));
    }
  }

  // A key of an index of a given `type:` (Gin, Gist, …) with no `ops:` needs a default
  // operator class, which the engine knows by scalar and native type.
  void CheckIndexType(const Attribute& a, const Value& key) {
    const Value* type = a.Find("type");
    const Field* f = FieldNamed(key.text);
    if (type == nullptr || f == nullptr) return;
    for (const Argument& arg : key.arguments) {
      if (arg.name == "ops") return;
    }
    if (!IndexTypeFits(type->text, *f)) {
      Error(a.span, "prisma.index-type",
            fmt::format("a {} index has no operator class for field {} without `ops`", type->text,
                        f->name));
    }
  }

  static bool IndexTypeFits(const std::string& method, const Field& field) {
    if (field.list || method == "BTree" || method == "Hash") return true;
    std::string native;
    for (const Attribute& a : field.attributes) {
      if (a.name.starts_with("db.")) native = a.name.substr(3);
    }
    const std::string& scalar = field.type;
    if (!IsScalar(scalar) || native == "Citext") return false;  // an enum, citext
    if (method == "Gin") return scalar == "Json";
    if (method == "Gist") return scalar == "String" && native != "Inet" && native != "Uuid";
    if (method == "SpGist") return scalar == "String" && native != "Uuid";
    if (method == "Brin") return scalar != "Json" && scalar != "Boolean" && native != "Money";
    return true;
  }

  // Each of `single` at most once (and one native type); said at the first.
  void CheckAttributesOnce(const std::vector<Attribute>& attributes,
                           std::initializer_list<std::string_view> single) {
    auto same = [&](size_t i, size_t j) {  // @db.X and @db.Y are the same attribute
      const std::string &x = attributes[i].name, &y = attributes[j].name;
      return x == y || (x.starts_with("db.") && y.starts_with("db."));
    };
    for (size_t i = 0; i < attributes.size(); ++i) {
      const std::string& name = attributes[i].name;
      if (!name.starts_with("db.") && std::find(single.begin(), single.end(), name) == single.end())
        continue;
      bool first = true;
      for (size_t j = 0; j < i && first; ++j) first = !same(i, j);
      for (size_t j = i + 1; first && j < attributes.size(); ++j) {
        if (!same(i, j)) continue;
        Error(attributes[i].span, "prisma.duplicate-attribute",
              fmt::format("attribute @{} can be given only once", name));
        break;
      }
    }
  }

  const Block& b_;
  BlockDiagnostics out_;
};

}  // namespace

void CheckModelBlock(const Block& b, BlockDiagnostics out) { ModelChecker(b, out).Run(); }

}  // namespace drift::parser::prisma
