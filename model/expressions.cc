#include "model/expressions.h"

#include <cctype>
#include <vector>

#include "absl/strings/ascii.h"
#include "model/defaults.h"
#include "model/expression_tree.h"
#include "model/identifiers.h"
#include "model/types.h"

namespace drift::model {
namespace {

using internal::IsTextFunction;
using internal::Node;
using internal::Piece;
using internal::Tokenize;

// A column argument as the deparser prints it inside a call to `function`.
std::string Argument(const Piece& p, std::string_view function, const ColumnTypes& columns) {
  std::string name = QuoteIdentifier(p.text);
  auto it = columns.find(p.text);
  if (it != columns.end() && IsTextFunction(function) &&
      (it->second.starts_with("character varying") || it->second.starts_with("character("))) {
    return "(" + name + ")::text";
  }
  return name;
}

}  // namespace

namespace {

std::string FallbackExpression(std::vector<Piece> p, const ColumnTypes& columns) {
  // Strip parentheses around the whole expression.
  while (p.size() >= 2 && p.front().text == "(" && p.back().text == ")") {
    int depth = 0;
    bool whole = true;
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i].kind == Piece::kPunct && p[i].text == "(") ++depth;
      if (p[i].kind == Piece::kPunct && p[i].text == ")" && --depth == 0 && i + 1 < p.size()) {
        whole = false;
      }
    }
    if (!whole) break;
    p = std::vector<Piece>(p.begin() + 1, p.end() - 1);
  }
  // A column reference.
  if (p.size() == 1 && (p[0].kind == Piece::kWord || p[0].kind == Piece::kQuoted)) {
    return QuoteIdentifier(p[0].text);
  }
  // fn(col, col, ...) with plain column arguments.
  if (p.size() >= 3 && p[0].kind == Piece::kWord && p[1].text == "(" && p.back().text == ")") {
    std::string out = p[0].text + "(";
    bool simple = true;
    for (size_t i = 2; i + 1 < p.size(); ++i) {
      if (p[i].kind == Piece::kWord || p[i].kind == Piece::kQuoted) {
        if (!columns.contains(p[i].text)) simple = false;
        out += Argument(p[i], p[0].text, columns);
      } else if (p[i].text == ",") {
        out += ", ";
      } else {
        simple = false;
      }
    }
    if (simple) return out + ")";
  }
  // Otherwise: identifiers quoted as needed, keywords as written in lower case, single
  // spaces between operators.
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    const Piece& piece = p[i];
    std::string part =
        piece.kind == Piece::kQuoted || (piece.kind == Piece::kWord && columns.contains(piece.text))
            ? QuoteIdentifier(piece.text)
            : piece.text;
    bool tight = piece.text == ")" || piece.text == "," || piece.text == "]" || piece.text == "." ||
                 piece.text == "::" ||
                 (!out.empty() && (out.back() == '(' || out.back() == '[' || out.back() == '.' ||
                                   out.ends_with("::")));
    if (piece.text == "(" && i > 0 && p[i - 1].kind == Piece::kWord) tight = true;
    if (!out.empty() && !tight) out += ' ';
    out += part;
    if (piece.text == ",") out += "";
  }
  return out;
}

}  // namespace

std::optional<std::string> TypedExpression(std::string_view text, const ColumnTypes& columns) {
  std::vector<Piece> p;
  if (!Tokenize(text, &p)) return std::nullopt;
  // Very long expressions would build very deep trees: those are not parsed.
  constexpr size_t kMaxPieces = 4096;
  Node root;
  if (p.size() > kMaxPieces || !internal::ParseExpression(p, internal::MapResolver(columns), &root))
    return std::nullopt;
  // A lone column or call prints bare; pg_get_expr wraps nothing else at the top.
  return internal::Print(root);
}

std::string CanonicalExpression(std::string_view text, const ColumnTypes& columns) {
  if (std::optional<std::string> typed = TypedExpression(text, columns)) return *typed;
  std::vector<Piece> p;
  if (!Tokenize(text, &p)) return std::string(text);
  return FallbackExpression(p, columns);
}

namespace {

// Calls on_identifier(begin, end, name) for every identifier outside literals.
template <typename Fn>
void ForEachIdentifier(std::string_view s, Fn on_identifier) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && !(s[j] == '\'' && (j + 1 >= s.size() || s[j + 1] != '\''))) {
        j += s[j] == '\'' ? 2 : 1;
      }
      i = j + 1;
    } else if (c == '"') {
      size_t start = i;
      std::string name;
      if (!ReadQuotedIdentifier(s, &i, &name)) return;
      on_identifier(start, i, name);
    } else if (std::isalpha(c) || c == '_' || c >= 0x80) {
      size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' ||
                              static_cast<unsigned char>(s[i]) >= 0x80 || s[i] == '$')) {
        ++i;
      }
      bool after_dot_number = start > 0 && std::isdigit(static_cast<unsigned char>(s[start - 1]));
      if (!after_dot_number)
        on_identifier(start, i, FoldIdentifier(s.substr(start, i - start), false));
    } else if (std::isdigit(c)) {
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    } else {
      ++i;
    }
  }
}

}  // namespace

std::string RenameIdentifier(std::string_view expression, std::string_view from,
                             std::string_view to) {
  std::string out;
  size_t copied = 0;
  ForEachIdentifier(expression, [&](size_t begin, size_t end, const std::string& name) {
    if (name != from) return;
    out.append(expression.substr(copied, begin - copied));
    out += QuoteIdentifier(to);
    copied = end;
  });
  out.append(expression.substr(copied));
  return out;
}

bool MentionsIdentifier(std::string_view expression, std::string_view name) {
  bool found = false;
  ForEachIdentifier(expression,
                    [&](size_t, size_t, const std::string& id) { found |= id == name; });
  return found;
}

std::vector<std::string_view> SplitTopLevel(std::string_view list) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && list[i] == '(') ++depth;
    if (i < list.size() && list[i] == ')') --depth;
    if (i == list.size() || (list[i] == ',' && depth == 0)) {
      out.push_back(list.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string CanonicalPartitionKey(std::string_view text, const ColumnTypes& columns) {
  size_t open = text.find('(');
  if (open == std::string_view::npos || text.back() != ')') return std::string(text);
  std::string method(text.substr(0, open));
  while (!method.empty() && method.back() == ' ') method.pop_back();
  absl::AsciiStrToUpper(&method);
  std::string out;
  for (std::string_view key : SplitTopLevel(text.substr(open + 1, text.size() - open - 2))) {
    out += (out.empty() ? "" : ", ") + CanonicalExpression(key, columns);
  }
  return method + " (" + out + ")";
}

namespace {

// A bound value as ruleutils prints a partition bound constant: the type's output text,
// bare for integer and for numeric with a point or exponent, quoted otherwise.
std::string BoundLiteral(const std::string& literal, const std::string& type) {
  if (type.empty()) return literal;
  std::string canonical = CanonicalDefault(literal, type);
  std::string value;
  if (!canonical.empty() && canonical[0] == '\'') {
    for (size_t i = 1; i < canonical.size(); ++i) {
      if (canonical[i] == '\'') {
        if (i + 1 < canonical.size() && canonical[i + 1] == '\'') {
          value += '\'';
          ++i;
          continue;
        }
        break;
      }
      value += canonical[i];
    }
  } else {
    value = canonical.substr(0, canonical.find("::"));
  }
  if (value.empty()) return literal;
  bool digit = std::isdigit(static_cast<unsigned char>(value[0])) != 0;
  if (type == "integer" && digit) return value;
  if ((type == "numeric" || type.starts_with("numeric(")) && digit &&
      value.find_first_of("eE.") != std::string::npos) {
    return value;
  }
  if (type == "boolean") return value;
  std::string quoted = "'";
  for (char c : value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string CanonicalPartitionBound(std::string_view text,
                                    const std::vector<std::string>& key_types) {
  std::vector<Piece> p;
  if (!Tokenize(text, &p)) return std::string(text);
  std::string out;
  std::string list;  // "from", "to" or "in" while inside that value list
  int depth = 0;
  size_t position = 0;  // value position in the list
  bool hash = false;    // inside WITH (...)
  for (size_t i = 0; i < p.size(); ++i) {
    const Piece& piece = p[i];
    std::string part = piece.text;
    if (piece.kind == Piece::kPunct && part == "(") {
      if (depth == 0 && i > 0 && p[i - 1].kind == Piece::kWord && p[i - 1].text == "with") {
        hash = true;  // WITH (modulus 4, remainder 1): printed in lower case
      }
      if (++depth == 1 && i > 0 && p[i - 1].kind == Piece::kWord &&
          (p[i - 1].text == "from" || p[i - 1].text == "to" || p[i - 1].text == "in")) {
        list = p[i - 1].text;
        position = 0;
      }
    } else if (piece.kind == Piece::kPunct && part == ")") {
      if (--depth == 0) {
        list.clear();
        hash = false;
      }
    } else if (piece.kind == Piece::kPunct && part == "," && depth == 1) {
      ++position;
    }
    bool negative = piece.kind == Piece::kOperator && part == "-" && i + 1 < p.size() &&
                    p[i + 1].kind == Piece::kNumber;
    if (!list.empty() && depth == 1 &&
        (piece.kind == Piece::kString || piece.kind == Piece::kNumber || negative)) {
      std::string literal = negative ? "-" + p[++i].text : part;
      size_t key = list == "in" ? 0 : position;
      part = BoundLiteral(literal, key < key_types.size() ? key_types[key] : "");
    } else if (piece.kind == Piece::kWord && !(depth == 1 && hash)) {
      absl::AsciiStrToUpper(&part);
    }
    bool tight = part == ")" || part == "," || (!out.empty() && out.back() == '(');
    if (!out.empty() && !tight) out += ' ';
    out += part;
  }
  return out;
}

std::vector<std::string> PartitionKeyTypes(std::string_view partition_key,
                                           const ColumnTypes& columns) {
  std::vector<std::string> out;
  size_t open = partition_key.find('(');
  if (open == std::string_view::npos || partition_key.back() != ')') return out;
  for (std::string_view key :
       SplitTopLevel(partition_key.substr(open + 1, partition_key.size() - open - 2))) {
    std::vector<Piece> item;
    std::string type;
    if (Tokenize(key, &item) && item.size() == 1) {
      auto it = columns.find(item[0].text);
      if (it != columns.end()) type = it->second;
    }
    out.push_back(type);  // "" for an expression key: its bounds are left as written
  }
  return out;
}

std::string IndexKeyExpression(std::string_view e) {
  // ruleutils' looks_like_function(): name(...) spanning the whole text.
  size_t i = 0;
  while (i < e.size() && (std::isalnum(static_cast<unsigned char>(e[i])) || e[i] == '_' ||
                          e[i] == '.' || e[i] == '"')) {
    ++i;
  }
  bool call = false;
  if (i > 0 && i < e.size() && e[i] == '(' && e.back() == ')') {
    int depth = 0;
    bool in_string = false;
    for (size_t j = i; j < e.size(); ++j) {
      if (e[j] == '\'') in_string = !in_string;
      if (in_string) continue;
      if (e[j] == '(') ++depth;
      if (e[j] == ')' && --depth == 0) {
        call = j + 1 == e.size();
        break;
      }
    }
  }
  return call ? std::string(e) : "(" + std::string(e) + ")";
}

std::string IndexKeyNamePart(std::string_view expression, bool is_expression) {
  if (!is_expression) return std::string(expression);
  std::vector<Piece> p;
  if (Tokenize(expression, &p) && p.size() >= 3 && p[0].kind == Piece::kWord && p[1].text == "(") {
    return p[0].text;
  }
  return "expr";
}

bool IsDefaultOpclass(std::string_view opclass, std::string_view method,
                      std::string_view column_type) {
  std::string type(column_type);
  if (type.ends_with("[]")) type = "array";  // of any element type, varchar(n)[] included
  if (type.starts_with("character varying") || type.starts_with("character(")) type = "text";
  if (method == "btree" || method == "hash") {
    static const std::map<std::string, std::string, std::less<>> kDefaults = {
        {"text", "text_ops"},
        {"integer", "int4_ops"},
        {"bigint", "int8_ops"},
        {"smallint", "int2_ops"},
        {"boolean", "bool_ops"},
        {"uuid", "uuid_ops"},
        {"numeric", "numeric_ops"},
        {"double precision", "float8_ops"},
        {"real", "float4_ops"},
        {"date", "date_ops"},
        {"bytea", "bytea_ops"},
        {"jsonb", "jsonb_ops"},
        {"array", "array_ops"},
        {"timestamp without time zone", "timestamp_ops"},
        {"timestamp with time zone", "timestamptz_ops"}};
    std::string base = type.substr(0, type.find('('));
    if (base.starts_with("timestamp(")) base = "timestamp";
    auto it = kDefaults.find(type);
    if (it == kDefaults.end()) {
      for (const auto& [t, ops] : kDefaults) {
        if (type.starts_with(t.substr(0, t.find(' ')) + "(") && opclass == ops) return true;
      }
      return false;
    }
    return it->second == opclass;
  }
  if (method == "gin") {
    return (type == "jsonb" && opclass == "jsonb_ops") ||
           (type == "array" && opclass == "array_ops");
  }
  return false;
}

}  // namespace drift::model
