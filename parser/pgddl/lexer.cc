#include "parser/pgddl/lexer.h"

#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <limits>
#include <tao/pegtl.hpp>

#include "model/sql_strings.h"

namespace drift::parser::pgddl {

bool Token::Is(std::string_view keyword) const {
  if (kind != TokenKind::kWord || text.size() != keyword.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char a = text[i], b = keyword[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

namespace {
namespace pegtl = tao::pegtl;

// clang-format off
namespace grammar {
using namespace tao::pegtl;

// A byte >= 0x80: part of a UTF-8 sequence, allowed in identifiers.
struct high_byte {
  using rule_t = high_byte;
  using subs_t = type_list<>;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    if (!in.empty() && static_cast<unsigned char>(in.peek_char()) >= 0x80) {
      in.bump(1);
      return true;
    }
    return false;
  }
};

// $tag$ ... $tag$ with any tag (letters, digits, _; not starting with a digit).
struct dollar_open {
  using rule_t = dollar_open;
  using subs_t = type_list<>;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    size_t n = TagLength(in);
    if (n == 0) return false;
    in.bump(n);
    return true;
  }
  // Length of "$tag$" at the input, 0 when there is none.
  template <typename ParseInput>
  static size_t TagLength(ParseInput& in) {
    if (in.size(1) < 2 || in.peek_char() != '$') return 0;
    size_t i = 1;
    const size_t avail = in.size(1024);
    if (i < avail && std::isdigit(static_cast<unsigned char>(in.peek_char(i)))) return 0;
    while (i < avail) {
      char c = in.peek_char(i);
      if (c == '$') return i + 1;
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
            static_cast<unsigned char>(c) >= 0x80)) {
        return 0;
      }
      ++i;
    }
    return 0;
  }
};

struct dollar_string {
  using rule_t = dollar_string;
  using subs_t = type_list<>;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    size_t n = dollar_open::TagLength(in);
    if (n == 0) return false;
    std::string_view rest(in.current(), in.size(std::numeric_limits<size_t>::max()));
    std::string_view tag = rest.substr(0, n);
    size_t close = rest.find(tag, n);
    if (close == std::string_view::npos) return false;
    in.bump(close + n);
    return true;
  }
};

struct bom : string<'\xEF', '\xBB', '\xBF'> {};
struct line_comment : seq<two<'-'>, until<eolf>> {};
struct block_comment : seq<string<'/', '*'>, until<string<'*', '/'>, sor<block_comment, any>>> {};
struct blank : sor<plus<space>, line_comment, block_comment> {};

struct ident_start : sor<ranges<'a', 'z', 'A', 'Z'>, one<'_'>, high_byte> {};
struct ident_char : sor<ranges<'a', 'z', 'A', 'Z', '0', '9'>, one<'_', '$'>, high_byte> {};
struct word : seq<ident_start, star<ident_char>> {};
struct quoted_ident : seq<one<'"'>, until<seq<one<'"'>, not_at<one<'"'>>>, sor<two<'"'>, any>>> {};
struct quote_close : seq<one<'\''>, not_at<one<'\''>>> {};
struct string_plain : seq<one<'\''>, until<quote_close, sor<two<'\''>, any>>> {};
struct string_escape : seq<one<'E', 'e'>, one<'\''>,
                           until<quote_close, sor<seq<one<'\\'>, any>, two<'\''>, any>>> {};
struct string_unicode : seq<one<'U', 'u'>, one<'&'>, string_plain> {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>> {};
struct number : sor<seq<plus<digit>, opt<one<'.'>, not_at<one<'.'>>, star<digit>>, opt<exponent>>,
                    seq<one<'.'>, plus<digit>, opt<exponent>>> {};
struct param : seq<one<'$'>, plus<digit>> {};
struct op_char : one<'+', '-', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|',
                     '`', '?', ':'> {};
struct cast : two<':'> {};
struct op : plus<seq<not_at<sor<two<'-'>, string<'/', '*'>>>, not_at<cast>, op_char>> {};
struct lparen : one<'('> {};
struct rparen : one<')'> {};
struct lbracket : one<'['> {};
struct rbracket : one<']'> {};
struct comma : one<','> {};
struct semicolon : one<';'> {};
struct dot : one<'.'> {};
// Once E' or U&' is seen it is a string: an unterminated one must not fall back to the
// word E followed by a plain string.
struct unterminated_prefixed_string : seq<sor<one<'E', 'e'>, seq<one<'U', 'u'>, one<'&'>>>,
                                          one<'\''>, star<any>> {};
// The most frequent tokens of migration SQL, whose first character decides them, are
// tried first; E'…' and U&'…' must come before the word they start like, and a number
// (.5) before the dot.
struct token : sor<quoted_ident, lparen, rparen, comma, semicolon, dollar_string, param,
                   string_escape, string_unicode, unterminated_prefixed_string, word,
                   string_plain, number, cast, op, lbracket, rbracket, dot> {};

// Errors: each matches from the opening character to the end, so the action reports
// the opening position.
struct unterminated_quoted_ident : seq<one<'"'>, star<any>> {};
struct unterminated_string : seq<opt<sor<one<'E', 'e'>, seq<one<'U', 'u'>, one<'&'>>>>,
                                 one<'\''>, star<any>> {};
struct unterminated_dollar : seq<dollar_open, star<any>> {};
struct unterminated_comment : seq<string<'/', '*'>, star<any>> {};
struct unexpected : any {};
struct error : sor<unterminated_quoted_ident, unterminated_string, unterminated_dollar,
                   unterminated_comment, unexpected> {};

struct script : seq<opt<bom>, star<sor<blank, token, error>>, eof> {};
}  // namespace grammar
// clang-format on

struct LexState {
  const SourceFile& file;
  // Line tracking by offset: tokens arrive in order, so counting newlines from the last
  // token is linear overall (cheaper than PEGTL's per-byte eager tracking).
  size_t scanned = 0;
  uint32_t line = 1;
  size_t line_start = 0;
  const std::function<void(const StatementTokens&)>& on_statement;
  StatementTokens current;  // the statement being read
  int atomic_depth = 0;     // inside BEGIN ATOMIC ... END
  std::vector<model::Diagnostic> diagnostics;
  bool stopped = false;
};

// Line and column of `offset`, which never goes backwards between calls.
void Locate(LexState& st, size_t offset, uint32_t* line, uint32_t* column) {
  const char* text = st.file.text.data();
  while (st.scanned < offset) {
    const void* nl = std::memchr(text + st.scanned, '\n', offset - st.scanned);
    if (nl == nullptr) {
      st.scanned = offset;
      break;
    }
    st.scanned = static_cast<size_t>(static_cast<const char*>(nl) - text) + 1;
    ++st.line;
    st.line_start = st.scanned;
  }
  *line = st.line;
  *column = static_cast<uint32_t>(offset - st.line_start + 1);
}

// Ends the current statement at `;` (outside BEGIN ATOMIC bodies) and hands it over.
// Only its first token gets a line and column here (one memchr walk from the previous
// statement); Cursor works out any other token's when it reports.
void Flush(LexState& st) {
  if (!st.current.tokens.empty()) {
    Token& first = st.current.tokens.front();
    Locate(st, first.offset, &first.line, &first.column);
    st.on_statement(st.current);
  }
  st.current.tokens.clear();  // keeps its capacity for the next statement
}

void AddError(LexState& st, const pegtl::position& at, std::string message) {
  if (st.stopped) return;
  st.stopped = true;
  st.diagnostics.push_back(
      {model::Severity::kError,
       "pgddl.lex",
       {st.file.name, static_cast<uint32_t>(at.line), static_cast<uint32_t>(at.column)},
       std::move(message),
       ""});
}


template <typename Input>
void Push(LexState& st, const Input& in, TokenKind kind, std::string value) {
  if (st.stopped) return;
  Token t;
  t.kind = kind;
  t.text = std::string_view(in.begin(), in.size());
  t.value = std::move(value);
  t.offset = static_cast<uint32_t>(in.begin() - st.file.text.data());
  std::vector<Token>& tokens = st.current.tokens;
  if (kind != TokenKind::kWord) {
    // Only words can open or close a BEGIN ATOMIC body.
  } else if (t.Is("atomic") && !tokens.empty() && tokens.back().Is("begin")) {
    ++st.atomic_depth;
  } else if (st.atomic_depth > 0 && t.Is("end")) {
    --st.atomic_depth;
  }
  if (kind == TokenKind::kSemicolon && st.atomic_depth == 0) {
    Flush(st);
    return;
  }
  if (tokens.empty()) st.current.begin = t.offset;
  st.current.end = t.offset + static_cast<uint32_t>(t.text.size());
  tokens.push_back(std::move(t));
}

std::string Undouble(std::string_view body, char quote) {
  if (body.find(quote) == std::string_view::npos) return std::string(body);
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
  }
  return out;
}

template <typename Rule>
struct Action : pegtl::nothing<Rule> {};

template <>
struct Action<grammar::word> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, TokenKind::kWord, {});  // a word's text is its value
  }
};
template <>
struct Action<grammar::quoted_ident> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    std::string_view t(in.begin(), in.size());
    Push(st, in, TokenKind::kQuotedIdent, Undouble(t.substr(1, t.size() - 2), '"'));
  }
};
template <>
struct Action<grammar::string_plain> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    std::string_view t(in.begin(), in.size());
    Push(st, in, TokenKind::kString, Undouble(t.substr(1, t.size() - 2), '\''));
  }
};
template <>
struct Action<grammar::string_escape> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    std::string_view t(in.begin(), in.size());
    Push(st, in, TokenKind::kString, model::UnescapeEString(t.substr(2, t.size() - 3)));
  }
};
template <>
struct Action<grammar::string_unicode> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    // U&'...': the plain string inside already pushed a token; widen it to the prefix.
    if (st.stopped || st.current.tokens.empty()) return;
    Token& t = st.current.tokens.back();
    t.text = std::string_view(in.begin(), in.size());
    t.offset = static_cast<uint32_t>(in.begin() - st.file.text.data());
  }
};
template <>
struct Action<grammar::dollar_string> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    std::string_view t(in.begin(), in.size());
    size_t tag = t.find('$', 1) + 1;
    Push(st, in, TokenKind::kDollarString, std::string(t.substr(tag, t.size() - 2 * tag)));
  }
};

template <TokenKind kKind>
struct PushAs {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    Push(st, in, kKind, in.string());
  }
};
template <>
struct Action<grammar::number> : PushAs<TokenKind::kNumber> {};
template <>
struct Action<grammar::param> : PushAs<TokenKind::kParam> {};
template <>
struct Action<grammar::cast> : PushAs<TokenKind::kOperator> {};
template <>
struct Action<grammar::op> : PushAs<TokenKind::kOperator> {};
template <>
struct Action<grammar::lparen> : PushAs<TokenKind::kLParen> {};
template <>
struct Action<grammar::rparen> : PushAs<TokenKind::kRParen> {};
template <>
struct Action<grammar::lbracket> : PushAs<TokenKind::kLBracket> {};
template <>
struct Action<grammar::rbracket> : PushAs<TokenKind::kRBracket> {};
template <>
struct Action<grammar::comma> : PushAs<TokenKind::kComma> {};
template <>
struct Action<grammar::semicolon> : PushAs<TokenKind::kSemicolon> {};
template <>
struct Action<grammar::dot> : PushAs<TokenKind::kDot> {};

template <const char* kMessage>
struct ReportError {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    AddError(st, in.position(), kMessage);
  }
};
constexpr char kUnterminatedIdent[] = "unterminated quoted identifier";
constexpr char kUnterminatedString[] = "unterminated string literal";
constexpr char kUnterminatedDollar[] = "unterminated dollar-quoted string";
constexpr char kUnterminatedComment[] = "unterminated /* comment";
template <>
struct Action<grammar::unterminated_quoted_ident> : ReportError<kUnterminatedIdent> {};
template <>
struct Action<grammar::unterminated_string> : ReportError<kUnterminatedString> {};
template <>
struct Action<grammar::unterminated_prefixed_string> : ReportError<kUnterminatedString> {};
template <>
struct Action<grammar::unterminated_dollar> : ReportError<kUnterminatedDollar> {};
template <>
struct Action<grammar::unterminated_comment> : ReportError<kUnterminatedComment> {};
template <>
struct Action<grammar::unexpected> {
  template <typename Input>
  static void apply(const Input& in, LexState& st) {
    unsigned char c = static_cast<unsigned char>(*in.begin());
    AddError(st, in.position(),
             c >= 0x20 && c < 0x7F ? fmt::format("unexpected character '{}'", static_cast<char>(c))
                                   : fmt::format("unexpected byte 0x{:02x}", c));
  }
};

// The first invalid UTF-8 sequence, as a byte offset, or npos.
size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return i;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<model::Diagnostic> LexStatements(
    const SourceFile& file, const std::function<void(const StatementTokens&)>& on_statement) {
  LexState st{file, 0, 1, 0, on_statement, {}, 0, {}, false};
  if (size_t bad = FindInvalidUtf8(file.text); bad != std::string_view::npos) {
    uint32_t line = 1, column = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (file.text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return {{model::Severity::kError,
             "pgddl.encoding",
             {file.name, line, column},
             "invalid UTF-8 (migration files must be UTF-8)",
             ""}};
  }
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(file.text, file.name);
  try {
    pegtl::parse<grammar::script, Action>(in, st);
  } catch (const pegtl::parse_error& e) {
    AddError(st, e.positions().front(), std::string(e.message()));
  }
  // Lexing stopped inside the statement that holds the error: leave that statement out
  // rather than report it a second time as a syntax error.
  if (!st.stopped) Flush(st);
  return std::move(st.diagnostics);
}

LexResult Lex(const SourceFile& file) {
  LexResult result;
  result.diagnostics =
      LexStatements(file, [&](const StatementTokens& s) { result.statements.push_back(s); });
  return result;
}

}  // namespace drift::parser::pgddl
