#include "model/expressions.h"

#include <cctype>
#include <vector>

#include "model/identifiers.h"

namespace drift::model {
namespace {

struct Piece {
  enum Kind { kWord, kQuoted, kString, kNumber, kPunct, kOperator } kind;
  std::string text;  // words lower-cased unless quoted; quoted: the exact name
};

bool Tokenize(std::string_view s, std::vector<Piece>* out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (c == '"') {
      std::string name;
      if (!ReadQuotedIdentifier(s, &i, &name)) return false;
      out->push_back({Piece::kQuoted, name});
    } else if (c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && !(s[j] == '\'' && (j + 1 >= s.size() || s[j + 1] != '\''))) {
        j += s[j] == '\'' ? 2 : 1;
      }
      if (j >= s.size()) return false;
      out->push_back({Piece::kString, std::string(s.substr(i, j + 1 - i))});
      i = j + 1;
    } else if (std::isdigit(c)) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      out->push_back({Piece::kNumber, std::string(s.substr(i, j - i))});
      i = j;
    } else if (std::isalpha(c) || c == '_' || c >= 0x80) {
      size_t j = i;
      std::string word;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
                              static_cast<unsigned char>(s[j]) >= 0x80 || s[j] == '$')) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(s[j])));
        ++j;
      }
      out->push_back({Piece::kWord, word});
      i = j;
    } else if (c == '(' || c == ')' || c == ',' || c == '[' || c == ']' || c == '.') {
      out->push_back({Piece::kPunct, std::string(1, static_cast<char>(c))});
      ++i;
    } else {
      size_t j = i;
      while (j < s.size() &&
             std::string_view("+-*/<>=~!@#%^&|`?:").find(s[j]) != std::string_view::npos)
        ++j;
      if (j == i) return false;
      out->push_back({Piece::kOperator, std::string(s.substr(i, j - i))});
      i = j;
    }
  }
  return true;
}

bool IsTextFunction(std::string_view name) {
  return name == "lower" || name == "upper" || name == "btrim" || name == "md5" ||
         name == "length" || name == "initcap";
}

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

std::string CanonicalExpression(std::string_view text, const ColumnTypes& columns) {
  std::vector<Piece> p;
  if (!Tokenize(text, &p)) return std::string(text);
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

std::string CanonicalPartitionKey(std::string_view text, const ColumnTypes& columns) {
  size_t open = text.find('(');
  if (open == std::string_view::npos || text.back() != ')') return std::string(text);
  std::string method(text.substr(0, open));
  while (!method.empty() && method.back() == ' ') method.pop_back();
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view inner = text.substr(open + 1, text.size() - open - 2);
  std::string out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= inner.size(); ++i) {
    if (i < inner.size() && inner[i] == '(') ++depth;
    if (i < inner.size() && inner[i] == ')') --depth;
    if (i == inner.size() || (inner[i] == ',' && depth == 0)) {
      out +=
          (out.empty() ? "" : ", ") + CanonicalExpression(inner.substr(start, i - start), columns);
      start = i + 1;
    }
  }
  return method + " (" + out + ")";
}

std::string CanonicalPartitionBound(std::string_view text) {
  std::vector<Piece> p;
  if (!Tokenize(text, &p)) return std::string(text);
  std::string out;
  for (const Piece& piece : p) {
    std::string part = piece.text;
    if (piece.kind == Piece::kWord) {
      for (char& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    bool tight = part == ")" || part == "," || (!out.empty() && out.back() == '(');
    if (!out.empty() && !tight) out += ' ';
    out += part;
  }
  return out;
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
  if (type.starts_with("character varying") || type.starts_with("character(")) type = "text";
  if (type.ends_with("[]")) type = "array";
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
