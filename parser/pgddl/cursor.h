// File: cursor.h
//
// A read position in one statement's tokens, with the small vocabulary the statement
// parsers share: accept or expect a keyword, read a (qualified) name, a string, a
// parenthesised list, or the source text of a type or an expression up to a
// delimiter. Errors are thrown as ParseError at the offending token and caught once
// per statement by ParseDdl().
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "parser/pgddl/lexer.h"
#include "parser/pgddl/statement.h"
#include "parser/source.h"

namespace drift::parser::pgddl {

struct ParseError {
  model::SourceSpan span;
  std::string message;
};

class Cursor {
 public:
  // REQUIRES: `file` and `statement` outlive the cursor.
  Cursor(const SourceFile& file, const StatementTokens& statement)
      : file_(file), tokens_(statement.tokens) {}

  bool AtEnd() const { return pos_ >= tokens_.size(); }
  const Token& Peek(size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? tokens_[pos_ + ahead] : end_;
  }
  const Token& Next();
  size_t position() const { return pos_; }

  // True (and consumed) when the next tokens are these keywords, in order.
  bool Accept(std::initializer_list<std::string_view> keywords);
  bool Accept(std::string_view keyword) { return Accept({keyword}); }
  bool AcceptKind(TokenKind kind);
  bool PeekIs(std::string_view keyword, size_t ahead = 0) const { return Peek(ahead).Is(keyword); }

  void Expect(std::initializer_list<std::string_view> keywords);
  void Expect(std::string_view keyword) { Expect({keyword}); }
  void ExpectKind(TokenKind kind, std::string_view what);
  void ExpectEnd();

  // An identifier (unquoted: folded; quoted: exact), truncated to 63 bytes.
  std::string Identifier(std::string_view what);
  // name or schema.name.
  ObjectName Name(std::string_view what);
  // A string literal's value.
  std::string StringLiteral(std::string_view what);
  // ( ident, ident, ... )
  std::vector<std::string> IdentifierList(std::string_view what);

  // Source text of the tokens from here to (not including) the first `,` or `)` at
  // depth 0, or the first of `stop` keywords at depth 0 after the first token.
  // Fails when empty.
  std::string TextUntil(std::initializer_list<std::string_view> stop, std::string_view what);
  // The text inside a parenthesised group, parentheses consumed.
  std::string Parenthesized(std::string_view what);
  // Skips a parenthesised group that may be empty: "()", "(integer, text)".
  void SkipParenthesized();
  // Everything left, as source text ("" at the end).
  std::string Rest();

  // A parenthesised expression, or a (qualified) name optionally followed by a
  // parenthesised argument list: an index key or a function call. Source text.
  std::string Term(std::string_view what);

  // Source text of tokens [first, last).
  std::string Slice(size_t first, size_t last) const;

  [[noreturn]] void Fail(const std::string& message) const;

  // Syntax newer than some supported majors: AcceptNewer() is Accept() that also notes
  // the first token when it matches; NoteNewer() notes the next token (where an older
  // server's parser stops). The notes go to the statement (TakeNewerSyntax()).
  bool AcceptNewer(int since_major, std::string_view what,
                   std::initializer_list<std::string_view> keywords);
  void NoteNewer(int since_major, std::string_view what);
  std::vector<NewerSyntax> TakeNewerSyntax() { return std::move(newer_); }

  // Where `at` starts (only a statement's first token carries its position).
  model::SourceSpan SpanOf(const Token& at) const;

 private:
  const SourceFile& file_;
  const std::vector<Token>& tokens_;
  size_t pos_ = 0;
  Token end_;  // what Peek() returns past the last token
  std::vector<NewerSyntax> newer_;
};

}  // namespace drift::parser::pgddl
