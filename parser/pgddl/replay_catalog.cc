// The catalog questions migrations ask in PL/pgSQL conditions — `IF NOT EXISTS (SELECT 1
// FROM pg_constraint WHERE conname = '…')` — answered from the replayed model: the rows
// the server's catalog would hold for it, in the columns such conditions compare.
#include <fmt/format.h>

#include <map>

#include "model/identifiers.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::parser::pgddl::internal {
namespace {

using Row = std::map<std::string, std::string, std::less<>>;

char ConstraintType(model::ConstraintKind kind) {
  switch (kind) {
    case model::ConstraintKind::kPrimaryKey:
      return 'p';
    case model::ConstraintKind::kUnique:
      return 'u';
    case model::ConstraintKind::kCheck:
      return 'c';
    case model::ConstraintKind::kExclusion:
      return 'x';
    case model::ConstraintKind::kForeignKey:
      return 'f';
  }
  return '?';
}

std::string_view ConstraintTypeName(model::ConstraintKind kind) {
  switch (kind) {
    case model::ConstraintKind::kPrimaryKey:
      return "PRIMARY KEY";
    case model::ConstraintKind::kUnique:
      return "UNIQUE";
    case model::ConstraintKind::kCheck:
      return "CHECK";
    case model::ConstraintKind::kForeignKey:
      return "FOREIGN KEY";
    case model::ConstraintKind::kExclusion:
      return "EXCLUDE";
  }
  return "";
}

// The rows of catalog `relation` ("pg_class", "information_schema.columns", …) for
// `schema`; false when replay does not model that catalog.
bool CatalogRows(const model::Schema& schema, std::string_view relation, std::vector<Row>* rows) {
  auto add = [&](Row row) { rows->push_back(std::move(row)); };
  if (relation == "pg_class") {
    for (const model::Table& t : schema.tables)
      add({{"relname", t.name.name},
           {"relkind", t.kind == model::TableKind::kPartitioned ? "p" : "r"}});
    for (const model::View& v : schema.views)
      add({{"relname", v.name.name}, {"relkind", v.materialized ? "m" : "v"}});
    for (const model::Index& i : schema.indexes)
      add({{"relname", i.name.name}, {"relkind", i.on_partitioned_table ? "I" : "i"}});
    for (const model::Table& t : schema.tables) {
      for (const model::Constraint& c : t.constraints) {
        if (HasIndex(c)) add({{"relname", c.name}, {"relkind", "i"}});
      }
    }
    for (const model::Sequence& q : schema.sequences)
      add({{"relname", q.name.name}, {"relkind", "S"}});
  } else if (relation == "pg_tables" || relation == "information_schema.tables") {
    bool info = relation != "pg_tables";
    for (const model::Table& t : schema.tables)
      add({{info ? "table_schema" : "schemaname", t.name.schema},
           {info ? "table_name" : "tablename", t.name.name},
           {"table_type", "BASE TABLE"}});
    if (info) {
      for (const model::View& v : schema.views) {
        if (!v.materialized)
          add({{"table_schema", v.name.schema},
               {"table_name", v.name.name},
               {"table_type", "VIEW"}});
      }
    }
  } else if (relation == "pg_views" || relation == "information_schema.views") {
    bool info = relation != "pg_views";
    for (const model::View& v : schema.views) {
      if (!v.materialized)
        add({{info ? "table_schema" : "schemaname", v.name.schema},
             {info ? "table_name" : "viewname", v.name.name}});
    }
  } else if (relation == "pg_matviews") {
    for (const model::View& v : schema.views) {
      if (v.materialized) add({{"schemaname", v.name.schema}, {"matviewname", v.name.name}});
    }
  } else if (relation == "information_schema.columns") {
    for (const model::Table& t : schema.tables) {
      for (const model::Column& c : t.columns)
        add({{"table_schema", t.name.schema},
             {"table_name", t.name.name},
             {"column_name", c.name}});
    }
  } else if (relation == "pg_indexes") {
    for (const model::Index& i : schema.indexes)
      add({{"schemaname", i.name.schema}, {"tablename", i.table}, {"indexname", i.name.name}});
    for (const model::Table& t : schema.tables) {
      for (const model::Constraint& c : t.constraints) {
        if (HasIndex(c))
          add({{"schemaname", t.name.schema}, {"tablename", t.name.name}, {"indexname", c.name}});
      }
    }
  } else if (relation == "pg_constraint" || relation == "information_schema.table_constraints") {
    bool info = relation != "pg_constraint";
    for (const model::Table& t : schema.tables) {
      for (const model::Constraint& c : t.constraints) {
        if (info) {
          add({{"constraint_schema", t.name.schema},
               {"table_schema", t.name.schema},
               {"table_name", t.name.name},
               {"constraint_name", c.name},
               {"constraint_type", std::string(ConstraintTypeName(c.kind))}});
        } else {
          add({{"conname", c.name}, {"contype", std::string(1, ConstraintType(c.kind))}});
        }
      }
    }
  } else if (relation == "pg_type") {
    for (const model::EnumType& e : schema.enums) add({{"typname", e.name.name}, {"typtype", "e"}});
    for (const model::Table& t : schema.tables) add({{"typname", t.name.name}, {"typtype", "c"}});
    for (const model::View& v : schema.views) add({{"typname", v.name.name}, {"typtype", "c"}});
  } else if (relation == "pg_enum") {
    for (const model::EnumType& e : schema.enums) {
      for (const std::string& label : e.labels)
        add({{"enumlabel", label}, {"enumtypid", e.name.name}});
    }
  } else if (relation == "pg_namespace" || relation == "information_schema.schemata") {
    for (const model::Namespace& n : schema.namespaces)
      add({{relation == "pg_namespace" ? "nspname" : "schema_name", n.name}});
  } else if (relation == "pg_extension") {
    for (const model::Extension& x : schema.extensions) add({{"extname", x.name}});
  } else if (relation == "pg_trigger") {
    for (const model::Trigger& t : schema.triggers) add({{"tgname", t.name}});
  } else if (relation == "pg_proc") {
    for (const model::Function& f : schema.functions) add({{"proname", f.name.name}});
  } else {
    return false;
  }
  return true;
}

// A value compared with: a string (cast to a name type: folded as a name), a number,
// or current_schema.
std::optional<std::string> Value(const std::vector<Token>& t, size_t* i) {
  if (*i >= t.size()) return std::nullopt;
  const Token& v = t[*i];
  if (v.Is("current_schema")) {
    ++*i;
    if (*i + 1 < t.size() && t[*i].kind == TokenKind::kLParen &&
        t[*i + 1].kind == TokenKind::kRParen)
      *i += 2;
    return "public";
  }
  if (v.kind == TokenKind::kNumber) {
    ++*i;
    return std::string(v.text);
  }
  if (v.kind != TokenKind::kString) return std::nullopt;
  std::string value = v.value;
  ++*i;
  if (*i + 1 < t.size() && t[*i].kind == TokenKind::kOperator && t[*i].text == "::") {
    const Token& type = t[*i + 1];
    if (type.Is("regclass") || type.Is("regtype") || type.Is("regnamespace")) {
      model::QualifiedName name;
      if (!model::ParseQualifiedName(value, &name)) return std::nullopt;
      value = name.name;
    } else if (!type.Is("text") && !type.Is("name") && !type.Is("char") && !type.Is("varchar")) {
      return std::nullopt;
    }
    *i += 2;
  }
  return value;
}

// EXISTS (SELECT … FROM <catalog> [alias] [WHERE a = 'x' AND b IN ('y', 'z') …]).
std::optional<bool> Exists(const model::Schema& schema, const std::vector<Token>& t,
                           std::string* why) {
  size_t i = 0;
  if (t.empty() || !t[0].Is("select")) {
    *why = "an EXISTS that is not a SELECT";
    return std::nullopt;
  }
  while (i < t.size() && !t[i].Is("from")) ++i;
  if (++i >= t.size()) {
    *why = "a SELECT without FROM";
    return std::nullopt;
  }
  std::string relation = model::FoldIdentifier(t[i].text, t[i].kind == TokenKind::kQuotedIdent);
  ++i;
  if (i + 1 < t.size() && t[i].kind == TokenKind::kDot) {
    std::string part = model::FoldIdentifier(t[i + 1].text, false);
    relation = relation == "pg_catalog" ? part : relation + "." + part;
    i += 2;
  }
  std::vector<Row> rows;
  if (!CatalogRows(schema, relation, &rows)) {
    *why = fmt::format("a question to {}", relation);
    return std::nullopt;
  }
  std::string alias;
  if (i < t.size() && t[i].Is("as")) ++i;
  if (i < t.size() && t[i].kind == TokenKind::kWord && !t[i].Is("where")) {
    alias = model::FoldIdentifier(t[i].text, false);
    ++i;
  }
  // The conditions: column = value or column IN (values), joined by AND.
  struct Test {
    std::string column;
    std::vector<std::string> values;
  };
  std::vector<Test> tests;
  if (i < t.size()) {
    if (!t[i].Is("where")) {
      *why = fmt::format("'{}' after FROM {}", t[i].text, relation);
      return std::nullopt;
    }
    ++i;
    while (true) {
      if (i + 2 < t.size() && t[i + 1].kind == TokenKind::kDot &&
          model::FoldIdentifier(t[i].text, false) == alias) {
        i += 2;
      }
      if (i >= t.size() || t[i].kind != TokenKind::kWord) {
        *why = "a condition that is not column = value";
        return std::nullopt;
      }
      Test test{model::FoldIdentifier(t[i].text, false), {}};
      ++i;
      if (i < t.size() && t[i].kind == TokenKind::kOperator && t[i].text == "=") {
        ++i;
        std::optional<std::string> v = Value(t, &i);
        if (!v) {
          *why = "a condition that is not column = value";
          return std::nullopt;
        }
        test.values.push_back(*v);
      } else if (i + 1 < t.size() && t[i].Is("in") && t[i + 1].kind == TokenKind::kLParen) {
        i += 2;
        while (true) {
          std::optional<std::string> v = Value(t, &i);
          if (!v) {
            *why = "an IN list that is not values";
            return std::nullopt;
          }
          test.values.push_back(*v);
          if (i < t.size() && t[i].kind == TokenKind::kComma) {
            ++i;
            continue;
          }
          break;
        }
        if (i >= t.size() || t[i].kind != TokenKind::kRParen) {
          *why = "an IN list that is not values";
          return std::nullopt;
        }
        ++i;
      } else {
        *why = "a condition that is not column = value";
        return std::nullopt;
      }
      tests.push_back(std::move(test));
      if (i < t.size() && t[i].Is("and")) {
        ++i;
        continue;
      }
      if (i < t.size() && t[i].Is("limit")) i = t.size();
      break;
    }
    if (i < t.size()) {
      *why = fmt::format("'{}' in a condition on {}", t[i].text, relation);
      return std::nullopt;
    }
  }
  for (const Test& test : tests) {
    if (!rows.empty() && !rows.front().contains(test.column)) {
      *why = fmt::format("column {} of {}", test.column, relation);
      return std::nullopt;
    }
  }
  for (const Row& row : rows) {
    bool all = true;
    for (const Test& test : tests) {
      auto it = row.find(test.column);
      if (it == row.end() ||
          std::find(test.values.begin(), test.values.end(), it->second) == test.values.end()) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

class Evaluator {
 public:
  Evaluator(const model::Schema& schema, const std::vector<Token>& t, std::string* why,
            std::optional<bool> found)
      : schema_(schema), t_(t), why_(why), found_(found) {}

  std::optional<bool> All() {
    std::optional<bool> v = Or();
    if (v && i_ < t_.size()) return Fail(fmt::format("'{}' in the condition", t_[i_].text));
    return v;
  }

 private:
  const model::Schema& schema_;
  const std::vector<Token>& t_;
  std::string* why_;
  std::optional<bool> found_;
  size_t i_ = 0;

  std::nullopt_t Fail(std::string why) {
    if (why_->empty()) *why_ = std::move(why);
    return std::nullopt;
  }
  bool Is(std::string_view word) const { return i_ < t_.size() && t_[i_].Is(word); }

  std::optional<bool> Or() {
    std::optional<bool> v = And();
    while (v && Is("or")) {
      ++i_;
      std::optional<bool> w = And();
      if (!w) return w;
      v = *v || *w;
    }
    return v;
  }
  std::optional<bool> And() {
    std::optional<bool> v = Not();
    while (v && Is("and")) {
      ++i_;
      std::optional<bool> w = Not();
      if (!w) return w;
      v = *v && *w;
    }
    return v;
  }
  std::optional<bool> Not() {
    if (Is("not")) {
      ++i_;
      std::optional<bool> v = Not();
      return v ? std::optional<bool>(!*v) : v;
    }
    return Primary();
  }
  // The tokens inside the parentheses starting at i_ (consumed).
  std::optional<std::vector<Token>> Group() {
    if (i_ >= t_.size() || t_[i_].kind != TokenKind::kLParen) return std::nullopt;
    int depth = 0;
    size_t begin = i_ + 1;
    for (; i_ < t_.size(); ++i_) {
      if (t_[i_].kind == TokenKind::kLParen) ++depth;
      if (t_[i_].kind == TokenKind::kRParen && --depth == 0) break;
    }
    if (i_ >= t_.size()) return std::nullopt;
    std::vector<Token> inside(t_.begin() + static_cast<std::ptrdiff_t>(begin),
                              t_.begin() + static_cast<std::ptrdiff_t>(i_));
    ++i_;
    return inside;
  }
  std::optional<bool> Primary() {
    if (Is("true") || Is("false")) return t_[i_++].Is("true");
    if (Is("found")) {
      ++i_;
      if (!found_) return Fail("FOUND before any PERFORM replay answered");
      return found_;
    }
    if (Is("exists")) {
      ++i_;
      std::optional<std::vector<Token>> query = Group();
      if (!query) return Fail("EXISTS without a parenthesised query");
      std::string why;
      std::optional<bool> v = Exists(schema_, *query, &why);
      if (!v) return Fail(why);
      return v;
    }
    if (i_ < t_.size() && t_[i_].kind == TokenKind::kLParen) {
      std::optional<std::vector<Token>> inside = Group();
      if (!inside) return Fail("an unclosed parenthesis");
      std::string why;
      std::optional<bool> v = Evaluator(schema_, *inside, &why, found_).All();
      if (!v) return Fail(why);
      return v;
    }
    return Fail(i_ < t_.size() ? fmt::format("'{}' in the condition", t_[i_].text)
                               : "an empty condition");
  }
};

}  // namespace

std::optional<bool> EvaluateCondition(const model::Schema& schema,
                                      const std::vector<Token>& condition, std::string* why,
                                      std::optional<bool> found) {
  return Evaluator(schema, condition, why, found).All();
}

std::optional<bool> EvaluatePerform(const model::Schema& schema, const std::vector<Token>& query,
                                    std::string* why) {
  // PERFORM x FROM … is SELECT x FROM …: the same question as an EXISTS.
  std::vector<Token> select;
  Token word;
  word.kind = TokenKind::kWord;
  word.text = "select";
  select.push_back(word);
  select.insert(select.end(), query.begin(), query.end());
  return Exists(schema, select, why);
}

}  // namespace drift::parser::pgddl::internal
