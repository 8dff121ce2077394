#include "model/expression_tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "model/defaults.h"
#include "model/identifiers.h"
#include "model/types.h"

namespace drift::model::internal {

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
      // An exponent: 1e9, 2.5E-3.
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
          while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
          j = k;
        }
      }
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
         name == "length" || name == "initcap" || name == "replace";
}

std::vector<std::string> ArgumentTypes(std::string_view identity_arguments) {
  std::vector<std::string> out;
  // Types whose canonical spelling has a space: a first word among these starts the type.
  static constexpr std::string_view kTypeStarts[] = {"double", "character", "timestamp",
                                                     "time",   "bit",       "interval"};
  size_t at = 0;
  while (at < identity_arguments.size()) {
    size_t comma = identity_arguments.find(", ", at);
    std::string part(identity_arguments.substr(
        at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    at = comma == std::string_view::npos ? identity_arguments.size() : comma + 2;
    for (std::string_view mode : {"IN ", "OUT ", "INOUT ", "VARIADIC "}) {
      if (part.starts_with(mode)) part.erase(0, mode.size());
    }
    if (!part.empty() && part[0] == '"') {  // a quoted name
      size_t close = part.find('"', 1);
      while (close != std::string::npos && close + 1 < part.size() && part[close + 1] == '"')
        close = part.find('"', close + 2);
      if (close != std::string::npos) part.erase(0, close + 2);
    } else if (size_t space = part.find(' '); space != std::string::npos) {
      std::string_view first = std::string_view(part).substr(0, space);
      if (std::find(std::begin(kTypeStarts), std::end(kTypeStarts), first) == std::end(kTypeStarts))
        part.erase(0, space + 1);
    }
    out.push_back(part);
  }
  return out;
}

bool MapResolver::Resolve(std::string_view qualifier, std::string_view name, Node* column) const {
  std::string key = qualifier.empty() ? std::string(name) : fmt::format("{}.{}", qualifier, name);
  auto it = columns_.find(key);
  if (it == columns_.end()) return false;
  std::string quoted = name == "*" ? std::string("*") : QuoteIdentifier(name);
  column->text = qualifier.empty() ? quoted : QuoteIdentifier(qualifier) + "." + quoted;
  column->type = it->second;
  column->column = name;
  return true;
}

namespace {

// The place of a numeric type in PostgreSQL's implicit widening order; 0 for others.
int NumericRank(const std::string& type) {
  if (type == "smallint") return 1;
  if (type == "integer") return 2;
  if (type == "bigint") return 3;
  if (type == "numeric" || type.starts_with("numeric(")) return 4;
  if (type == "real") return 5;
  if (type == "double precision") return 6;
  return 0;
}

class ExprParser {
 public:
  ExprParser(const std::vector<Piece>& p, const ColumnResolver& resolver)
      : p_(p), resolver_(resolver) {}

  bool Parse(Node* out) {
    if (!Or(out)) return false;
    return i_ == p_.size();
  }

 private:
  const Piece* Peek() const { return i_ < p_.size() ? &p_[i_] : nullptr; }
  bool IsWord(std::string_view w) const {
    return i_ < p_.size() && p_[i_].kind == Piece::kWord && p_[i_].text == w;
  }
  bool IsOp(std::string_view op) const {
    return i_ < p_.size() && (p_[i_].kind == Piece::kOperator || p_[i_].kind == Piece::kPunct) &&
           p_[i_].text == op;
  }

  bool Or(Node* out) { return Chain(out, "or", &ExprParser::And); }
  bool And(Node* out) { return Chain(out, "and", &ExprParser::Not); }

  bool Chain(Node* out, std::string_view word, bool (ExprParser::*next)(Node*)) {
    Node first;
    if (!(this->*next)(&first)) return false;
    if (!IsWord(word)) {
      *out = std::move(first);
      return true;
    }
    Node chain;
    chain.kind = Node::kBool2;
    chain.text = word == "or" ? "OR" : "AND";
    chain.type = "boolean";
    chain.kids.push_back(std::move(first));
    while (IsWord(word)) {
      ++i_;
      Node more;
      if (!(this->*next)(&more)) return false;
      chain.kids.push_back(std::move(more));
    }
    *out = std::move(chain);
    return true;
  }

  bool Not(Node* out) {
    if (IsWord("not")) {
      ++i_;
      Node arg;
      if (++depth_ > kMaxDepth) return false;
      bool ok = Not(&arg);
      --depth_;
      if (!ok) return false;
      out->kind = Node::kNot;
      out->type = "boolean";
      out->kids.push_back(std::move(arg));
      return true;
    }
    return IsTest(out);
  }

  bool IsTest(Node* out) {
    if (!Comparison(out)) return false;
    if (IsWord("is")) {
      size_t save = i_++;
      bool negated = IsWord("not");
      if (negated) ++i_;
      if (IsWord("distinct") && i_ + 1 < p_.size() && p_[i_ + 1].kind == Piece::kWord &&
          p_[i_ + 1].text == "from") {
        i_ += 2;
        Node right;
        if (!Comparison(&right)) return false;
        *out = MakeBinary("IS DISTINCT FROM", std::move(*out), std::move(right), true);
        if (negated) {  // PostgreSQL keeps IS NOT DISTINCT FROM as NOT (… IS DISTINCT FROM …)
          Node test;
          test.kind = Node::kNot;
          test.type = "boolean";
          test.kids.push_back(std::move(*out));
          *out = std::move(test);
        }
        return true;
      }
      if (!IsWord("null")) {
        i_ = save;
        return false;
      }
      ++i_;
      Node test;
      test.kind = Node::kNullTest;
      test.text = negated ? "IS NOT NULL" : "IS NULL";
      test.type = "boolean";
      test.kids.push_back(std::move(*out));
      *out = std::move(test);
    }
    return true;
  }

  bool Comparison(Node* out) {
    if (!Binary(out, 0)) return false;
    if (IsWord("between")) {  // PostgreSQL keeps a BETWEEN b AND c as (a >= b) AND (a <= c)
      ++i_;
      Node low, high;
      if (!Binary(&low, 0) || !IsWord("and")) return false;
      ++i_;
      if (!Binary(&high, 0)) return false;
      Node both;
      both.kind = Node::kBool2;
      both.text = "AND";
      both.type = "boolean";
      both.kids.push_back(MakeBinary(">=", *out, std::move(low), true));
      both.kids.push_back(MakeBinary("<=", std::move(*out), std::move(high), true));
      *out = std::move(both);
      return true;
    }
    static constexpr std::string_view kOps[] = {"=", "<>", "!=", "<", ">", "<=", ">="};
    for (std::string_view op : kOps) {
      if (IsOp(op)) {
        ++i_;
        const std::string printed = op == "!=" ? "<>" : std::string(op);
        if ((IsWord("any") || IsWord("some") || IsWord("all")) && i_ + 1 < p_.size() &&
            p_[i_ + 1].text == "(") {
          // x op ANY (array), as ruleutils prints it; SOME is ANY.
          std::string quantifier = IsWord("all") ? "ALL" : "ANY";
          i_ += 2;
          Node array;
          if (!Or(&array) || !IsOp(")")) return false;
          ++i_;
          if (array.kind == Node::kString && !out->type.empty()) Coerce(array, out->type + "[]");
          Node any;
          any.kind = Node::kAnyOf;
          any.text = printed + " " + quantifier;
          any.type = "boolean";
          any.kids.push_back(std::move(*out));
          any.kids.push_back(std::move(array));
          *out = std::move(any);
          return true;
        }
        Node right;
        if (!Binary(&right, 0)) return false;
        *out = MakeBinary(op == "!=" ? "<>" : std::string(op), std::move(*out), std::move(right),
                          true);
        return true;
      }
    }
    if (IsWord("in") || (IsWord("not") && i_ + 1 < p_.size() && p_[i_ + 1].text == "in")) {
      bool negated = IsWord("not");
      i_ += negated ? 2 : 1;
      if (!IsOp("(")) return false;
      ++i_;
      Node any;
      any.kind = Node::kAnyArray;
      any.text = negated ? "<> ALL" : "= ANY";
      any.type = "boolean";
      any.kids.push_back(std::move(*out));
      do {
        Node item;
        if (!Binary(&item, 0)) return false;
        any.kids.push_back(std::move(item));
      } while (IsOp(",") && ++i_);
      if (!IsOp(")")) return false;
      ++i_;
      if (any.kids.size() == 2) {  // x IN (y) is x = y
        *out =
            MakeBinary(negated ? "<>" : "=", std::move(any.kids[0]), std::move(any.kids[1]), true);
        return true;
      }
      // The list takes the type of the tested value, as an array of it.
      std::string element = any.kids[0].type;
      for (size_t k = 1; k < any.kids.size(); ++k) {
        if (any.kids[k].kind == Node::kString || any.kids[k].type == element) {
          Coerce(any.kids[k], element);
        } else if (NumericRank(any.kids[k].type) > 0 &&
                   NumericRank(any.kids[k].type) <= NumericRank(element)) {
          Coerce(any.kids[k], element);
        } else {
          return false;
        }
      }
      *out = std::move(any);
      return true;
    }
    if (IsWord("like") || IsWord("ilike")) {
      std::string op = p_[i_++].text == "like" ? "~~" : "~~*";
      Node right;
      if (!Binary(&right, 0)) return false;
      *out = MakeBinary(op, std::move(*out), std::move(right), true);
    }
    return true;
  }

  // Levels: 0 other operators (||, ->, ->>), 1 + -, 2 * / %.
  bool Binary(Node* out, int level) {
    if (level > 2) return Unary(out);
    if (!Binary(out, level + 1)) return false;
    while (true) {
      const Piece* p = Peek();
      if (p == nullptr || p->kind != Piece::kOperator) return true;
      bool match = level == 2 ? (p->text == "*" || p->text == "/" || p->text == "%")
                   : level == 1
                       ? (p->text == "+" || p->text == "-")
                       : (p->text == "||" || p->text == "->" || p->text == "->>" ||
                          p->text == "#>" || p->text == "#>>" || p->text == "@>" ||
                          p->text == "<@" || p->text == "?" || p->text == "&&" || p->text == "&" ||
                          p->text == "|" || p->text == "#" || p->text == "<<" || p->text == ">>");
      if (!match) return true;
      std::string op = p->text;
      ++i_;
      Node right;
      if (!Binary(&right, level + 1)) return false;
      *out = MakeBinary(op, std::move(*out), std::move(right), false);
    }
  }

  bool Unary(Node* out) {
    if (IsOp("-") && i_ + 1 < p_.size() && p_[i_ + 1].kind == Piece::kNumber) {
      ++i_;
      out->kind = Node::kNumber;
      std::string digits = p_[i_++].text;
      out->type = NumberType("-" + digits);
      if (std::optional<std::string> value = NumericText(digits)) digits = *value;
      out->text = "-" + digits;
      return Postfix(out);
    }
    return Primary(out) && Postfix(out);
  }

  bool Postfix(Node* out) {
    while (IsOp("[")) {
      ++i_;
      Node index;
      if (!Binary(&index, 0) || !IsOp("]")) return false;
      ++i_;
      Node sub;
      sub.kind = Node::kSubscript;
      sub.type = out->type.ends_with("[]") ? out->type.substr(0, out->type.size() - 2) : "";
      sub.kids.push_back(std::move(*out));
      sub.kids.push_back(std::move(index));
      *out = std::move(sub);
    }
    while (IsOp("::")) {
      ++i_;
      std::string type_text;
      if (!TypeName(&type_text)) return false;
      *out = MakeCast(std::move(*out), type_text);
    }
    return true;
  }

  // A type name after :: or CAST(… AS: words, dots, a parenthesised modifier and []
  // markers. Words after the first only as parts of the multi-word type names (double
  // precision, character varying, timestamp with time zone), so an alias after the cast
  // is not taken for a type.
  bool TypeName(std::string* type_text) {
    auto continues = [&](const Piece& p) {
      static constexpr std::string_view kParts[] = {"precision", "varying", "with",
                                                    "without",   "time",    "zone"};
      return std::find(std::begin(kParts), std::end(kParts), p.text) != std::end(kParts);
    };
    while (const Piece* p = Peek()) {
      bool word = p->kind == Piece::kWord || p->kind == Piece::kQuoted;
      if (word && !type_text->empty() && !type_text->ends_with(".") && !continues(*p)) break;
      if (word || p->text == "." || p->text == "[" || p->text == "]") {
        *type_text += (p->kind == Piece::kQuoted ? "\"" + p->text + "\"" : p->text);
        if (p->kind == Piece::kWord && i_ + 1 < p_.size() && p_[i_ + 1].kind == Piece::kWord &&
            continues(p_[i_ + 1]))
          *type_text += " ";
        ++i_;
      } else if (p->text == "(" && !type_text->empty()) {
        while (Peek() != nullptr && Peek()->text != ")") *type_text += p_[i_++].text;
        if (Peek() == nullptr) return false;
        *type_text += p_[i_++].text;
      } else {
        break;
      }
    }
    return !type_text->empty();
  }

  static Node MakeCast(Node arg, const std::string& type_text) {
    // A cast of a value to the type it already has is no cast (coerce_type returns it).
    if (arg.kind != Node::kString && arg.kind != Node::kNumber && arg.kind != Node::kNull &&
        !arg.type.empty() && arg.type == CanonicalType(type_text))
      return arg;
    Node cast;
    cast.kind = Node::kCast;
    cast.type = CanonicalType(type_text);
    cast.text = cast.type;
    cast.explicit_cast = true;
    cast.kids.push_back(std::move(arg));
    return cast;
  }

  bool Primary(Node* out) {
    const Piece* p = Peek();
    if (p == nullptr) return false;
    if (p->text == "(" && p->kind == Piece::kPunct) {
      // Deeply nested input falls back to the flat printer instead of recursing on.
      if (++depth_ > kMaxDepth) return false;
      ++i_;
      bool ok = Or(out);
      --depth_;
      if (!ok) return false;
      if (!IsOp(")")) return false;
      ++i_;
      return true;
    }
    if (p->kind == Piece::kString) {
      out->kind = Node::kString;
      out->text = p->text.substr(1, p->text.size() - 2);
      ++i_;
      return true;
    }
    if (p->kind == Piece::kNumber) {
      out->kind = Node::kNumber;
      out->text = p->text;
      // A number is printed as its value: 09 is 9, 1e3 is 1000 (numeric_out).
      if (out->text.find_first_not_of("0123456789") == std::string::npos) {
        size_t nonzero = out->text.find_first_not_of('0');
        out->text = nonzero == std::string::npos ? "0" : out->text.substr(nonzero);
      } else if (std::optional<std::string> value = NumericText(out->text)) {
        out->text = *value;
      }
      out->type = NumberType(p->text);
      ++i_;
      return true;
    }
    if (p->kind == Piece::kWord && (p->text == "true" || p->text == "false")) {
      out->kind = Node::kBool;
      out->text = p->text;
      out->type = "boolean";
      ++i_;
      return true;
    }
    if (p->kind == Piece::kWord && p->text == "null") {
      out->kind = Node::kNull;
      ++i_;
      return true;
    }
    if (p->kind == Piece::kWord && IsSqlValueKeyword(p->text)) {
      out->kind = Node::kKeyword;
      out->text = p->text == "current_date" ? "CURRENT_DATE" : "CURRENT_TIMESTAMP";
      out->type = p->text == "current_date" ? "date" : "timestamp with time zone";
      ++i_;
      return true;
    }
    // A typed literal: INTERVAL '30 days', DATE '2024-01-01'.
    if (p->kind == Piece::kWord && i_ + 1 < p_.size() && p_[i_ + 1].kind == Piece::kString &&
        (p->text == "interval" || p->text == "date" || p->text == "timestamp" ||
         p->text == "timestamptz")) {
      out->kind = Node::kString;
      out->text = p_[i_ + 1].text.substr(1, p_[i_ + 1].text.size() - 2);
      out->type = p->text == "timestamptz" ? "timestamp with time zone"
                  : p->text == "timestamp" ? "timestamp without time zone"
                                           : p->text;
      i_ += 2;
      return true;
    }
    if (p->kind == Piece::kWord && p->text == "case") return Case(out);
    if (p->kind == Piece::kWord && p->text == "cast" && i_ + 1 < p_.size() &&
        p_[i_ + 1].text == "(") {
      i_ += 2;
      Node arg;
      if (!Or(&arg) || !IsWord("as")) return false;
      ++i_;
      std::string type_text;
      if (!TypeName(&type_text) || !IsOp(")")) return false;
      ++i_;
      *out = MakeCast(std::move(arg), type_text);
      return true;
    }
    // USER, CURRENT_USER, LOCALTIME …: functions in SQL's clothing, not columns; not
    // typed here, so the expression is not understood rather than misread.
    if (p->kind == Piece::kWord && IsSqlFunctionKeyword(p->text)) return false;
    if (p->kind == Piece::kWord || p->kind == Piece::kQuoted) {
      std::string name = p->text;
      ++i_;
      if (IsOp("(")) return Call(name, p->kind == Piece::kQuoted, out);
      std::string qualifier;
      if (IsOp(".") && i_ + 1 < p_.size() &&
          (p_[i_ + 1].kind == Piece::kWord || p_[i_ + 1].kind == Piece::kQuoted ||
           (p_[i_ + 1].kind == Piece::kOperator && p_[i_ + 1].text == "*"))) {
        qualifier = name;
        name = p_[i_ + 1].text;
        i_ += 2;
      }
      out->kind = Node::kColumn;
      out->column = name;
      return resolver_.Resolve(qualifier, name, out);
    }
    return false;
  }

  static bool IsSqlFunctionKeyword(const std::string& word) {
    static constexpr std::string_view kWords[] = {"user",         "current_user",    "session_user",
                                                  "current_role", "current_catalog", "current_time",
                                                  "localtime",    "localtimestamp",  "system_user"};
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
  }

  static bool IsSqlValueKeyword(const std::string& word) {
    return word == "current_date" || word == "current_timestamp";
  }

  // name( ... ) [OVER (...)], typed for the functions views use.
  bool Call(const std::string& name, bool quoted, Node* out) {
    ++i_;  // (
    out->kind = Node::kCall;
    out->text = quoted ? QuoteIdentifier(name) : name;
    if (++depth_ > kMaxDepth) return false;
    if (IsOp("*") && i_ + 1 < p_.size() && p_[i_ + 1].text == ")") {
      Node star;
      star.kind = Node::kStar;
      out->kids.push_back(std::move(star));
      ++i_;
    } else if (!IsOp(")")) {
      if (IsWord("distinct")) {
        out->distinct = true;
        ++i_;
      }
      do {
        Node arg;
        if (!Or(&arg)) return false;
        out->kids.push_back(std::move(arg));
      } while (IsOp(",") && ++i_);
    }
    --depth_;
    if (!IsOp(")")) return false;
    ++i_;
    TypeCall(*out);
    if (IsWord("over")) {
      ++i_;
      if (!IsOp("(") || i_ + 1 >= p_.size() || p_[i_ + 1].text != ")") return false;
      i_ += 2;
      out->over = "()";
    }
    return true;
  }

  // The result type PostgreSQL resolves for the call, with the casts it adds to the
  // arguments; "" for functions this parser does not know.
  void TypeCall(Node& call) const {
    const std::string& name = call.text;
    auto& args = call.kids;
    const std::string first = args.empty() ? "" : args[0].type;
    if (IsTextFunction(name)) {
      call.type = name == "length" ? "integer" : "text";
      for (Node& arg : args) Coerce(arg, "text");
    } else if (name == "concat_ws" && !args.empty()) {  // (text, VARIADIC "any")
      call.type = "text";
      Coerce(args[0], "text");
    } else if (name == "concat") {
      call.type = "text";
    } else if (name == "count") {
      call.type = "bigint";
    } else if (name == "sum" && args.size() == 1) {
      int rank = NumericRank(first);
      call.type = rank == 1 || rank == 2   ? "bigint"
                  : rank == 3 || rank == 4 ? "numeric"
                  : rank == 5              ? "real"
                  : rank == 6              ? "double precision"
                                           : first;
    } else if (name == "avg" && args.size() == 1) {
      int rank = NumericRank(first);
      call.type = rank >= 1 && rank <= 4 ? "numeric" : rank >= 5 ? "double precision" : "";
    } else if ((name == "min" || name == "max") && args.size() == 1) {
      call.type = IsStringType(first) ? "text" : first;
      Coerce(args[0], call.type);
    } else if (name == "date" && args.size() == 1) {
      call.type = "date";
    } else if (name == "now" && args.empty()) {
      call.type = "timestamp with time zone";
    } else if (name == "coalesce" && !args.empty()) {
      call.text = "COALESCE";
      // The common type: the widest numeric, text when string types mix, else the first.
      std::string common;
      for (const Node& a : args) {
        if (a.type.empty() || a.kind == Node::kNull) continue;
        if (common.empty() || NumericRank(a.type) > NumericRank(common)) common = a.type;
        if (IsStringType(a.type) && a.type != common) common = "text";
      }
      if (common.empty()) common = "text";
      for (Node& a : args) Coerce(a, common);
      call.type = common;
    } else if (name == "nullif" && args.size() == 2) {
      call.text = "NULLIF";
      call.type = args[0].type;
      Coerce(args[1], call.type);
    } else if (name == "date_trunc" && args.size() == 2) {
      Coerce(args[0], "text");
      call.type =
          args[1].type.starts_with("timestamp(") && args[1].type.ends_with("without time zone")
              ? "timestamp without time zone"
          : args[1].type.starts_with("timestamp(") ? "timestamp with time zone"
                                                   : args[1].type;
    } else {
      std::vector<std::string> declared;
      std::string result;
      if (!resolver_.Routine(name, args.size(), &declared, &result)) return;
      // The schema's own function: untyped arguments take the declared types; anyelement
      // ones the type of the first typed anyelement argument, and so does the result.
      std::string polymorphic;
      for (size_t k = 0; k < args.size() && polymorphic.empty(); ++k) {
        if (declared[k] == "anyelement" && args[k].kind != Node::kNull &&
            args[k].kind != Node::kString)
          polymorphic = args[k].type;
      }
      for (size_t k = 0; k < args.size(); ++k) {
        const std::string& type = declared[k] == "anyelement" ? polymorphic : declared[k];
        if (!type.empty()) Coerce(args[k], type);
      }
      call.type = result == "anyelement" ? polymorphic : result;
    }
  }

  // CASE WHEN cond THEN value ... [ELSE value] END (the searched form).
  bool Case(Node* out) {
    ++i_;
    out->kind = Node::kCase;
    if (++depth_ > kMaxDepth) return false;
    while (IsWord("when")) {
      ++i_;
      Node cond, value;
      if (!Or(&cond) || !IsWord("then")) return false;
      ++i_;
      if (!Or(&value)) return false;
      out->kids.push_back(std::move(cond));
      out->kids.push_back(std::move(value));
    }
    if (out->kids.empty()) return false;
    if (IsWord("else")) {
      ++i_;
      Node value;
      if (!Or(&value)) return false;
      out->kids.push_back(std::move(value));
    }
    if (!IsWord("end")) return false;
    ++i_;
    --depth_;
    if (out->kids.size() % 2 == 0) out->kids.emplace_back();  // no ELSE: ELSE NULL
    // The result type: the first typed value; untyped literals become text.
    auto is_value = [&](size_t k) {
      return k % 2 == 1 || (out->kids.size() % 2 == 1 && k + 1 == out->kids.size());
    };
    std::string type;
    for (size_t k = 0; k < out->kids.size() && type.empty(); ++k) {
      if (is_value(k) && out->kids[k].kind != Node::kNull) type = out->kids[k].type;
    }
    if (type.empty()) type = "text";
    for (size_t k = 0; k < out->kids.size(); ++k) {
      if (is_value(k)) Coerce(out->kids[k], type);
    }
    out->type = type;
    return true;
  }

  static std::string NumberType(const std::string& text) {
    if (text.find_first_of(".eE") != std::string::npos) return "numeric";
    std::string digits = text[0] == '-' ? text.substr(1) : text;
    if (digits.size() < 10 || (digits.size() == 10 && digits <= "2147483647")) return "integer";
    if (digits.size() < 19 || (digits.size() == 19 && digits <= "9223372036854775807"))
      return "bigint";
    return "numeric";
  }

  static bool IsStringType(const std::string& type) {
    return type == "text" || type.starts_with("character varying") ||
           type.starts_with("character(");
  }

  // Gives `n` type `target` as PostgreSQL's implicit coercion would.
  static void Coerce(Node& n, const std::string& target) {
    if (n.kind == Node::kString && n.type.empty()) {
      n.type = target;  // an untyped literal takes the type it is used as
      return;
    }
    if (n.kind == Node::kNull) {  // a NULL constant takes the type it is used as
      n.type = target;
      return;
    }
    if (n.type == target || n.type.empty() || n.kind == Node::kNull) return;
    if (IsStringType(n.type) && target == "text" && n.type != "text") {
      Node cast;
      cast.kind = Node::kCast;
      cast.type = cast.text = "text";
      cast.kids.push_back(std::move(n));
      n = std::move(cast);
      return;
    }
    int from = NumericRank(n.type), to = NumericRank(target);
    if (from > 0 && to > 0 && from < to && !(from <= 3 && to <= 3)) {
      Node cast;
      cast.kind = Node::kCast;
      cast.type = cast.text = to == 4 ? "numeric" : target;
      cast.kids.push_back(std::move(n));
      n = std::move(cast);
    }
  }

  Node MakeBinary(std::string op, Node left, Node right, bool comparison) {
    std::string lt = left.type, rt = right.type;
    bool json_path = op == "->" || op == "->>" || op == "#>" || op == "#>>";
    if (json_path && (lt == "jsonb" || lt == "json")) {
      Coerce(right, op[0] == '#' ? "text[]" : "text");  // a key (text) or a path (text[])
    } else if (IsStringType(lt) || IsStringType(rt)) {
      Coerce(left, "text");
      Coerce(right, "text");
    } else if ((lt == "real") != (rt == "real") && NumericRank(lt) > 0 && NumericRank(rt) > 0) {
      // real against an integer or numeric: PostgreSQL takes the mixed real/double
      // precision operator and casts the other side to double precision.
      Coerce(lt == "real" ? right : left, "double precision");
    } else if ((op == "&" || op == "|" || op == "#") && lt != rt && NumericRank(lt) >= 1 &&
               NumericRank(lt) <= 3 && NumericRank(rt) >= 1 && NumericRank(rt) <= 3) {
      // No cross-type bitwise operators: the narrower integer is cast to the wider.
      Node& narrow = NumericRank(lt) < NumericRank(rt) ? left : right;
      Node cast;
      cast.kind = Node::kCast;
      cast.type = cast.text = NumericRank(lt) < NumericRank(rt) ? rt : lt;
      cast.kids.push_back(std::move(narrow));
      narrow = std::move(cast);
    } else if (NumericRank(lt) > 0 && NumericRank(rt) > 0) {
      const std::string& wider = NumericRank(lt) >= NumericRank(rt) ? lt : rt;
      Coerce(left, wider);
      Coerce(right, wider);
    } else if (left.kind == Node::kString && !rt.empty()) {
      Coerce(left, rt);
    } else if (right.kind == Node::kString && !lt.empty()) {
      Coerce(right, lt);
    }
    Node n;
    n.kind = Node::kBinary;
    n.text = std::move(op);
    n.type = comparison ? "boolean" : left.type;
    if (n.text == "->>" || n.text == "#>>") n.type = "text";
    n.kids.push_back(std::move(left));
    n.kids.push_back(std::move(right));
    return n;
  }

  static constexpr int kMaxDepth = 200;
  const std::vector<Piece>& p_;
  const ColumnResolver& resolver_;
  size_t i_ = 0;
  int depth_ = 0;
};

}  // namespace

bool ParseExpression(const std::vector<Piece>& pieces, const ColumnResolver& resolver, Node* out) {
  return ExprParser(pieces, resolver).Parse(out);
}

// The literal's type as a cast suffix: varchar and char lose their length.
namespace {

std::string LiteralCastType(const std::string& type) {
  if (type.starts_with("character varying")) return "character varying";
  if (type.starts_with("character(")) return "bpchar";
  return type;
}

}  // namespace

std::string Print(const Node& n, int indent) {
  auto kid = [&](size_t k) { return Print(n.kids[k], indent); };
  switch (n.kind) {
    case Node::kColumn:
    case Node::kKeyword:
    case Node::kArray:
      return n.text;
    case Node::kStar:
      return "*";
    case Node::kString: {
      std::string lit = "'" + n.text + "'";
      return n.type.empty() ? lit : lit + "::" + LiteralCastType(n.type);
    }
    case Node::kNumber:
      if (n.text[0] == '-') return "'" + n.text + "'::" + n.type;
      // A numeric constant that looks like an integer is labelled (ruleutils).
      return n.type == "numeric" && n.text.find('.') == std::string::npos
                 ? "'" + n.text + "'::numeric"
                 : n.text;
    case Node::kBool:
      return n.text;
    case Node::kNull:
      return n.type.empty() ? "NULL" : "NULL::" + LiteralCastType(n.type);
    case Node::kCall: {
      std::string out = n.text + (n.distinct ? "(DISTINCT " : "(");
      for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? ", " : "") + kid(i);
      out += ")";
      return n.over.empty() ? out : out + " OVER " + n.over;
    }
    case Node::kBinary:
      return "(" + kid(0) + " " + n.text + " " + kid(1) + ")";
    case Node::kBool2: {
      std::string out = "(";
      for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? " " + n.text + " " : "") + kid(i);
      return out + ")";
    }
    case Node::kNot:
      return "(NOT " + kid(0) + ")";
    case Node::kNullTest:
      return "(" + kid(0) + " " + n.text + ")";
    case Node::kCast: {
      const Node& arg = n.kids[0];
      if (arg.kind == Node::kString) return "'" + arg.text + "'::" + n.text;
      if (arg.kind == Node::kNumber && n.explicit_cast) return "'" + arg.text + "'::" + n.text;
      return "(" + kid(0) + ")::" + n.text;
    }
    case Node::kAnyArray: {
      // A varchar value is compared as text, against the varchar array cast to text[].
      const std::string& type = n.kids[0].type;
      bool varchar = type.starts_with("character varying") || type.starts_with("character(");
      std::string items;
      for (size_t i = 1; i < n.kids.size(); ++i) items += (i > 1 ? ", " : "") + kid(i);
      if (varchar)
        return "((" + kid(0) + ")::text " + n.text + " ((ARRAY[" + items + "])::text[]))";
      return "(" + kid(0) + " " + n.text + " (ARRAY[" + items + "]))";
    }
    case Node::kAnyOf:
      return "(" + kid(0) + " " + n.text + " (" + kid(1) + "))";
    case Node::kSubscript:
      return kid(0) + "[" + kid(1) + "]";
    case Node::kCase: {
      // Pretty-printed (indent >= 0) as pg_get_viewdef lays it out: CASE and END on
      // lines of their own, each WHEN and ELSE indented 4 more.
      bool pretty = indent >= 0;
      std::string head = pretty ? "\n" + std::string(static_cast<size_t>(indent), ' ') : "";
      std::string arm =
          pretty ? "\n" + std::string(static_cast<size_t>(indent) + 4, ' ') : std::string(" ");
      int inner = pretty ? indent + 4 : -1;
      std::string out = head + "CASE";
      size_t k = 0;
      for (; k + 1 < n.kids.size(); k += 2)
        out += arm + "WHEN " + Print(n.kids[k], inner) + " THEN " + Print(n.kids[k + 1], inner);
      if (k < n.kids.size()) out += arm + "ELSE " + Print(n.kids[k], inner);
      return out + (pretty ? head : std::string(" ")) + "END";
    }
  }
  return n.text;
}

bool IsFunctionCast(const std::string& from, const std::string& to) {
  auto datetime = [](const std::string& t) { return t == "date" || t.starts_with("timestamp"); };
  if (from.empty() || to.empty() || from == to) return false;
  return (NumericRank(from) > 0 && NumericRank(to) > 0) || (datetime(from) && datetime(to));
}

}  // namespace drift::model::internal
