#include "differential/history_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>

namespace drift::differential {

std::string GeneratedMigration::Sql() const {
  std::string out;
  for (const std::string& s : statements) out += s + ";\n";
  return out;
}

size_t GeneratedHistory::StatementCount() const {
  size_t n = 0;
  for (const GeneratedMigration& m : migrations) n += m.statements.size();
  return n;
}

std::string GeneratedHistory::Listing() const {
  std::string out;
  for (const GeneratedMigration& m : migrations) out += "-- " + m.name + "\n" + m.Sql();
  return out;
}

namespace {

// The kinds of column the generator knows how to write defaults, checks and indexes for.
enum class Kind {
  kInt,
  kBigint,
  kSmallint,
  kText,
  kVarchar,
  kNumeric,
  kReal,
  kDouble,
  kBool,
  kDate,
  kTimestamp,
  kTimestamptz,
  kJsonb,
  kUuid,
  kTextArray,
  kIntArray,
  kBit,
  kBytea,
  kEnum
};

struct Column {
  std::string name;
  Kind kind;
  std::string type;  // as written in the DDL
  bool nullable = true;
  bool has_default = false;
  bool generated = false;
  bool key = false;        // a primary key column: never dropped or retyped
  bool reference = false;  // a foreign key column: its values must exist elsewhere
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  bool int_key = false;  // "id" is an integer primary key (foreign keys may point at it)
  int rows = 0;
  int next_column = 0;
};

struct Enum {
  std::string name;
  std::vector<std::string> labels;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  GeneratedHistory Run(uint64_t seed, const HistoryOptions& options) {
    GeneratedHistory h;
    h.seed = seed;
    for (int m = 0; m < options.migrations; ++m) {
      GeneratedMigration migration;
      migration.name = fmt::format("2024010100{:04d}_m{}", m + 1, m + 1);
      int n = 1 + Pick(options.statements_per_migration);
      for (int s = 0; s < n; ++s) {
        std::string sql = Statement();
        if (!sql.empty()) migration.statements.push_back(std::move(sql));
      }
      h.migrations.push_back(std::move(migration));
    }
    return h;
  }

 private:
  std::mt19937_64 rng_;
  std::vector<Table> tables_;
  std::vector<Enum> enums_;
  std::vector<std::string> indexes_;
  std::vector<std::string> views_;
  std::vector<std::string> sequences_;
  std::vector<std::string> functions_;                         // trigger functions
  std::vector<std::pair<std::string, std::string>> triggers_;  // (table, trigger)
  int next_function_ = 0, next_trigger_ = 0;
  int next_table_ = 0, next_enum_ = 0, next_index_ = 0, next_view_ = 0, next_sequence_ = 0,
      next_constraint_ = 0;

  int Pick(int n) { return n <= 1 ? 0 : static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  bool Chance(int percent) { return Pick(100) < percent; }
  template <typename T>
  T& PickOf(std::vector<T>& v) {
    return v[static_cast<size_t>(Pick(static_cast<int>(v.size())))];
  }
  template <typename T, size_t N>
  const T& PickOf(const T (&a)[N]) {
    return a[static_cast<size_t>(Pick(static_cast<int>(N)))];
  }
  static std::string Quote(const std::string& name) { return "\"" + name + "\""; }

  std::string Statement() {
    // Weighted choice among what the current state allows.
    std::vector<std::pair<int, std::function<std::string()>>> choices;
    choices.push_back({tables_.size() < 2 ? 60 : 10, [&] { return CreateTable(); }});
    choices.push_back({5, [&] { return CreateEnum(); }});
    choices.push_back({2, [&] { return CreateSequence(); }});
    if (!tables_.empty()) {
      choices.push_back({14, [&] { return AddColumn(); }});
      choices.push_back({5, [&] { return DropColumn(); }});
      choices.push_back({5, [&] { return RenameColumn(); }});
      choices.push_back({2, [&] { return RenameTable(); }});
      choices.push_back({5, [&] { return AlterColumn(); }});
      choices.push_back({6, [&] { return AddCheck(); }});
      choices.push_back({5, [&] { return AddForeignKey(); }});
      choices.push_back({10, [&] { return CreateIndex(); }});
      choices.push_back({6, [&] { return Insert(); }});
      choices.push_back({3, [&] { return Comment(); }});
      choices.push_back({4, [&] { return CreateView(); }});
      choices.push_back({4, [&] { return GuardedDo(); }});
      choices.push_back({2, [&] { return AddGenerated(); }});
    }
    if (!enums_.empty()) choices.push_back({4, [&] { return AlterEnum(); }});
    if (!indexes_.empty()) choices.push_back({3, [&] { return DropIndex(); }});
    if (!views_.empty()) choices.push_back({2, [&] { return DropView(); }});
    if (!sequences_.empty()) choices.push_back({2, [&] { return AlterSequence(); }});
    choices.push_back({2, [&] { return CreateFunction(); }});
    if (!functions_.empty() && !tables_.empty())
      choices.push_back({3, [&] { return CreateTrigger(); }});
    if (!triggers_.empty()) choices.push_back({1, [&] { return DropTrigger(); }});
    int total = 0;
    for (const auto& c : choices) total += c.first;
    int at = Pick(total);
    for (const auto& c : choices) {
      if (at < c.first) return c.second();
      at -= c.first;
    }
    return "";
  }

  // A column of a random kind, with its DDL type.
  Column NewColumn(Table& t) {
    Column c;
    c.name = fmt::format("c{}", ++t.next_column);
    static const std::pair<Kind, const char*> kTypes[] = {
        {Kind::kInt, "INTEGER"},
        {Kind::kBigint, "BIGINT"},
        {Kind::kSmallint, "SMALLINT"},
        {Kind::kText, "TEXT"},
        {Kind::kVarchar, "VARCHAR(40)"},
        {Kind::kNumeric, "NUMERIC(10,2)"},
        {Kind::kReal, "REAL"},
        {Kind::kDouble, "DOUBLE PRECISION"},
        {Kind::kBool, "BOOLEAN"},
        {Kind::kDate, "DATE"},
        {Kind::kTimestamp, "TIMESTAMP(3)"},
        {Kind::kTimestamptz, "TIMESTAMPTZ"},
        {Kind::kJsonb, "JSONB"},
        {Kind::kUuid, "UUID"},
        {Kind::kTextArray, "TEXT[]"},
        {Kind::kIntArray, "INTEGER[]"},
        {Kind::kBit, "BIT(3)"},
        {Kind::kBytea, "BYTEA"},
    };
    if (!enums_.empty() && Chance(15)) {
      c.kind = Kind::kEnum;
      c.type = Quote(PickOf(enums_).name);
    } else {
      const auto& [kind, type] = PickOf(kTypes);
      c.kind = kind;
      c.type = type;
    }
    return c;
  }

  const Enum* EnumOf(const Column& c) const {
    for (const Enum& e : enums_) {
      if (Quote(e.name) == c.type) return &e;
    }
    return nullptr;
  }

  // A default for `c`, in one of the spellings PostgreSQL accepts for its type.
  std::string Default(const Column& c) {
    switch (c.kind) {
      case Kind::kInt: {
        static const char* k[] = {
            "0",       "-1",          "42",   "'7'::integer", "CAST('8' AS INTEGER)",
            "(1 + 2)", "integer '5'", "2 * 3"};
        return PickOf(k);
      }
      case Kind::kBigint: {
        static const char* k[] = {"9000000000", "-5", "0", "'12'::bigint"};
        return PickOf(k);
      }
      case Kind::kSmallint: {
        static const char* k[] = {"1", "-3", "'2'::smallint"};
        return PickOf(k);
      }
      case Kind::kText:
      case Kind::kVarchar: {
        static const char* k[] = {
            "'abc'",        "E'it\\'s'", "U&'d\\0061t'",   "$$dollar$$",
            "''",           "E''",       "'x'::text",      "CAST('y' AS TEXT)",
            "lower('ABC')", "'don''t'",  "$tag$a 'b'$tag$"};
        return PickOf(k);
      }
      case Kind::kNumeric: {
        static const char* k[] = {"1.5", "-2.25", "1e2", "'3.14'::numeric", "0", "0.0"};
        return PickOf(k);
      }
      case Kind::kReal:
      case Kind::kDouble: {
        static const char* k[] = {"1.5", "-0.5", "2e-3", "0", "'1.25'"};
        return PickOf(k);
      }
      case Kind::kBool: {
        static const char* k[] = {"true", "false", "TRUE", "'t'::boolean", "'false'"};
        return PickOf(k);
      }
      case Kind::kDate: {
        static const char* k[] = {"CURRENT_DATE", "'2024-01-01'::date", "DATE '2024-02-03'",
                                  "'2024-03-04'"};
        return PickOf(k);
      }
      case Kind::kTimestamp: {
        static const char* k[] = {"CURRENT_TIMESTAMP", "now()", "'2024-01-01 00:00:00'",
                                  "CURRENT_TIMESTAMP(3)"};
        return PickOf(k);
      }
      case Kind::kTimestamptz: {
        static const char* k[] = {"now()", "CURRENT_TIMESTAMP", "'2024-01-01 00:00:00+00'"};
        return PickOf(k);
      }
      case Kind::kJsonb: {
        static const char* k[] = {"'{}'", "'{\"b\": 1, \"a\": [1, 2]}'::jsonb", "'[]'::jsonb",
                                  "'{\"k\":\"v\"}'"};
        return PickOf(k);
      }
      case Kind::kUuid:
        return "gen_random_uuid()";
      case Kind::kTextArray: {
        static const char* k[] = {"'{}'",
                                  "'{a,b}'::text[]",
                                  "ARRAY['a', 'b']",
                                  "ARRAY[]::text[]",
                                  "ARRAY []::TEXT[]",
                                  "'{}'::text[]"};
        return PickOf(k);
      }
      case Kind::kIntArray: {
        static const char* k[] = {"'{1,2}'", "ARRAY[1, -2]", "'{}'::integer[]"};
        return PickOf(k);
      }
      case Kind::kBit: {
        static const char* k[] = {"B'101'", "'010'", "X'A'::bit(3)"};
        return PickOf(k);
      }
      case Kind::kBytea: {
        static const char* k[] = {"'\\x00ff'::bytea", "''::bytea", "'\\xdead'"};
        return PickOf(k);
      }
      case Kind::kEnum: {
        const Enum* e = EnumOf(c);
        std::string label;
        for (char ch : e->labels[static_cast<size_t>(Pick(static_cast<int>(e->labels.size())))])
          label += ch == '\'' ? std::string("''") : std::string(1, ch);
        return Chance(50) ? "'" + label + "'" : "'" + label + "'::" + c.type;
      }
    }
    return "NULL";
  }

  // "name TYPE [NOT NULL] [DEFAULT …]" for a new column of `t`.
  std::string ColumnDefinition(Table& t, Column& c) {
    std::string sql = Quote(c.name) + " " + c.type;
    if (Chance(55)) {
      c.has_default = true;
      std::string d = Default(c);
      if (Chance(60)) {
        c.nullable = false;
        sql += " NOT NULL";
      }
      sql += " DEFAULT " + d;
    } else if (t.rows == 0 && Chance(30)) {
      c.nullable = false;
      sql += " NOT NULL";
    }
    return sql;
  }

  std::string CreateTable() {
    Table t;
    t.name = fmt::format("T{}", ++next_table_);
    std::vector<std::string> parts;
    Column id;
    id.name = "id";
    id.key = true;
    id.nullable = false;
    id.has_default = true;
    switch (Pick(5)) {
      case 0:
        id.kind = Kind::kInt, id.type = "SERIAL", t.int_key = true;
        parts.push_back("\"id\" SERIAL NOT NULL");
        break;
      case 1:
        id.kind = Kind::kInt, id.type = "INTEGER", t.int_key = true;
        parts.push_back("\"id\" INTEGER GENERATED ALWAYS AS IDENTITY");
        break;
      case 2:
        id.kind = Kind::kBigint, id.type = "BIGINT";
        parts.push_back(
            "\"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5)");
        break;
      case 3:
        id.kind = Kind::kUuid, id.type = "UUID";
        parts.push_back("\"id\" UUID NOT NULL DEFAULT gen_random_uuid()");
        break;
      default:
        id.kind = Kind::kText, id.type = "TEXT", id.has_default = false;
        parts.push_back("\"id\" TEXT NOT NULL");
        break;
    }
    t.columns.push_back(id);
    int n = 1 + Pick(4);
    for (int i = 0; i < n; ++i) {
      Column c = NewColumn(t);
      parts.push_back(ColumnDefinition(t, c));
      t.columns.push_back(c);
    }
    std::string pk = Chance(70) ? fmt::format("CONSTRAINT \"{}_pkey\" PRIMARY KEY (\"id\")", t.name)
                                : "PRIMARY KEY (\"id\")";
    parts.push_back(pk);
    std::string sql = "CREATE TABLE " + Quote(t.name) + " (\n    ";
    for (size_t i = 0; i < parts.size(); ++i) sql += (i ? ",\n    " : "") + parts[i];
    sql += "\n)";
    tables_.push_back(std::move(t));
    return sql;
  }

  Table& SomeTable() { return PickOf(tables_); }

  // A column of `t` that is not the key, or null.
  Column* SomeColumn(Table& t, const std::function<bool(const Column&)>& ok = {}) {
    std::vector<Column*> candidates;
    for (Column& c : t.columns) {
      if (!c.key && !c.generated && (!ok || ok(c))) candidates.push_back(&c);
    }
    return candidates.empty() ? nullptr : PickOf(candidates);
  }

  std::string AddColumn() {
    Table& t = SomeTable();
    Column c = NewColumn(t);
    if (t.rows > 0 && !c.has_default) {
      // NOT NULL needs a default on a table with rows: ColumnDefinition handles it.
    }
    std::string def = ColumnDefinition(t, c);
    if (t.rows > 0 && !c.nullable && !c.has_default) return "";
    t.columns.push_back(c);
    return "ALTER TABLE " + Quote(t.name) + " ADD COLUMN " + def;
  }

  std::string DropColumn() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t);
    if (c == nullptr) return "";
    std::string sql =
        "ALTER TABLE " + Quote(t.name) + " DROP COLUMN " + Quote(c->name) + " CASCADE";
    std::string name = c->name;
    std::erase_if(t.columns, [&](const Column& x) { return x.name == name; });
    // Generated columns over it go too (CASCADE); forget views and indexes may depend.
    std::erase_if(t.columns, [&](const Column& x) { return x.generated; });
    return sql;
  }

  std::string RenameColumn() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t);
    if (c == nullptr) return "";
    std::string to = fmt::format("r{}", ++t.next_column);
    std::string sql =
        "ALTER TABLE " + Quote(t.name) + " RENAME COLUMN " + Quote(c->name) + " TO " + Quote(to);
    c->name = to;
    return sql;
  }

  std::string RenameTable() {
    Table& t = SomeTable();
    std::string to = fmt::format("T{}", ++next_table_);
    std::string sql = "ALTER TABLE " + Quote(t.name) + " RENAME TO " + Quote(to);
    t.name = to;
    return sql;
  }

  std::string AlterColumn() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t, [](const Column& x) { return !x.reference; });
    if (c == nullptr) return "";
    std::string head = "ALTER TABLE " + Quote(t.name) + " ALTER COLUMN " + Quote(c->name);
    switch (Pick(5)) {
      case 0:
        c->has_default = true;
        return head + " SET DEFAULT " + Default(*c);
      case 1:
        c->has_default = false;
        return head + " DROP DEFAULT";
      case 2:
        if (t.rows > 0 && c->nullable) return "";  // rows may hold NULL there
        c->nullable = false;
        return head + " SET NOT NULL";
      case 3:
        c->nullable = true;
        return head + " DROP NOT NULL";
      default:
        if (c->kind == Kind::kInt || c->kind == Kind::kSmallint) {
          c->kind = Kind::kBigint;
          c->type = "BIGINT";
          return head + " SET DATA TYPE BIGINT";
        }
        if (c->kind == Kind::kVarchar) {
          c->kind = Kind::kText;
          c->type = "TEXT";
          return head + " TYPE TEXT";
        }
        return "";
    }
  }

  std::string AddCheck() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t, [](const Column& x) {
      return x.kind == Kind::kInt || x.kind == Kind::kBigint || x.kind == Kind::kNumeric ||
             x.kind == Kind::kText || x.kind == Kind::kVarchar;
    });
    if (c == nullptr) return "";
    std::string q = Quote(c->name);
    std::string expr;
    if (c->kind == Kind::kText || c->kind == Kind::kVarchar) {
      static const char* k[] = {"length({}) < 100", "{} <> 'forbidden'", "{} IS NOT NULL OR true",
                                "{} IN ('a', 'b', 'abc', 'it''s', 'dat', 'dollar', '', 'x', "
                                "'y', 'don''t', 'a ''b''') OR {} IS NULL OR true"};
      expr = fmt::format(fmt::runtime(PickOf(k)), q, q);
    } else {
      static const char* k[] = {"{} > -1000000", "{} >= -5 OR {} IS NULL",
                                "{} BETWEEN -1e9 AND 1e10", "({} + 1) <> -999999 OR {} IS NULL"};
      expr = fmt::format(fmt::runtime(PickOf(k)), q, q);
    }
    std::string name = fmt::format("{}_check_{}", t.name, ++next_constraint_);
    return "ALTER TABLE " + Quote(t.name) + " ADD CONSTRAINT " + Quote(name) + " CHECK (" + expr +
           ")" + (Chance(20) ? " NOT VALID" : "");
  }

  std::string AddForeignKey() {
    std::vector<Table*> targets;
    for (Table& t : tables_) {
      if (t.int_key) targets.push_back(&t);
    }
    if (targets.empty()) return "";
    Table& from = SomeTable();
    Table& to = *PickOf(targets);
    Column c;
    c.name = fmt::format("c{}", ++from.next_column);
    c.kind = Kind::kInt;
    c.type = "INTEGER";
    c.reference = true;
    from.columns.push_back(c);
    static const char* kActions[] = {
        "", " ON DELETE CASCADE", " ON DELETE SET NULL ON UPDATE CASCADE", " ON DELETE RESTRICT"};
    return "ALTER TABLE " + Quote(from.name) + " ADD COLUMN " + Quote(c.name) +
           " INTEGER REFERENCES " + Quote(to.name) + " (\"id\")" + PickOf(kActions);
  }

  std::string CreateIndex() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t, [](const Column& x) {
      return x.kind != Kind::kJsonb && x.kind != Kind::kTextArray && x.kind != Kind::kIntArray &&
             x.kind != Kind::kBit && x.kind != Kind::kBytea;
    });
    if (c == nullptr) return "";
    std::string name = fmt::format("{}_idx_{}", t.name, ++next_index_);
    std::string q = Quote(c->name);
    std::string key = q;
    bool text = c->kind == Kind::kText || c->kind == Kind::kVarchar;
    switch (Pick(6)) {
      case 0:
        key = q + " DESC";
        break;
      case 1:
        key = q + " NULLS FIRST";
        break;
      case 2:
        if (text) key = "lower(" + q + ")";
        break;
      case 3:
        if (text) key = q + (Chance(50) ? " text_pattern_ops" : " COLLATE \"C\"");
        break;
      case 4:
        key = q + " DESC NULLS LAST";
        break;
      default:
        break;
    }
    std::string sql = "CREATE INDEX " + Quote(name) + " ON " + Quote(t.name) + " (" + key + ")";
    if (Chance(20)) sql += " INCLUDE (\"id\")";
    if (Chance(25)) sql += " WHERE " + q + " IS NOT NULL";
    indexes_.push_back(name);
    return sql;
  }

  std::string DropIndex() {
    size_t k = static_cast<size_t>(Pick(static_cast<int>(indexes_.size())));
    std::string name = indexes_[k];
    indexes_.erase(indexes_.begin() + static_cast<std::ptrdiff_t>(k));
    return "DROP INDEX IF EXISTS " + Quote(name);
  }

  std::string Insert() {
    Table& t = SomeTable();
    bool key_value = false;
    for (const Column& c : t.columns) {
      if (c.key) key_value = !c.has_default;
      if (!c.key && !c.nullable && !c.has_default) return "";
    }
    ++t.rows;
    if (key_value)
      return fmt::format("INSERT INTO {} (\"id\") VALUES ('row{}')", Quote(t.name), t.rows);
    return "INSERT INTO " + Quote(t.name) + " DEFAULT VALUES";
  }

  std::string Comment() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t);
    if (c != nullptr && Chance(50))
      return "COMMENT ON COLUMN " + Quote(t.name) + "." + Quote(c->name) +
             " IS 'the column''s note'";
    return "COMMENT ON TABLE " + Quote(t.name) + " IS " + (Chance(20) ? "NULL" : "'a table'");
  }

  std::string CreateView() {
    Table& t = SomeTable();
    Column* c = SomeColumn(t);
    std::string name = fmt::format("V{}", ++next_view_);
    std::string cols = "\"id\"";
    if (c != nullptr) cols += ", " + Quote(c->name) + (Chance(50) ? " AS alias" : "");
    views_.push_back(name);
    // CASCADE drops of columns may take the view: it is re-made OR REPLACE-free.
    return "CREATE VIEW " + Quote(name) + " AS SELECT " + cols + " FROM " + Quote(t.name) +
           (Chance(30) ? " WHERE \"id\" IS NOT NULL" : "");
  }

  std::string DropView() {
    size_t k = static_cast<size_t>(Pick(static_cast<int>(views_.size())));
    std::string name = views_[k];
    views_.erase(views_.begin() + static_cast<std::ptrdiff_t>(k));
    return "DROP VIEW IF EXISTS " + Quote(name) + " CASCADE";
  }

  std::string GuardedDo() {
    Table& t = SomeTable();
    Column c = NewColumn(t);
    c.nullable = true;
    c.has_default = false;
    std::string add =
        "ALTER TABLE " + Quote(t.name) + " ADD COLUMN " + Quote(c.name) + " " + c.type;
    t.columns.push_back(c);
    if (Chance(50)) {
      return fmt::format(
          "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE "
          "table_name = '{}' AND column_name = '{}') THEN\n    {};\n  END IF;\nEND $$",
          t.name, c.name, add);
    }
    return fmt::format("DO $$ BEGIN\n  {};\nEXCEPTION WHEN duplicate_column THEN NULL;\nEND $$",
                       add);
  }

  std::string AddGenerated() {
    Table& t = SomeTable();
    Column* base = SomeColumn(t, [](const Column& x) { return x.kind == Kind::kInt; });
    if (base == nullptr) return "";
    Column g;
    g.name = fmt::format("c{}", ++t.next_column);
    g.kind = Kind::kBigint;
    g.type = "BIGINT";
    g.generated = true;
    std::string sql = "ALTER TABLE " + Quote(t.name) + " ADD COLUMN " + Quote(g.name) +
                      " BIGINT GENERATED ALWAYS AS (" + Quote(base->name) + " * 2) STORED";
    t.columns.push_back(g);
    return sql;
  }

  std::string CreateEnum() {
    Enum e;
    e.name = fmt::format("E{}", ++next_enum_);
    e.labels = {"A", "B"};
    if (Chance(40)) e.labels.push_back("it's");
    std::string sql = "CREATE TYPE " + Quote(e.name) + " AS ENUM (";
    for (size_t i = 0; i < e.labels.size(); ++i) {
      std::string label = e.labels[i];
      std::string quoted;
      for (char ch : label) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
      sql += (i ? ", '" : "'") + quoted + "'";
    }
    enums_.push_back(std::move(e));
    return sql + ")";
  }

  std::string AlterEnum() {
    Enum& e = PickOf(enums_);
    std::string label = fmt::format("L{}", e.labels.size() + 1);
    std::string head = "ALTER TYPE " + Quote(e.name);
    switch (Pick(4)) {
      case 0:
        e.labels.insert(e.labels.begin(), label);
        return head + " ADD VALUE '" + label + "' BEFORE '" + e.labels[1] + "'";
      case 1:
        e.labels.insert(e.labels.begin() + 1, label);
        return head + " ADD VALUE IF NOT EXISTS '" + label + "' AFTER '" + e.labels[0] + "'";
      case 2: {
        std::string& old = e.labels.back();
        if (old.find('\'') != std::string::npos) return "";
        std::string sql = head + " RENAME VALUE '" + old + "' TO '" + label + "'";
        old = label;
        return sql;
      }
      default:
        e.labels.push_back(label);
        return head + " ADD VALUE '" + label + "'";
    }
  }

  std::string CreateFunction() {
    std::string name = fmt::format("f{}", ++next_function_);
    functions_.push_back(name);
    static const char* kBodies[] = {
        "BEGIN\n  RETURN NEW;\nEND;",
        "BEGIN\n  IF TG_OP = 'DELETE' THEN\n    RETURN OLD;\n  END IF;\n  RETURN NEW;\nEND;",
        "DECLARE\n  n integer := 0;\nBEGIN\n  n := n + 1;\n  RETURN NULL;\nEND;"};
    return fmt::format("CREATE {}FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n{}\n$fn$",
                       Chance(50) ? "OR REPLACE " : "", Quote(name), PickOf(kBodies));
  }

  std::string CreateTrigger() {
    Table& t = SomeTable();
    std::string name = fmt::format("tr{}", ++next_trigger_);
    triggers_.push_back({t.name, name});
    static const char* kTimings[] = {"BEFORE INSERT", "AFTER INSERT OR DELETE", "BEFORE UPDATE",
                                     "AFTER UPDATE OR INSERT"};
    std::string sql = "CREATE TRIGGER " + Quote(name) + " " + PickOf(kTimings) + " ON " +
                      Quote(t.name) + (Chance(70) ? " FOR EACH ROW" : " FOR EACH STATEMENT") +
                      " EXECUTE " + (Chance(50) ? "FUNCTION " : "PROCEDURE ") +
                      Quote(PickOf(functions_)) + "()";
    return sql;
  }

  std::string DropTrigger() {
    size_t k = static_cast<size_t>(Pick(static_cast<int>(triggers_.size())));
    auto [table, name] = triggers_[k];
    triggers_.erase(triggers_.begin() + static_cast<std::ptrdiff_t>(k));
    // The table may have been renamed since: IF EXISTS keeps the history valid.
    for (const Table& t : tables_) {
      if (t.name == table) return "DROP TRIGGER IF EXISTS " + Quote(name) + " ON " + Quote(table);
    }
    return "";
  }

  std::string CreateSequence() {
    std::string name = fmt::format("S{}", ++next_sequence_);
    sequences_.push_back(name);
    static const char* kOptions[] = {"", " START WITH 100", " INCREMENT BY 10 MINVALUE 5 START 5",
                                     " AS integer CACHE 20", " CYCLE MAXVALUE 1000"};
    return "CREATE SEQUENCE " + Quote(name) + PickOf(kOptions);
  }

  std::string AlterSequence() {
    static const char* kOptions[] = {" RESTART WITH 7", " INCREMENT BY 3", " NO CYCLE", " CACHE 5"};
    return "ALTER SEQUENCE " + Quote(PickOf(sequences_)) + PickOf(kOptions);
  }
};

}  // namespace

GeneratedHistory GenerateHistory(uint64_t seed, const HistoryOptions& options) {
  return Generator(seed).Run(seed, options);
}

}  // namespace drift::differential
