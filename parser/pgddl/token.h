// File: token.h
//
// The tokens of PostgreSQL's SQL, as the lexer (lexer.cc, PEGTL) produces them and the
// statement parser consumes them. Comments and whitespace are dropped; each token keeps
// its place in the source for diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drift::parser::pgddl {

enum class TokenKind : uint8_t {
  kWord,          // unquoted identifier or keyword; `text` is as written
  kQuotedIdent,   // "..." with `""` undoubled in `value`
  kString,        // '...', E'...', U&'...' with the escapes resolved in `value`
  kDollarString,  // $tag$...$tag$; `value` is the body
  kNumber,        // 42, 1.5, .5, 1e10
  kOperator,      // ::, <=, ->>, +, ...
  kParam,         // $1
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kSemicolon,
  kDot,
  kEnd,  // after the last token
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // the exact source bytes (quotes included)
  std::string value;      // identifier value or string contents (see TokenKind)
  uint32_t offset = 0;    // byte offset in the file
  uint32_t line = 0;      // 1-based; set for a statement's first token only (Cursor::Fail
  uint32_t column = 0;    // works out the others), column in bytes

  // True for an unquoted word equal to `keyword` ignoring ASCII case.
  bool Is(std::string_view keyword) const;
};

}  // namespace drift::parser::pgddl
