#include "model/view_definition.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <utility>

#include "absl/strings/ascii.h"
#include "model/expression_tree.h"
#include "model/identifiers.h"

namespace drift::model {
namespace {

using internal::Node;
using internal::Piece;
using Pieces = std::vector<Piece>;

// One relation in FROM, as the query refers to it and as ruleutils prints it.
struct RangeEntry {
  std::string written_ref;  // the alias, or the relation's name as written
  std::string printed_ref;  // the alias, or the relation's current name
  bool has_alias = false;
  ViewRelation relation;
};

// A column as ruleutils prints it: qualified by its range entry unless the query reads
// one relation and the server is 16 or newer (its varprefix rule: the view's range table
// lost the OLD and NEW entries in 16, so one relation is a range table of one).
std::string ColumnText(const RangeEntry& entry, const std::string& column, bool qualify) {
  return qualify ? QuoteIdentifier(entry.printed_ref) + "." + QuoteIdentifier(column)
                 : QuoteIdentifier(column);
}

class ViewResolver : public internal::ColumnResolver {
 public:
  ViewResolver(const std::vector<RangeEntry>& entries, bool qualify,
               const std::vector<Function>* functions)
      : entries_(entries), qualify_(qualify), functions_(functions) {}

  bool Routine(std::string_view name, size_t argc, std::vector<std::string>* arguments,
               std::string* result) const override {
    if (functions_ == nullptr) return false;
    for (const Function& f : *functions_) {
      if (f.name.name != name || f.kind != RoutineKind::kFunction) continue;
      std::vector<std::string> types = internal::ArgumentTypes(f.arguments);
      if (types.size() != argc) continue;
      *arguments = std::move(types);
      *result = f.returns;
      return true;
    }
    return false;
  }

  bool Resolve(std::string_view qualifier, std::string_view name, Node* out) const override {
    const RangeEntry* found_entry = nullptr;
    const ViewColumn* found = nullptr;
    for (const RangeEntry& e : entries_) {
      if (!qualifier.empty() && e.written_ref != qualifier) continue;
      for (const ViewColumn& c : e.relation.columns) {
        if (c.written != name) continue;
        if (found != nullptr) return false;  // ambiguous
        found_entry = &e;
        found = &c;
      }
    }
    if (found == nullptr) return false;
    out->text = ColumnText(*found_entry, found->name, qualify_);
    out->type = found->type;
    out->column = found->name;
    return true;
  }

 private:
  const std::vector<RangeEntry>& entries_;
  bool qualify_;
  const std::vector<Function>* functions_;
};

bool IsWord(const Pieces& p, size_t i, std::string_view word) {
  return i < p.size() && p[i].kind == Piece::kWord && p[i].text == word;
}

bool IsPunct(const Pieces& p, size_t i, std::string_view text) {
  return i < p.size() && (p[i].kind == Piece::kPunct || p[i].kind == Piece::kOperator) &&
         p[i].text == text;
}

bool IsName(const Piece& p) { return p.kind == Piece::kWord || p.kind == Piece::kQuoted; }

Pieces Slice(const Pieces& p, size_t begin, size_t end) {
  return Pieces(p.begin() + static_cast<std::ptrdiff_t>(begin),
                p.begin() + static_cast<std::ptrdiff_t>(end));
}

// Splits `p` at commas outside parentheses and brackets.
std::vector<Pieces> SplitCommas(const Pieces& p) {
  std::vector<Pieces> out(1);
  int depth = 0;
  for (const Piece& piece : p) {
    if (piece.kind == Piece::kPunct && (piece.text == "(" || piece.text == "[")) ++depth;
    if (piece.kind == Piece::kPunct && (piece.text == ")" || piece.text == "]")) --depth;
    if (depth == 0 && piece.kind == Piece::kPunct && piece.text == ",") {
      out.emplace_back();
    } else {
      out.back().push_back(piece);
    }
  }
  return out;
}

// The clauses of a SELECT, split at their keywords outside parentheses.
struct Clauses {
  bool distinct = false;
  Pieces targets, from, where, group_by, having, order_by, limit, offset;
};

bool SplitClauses(const Pieces& p, Clauses* c, std::string* why) {
  if (!IsWord(p, 0, "select")) {
    *why = "the query does not start with SELECT";
    return false;
  }
  size_t i = 1;
  if (IsWord(p, i, "distinct")) {
    if (IsWord(p, i + 1, "on")) {
      *why = "SELECT DISTINCT ON";
      return false;
    }
    c->distinct = true;
    ++i;
  } else if (IsWord(p, i, "all")) {
    ++i;
  }
  Pieces* into = &c->targets;
  int depth = 0;
  for (; i < p.size(); ++i) {
    const Piece& piece = p[i];
    if (piece.kind == Piece::kPunct && (piece.text == "(" || piece.text == "[")) ++depth;
    if (piece.kind == Piece::kPunct && (piece.text == ")" || piece.text == "]")) --depth;
    if (depth == 0 && piece.kind == Piece::kWord) {
      const std::string& w = piece.text;
      if (w == "union" || w == "intersect" || w == "except" || w == "window" || w == "for" ||
          w == "fetch" || w == "into") {
        *why = fmt::format("{} in a view query", absl::AsciiStrToUpper(w));
        return false;
      }
      Pieces* next = w == "from"                                ? &c->from
                     : w == "where"                             ? &c->where
                     : w == "having"                            ? &c->having
                     : w == "limit"                             ? &c->limit
                     : w == "offset"                            ? &c->offset
                     : (w == "group" && IsWord(p, i + 1, "by")) ? &c->group_by
                     : (w == "order" && IsWord(p, i + 1, "by")) ? &c->order_by
                                                                : nullptr;
      if (next != nullptr) {
        if (!next->empty() || (into != &c->targets && into->empty())) {
          *why = !next->empty() ? fmt::format("{} twice", absl::AsciiStrToUpper(w))
                                : "an empty clause";
          return false;
        }
        into = next;
        if (w == "group" || w == "order") ++i;
        continue;
      }
    }
    into->push_back(piece);
  }
  if (into->empty()) {
    *why = into == &c->targets ? "an empty SELECT list" : "an empty clause";
    return false;
  }
  return true;
}

bool IsJoinWord(const Pieces& p, size_t i) {
  static constexpr std::string_view kWords[] = {"join", "inner", "left",   "right",
                                                "full", "cross", "natural"};
  if (i >= p.size() || p[i].kind != Piece::kWord || IsPunct(p, i + 1, "(")) return false;
  for (std::string_view w : kWords)
    if (p[i].text == w) return true;
  return false;
}

// Builds the FROM list: the range entries (in order) and its printed text.
class FromBuilder {
 public:
  FromBuilder(const ViewRelationLookup& lookup, std::vector<RangeEntry>* entries,
              std::vector<QualifiedName>* relations)
      : lookup_(lookup), entries_(entries), relations_(relations) {}

  // Reads the range entries of every item; the ON conditions are printed by Print()
  // once all entries are known.
  bool Read(const Pieces& from, std::string* why) {
    if (from.empty()) return true;  // SELECT without FROM
    for (const Pieces& item : SplitCommas(from)) {
      Item parsed;
      size_t i = 0;
      if (!Relation(item, &i, why)) return false;
      parsed.first = entries_->size() - 1;
      while (i < item.size()) {
        Join join;
        if (!JoinType(item, &i, &join.type, why)) return false;
        if (!Relation(item, &i, why)) return false;
        join.entry = entries_->size() - 1;
        if (join.type != "CROSS JOIN") {
          if (!IsWord(item, i, "on")) {
            *why = IsWord(item, i, "using") ? "JOIN … USING" : "a join without ON";
            return false;
          }
          size_t start = ++i;
          while (i < item.size() && !IsJoinWord(item, i)) ++i;
          join.condition = Slice(item, start, i);
        }
        parsed.joins.push_back(std::move(join));
      }
      items_.push_back(std::move(parsed));
    }
    return true;
  }

  bool Print(const internal::ColumnResolver& resolver, std::string* out, std::string* why) const {
    for (size_t n = 0; n < items_.size(); ++n) {
      const Item& item = items_[n];
      std::string text(item.joins.size(), '(');
      text += Printed((*entries_)[item.first]);
      for (const Join& join : item.joins) {
        text += "\n     " + join.type + " " + Printed((*entries_)[join.entry]);
        if (join.type != "CROSS JOIN") {
          Node condition;
          if (!internal::ParseExpression(join.condition, resolver, &condition)) {
            *why = "a join condition";
            return false;
          }
          text += " ON (" + internal::Print(condition, 8) + ")";
        }
        text += ")";
      }
      *out += (n ? ",\n    " : "") + text;
    }
    return true;
  }

 private:
  struct Join {
    std::string type;
    size_t entry = 0;
    Pieces condition;
  };
  struct Item {
    size_t first = 0;
    std::vector<Join> joins;
  };

  static std::string Printed(const RangeEntry& e) {
    const QualifiedName& name = e.relation.name;
    std::string out = name.schema == "public"
                          ? QuoteIdentifier(name.name)
                          : QuoteIdentifier(name.schema) + "." + QuoteIdentifier(name.name);
    return e.has_alias ? out + " " + QuoteIdentifier(e.written_ref) : out;
  }

  bool JoinType(const Pieces& p, size_t* i, std::string* type, std::string* why) {
    std::string kind;
    if (IsWord(p, *i, "natural")) {
      *why = "NATURAL JOIN";
      return false;
    }
    if (IsWord(p, *i, "inner")) {
      ++*i;
    } else if (IsWord(p, *i, "left") || IsWord(p, *i, "right") || IsWord(p, *i, "full") ||
               IsWord(p, *i, "cross")) {
      kind = absl::AsciiStrToUpper(p[(*i)++].text);
      if (IsWord(p, *i, "outer")) ++*i;
    }
    if (!IsWord(p, *i, "join")) {
      *why = "an unexpected word in FROM";
      return false;
    }
    ++*i;
    *type = kind.empty() ? "JOIN" : kind + " JOIN";
    return true;
  }

  // [schema.]name [[AS] alias]
  bool Relation(const Pieces& p, size_t* i, std::string* why) {
    if (*i >= p.size() || !IsName(p[*i])) {
      *why = *i < p.size() && p[*i].text == "(" ? "a subquery or parenthesised join in FROM"
                                                : "a relation name expected in FROM";
      return false;
    }
    QualifiedName written{"public", p[(*i)++].text};
    if (IsPunct(p, *i, ".") && *i + 1 < p.size() && IsName(p[*i + 1])) {
      written = {written.name, p[*i + 1].text};
      *i += 2;
    }
    std::optional<ViewRelation> relation = lookup_(written);
    if (!relation) {
      *why = fmt::format("relation \"{}\" does not exist", written.name);
      return false;
    }
    RangeEntry e;
    e.written_ref = written.name;
    e.printed_ref = relation->name.name;
    if (IsWord(p, *i, "as")) ++*i;
    if (*i < p.size() && IsName(p[*i]) && !IsJoinWord(p, *i) && !IsWord(p, *i, "on")) {
      e.written_ref = e.printed_ref = p[(*i)++].text;
      e.has_alias = true;
    }
    relations_->push_back(relation->name);
    e.relation = std::move(*relation);
    entries_->push_back(std::move(e));
    return true;
  }

  const ViewRelationLookup& lookup_;
  std::vector<RangeEntry>* entries_;
  std::vector<QualifiedName>* relations_;
  std::vector<Item> items_;
};

// The name PostgreSQL derives for an output column without an alias (FigureColname).
std::string DerivedName(const Node& n) {
  switch (n.kind) {
    case Node::kColumn:
      return n.column;
    case Node::kCall:
      return n.text == "COALESCE" ? "coalesce" : n.text == "NULLIF" ? "nullif" : n.text;
    case Node::kCase:
      return "case";
    case Node::kKeyword:
      return n.text == "CURRENT_DATE" ? "current_date" : "current_timestamp";
    case Node::kSubscript:
      return DerivedName(n.kids[0]);
    case Node::kCast: {
      std::string inner = DerivedName(n.kids[0]);
      if (inner != "?column?" || !n.explicit_cast) return inner;
      static const std::pair<std::string_view, std::string_view> kTypeNames[] = {
          {"integer", "int4"}, {"bigint", "int8"},    {"smallint", "int2"},
          {"boolean", "bool"}, {"real", "float4"},    {"double precision", "float8"},
          {"text", "text"},    {"numeric", "numeric"}};
      for (const auto& [type, name] : kTypeNames)
        if (n.type == type) return std::string(name);
      return inner;
    }
    case Node::kString:
      return n.type == "interval" ? "interval" : "?column?";
    case Node::kBool:
      return "bool";
    default:
      return "?column?";
  }
}

// GROUP BY / ORDER BY print a function or aggregate call in parentheses, and so a cast
// PostgreSQL makes with a function; COALESCE / NULLIF are not calls to it.
std::string SortKey(const Node& n) {
  std::string printed = internal::Print(n, 8);
  bool call = n.kind == Node::kCall && n.text != "COALESCE" && n.text != "NULLIF";
  bool function_cast = n.kind == Node::kCast && internal::IsFunctionCast(n.kids[0].type, n.type);
  return call || function_cast ? "(" + printed + ")" : printed;
}

struct Target {
  Node expr;
  std::string name;
};

// A GROUP BY / ORDER BY item: an output column number, an output name (ORDER BY only),
// or an expression over the FROM list.
bool SortExpression(const Pieces& p, const std::vector<Target>& targets,
                    const internal::ColumnResolver& resolver, bool output_names_first, Node* out) {
  if (p.size() == 1 && p[0].kind == Piece::kNumber) {
    size_t k = 0;
    const std::string& digits = p[0].text;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), k);
    if (error != std::errc() || end != digits.data() + digits.size() || k == 0 ||
        k > targets.size())
      return false;
    *out = targets[k - 1].expr;
    return true;
  }
  auto by_output_name = [&]() {
    if (p.size() != 1 || !IsName(p[0])) return false;
    for (const Target& t : targets) {
      if (t.name == p[0].text) {
        *out = t.expr;
        return true;
      }
    }
    return false;
  };
  if (output_names_first && by_output_name()) return true;
  if (internal::ParseExpression(p, resolver, out)) return true;
  return !output_names_first && by_output_name();
}

bool Targets(const std::vector<Pieces>& items, const std::vector<RangeEntry>& entries, bool qualify,
             const internal::ColumnResolver& resolver, std::vector<Target>* out, std::string* why) {
  for (const Pieces& item : items) {
    // * and relation.*
    bool star = item.size() == 1 && item[0].text == "*";
    bool relation_star =
        item.size() == 3 && IsName(item[0]) && IsPunct(item, 1, ".") && item[2].text == "*";
    if (star || relation_star) {
      bool any = false;
      for (const RangeEntry& e : entries) {
        if (relation_star && e.written_ref != item[0].text) continue;
        any = true;
        for (const ViewColumn& c : e.relation.columns) {
          Node column;
          column.kind = Node::kColumn;
          column.text = ColumnText(e, c.name, qualify);
          column.type = c.type;
          column.column = c.name;
          out->push_back({std::move(column), c.name});
        }
      }
      if (!any) {
        *why = "* of a relation not in FROM";
        return false;
      }
      continue;
    }
    Target t;
    if (internal::ParseExpression(item, resolver, &t.expr)) {
      t.name = DerivedName(t.expr);
    } else {
      // expr [AS] alias
      size_t n = item.size();
      if (n < 2 || !IsName(item[n - 1])) {
        *why = "an output expression";
        return false;
      }
      size_t end = IsWord(item, n - 2, "as") ? n - 2 : n - 1;
      if (!internal::ParseExpression(Slice(item, 0, end), resolver, &t.expr)) {
        *why = "an output expression";
        return false;
      }
      t.name = item[n - 1].text;
    }
    // An untyped literal in the output list is text.
    if (t.expr.type.empty() && (t.expr.kind == Node::kString || t.expr.kind == Node::kNull))
      t.expr.type = "text";
    out->push_back(std::move(t));
  }
  return true;
}

}  // namespace

std::string ViewDefinitionFromServer(std::string printed) {
  while (!printed.empty() && (printed.back() == ';' || printed.back() == '\n')) printed.pop_back();
  while (!printed.empty() && printed.front() == ' ') printed.erase(0, 1);
  return printed;
}

std::optional<ViewDefinition> DeparseView(std::string_view select,
                                          const std::vector<std::string>& column_names,
                                          const ViewRelationLookup& lookup, int pg_major,
                                          std::string* why,
                                          const std::vector<Function>* functions) {
  while (!select.empty() &&
         (select.back() == ';' || std::isspace(static_cast<unsigned char>(select.back()))))
    select.remove_suffix(1);
  Pieces p;
  if (!internal::Tokenize(select, &p)) {
    *why = "a token the view deparser does not know";
    return std::nullopt;
  }
  // A parenthesised query: SELECT … inside ( ).
  while (p.size() >= 2 && IsPunct(p, 0, "(") && IsPunct(p, p.size() - 1, ")"))
    p = Slice(p, 1, p.size() - 1);
  Clauses c;
  if (!SplitClauses(p, &c, why)) return std::nullopt;

  ViewDefinition out;
  std::vector<RangeEntry> entries;
  FromBuilder from(lookup, &entries, &out.relations);
  if (!from.Read(c.from, why)) return std::nullopt;
  const bool qualify = pg_major < 16 || entries.size() != 1;
  ViewResolver resolver(entries, qualify, functions);

  std::vector<Target> targets;
  if (!Targets(SplitCommas(c.targets), entries, qualify, resolver, &targets, why))
    return std::nullopt;
  if (column_names.size() > targets.size()) {
    *why = "more column names than the query has columns";
    return std::nullopt;
  }
  for (size_t k = 0; k < column_names.size(); ++k) targets[k].name = column_names[k];

  std::string& text = out.text;
  text = c.distinct ? "SELECT DISTINCT" : "SELECT";
  for (size_t k = 0; k < targets.size(); ++k) {
    const Target& t = targets[k];
    std::string item = internal::Print(t.expr, 8);
    if (!(t.expr.kind == Node::kColumn && t.expr.column == t.name))
      item += " AS " + QuoteIdentifier(t.name);
    bool own_line = item.starts_with("\n");
    text += k == 0 ? (own_line ? "" : " ") : (own_line ? "," : ",\n    ");
    text += item;
    out.columns.push_back({t.name, t.name, t.expr.type});
  }
  if (!c.from.empty()) {
    text += "\n   FROM ";
    if (!from.Print(resolver, &text, why)) return std::nullopt;
  }
  auto expression = [&](const Pieces& pieces, const char* what, std::string* printed) {
    Node n;
    if (!internal::ParseExpression(pieces, resolver, &n)) {
      *why = what;
      return false;
    }
    *printed = internal::Print(n, 8);
    return true;
  };
  if (!c.where.empty()) {
    std::string where;
    if (!expression(c.where, "the WHERE condition", &where)) return std::nullopt;
    text += "\n  WHERE " + where;
  }
  if (!c.group_by.empty()) {
    std::string list;
    for (const Pieces& item : SplitCommas(c.group_by)) {
      Node n;
      if (!SortExpression(item, targets, resolver, false, &n)) {
        *why = "a GROUP BY item";
        return std::nullopt;
      }
      list += (list.empty() ? "" : ", ") + SortKey(n);
    }
    text += "\n  GROUP BY " + list;
  }
  if (!c.having.empty()) {
    std::string having;
    if (!expression(c.having, "the HAVING condition", &having)) return std::nullopt;
    text += "\n HAVING " + having;
  }
  if (!c.order_by.empty()) {
    std::string list;
    for (Pieces item : SplitCommas(c.order_by)) {
      bool desc = false, nulls_first = false, nulls_last = false;
      if (item.size() >= 2 && IsWord(item, item.size() - 2, "nulls")) {
        nulls_first = IsWord(item, item.size() - 1, "first");
        nulls_last = IsWord(item, item.size() - 1, "last");
        item.resize(item.size() - 2);
      }
      if (!item.empty() &&
          (IsWord(item, item.size() - 1, "asc") || IsWord(item, item.size() - 1, "desc"))) {
        desc = item.back().text == "desc";
        item.pop_back();
      }
      Node n;
      if (!SortExpression(item, targets, resolver, true, &n)) {
        *why = "an ORDER BY item";
        return std::nullopt;
      }
      std::string key = SortKey(n);
      if (desc) key += " DESC";
      if (desc && nulls_last) key += " NULLS LAST";
      if (!desc && nulls_first) key += " NULLS FIRST";
      list += (list.empty() ? "" : ", ") + key;
    }
    text += "\n  ORDER BY " + list;
  }
  for (auto [pieces, keyword] : {std::pair{&c.offset, "OFFSET"}, std::pair{&c.limit, "LIMIT"}}) {
    if (pieces->empty()) continue;
    bool all = pieces->size() == 1 && IsWord(*pieces, 0, "all");  // kept as LIMIT ALL
    if (pieces->size() != 1 || ((*pieces)[0].kind != Piece::kNumber && !all)) {
      *why = fmt::format("{} other than a number", keyword);
      return std::nullopt;
    }
    text += fmt::format("\n {} {}", keyword, all ? "ALL" : (*pieces)[0].text);
  }
  return out;
}

}  // namespace drift::model
