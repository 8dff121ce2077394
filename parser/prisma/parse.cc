// A hand-written recursive-descent parser over PSL tokens; the tokens come from a small
// PEGTL grammar (comments, strings with escapes, identifiers, numbers, punctuation).
#include "parser/prisma/parse.h"

#include <fmt/format.h>

#include <tao/pegtl.hpp>

namespace drift::parser::prisma {

const Value* Attribute::Find(const std::string& wanted, int position) const {
  int index = 0;
  for (const Argument& a : arguments) {
    if (!a.name.empty() && a.name == wanted) return a.value.get();
    if (a.name.empty()) {
      if (index == position) return a.value.get();
      ++index;
    }
  }
  return nullptr;
}

const Attribute* Field::Find(const std::string& attribute) const {
  for (const Attribute& a : attributes) {
    if (a.name == attribute) return &a;
  }
  return nullptr;
}

const Attribute* Block::Find(const std::string& attribute) const {
  for (const Attribute& a : attributes) {
    if (a.name == attribute) return &a;
  }
  return nullptr;
}

namespace {
namespace pegtl = tao::pegtl;

struct Tok {
  enum Kind { kIdent, kString, kNumber, kPunct, kNewline, kComment, kEnd } kind = kEnd;
  std::string text;  // identifier/number/punctuation text; string contents unescaped
  uint32_t line = 0, column = 0;
};

// clang-format off
namespace grammar {
using namespace tao::pegtl;
struct line_comment : seq<two<'/'>, until<at<eolf>>> {};
struct block_comment : seq<one<'/'>, one<'*'>, until<seq<one<'*'>, one<'/'>>>> {};
struct unterminated_comment : seq<one<'/'>, one<'*'>> {};
struct blank : plus<one<' ', '\t', '\r'>> {};
struct newline : one<'\n'> {};
struct ident : seq<ranges<'a', 'z', 'A', 'Z', '_', '_'>, star<ranges<'a', 'z', 'A', 'Z', '0', '9', '_', '_', '-', '-'>>> {};
struct escaped : seq<one<'\\'>, any> {};
struct string_body : star<sor<escaped, not_one<'"', '\\', '\n'>>> {};
struct quoted : seq<one<'"'>, string_body, one<'"'>> {};
struct unterminated_string : seq<one<'"'>, star<not_one<'\n'>>> {};
struct number : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>> {};
struct punct : sor<two<'@'>, one<'{', '}', '(', ')', '[', ']', ',', ':', '=', '?', '@', '.'>> {};
struct unexpected : any {};
struct token : sor<line_comment, block_comment, unterminated_comment, blank, newline, ident, quoted, unterminated_string, number, punct, unexpected> {};
struct file : seq<opt<string<'\xEF', '\xBB', '\xBF'>>, star<token>, eof> {};
}  // namespace grammar
// clang-format on

struct LexState {
  std::vector<Tok> tokens;
  std::optional<model::SourceSpan> error;
  std::string error_message;
  std::string file;
};

template <typename Rule>
struct Action : pegtl::nothing<Rule> {};

// The first lexical error, where `in` starts; later ones are not reported.
template <typename Input>
void LexError(LexState& st, const Input& in, std::string message) {
  if (st.error) return;
  auto p = in.position();
  st.error =
      model::SourceSpan{st.file, static_cast<uint32_t>(p.line), static_cast<uint32_t>(p.column)};
  st.error_message = std::move(message);
}

template <typename Input>
void Push(LexState& st, const Input& in, Tok::Kind kind, std::string text) {
  if (st.error) return;
  auto p = in.position();
  st.tokens.push_back(
      {kind, std::move(text), static_cast<uint32_t>(p.line), static_cast<uint32_t>(p.column)});
}

template <>
struct Action<grammar::ident> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, Tok::kIdent, in.string());
  }
};
template <>
struct Action<grammar::number> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, Tok::kNumber, in.string());
  }
};
template <>
struct Action<grammar::punct> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, Tok::kPunct, in.string());
  }
};
// A /* … */ comment is kept as one token: Prisma's engine accepts it only where a line
// could start or end (before a field, attribute or block; after a field's attributes),
// so the parser decides where it may stand.
template <>
struct Action<grammar::block_comment> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, Tok::kComment, "/*");
  }
};
template <>
struct Action<grammar::unterminated_comment> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    LexError(st, in, "unterminated comment: no closing '*/'");
  }
};
template <>
struct Action<grammar::newline> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, Tok::kNewline, "\n");
  }
};
template <>
struct Action<grammar::quoted> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    std::string_view raw(in.begin() + 1, in.size() - 2);
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        char e = raw[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
      } else {
        out += raw[i];
      }
    }
    Push(st, in, Tok::kString, std::move(out));
  }
};
template <>
struct Action<grammar::unterminated_string> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    LexError(st, in, "unterminated string");
  }
};
template <>
struct Action<grammar::unexpected> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    unsigned char c = static_cast<unsigned char>(*in.begin());
    LexError(st, in,
             c >= 0x20 && c < 0x7F ? fmt::format("unexpected character '{}'", static_cast<char>(c))
                                   : fmt::format("unexpected byte 0x{:02x}", c));
  }
};

struct SyntaxError {
  model::SourceSpan span;
  std::string message;
};

class Parser {
 public:
  Parser(const std::string& file, std::vector<Tok> tokens) : file_(file), t_(std::move(tokens)) {
    t_.push_back({Tok::kEnd, "", t_.empty() ? 1 : t_.back().line + 1, 1});
  }

  void Schema(SchemaAst* ast) {
    while (true) {
      SkipBlankLines();
      if (Peek().kind == Tok::kEnd) return;
      ast->blocks.push_back(ParseBlock());
    }
  }

 private:
  const Tok& Peek(size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
  const Tok& Next() { return t_[std::min(i_++, t_.size() - 1)]; }
  bool IsPunct(std::string_view p) const { return Peek().kind == Tok::kPunct && Peek().text == p; }
  bool AcceptPunct(std::string_view p) {
    if (!IsPunct(p)) return false;
    ++i_;
    return true;
  }
  model::SourceSpan Span(const Tok& t) const { return {file_, t.line, t.column}; }
  [[noreturn]] void Fail(const std::string& message) const {
    throw SyntaxError{Span(Peek()), message};
  }
  std::string Describe(const Tok& t) const {
    if (t.kind == Tok::kEnd) return "end of file";
    if (t.kind == Tok::kNewline) return "end of line";
    if (t.kind == Tok::kComment) return "a comment";
    return fmt::format("'{}'", t.text);
  }
  void ExpectPunct(std::string_view p) {
    if (!AcceptPunct(p)) Fail(fmt::format("expected '{}', found {}", p, Describe(Peek())));
  }
  std::string Identifier(std::string_view what) {
    if (Peek().kind != Tok::kIdent)
      Fail(fmt::format("expected {}, found {}", what, Describe(Peek())));
    return Next().text;
  }
  void SkipNewlines() {
    while (Peek().kind == Tok::kNewline) ++i_;
  }
  // Newlines and /* … */ comments: where a line may start.
  void SkipBlankLines() {
    while (Peek().kind == Tok::kNewline || Peek().kind == Tok::kComment) ++i_;
  }
  // A /* … */ comment closing a line.
  void SkipTrailingComment() {
    if (Peek().kind == Tok::kComment) ++i_;
  }

  Block ParseBlock() {
    const Tok& head = Peek();
    Block b;
    b.span = Span(head);
    std::string keyword = Identifier("a block (model, enum, datasource, generator, view or type)");
    if (keyword == "model") {
      b.kind = Block::kModel;
    } else if (keyword == "enum") {
      b.kind = Block::kEnum;
    } else if (keyword == "datasource") {
      b.kind = Block::kDatasource;
    } else if (keyword == "generator") {
      b.kind = Block::kGenerator;
    } else if (keyword == "view") {
      b.kind = Block::kView;
    } else if (keyword == "type") {
      b.kind = Block::kType;
    } else {
      throw SyntaxError{b.span, fmt::format("unknown block '{}': expected model, enum, datasource, "
                                            "generator, view or type",
                                            keyword)};
    }
    b.name = Identifier("a block name");
    if (!IsPunct("{")) Fail(fmt::format("expected '{{' after {} {}", keyword, b.name));
    const Tok& open = Next();
    while (true) {
      SkipBlankLines();
      if (AcceptPunct("}")) break;
      if (Peek().kind == Tok::kEnd) {
        throw SyntaxError{
            Span(open), fmt::format("unterminated block {} {}: no closing '}}'", keyword, b.name)};
      }
      if (IsPunct("@@")) {
        Next();
        b.attributes.push_back(ParseAttribute(Peek(), "@"));
        continue;
      }
      if (b.kind == Block::kDatasource || b.kind == Block::kGenerator) {
        Setting s;
        s.span = Span(Peek());
        s.key = Identifier("a setting name");
        ExpectPunct("=");
        s.value = ParseValue();
        b.settings.push_back(std::move(s));
        continue;
      }
      b.fields.push_back(b.kind == Block::kEnum ? ParseEnumValue() : ParseField());
    }
    return b;
  }

  Field ParseEnumValue() {
    Field f;
    f.span = Span(Peek());
    f.name = Identifier("an enum value");
    while (IsPunct("@")) {
      Next();
      f.attributes.push_back(ParseAttribute(Peek(), ""));
    }
    SkipTrailingComment();
    if (Peek().kind != Tok::kNewline && !IsPunct("}"))
      Fail(fmt::format("unexpected {} after enum value {}", Describe(Peek()), f.name));
    return f;
  }

  Field ParseField() {
    Field f;
    f.span = Span(Peek());
    f.name = Identifier("a field name");
    if (Peek().kind == Tok::kNewline || IsPunct("}")) {
      throw SyntaxError{f.span, fmt::format("field {} has no type", f.name)};
    }
    f.type = Identifier("a field type");
    if (f.type == "Unsupported" && AcceptPunct("(")) {
      if (Peek().kind != Tok::kString) Fail("expected a string in Unsupported(...)");
      f.unsupported = Next().text;
      ExpectPunct(")");
    }
    if (AcceptPunct("[")) {
      ExpectPunct("]");
      f.list = true;
    }
    if (AcceptPunct("?")) f.optional = true;
    while (IsPunct("@")) {
      Next();
      f.attributes.push_back(ParseAttribute(Peek(), ""));
    }
    SkipTrailingComment();
    if (Peek().kind != Tok::kNewline && !IsPunct("}")) {
      Fail(fmt::format("unexpected {} in field {}", Describe(Peek()), f.name));
    }
    return f;
  }

  Attribute ParseAttribute(const Tok& at, const std::string& prefix) {
    Attribute a;
    a.span = {file_, at.line,
              at.column > 1 ? at.column - 1 - static_cast<uint32_t>(prefix.size()) : 1};
    a.name = prefix + Identifier("an attribute name");
    while (AcceptPunct(".")) a.name += "." + Identifier("an attribute name");
    if (AcceptPunct("(")) a.arguments = ParseArguments();
    return a;
  }

  // After '(' up to and including ')'.
  std::vector<Argument> ParseArguments() {
    std::vector<Argument> out;
    SkipNewlines();
    if (AcceptPunct(")")) return out;
    while (true) {
      SkipNewlines();
      Argument arg;
      if (Peek().kind == Tok::kIdent && Peek(1).kind == Tok::kPunct && Peek(1).text == ":") {
        arg.name = Next().text;
        Next();
      }
      arg.value = std::make_shared<Value>(ParseValue());
      out.push_back(std::move(arg));
      SkipNewlines();
      if (AcceptPunct(")")) return out;
      if (!AcceptPunct(",")) Fail(fmt::format("expected ',' or ')', found {}", Describe(Peek())));
    }
  }

  Value ParseValue() {
    Value v;
    v.span = Span(Peek());
    const Tok& t = Peek();
    if (t.kind == Tok::kString) {
      v.kind = Value::kString;
      v.text = Next().text;
    } else if (t.kind == Tok::kNumber) {
      v.kind = Value::kNumber;
      v.text = Next().text;
    } else if (t.kind == Tok::kIdent) {
      v.text = Next().text;
      while (AcceptPunct(".")) v.text += "." + Identifier("a name");
      if (AcceptPunct("(")) {
        v.kind = Value::kCall;
        v.arguments = ParseArguments();
      } else {
        v.kind = Value::kIdentifier;
      }
    } else if (AcceptPunct("{")) {
      v.kind = Value::kObject;  // { key: value, … }, as in where: { active: true }
      SkipNewlines();
      while (!AcceptPunct("}")) {
        SkipNewlines();
        Argument member;
        member.name = Identifier("a key");
        ExpectPunct(":");
        member.value = std::make_shared<Value>(ParseValue());
        v.arguments.push_back(std::move(member));
        SkipNewlines();
        if (AcceptPunct("}")) break;
        if (!AcceptPunct(","))
          Fail(fmt::format("expected ',' or '}}', found {}", Describe(Peek())));
      }
    } else if (AcceptPunct("[")) {
      v.kind = Value::kArray;
      SkipNewlines();
      if (!AcceptPunct("]")) {
        while (true) {
          SkipNewlines();
          v.items.push_back(ParseValue());
          SkipNewlines();
          if (AcceptPunct("]")) break;
          if (!AcceptPunct(","))
            Fail(fmt::format("expected ',' or ']', found {}", Describe(Peek())));
        }
      }
    } else {
      Fail(fmt::format("expected a value, found {}", Describe(t)));
    }
    return v;
  }

  const std::string& file_;
  std::vector<Tok> t_;
  size_t i_ = 0;
};

}  // namespace

void ParsePsl(const SourceFile& file, SchemaAst* ast, std::vector<model::Diagnostic>* diagnostics) {
  LexState st;
  st.file = file.name;
  pegtl::memory_input<pegtl::tracking_mode::eager, pegtl::eol::lf_crlf> in(file.text, file.name);
  try {
    pegtl::parse<grammar::file, Action>(in, st);
  } catch (const pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    diagnostics->push_back(
        {model::Severity::kError,
         "prisma.syntax",
         {file.name, static_cast<uint32_t>(p.line), static_cast<uint32_t>(p.column)},
         std::string(e.message()),
         ""});
    return;
  }
  if (st.error) {
    diagnostics->push_back(
        {model::Severity::kError, "prisma.syntax", *st.error, st.error_message, ""});
    return;
  }
  Parser parser(file.name, std::move(st.tokens));
  try {
    parser.Schema(ast);
  } catch (const SyntaxError& e) {
    diagnostics->push_back({model::Severity::kError, "prisma.syntax", e.span, e.message, ""});
  }
}

}  // namespace drift::parser::prisma
