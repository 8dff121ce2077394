#include "differential/prisma_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace drift::differential {
namespace {

struct Field {
  std::string name;
  std::string type;    // scalar, enum or model name; Unsupported("…") in full
  std::string native;  // "@db.VarChar(20)" or ""
  bool optional = false;
  bool list = false;
  std::string attributes;  // " @unique @map(\"x\")"
  std::string comment;     // a comment line or trailing comment, "" for none
  bool relation = false;   // a relation field (its type is a model)
  bool back = false;       // the side of a relation without `fields`
};

struct Block {
  std::string keyword;  // model, view, enum
  std::string name;
  std::vector<Field> fields;  // enum values: name + attributes
  std::vector<std::string> attributes;
  std::string comment;  // above the block
  size_t file = 0;
  bool ignored = false;
  std::vector<size_t> id;  // indexes of the id fields
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  GeneratedSchema Run() {
    multi_schema_ = Chance(0.2);
    extensions_ = Chance(0.1);
    partial_ = Chance(0.15);
    if (multi_schema_) schemas_ = {"public", Pick<std::string>({"other", "Billing", "audit"})};
    files_ = Chance(0.2) ? Int(2, 3) : 1;
    int enum_count = Int(0, 3);
    for (int i = 0; i < enum_count; ++i) Enum(i);
    int model_count = Int(1, 6);
    for (int i = 0; i < model_count; ++i) Model(i);
    int relation_count = Int(0, 5);
    for (int i = 0; i < relation_count; ++i) Relation();
    if (Chance(0.15)) ExplicitManyToMany();
    for (size_t m = 0; m < models_.size(); ++m) BlockAttributes(models_[m]);
    if (Chance(0.1)) View();
    if (Chance(0.1)) IgnoreOne();
    if (Chance(0.1)) Mistake();
    return Print();
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  T Pick(std::initializer_list<T> items) {
    return *(items.begin() + Int(0, static_cast<int>(items.size()) - 1));
  }
  template <typename T>
  const T& PickOf(const std::vector<T>& items) {
    return items[Int(0, static_cast<int>(items.size()) - 1)];
  }

  std::string Comment() {
    switch (Int(0, 3)) {
      case 0:
        return "// a note";
      case 1:
        return "/// documentation";
      case 2:
        return "/* a block comment */";
      default:
        return "/**\n * documentation\n */";
    }
  }

  size_t File() { return static_cast<size_t>(Int(0, files_ - 1)); }

  std::string SchemaAttribute() {
    return multi_schema_ ? fmt::format("@@schema(\"{}\")", PickOf(schemas_)) : "";
  }

  std::string NewName(const std::vector<std::string>& pool) {
    std::string base = PickOf(pool);
    std::string name = base;
    for (int n = 2; used_names_.contains(name); ++n) name = base + std::to_string(n);
    used_names_.insert(name);
    return name;
  }

  static std::string Quote(const std::string& text) { return "\"" + text + "\""; }

  void Enum(int i) {
    Block e;
    e.keyword = "enum";
    e.name = NewName({"Role", "Status", "Kind", "Plan_Tier", "Color"});
    int values = Int(1, 5);
    static const char* kValues[] = {"ACTIVE", "inactive", "Pending", "ON_HOLD", "x", "DONE"};
    for (int v = 0; v < values; ++v) {
      Field f;
      f.name = kValues[(v + i) % 6];
      if (Chance(0.15)) {
        f.attributes = fmt::format(" @map(\"{}{}\")", Pick({"on-hold", "a b", "É"}), v);
      }
      if (std::any_of(e.fields.begin(), e.fields.end(),
                      [&](const Field& g) { return g.name == f.name; }))
        continue;
      if (Chance(0.1)) f.comment = "// value";
      e.fields.push_back(f);
    }
    if (Chance(0.15)) e.attributes.push_back(fmt::format("@@map(\"{}_enum\")", e.name));
    if (multi_schema_) e.attributes.push_back(SchemaAttribute());
    e.file = File();
    if (Chance(0.2)) e.comment = Comment();
    enums_.push_back(std::move(e));
  }

  // A scalar field of a random type, with a native type, default, and attributes.
  Field Scalar(const std::string& name) {
    Field f;
    f.name = name;
    int kind = Int(0, enums_.empty() ? 9 : 10);
    static const char* kScalars[] = {"String",  "Int",      "BigInt", "Float", "Decimal",
                                     "Boolean", "DateTime", "Json",   "Bytes", "String"};
    f.type = kind < 10 ? kScalars[kind] : PickOf(enums_).name;
    f.optional = Chance(0.3);
    f.list = !f.optional && Chance(0.1) && f.type != "Json";
    if (Chance(0.4)) f.native = Native(f.type);
    if (Chance(0.4)) f.attributes += Default(f);
    if (f.type == "DateTime" && !f.list && Chance(0.1) && f.attributes.empty())
      f.attributes += " @updatedAt";
    if (!f.list && f.type != "Json" && Chance(0.1) && !long_model_) {
      std::string unique = Pick<std::string>(
          {" @unique", " @unique(map: \"custom_unique\")", " @unique(sort: Desc)"});
      Unique(&unique);
      f.attributes += unique;
    }
    if (Chance(0.15)) f.attributes += fmt::format(" @map(\"{}_col\")", name);
    if (Chance(0.1)) f.comment = Comment();
    return f;
  }

  std::string Native(const std::string& type) {
    if (type == "String" && extensions_ && Chance(0.2)) return "@db.Citext";
    if (type == "String") {
      return Pick<std::string>({"@db.Text", "@db.VarChar", "@db.VarChar(42)", "@db.Char(3)",
                                "@db.Uuid", "@db.Xml", "@db.Inet", "@db.Bit(1)", "@db.VarBit",
                                "@db.VarBit(8)"});
    }
    if (type == "Int") return Pick<std::string>({"@db.Integer", "@db.SmallInt", "@db.Oid"});
    if (type == "BigInt") return "@db.BigInt";
    if (type == "Float") return Pick<std::string>({"@db.Real", "@db.DoublePrecision"});
    if (type == "Decimal")
      return Pick<std::string>({"@db.Decimal(10, 2)", "@db.Money", "@db.Decimal"});
    if (type == "Boolean") return "@db.Boolean";
    if (type == "DateTime") {
      return Pick<std::string>({"@db.Timestamp(6)", "@db.Timestamp", "@db.Timestamptz(3)",
                                "@db.Timestamptz", "@db.Date", "@db.Time(2)", "@db.Timetz"});
    }
    if (type == "Json") return Pick<std::string>({"@db.Json", "@db.JsonB"});
    if (type == "Bytes") return "@db.ByteA";
    return "";
  }

  std::string Default(const Field& f) {
    const std::string& n = f.native;
    if (f.list) {
      bool textual = n.empty() || n == "@db.Text" || n.starts_with("@db.VarChar");
      if (f.type == "String" && !textual) return " @default([])";
      if (f.type == "String")
        return Pick<std::string>({" @default([])", " @default([\"a\", \"b c\"])"});
      if (f.type == "Int" && n != "@db.Oid") return " @default([1, -2, 3])";
      if (f.type == "Boolean") return " @default([true, false])";
      for (const Block& e : enums_) {
        if (e.name == f.type) return fmt::format(" @default([{}])", e.fields[0].name);
      }
      return "";
    }
    if (f.type == "String") {
      if (n == "@db.Uuid")
        return Pick<std::string>(
            {" @default(uuid())", " @default(dbgenerated(\"gen_random_uuid()\"))"});
      if (n == "@db.Inet") return " @default(\"127.0.0.1\")";
      if (n == "@db.Xml" || n.starts_with("@db.Bit") || n.starts_with("@db.VarBit")) return "";
      if (n == "@db.Char(3)") return " @default(\"abc\")";
      return Pick<std::string>({" @default(\"\")", " @default(\"hello\")", " @default(\"it's\")",
                                " @default(\"back\\\\slash\")", " @default(\"quote \\\" inside\")",
                                " @default(cuid())", " @default(uuid())", " @default(nanoid())",
                                " @default(dbgenerated(\"'x'::text\"))"});
    }
    if (f.type == "Int") {
      if (n == "@db.Oid") return " @default(7)";
      return Pick<std::string>({" @default(0)", " @default(-5)", " @default(42)",
                                " @default(dbgenerated(\"(1 + 2)\"))"});
    }
    if (f.type == "BigInt")
      return Pick<std::string>({" @default(0)", " @default(9007199254740993)"});
    if (f.type == "Float")
      return Pick<std::string>({" @default(1.5)", " @default(-0.25)", " @default(3)"});
    if (f.type == "Decimal")
      return Pick<std::string>({" @default(1.5)", " @default(0)", " @default(\"2.75\")"});
    if (f.type == "Boolean") return Pick<std::string>({" @default(true)", " @default(false)"});
    if (f.type == "DateTime") {
      if (n == "@db.Time(2)" || n == "@db.Timetz")
        return Pick<std::string>({" @default(now())", ""});
      return Pick<std::string>({" @default(now())", " @default(\"2024-02-29T12:34:56.789Z\")",
                                " @default(dbgenerated(\"CURRENT_TIMESTAMP\"))"});
    }
    if (f.type == "Json")
      return Pick<std::string>(
          {" @default(\"{}\")", " @default(\"[1, 2]\")", " @default(\"{\\\"a\\\": \\\"b\\\"}\")"});
    if (f.type == "Bytes") return " @default(\"aGVsbG8=\")";
    for (const Block& e : enums_) {
      if (e.name == f.type) return fmt::format(" @default({})", PickOf(e.fields).name);
    }
    return "";
  }

  void Model(int i) {
    Block m;
    m.keyword = "model";
    const std::string kLong =
        "AVeryLongModelNameThatKeepsGoingUntilPostgresMustTruncateTheIdentifier";
    m.name = Chance(0.05) && !used_names_.contains(kLong)
                 ? NewName({kLong})
                 : NewName({"User", "Post", "Comment", "Tag", "Account", "team_member", "Order",
                            "Invoice", "LineItem"});
    m.file = File();
    long_model_ = m.name.size() > 40;
    if (Chance(0.2)) m.comment = Comment();
    // The id: one field of a kind and its attributes (one of them picked), or a
    // composite @@id.
    struct IdShape {
      Field field;
      std::vector<std::string> attributes;
    };
    static const IdShape kIds[] = {
        {{.name = "id", .type = "Int"}, {" @id @default(autoincrement())"}},
        {{.name = "id", .type = "Int"}, {" @id @default(autoincrement())"}},
        {{.name = "id", .type = "String"},
         {" @id @default(cuid())", " @id @default(uuid())", " @id(map: \"custom_pk\")"}},
        {{.name = "id", .type = "String", .native = "@db.Uuid"},
         {" @id @default(dbgenerated(\"gen_random_uuid()\"))"}},
        {{.name = "id", .type = "BigInt"}, {" @id @default(autoincrement())", " @id"}},
        {{.name = "code", .type = "String", .native = "@db.VarChar(12)"}, {" @id"}},
    };
    size_t shape = static_cast<size_t>(Int(0, 6));
    if (shape < std::size(kIds)) {
      Field id = kIds[shape].field;
      const std::vector<std::string>& choices = kIds[shape].attributes;
      id.attributes = choices.size() == 1 ? choices[0] : PickOf(choices);
      if (id.attributes.find("map:") != std::string::npos) Unique(&id.attributes);
      m.fields.push_back(id);
    } else {
      m.fields.push_back({.name = "tenant", .type = "Int"});
      m.fields.push_back({.name = "number", .type = "String"});
      std::string args =
          Pick<std::string>({"", ", map: \"composite_pk\"", ", name: \"tenantNumber\""});
      Unique(&args);
      m.attributes.push_back(fmt::format("@@id([tenant, number]{})", args));
    }
    for (size_t f = 0; f < m.fields.size(); ++f) m.id.push_back(f);
    int scalars = Int(0, 6);
    static const char* kNames[] = {"name",    "email", "createdAt", "score",
                                   "payload", "flags", "note"};
    for (int s = 0; s < scalars; ++s) {
      std::string name = std::string(kNames[(s + i) % 7]) + (s >= 7 ? std::to_string(s) : "");
      if (std::any_of(m.fields.begin(), m.fields.end(),
                      [&](const Field& g) { return g.name == name; }))
        continue;
      m.fields.push_back(Scalar(name));
    }
    if (Chance(0.05)) {
      m.fields.push_back(
          {.name = "shape",
           .type = Pick<std::string>({"Unsupported(\"circle\")", "Unsupported(\"tsvector\")",
                                      "Unsupported(\"int4range\")"}),
           .optional = true});
    }
    if (Chance(0.05))
      m.fields.push_back(
          {.name = "legacy", .type = "String", .optional = true, .attributes = " @ignore"});
    if (Chance(0.15)) {
      std::string table = Pick<std::string>({"tbl_" + m.name, "Mapped Table", m.name + "s"});
      if (used_names_.insert(table).second)
        m.attributes.push_back(fmt::format("@@map(\"{}\")", table));
    }
    if (multi_schema_) m.attributes.push_back(SchemaAttribute());
    models_.push_back(std::move(m));
  }

  // Plain scalar (non-list, non-Json) fields of `m`, for unique constraints and indexes.
  std::vector<const Field*> Indexable(const Block& m) {
    std::vector<const Field*> out;
    for (const Field& f : m.fields) {
      if (f.relation || f.list || f.type == "Json" || f.type.starts_with("Unsupported") ||
          f.attributes.find("@ignore") != std::string::npos || f.native == "@db.Xml")
        continue;
      out.push_back(&f);
    }
    return out;
  }

  void BlockAttributes(Block& m) {
    std::vector<const Field*> fields = Indexable(m);
    // A model name that fills the 63 bytes leaves every index the same truncated name.
    if (fields.empty() || m.name.size() > 40) return;
    // Keys already taken (a field's own @unique, earlier lists): the default names would
    // clash, which the engine refuses.
    std::set<std::string> taken;
    for (const Field* f : fields) {
      if (f->attributes.find("@unique") != std::string::npos) taken.insert(f->name);
    }
    int count = Int(0, 2);
    for (int k = 0; k < count; ++k) {
      std::shuffle(fields.begin(), fields.end(), rng_);
      size_t width = std::min<size_t>(fields.size(), static_cast<size_t>(Int(1, 3)));
      std::string list, names;
      for (size_t c = 0; c < width; ++c) {
        list += (c ? ", " : "") + fields[c]->name;
        names += (c ? ", " : "") + fields[c]->name;
        if (Chance(0.2)) list += "(sort: Desc)";
      }
      if (!taken.insert(names).second) continue;
      if (Chance(0.4)) {
        std::string args = Pick<std::string>({"", ", map: \"uniq_custom\"", ", name: \"byKeys\""});
        Unique(&args);
        args += Where(fields[0]);
        m.attributes.push_back(fmt::format("@@unique([{}]{})", list, args));
      } else {
        std::string args =
            Pick<std::string>({"", "", ", map: \"idx_custom\"", ", name: \"legacy_named_idx\"",
                               ", type: BTree", ", type: Hash", ", type: Brin"});
        bool brin_unfit = false;
        for (size_t c = 0; c < width; ++c)
          brin_unfit |= fields[c]->type == "Boolean" || fields[c]->native == "@db.Money" ||
                        !IsScalar(fields[c]->type);
        if (args == ", type: Brin" && brin_unfit) args = "";
        Unique(&args);
        bool sorted = list.find("sort") != std::string::npos;
        if ((args == ", type: Hash" && (width > 1 || sorted)) || (args == ", type: Brin" && sorted))
          args = "";
        args += Where(fields[0]);
        m.attributes.push_back(fmt::format("@@index([{}]{})", list, args));
      }
    }
    // A trigram index (pg_trgm) over a text field.
    for (const Field& f : m.fields) {
      if (!extensions_ || f.relation || f.list || f.type != "String" || !f.native.empty() ||
          !Chance(0.5))
        continue;
      m.attributes.push_back(
          fmt::format("@@index([{}(ops: raw(\"gin_trgm_ops\"))], type: Gin)", f.name));
      break;
    }
    // A GIN index over a Json or list field.
    for (const Field& f : m.fields) {
      if (f.relation || (!f.list && f.type != "Json") || f.native == "@db.Json" || !Chance(0.3))
        continue;
      std::string ops;
      if (f.type == "Json") ops = Pick<std::string>({"", "(ops: JsonbPathOps)", "(ops: JsonbOps)"});
      if (f.list) ops = Pick<std::string>({"", "(ops: ArrayOps)"});
      m.attributes.push_back(fmt::format("@@index([{}{}], type: Gin)", f.name, ops));
      break;
    }
  }

  // A partial index's condition on `f` (partialIndexes): raw SQL, or the object form.
  std::string Where(const Field* f) {
    if (!partial_ || !Chance(0.4)) return "";
    bool mapped = f->attributes.find("@map") != std::string::npos;
    if (!mapped && Chance(0.3))
      return fmt::format(", where: raw(\"\\\"{}\\\" IS NOT NULL\")", f->name);
    if (f->type == "Boolean")
      return fmt::format(", where: {{ {}: {} }}", f->name, Pick<std::string>({"true", "false"}));
    if (f->type == "String" && f->native.empty())
      return fmt::format(", where: {{ {}: {} }}", f->name,
                         Pick<std::string>({"\"x\"", "{ not: \"it's\" }"}));
    return fmt::format(", where: {{ {}: {} }}", f->name,
                       Pick<std::string>({"null", "{ not: null }"}));
  }

  // Numbers a custom name (map:/name: "…") so that no two are the same.
  void Unique(std::string* args) {
    size_t quote = args->rfind('"');
    if (quote == std::string::npos || quote == 0) return;
    args->insert(quote, "_" + std::to_string(++custom_names_));
  }

  static bool IsScalar(const std::string& type) {
    for (const char* s :
         {"String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"}) {
      if (type == s) return true;
    }
    return false;
  }

  static std::string LowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  }

  std::string FieldName(Block& m, const std::string& base) {
    std::string name = LowerFirst(base);
    for (int n = 2; std::any_of(m.fields.begin(), m.fields.end(),
                                [&](const Field& g) { return g.name == name; });
         ++n)
      name = LowerFirst(base) + std::to_string(n);
    return name;
  }

  void Relation() {
    if (models_.empty()) return;
    size_t p = static_cast<size_t>(Int(0, static_cast<int>(models_.size()) - 1));
    size_t c = static_cast<size_t>(Int(0, static_cast<int>(models_.size()) - 1));
    std::pair<size_t, size_t> pair = std::minmax(p, c);
    bool named = p == c || pairs_.contains(pair) || Chance(0.3);
    pairs_.insert(pair);
    std::string name = named ? fmt::format("Rel{}", ++relation_number_) : "";
    int kind = Int(0, 9);  // 0-5 one-to-many, 6-7 one-to-one, 8-9 many-to-many
    Block& parent = models_[p];
    // (Two implicit many-to-many tables of a 63-byte model name would get one cut name.)
    bool long_names = parent.name.size() > 40 || models_[c].name.size() > 40;
    if (kind >= 8 && parent.id.size() == 1 && models_[c].id.size() == 1 && !long_names) {
      ManyToMany(p, c, name);
      return;
    }
    bool one_to_one = kind >= 6;
    bool optional = Chance(0.4) || p == c;  // a required self relation cannot be created
    std::vector<std::string> fk_names, ref_names;
    std::string base = LowerFirst(parent.name.substr(0, 12));
    std::vector<Field> fks;
    for (size_t id : parent.id) {
      const Field& ref = parent.fields[id];
      Field fk;
      fk.name = FieldName(models_[c], base + "_" + ref.name);
      fk.type = ref.type;
      fk.native = ref.native;
      fk.optional = optional;
      if (one_to_one && parent.id.size() == 1) fk.attributes = " @unique";
      fk_names.push_back(fk.name);
      ref_names.push_back(ref.name);
      models_[c].fields.push_back(fk);
    }
    Block& child = models_[c];
    if (one_to_one && fk_names.size() > 1) {
      child.attributes.push_back(fmt::format("@@unique([{}])", Join(fk_names)));
    }
    std::string args = named ? Quote(name) + ", " : "";
    args += fmt::format("fields: [{}], references: [{}]", Join(fk_names), Join(ref_names));
    if (Chance(0.4)) {
      std::string action =
          Pick<std::string>({"Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"});
      if (action == "SetNull" && !optional) action = "Cascade";
      args += ", onDelete: " + action;
    }
    if (Chance(0.3))
      args += ", onUpdate: " + Pick<std::string>({"Cascade", "Restrict", "NoAction"});
    if (Chance(0.15)) args += ", map: \"custom_fk_" + std::to_string(++custom_names_) + "\"";
    Field forward;
    forward.name = FieldName(child, parent.name.substr(0, 12) + "Ref");
    forward.type = parent.name;
    forward.optional = optional;
    forward.relation = true;
    forward.attributes = " @relation(" + args + ")";
    child.fields.push_back(forward);
    Field back;
    back.name = FieldName(models_[p], child.name.substr(0, 12) + (one_to_one ? "One" : "List"));
    back.type = child.name;
    back.list = !one_to_one;
    back.optional = one_to_one;
    back.relation = back.back = true;
    if (named) back.attributes = " @relation(" + Quote(name) + ")";
    models_[p].fields.push_back(back);
  }

  void ManyToMany(size_t p, size_t c, const std::string& name) {
    for (size_t side : {p, c}) {
      Block& m = models_[side];
      const Block& other = models_[side == p ? c : p];
      Field f;
      f.name = FieldName(m, other.name.substr(0, 12) + "Set");
      f.type = other.name;
      f.list = true;
      f.relation = true;
      if (!name.empty()) f.attributes = " @relation(" + Quote(name) + ")";
      m.fields.push_back(f);
    }
  }

  // A join model of its own between two models with single-field ids (or a model and
  // itself): two required relations and a composite id over both keys.
  void ExplicitManyToMany() {
    std::vector<size_t> candidates;
    for (size_t m = 0; m < models_.size(); ++m) {
      if (models_[m].id.size() == 1 && models_[m].name.size() <= 40) candidates.push_back(m);
    }
    if (candidates.empty()) return;
    size_t a = PickOf(candidates), b = PickOf(candidates);
    Block link;
    link.keyword = "model";
    link.name = NewName({"Link", "Membership"});
    link.file = File();
    std::vector<std::string> keys;
    for (size_t side : {a, b}) {
      const Block& target = models_[side];
      const Field& ref = target.fields[target.id[0]];
      std::string name = a == b ? fmt::format("Link{}", ++relation_number_) : "";
      Field fk{.name = FieldName(link, target.name.substr(0, 12) + "Id"),
               .type = ref.type,
               .native = ref.native};
      link.fields.push_back(fk);
      keys.push_back(fk.name);
      Field to{.name = FieldName(link, target.name.substr(0, 12)),
               .type = target.name,
               .relation = true};
      to.attributes = " @relation(" + (name.empty() ? "" : Quote(name) + ", ") + "fields: [" +
                      fk.name + "], references: [" + ref.name + "], onDelete: Cascade)";
      link.fields.push_back(to);
      Field back{.name = "", .type = link.name, .list = true, .relation = true, .back = true};
      if (!name.empty()) back.attributes = " @relation(" + Quote(name) + ")";
      pending_backs_.push_back({side, back});
    }
    link.attributes.push_back("@@id([" + Join(keys) + "])");
    if (multi_schema_) link.attributes.push_back(SchemaAttribute());
    for (auto& [side, back] : pending_backs_) {
      back.name = FieldName(models_[side], link.name + "s");
      models_[side].fields.push_back(back);
    }
    pending_backs_.clear();
    models_.push_back(std::move(link));
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  void View() {
    Block v;
    v.keyword = "view";
    v.name = NewName({"ActiveUsers", "Report"});
    v.fields.push_back({.name = "id", .type = "Int", .attributes = " @unique"});
    v.fields.push_back({.name = "label", .type = "String", .optional = true});
    v.file = File();
    if (multi_schema_) v.attributes.push_back(SchemaAttribute());
    views_.push_back(std::move(v));
  }

  // @@ignore a model that takes part in no relation.
  void IgnoreOne() {
    for (Block& m : models_) {
      bool related = false;
      for (const Block& other : models_) {
        for (const Field& f : other.fields)
          related |= f.relation && (f.type == m.name || &other == &m);
      }
      bool ignores_field = std::any_of(m.fields.begin(), m.fields.end(), [](const Field& f) {
        return f.attributes.find("@ignore") != std::string::npos;
      });
      if (!related && !ignores_field) {
        m.attributes.push_back("@@ignore");
        return;
      }
    }
  }

  void Mistake() {
    Block& m = models_[static_cast<size_t>(Int(0, static_cast<int>(models_.size()) - 1))];
    switch (Int(0, 6)) {
      case 5:
        m.attributes.push_back(
            Pick<std::string>({"@@index([" + m.fields[0].name + "(length: 10)])",
                               "@@index([" + m.fields[0].name + "], clustered: true)",
                               "@@fulltext([" + m.fields[0].name + "])"}));
        mistake_ = "an argument of another connector";
        return;
      case 6:
        m.attributes.push_back("@@id([" + m.fields[0].name + "])");
        mistake_ = "two ids";
        return;
      case 0:
        for (Block& b : models_) {
          auto back =
              std::find_if(b.fields.begin(), b.fields.end(), [](const Field& f) { return f.back; });
          if (back != b.fields.end()) {
            b.fields.erase(back);
            mistake_ = "missing back-relation";
            return;
          }
        }
        break;
      case 1:
        m.fields.push_back(m.fields.back());
        mistake_ = "duplicate field";
        return;
      case 2:
        m.fields.push_back({.name = "wrongNative", .type = "Int", .native = "@db.VarChar(10)"});
        mistake_ = "native type that does not fit";
        return;
      case 3:
        m.fields.push_back({.name = "oddAttribute", .type = "String", .attributes = " @foo"});
        mistake_ = "unknown attribute";
        return;
      default:
        break;
    }
    m.attributes.push_back("@@index([noSuchField])");
    mistake_ = "index over an unknown field";
  }

  static std::string FieldLine(const Field& f) {
    std::string line =
        "  " + f.name + " " + f.type + (f.list ? "[]" : "") + (f.optional ? "?" : "");
    if (!f.native.empty()) line += " " + f.native;
    line += f.attributes;
    return line;
  }

  std::string PrintBlock(const Block& b) {
    std::string out;
    if (!b.comment.empty()) out += b.comment + "\n";
    out += b.keyword + " " + b.name + " {\n";
    for (const Field& f : b.fields) {
      std::string line = b.keyword == "enum" ? "  " + f.name + f.attributes : FieldLine(f);
      if (f.comment.empty()) {
        out += line + "\n";
      } else if (f.comment.find('\n') != std::string::npos || Chance(0.5)) {
        out += "  " + f.comment + "\n" + line + "\n";  // a comment line above the field
      } else {
        out += line + " " + f.comment + "\n";  // a trailing comment
      }
    }
    if (!b.attributes.empty()) out += "\n";
    for (const std::string& a : b.attributes) out += "  " + a + "\n";
    return out + "}\n";
  }

  GeneratedSchema Print() {
    std::string head = "datasource db {\n  provider = \"postgresql\"\n";
    if (multi_schema_) {
      std::string list;
      for (const std::string& s : schemas_) list += (list.empty() ? "" : ", ") + Quote(s);
      head += "  schemas  = [" + list + "]\n";
    }
    if (extensions_) head += "  extensions = [pg_trgm, citext]\n";
    head += "}\n\ngenerator client {\n  provider = \"prisma-client-js\"\n";
    std::string features;
    if (!views_.empty()) features += "\"views\"";
    if (extensions_)
      features += std::string(features.empty() ? "" : ", ") + "\"postgresqlExtensions\"";
    if (partial_) features += std::string(features.empty() ? "" : ", ") + "\"partialIndexes\"";
    if (!features.empty()) head += "  previewFeatures = [" + features + "]\n";
    head += "}\n";
    std::vector<std::string> texts(static_cast<size_t>(files_));
    texts[0] = head;
    for (const std::vector<Block>* blocks : {&enums_, &models_, &views_}) {
      for (const Block& b : *blocks) texts[b.file] += "\n" + PrintBlock(b);
    }
    GeneratedSchema out;
    out.mistake = mistake_;
    if (files_ == 1) {
      out.files.push_back({"schema.prisma", texts[0]});
    } else {
      out.files.push_back({"schema.prisma", texts[0]});
      for (size_t f = 1; f < texts.size(); ++f) {
        out.files.push_back({f == 2 ? "nested/more.prisma" : "models.prisma", texts[f]});
      }
    }
    return out;
  }

  std::mt19937_64 rng_;
  bool multi_schema_ = false;
  bool extensions_ = false;  // pg_trgm and citext, with postgresqlExtensions
  bool partial_ = false;     // partial indexes (where:), with partialIndexes
  std::vector<std::string> schemas_;
  int files_ = 1;
  std::vector<Block> enums_, models_, views_;
  std::set<std::string> used_names_;
  std::set<std::pair<size_t, size_t>> pairs_;
  int relation_number_ = 0;
  int custom_names_ = 0;
  std::vector<std::pair<size_t, Field>> pending_backs_;  // back fields of a join model
  bool long_model_ = false;  // the model being made has a name of 63 bytes or more
  std::string mistake_;
};

}  // namespace

GeneratedSchema GeneratePrismaSchema(uint64_t seed) { return Generator(seed).Run(); }

}  // namespace drift::differential
