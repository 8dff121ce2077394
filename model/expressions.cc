#include "model/expressions.h"

#include <cctype>
#include <vector>

#include "model/defaults.h"
#include "model/identifiers.h"
#include "model/types.h"

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

namespace {

// A parsed expression, typed the way PostgreSQL's analyser would type it.
struct Node {
  enum Kind {
    kColumn,
    kString,
    kNumber,
    kBool,
    kNull,
    kCall,
    kBinary,
    kBool2,
    kNot,
    kNullTest,
    kCast,
    kArray
  };
  Kind kind = kNull;
  std::string text;  // column name, literal value, operator, function name, cast type, "AND"/"OR"
  std::vector<Node> kids;
  std::string type;  // canonical type, "" when unknown (an untyped literal or opaque call)
  bool explicit_cast = false;
  bool qualified = false;  // kColumn: `text` is already printed ("new.status", "old.*")
};

class ExprParser {
 public:
  ExprParser(const std::vector<Piece>& p, const ColumnTypes& columns) : p_(p), columns_(columns) {}

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
    static constexpr std::string_view kOps[] = {"=", "<>", "!=", "<", ">", "<=", ">="};
    for (std::string_view op : kOps) {
      if (IsOp(op)) {
        ++i_;
        Node right;
        if (!Binary(&right, 0)) return false;
        *out = MakeBinary(op == "!=" ? "<>" : std::string(op), std::move(*out), std::move(right),
                          true);
        return true;
      }
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
      bool match = level == 2   ? (p->text == "*" || p->text == "/" || p->text == "%")
                   : level == 1 ? (p->text == "+" || p->text == "-")
                                : (p->text == "||" || p->text == "->" || p->text == "->>" ||
                                   p->text == "#>" || p->text == "#>>" || p->text == "@>" ||
                                   p->text == "<@" || p->text == "?" || p->text == "&&");
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
      out->text = "-" + p_[i_++].text;
      out->type = NumberType(out->text);
      return Postfix(out);
    }
    return Primary(out) && Postfix(out);
  }

  bool Postfix(Node* out) {
    while (IsOp("::")) {
      ++i_;
      // The type: words, dots, a parenthesised modifier and [] markers.
      std::string type_text;
      while (const Piece* p = Peek()) {
        if (p->kind == Piece::kWord || p->kind == Piece::kQuoted || p->text == "." ||
            p->text == "[" || p->text == "]") {
          type_text += (p->kind == Piece::kQuoted ? "\"" + p->text + "\"" : p->text);
          if (p->kind == Piece::kWord && i_ + 1 < p_.size() && p_[i_ + 1].kind == Piece::kWord)
            type_text += " ";
          ++i_;
        } else if (p->text == "(" && !type_text.empty()) {
          while (Peek() != nullptr && Peek()->text != ")") type_text += p_[i_++].text;
          if (Peek() == nullptr) return false;
          type_text += p_[i_++].text;
        } else {
          break;
        }
      }
      if (type_text.empty()) return false;
      Node cast;
      cast.kind = Node::kCast;
      cast.type = CanonicalType(type_text);
      cast.text = cast.type;
      cast.explicit_cast = true;
      cast.kids.push_back(std::move(*out));
      *out = std::move(cast);
    }
    return true;
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
    if (p->kind == Piece::kWord || p->kind == Piece::kQuoted) {
      std::string name = p->text;
      ++i_;
      if (IsOp("(")) {  // a function call
        ++i_;
        out->kind = Node::kCall;
        out->text = name;
        if (++depth_ > kMaxDepth) return false;
        --depth_;
        if (!IsOp(")")) {
          do {
            Node arg;
            ++depth_;
            bool ok = Or(&arg);
            --depth_;
            if (!ok || depth_ > kMaxDepth) return false;
            out->kids.push_back(std::move(arg));
          } while (IsOp(",") && ++i_);
        }
        if (!IsOp(")")) return false;
        ++i_;
        if (IsTextFunction(name)) {
          out->type = name == "length" ? "integer" : "text";
          for (Node& arg : out->kids) Coerce(arg, "text");
        }
        return true;
      }
      // A qualified reference, such as a trigger's `new.status` or `old.*`: the columns
      // map holds it under "qualifier.name".
      if (IsOp(".") && i_ + 1 < p_.size() &&
          (p_[i_ + 1].kind == Piece::kWord || p_[i_ + 1].kind == Piece::kQuoted ||
           (p_[i_ + 1].kind == Piece::kOperator && p_[i_ + 1].text == "*"))) {
        const Piece& field = p_[i_ + 1];
        auto it = columns_.find(name + "." + field.text);
        if (it == columns_.end()) return false;
        i_ += 2;
        out->kind = Node::kColumn;
        out->qualified = true;
        out->text = QuoteIdentifier(name) + "." +
                    (field.kind == Piece::kOperator ? "*" : QuoteIdentifier(field.text));
        out->type = it->second;
        return true;
      }
      auto it = columns_.find(name);
      if (it == columns_.end()) return false;
      out->kind = Node::kColumn;
      out->text = name;
      out->type = it->second;
      return true;
    }
    return false;
  }

  static std::string NumberType(const std::string& text) {
    if (text.find_first_of(".eE") != std::string::npos) return "numeric";
    std::string digits = text[0] == '-' ? text.substr(1) : text;
    if (digits.size() < 10 || (digits.size() == 10 && digits <= "2147483647")) return "integer";
    if (digits.size() < 19 || (digits.size() == 19 && digits <= "9223372036854775807"))
      return "bigint";
    return "numeric";
  }

  static int NumericRank(const std::string& type) {
    if (type == "smallint") return 1;
    if (type == "integer") return 2;
    if (type == "bigint") return 3;
    if (type == "numeric" || type.starts_with("numeric(")) return 4;
    if (type == "real") return 5;
    if (type == "double precision") return 6;
    return 0;
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
    if (IsStringType(lt) || IsStringType(rt)) {
      Coerce(left, "text");
      Coerce(right, "text");
    } else if ((lt == "real") != (rt == "real") && NumericRank(lt) > 0 && NumericRank(rt) > 0) {
      // real against an integer or numeric: PostgreSQL takes the mixed real/double
      // precision operator and casts the other side to double precision.
      Coerce(lt == "real" ? right : left, "double precision");
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
    n.kids.push_back(std::move(left));
    n.kids.push_back(std::move(right));
    return n;
  }

  static constexpr int kMaxDepth = 200;
  const std::vector<Piece>& p_;
  const ColumnTypes& columns_;
  size_t i_ = 0;
  int depth_ = 0;
};

// The literal's type as a cast suffix: varchar and char lose their length.
std::string LiteralCastType(const std::string& type) {
  if (type.starts_with("character varying")) return "character varying";
  if (type.starts_with("character(")) return "bpchar";
  return type;
}

std::string Print(const Node& n) {
  switch (n.kind) {
    case Node::kColumn:
      return n.qualified ? n.text : QuoteIdentifier(n.text);
    case Node::kString: {
      std::string lit = "'";
      for (char c : n.text) lit += c;
      lit += "'";
      return n.type.empty() ? lit : lit + "::" + LiteralCastType(n.type);
    }
    case Node::kNumber:
      if (n.text[0] == '-') return "'" + n.text + "'::" + n.type;
      return n.type == "numeric" && n.text.find_first_of("eE") != std::string::npos
                 ? "'" + n.text + "'::numeric"
                 : n.text;
    case Node::kBool:
      return n.text;
    case Node::kNull:
      return "NULL";
    case Node::kCall: {
      std::string out = n.text + "(";
      for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? ", " : "") + Print(n.kids[i]);
      return out + ")";
    }
    case Node::kBinary:
      return "(" + Print(n.kids[0]) + " " + n.text + " " + Print(n.kids[1]) + ")";
    case Node::kBool2: {
      std::string out = "(";
      for (size_t i = 0; i < n.kids.size(); ++i)
        out += (i ? " " + n.text + " " : "") + Print(n.kids[i]);
      return out + ")";
    }
    case Node::kNot:
      return "(NOT " + Print(n.kids[0]) + ")";
    case Node::kNullTest:
      return "(" + Print(n.kids[0]) + " " + n.text + ")";
    case Node::kCast: {
      const Node& arg = n.kids[0];
      if (arg.kind == Node::kString) return "'" + arg.text + "'::" + n.text;
      if (arg.kind == Node::kNumber && n.explicit_cast) return "'" + arg.text + "'::" + n.text;
      return "(" + Print(arg) + ")::" + n.text;
    }
    case Node::kArray:
      return n.text;
  }
  return n.text;
}

}  // namespace

std::string CanonicalExpression(std::string_view text, const ColumnTypes& columns) {
  std::vector<Piece> p;
  if (!Tokenize(text, &p)) return std::string(text);
  // Very long expressions would build very deep trees: print those flat.
  constexpr size_t kMaxPieces = 4096;
  Node root;
  if (p.size() <= kMaxPieces && ExprParser(p, columns).Parse(&root)) {
    std::string printed = Print(root);
    // A lone column or call prints bare; pg_get_expr wraps nothing else at the top.
    return printed;
  }
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
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
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
      for (char& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
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
