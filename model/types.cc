#include "model/types.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/identifiers.h"
#include "model/string_hash.h"

namespace drift::model {
namespace {

// One lexical piece of a type name.
struct Token {
  enum Kind { kWord, kQuoted, kParens, kBrackets, kDot } kind;
  std::string text;  // kWord: lower-cased; kQuoted: exact; kParens: inside, spaces removed
};

bool Tokenize(std::string_view s, std::vector<Token>* out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (c == '"') {
      std::string name;
      if (!ReadQuotedIdentifier(s, &i, &name)) return false;
      out->push_back({Token::kQuoted, name});
    } else if (c == '(' || c == '[') {
      char close = c == '(' ? ')' : ']';
      std::string inside;
      ++i;
      while (i < s.size() && s[i] != close) {
        if (!std::isspace(static_cast<unsigned char>(s[i]))) inside += s[i];
        ++i;
      }
      if (i >= s.size()) return false;
      ++i;
      out->push_back({c == '(' ? Token::kParens : Token::kBrackets, inside});
    } else if (c == '.') {
      out->push_back({Token::kDot, "."});
      ++i;
    } else if (std::isalnum(c) || c == '_' || c >= 0x80) {
      std::string word;
      while (i < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i]);
        if (!(std::isalnum(d) || d == '_' || d == '$' || d >= 0x80)) break;
        word += static_cast<char>(std::tolower(d));
        ++i;
      }
      out->push_back({Token::kWord, word});
    } else {
      return false;
    }
  }
  return true;
}

// Builtin names, lower-cased and space-joined, to their format_type() spelling.
const std::map<std::string, std::string, std::less<>>& BuiltinAliases() {
  static const auto* aliases = new std::map<std::string, std::string, std::less<>>{
      {"int", "integer"},
      {"int4", "integer"},
      {"integer", "integer"},
      {"int2", "smallint"},
      {"smallint", "smallint"},
      {"int8", "bigint"},
      {"bigint", "bigint"},
      {"bool", "boolean"},
      {"boolean", "boolean"},
      {"float8", "double precision"},
      {"double precision", "double precision"},
      {"float4", "real"},
      {"real", "real"},
      {"decimal", "numeric"},
      {"dec", "numeric"},
      {"numeric", "numeric"},
      {"varchar", "character varying"},
      {"character varying", "character varying"},
      {"char varying", "character varying"},
      {"char", "character"},
      {"character", "character"},
      {"bpchar", "bpchar"},
      {"varbit", "bit varying"},
      {"bit varying", "bit varying"},
      {"bit", "bit"},
      {"timestamp", "timestamp without time zone"},
      {"timestamp without time zone", "timestamp without time zone"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp with time zone", "timestamp with time zone"},
      {"time", "time without time zone"},
      {"time without time zone", "time without time zone"},
      {"timetz", "time with time zone"},
      {"time with time zone", "time with time zone"},
  };
  return *aliases;
}

// Puts a type modifier where format_type() prints it: "timestamp(3) without time zone".
std::string WithModifier(const std::string& base, const std::string& modifier) {
  if (modifier.empty()) return base;
  for (std::string_view zone : {" without time zone", " with time zone"}) {
    if (base.size() > zone.size() && base.ends_with(zone)) {
      return base.substr(0, base.size() - zone.size()) + "(" + modifier + ")" + std::string(zone);
    }
  }
  return base + "(" + modifier + ")";
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string CanonicalTypeUncached(std::string_view text);

}  // namespace

std::string CanonicalType(std::string_view text) {
  // Migrations repeat a handful of type spellings thousands of times.
  thread_local std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache;
  auto it = cache.find(text);
  if (it != cache.end()) return it->second;
  std::string result = CanonicalTypeUncached(text);
  if (cache.size() < 4096) cache.emplace(std::string(text), result);
  return result;
}

namespace {

std::string CanonicalTypeUncached(std::string_view text) {
  std::vector<Token> tokens;
  if (!Tokenize(text, &tokens) || tokens.empty()) return CollapseSpaces(text);

  // Trailing array markers: "[]", "[3]", or the SQL-standard "ARRAY" / "ARRAY[3]".
  bool is_array = false;
  while (!tokens.empty()) {
    const Token& last = tokens.back();
    if (last.kind == Token::kBrackets) {
      is_array = true;
      tokens.pop_back();
    } else if (last.kind == Token::kWord && last.text == "array" && tokens.size() > 1) {
      is_array = true;
      tokens.pop_back();
    } else {
      break;
    }
  }
  const std::string suffix = is_array ? "[]" : "";

  // A type modifier in parentheses, possibly followed by WITH/WITHOUT TIME ZONE.
  std::string modifier;
  std::vector<Token> words;
  for (const Token& t : tokens) {
    if (t.kind == Token::kParens) {
      if (!modifier.empty()) return CollapseSpaces(text);
      modifier = t.text;
    } else {
      words.push_back(t);
    }
  }
  if (words.empty()) return CollapseSpaces(text);

  // Qualified user-defined type: [schema .] name, with pg_catalog dropped.
  bool all_plain = true;
  for (const Token& t : words) all_plain &= t.kind == Token::kWord;
  if (all_plain) {
    std::string joined;
    for (const Token& t : words) joined += (joined.empty() ? "" : " ") + t.text;
    auto it = BuiltinAliases().find(joined);
    if (it != BuiltinAliases().end()) {
      std::string base = it->second;
      std::string mod = modifier;
      if (base == "double precision" || base == "real") mod.clear();
      if (joined == "char" || joined == "character") {
        if (mod.empty()) mod = "1";
      }
      if (joined == "bit" && mod.empty()) mod = "1";
      return WithModifier(base, mod) + suffix;
    }
    if (joined == "float") {
      // float(p): p <= 24 is real, anything else (and no p) double precision.
      bool small = !modifier.empty() && modifier.size() <= 2 &&
                   modifier.find_first_not_of("0123456789") == std::string::npos &&
                   std::stoi(modifier) <= 24;
      if (small) return "real" + suffix;
      return "double precision" + suffix;
    }
    if (words.size() > 1) {
      // "interval day to second" and similar keep their words.
      return WithModifier(joined, modifier) + suffix;
    }
  }

  // [schema.]name with quoted or bare parts.
  QualifiedName name;
  size_t i = 0;
  auto part = [&](std::string* out) {
    if (i >= words.size()) return false;
    const Token& t = words[i++];
    if (t.kind == Token::kWord) {
      *out = FoldIdentifier(t.text, false);
    } else if (t.kind == Token::kQuoted) {
      *out = FoldIdentifier(t.text, true);
    } else {
      return false;
    }
    return true;
  };
  std::string first;
  if (!part(&first)) return CollapseSpaces(text);
  if (i < words.size() && words[i].kind == Token::kDot) {
    ++i;
    name.schema = first;
    if (!part(&name.name) || i != words.size()) return CollapseSpaces(text);
  } else {
    if (i != words.size()) return CollapseSpaces(text);
    name = {"public", first};
  }
  if (name.schema == "pg_catalog") {
    auto it = BuiltinAliases().find(name.name);
    if (it != BuiltinAliases().end()) {
      return CanonicalType(name.name + (modifier.empty() ? "" : "(" + modifier + ")") + suffix);
    }
    if (name.name == "char") return "\"char\"" + suffix;
    return WithModifier(name.name, modifier) + suffix;
  }
  return WithModifier(QualifiedText(name), modifier) + suffix;
}

}  // namespace

std::optional<std::string> SerialBaseType(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.size() < 6 || text.size() > 11) return std::nullopt;  // every serial spelling
  auto is = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
    }
    return true;
  };
  if (is("serial") || is("serial4")) return "integer";
  if (is("bigserial") || is("serial8")) return "bigint";
  if (is("smallserial") || is("serial2")) return "smallint";
  return std::nullopt;
}

std::optional<std::string> ArrayElementType(std::string_view canonical) {
  if (!canonical.ends_with("[]")) return std::nullopt;
  return std::string(canonical.substr(0, canonical.size() - 2));
}

namespace {

// The n of "character varying(n)"; 0 for unlimited, -1 for anything else.
int VarcharLength(std::string_view t) {
  constexpr std::string_view kVarchar = "character varying";
  if (t == kVarchar) return 0;
  if (!t.starts_with(kVarchar) || t.size() < kVarchar.size() + 3 || t.back() != ')') return -1;
  int n = 0;
  for (char c : t.substr(kVarchar.size() + 1, t.size() - kVarchar.size() - 2)) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

namespace {

// "numeric(10,2)" -> {10, 2}; "numeric" -> {0, 0}; not numeric -> {-1, -1}.
std::pair<int, int> NumericModifier(std::string_view t) {
  if (t == "numeric") return {0, 0};
  int p = 0, s = 0;
  if (std::sscanf(std::string(t).c_str(), "numeric(%d,%d)", &p, &s) == 2) return {p, s};
  if (std::sscanf(std::string(t).c_str(), "numeric(%d)", &p) == 1) return {p, 0};
  return {-1, -1};
}

// The fractional-second precision of a time-like type of family `family` ("timestamp",
// "timestamp with time zone" is family "timestamp" with the suffix): 6 when not given,
// -1 when `t` is not of that family with that suffix.
int TimePrecision(std::string_view t, std::string_view family, std::string_view suffix) {
  if (!t.starts_with(family) || !t.ends_with(suffix)) return -1;
  std::string_view middle = t.substr(family.size(), t.size() - family.size() - suffix.size());
  if (middle.empty()) return 6;
  int p = 0;
  if (middle.size() >= 3 && middle.front() == '(' && middle.back() == ')' &&
      std::sscanf(std::string(middle.substr(1)).c_str(), "%d", &p) == 1)
    return p;
  return -1;
}

}  // namespace

bool ChangesTypeWithoutRewrite(std::string_view from, std::string_view to) {
  if (from == to) return true;
  const int a = VarcharLength(from), b = VarcharLength(to);
  if (a >= 0 && b >= 0) return b == 0 || (a > 0 && b >= a);
  if (a >= 0 && to == "text") return true;
  if (from == "text" && b == 0) return true;
  auto [p1, s1] = NumericModifier(from);
  auto [p2, s2] = NumericModifier(to);
  if (p1 >= 0 && p2 >= 0) return p2 == 0 || (p1 > 0 && s1 == s2 && p2 >= p1);
  static constexpr std::pair<std::string_view, std::string_view> kTimeFamilies[] = {
      {"timestamp", " without time zone"},
      {"timestamp", " with time zone"},
      {"time", " without time zone"},
      {"time", " with time zone"},
      {"interval", ""}};
  for (const auto& [family, suffix] : kTimeFamilies) {
    int f = TimePrecision(from, family, suffix), t = TimePrecision(to, family, suffix);
    if (f >= 0 && t >= 0) return t >= f;
  }
  return from == "cidr" && to == "inet";
}

bool IsLosslessWidening(std::string_view from, std::string_view to) {
  static constexpr std::string_view kIntegers[] = {"smallint", "integer", "bigint", "numeric"};
  auto rank = [&](std::string_view t) {
    for (size_t i = 0; i < std::size(kIntegers); ++i)
      if (kIntegers[i] == t) return static_cast<int>(i);
    return -1;
  };
  if (rank(from) >= 0 && rank(to) > rank(from)) return true;
  if (from == "real" && to == "double precision") return true;
  if (from.starts_with("numeric(") && to == "numeric") return true;
  int a = VarcharLength(from), b = VarcharLength(to);
  if (a > 0 && (b == 0 || b >= a)) return true;
  return a >= 0 && to == "text";
}

}  // namespace drift::model
