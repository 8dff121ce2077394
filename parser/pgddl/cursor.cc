#include "parser/pgddl/cursor.h"

#include <fmt/format.h>

#include "absl/strings/ascii.h"
#include "model/identifiers.h"

namespace drift::parser::pgddl {
namespace {

std::string Describe(const Token& t) {
  if (t.kind == TokenKind::kEnd) return "end of statement";
  std::string_view text = t.text.size() > 40 ? t.text.substr(0, 40) : t.text;
  return fmt::format("'{}'", text);
}

}  // namespace

const Token& Cursor::Next() {
  if (AtEnd()) Fail("unexpected end of statement");
  return tokens_[pos_++];
}

bool Cursor::Accept(std::initializer_list<std::string_view> keywords) {
  size_t i = 0;
  for (std::string_view k : keywords) {
    if (!Peek(i).Is(k)) return false;
    ++i;
  }
  pos_ += i;
  return true;
}

bool Cursor::AcceptKind(TokenKind kind) {
  if (Peek().kind != kind) return false;
  ++pos_;
  return true;
}

void Cursor::Expect(std::initializer_list<std::string_view> keywords) {
  size_t i = 0;
  for (std::string_view k : keywords) {
    if (!Peek(i).Is(k)) {
      std::string all;
      for (std::string_view w : keywords) all += (all.empty() ? "" : " ") + std::string(w);
      pos_ += i;
      absl::AsciiStrToUpper(&all);
      Fail(fmt::format("expected {}, found {}", all, Describe(Peek())));
    }
    ++i;
  }
  pos_ += i;
}

void Cursor::ExpectKind(TokenKind kind, std::string_view what) {
  if (!AcceptKind(kind)) Fail(fmt::format("expected {}, found {}", what, Describe(Peek())));
}

void Cursor::ExpectEnd() {
  if (!AtEnd()) Fail(fmt::format("unexpected {}", Describe(Peek())));
}

std::string Cursor::Identifier(std::string_view what) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kWord) {
    ++pos_;
    return model::FoldIdentifier(t.text, false);
  }
  if (t.kind == TokenKind::kQuotedIdent) {
    ++pos_;
    if (t.value.empty()) Fail("zero-length quoted identifier");
    return model::FoldIdentifier(t.value, true);
  }
  Fail(fmt::format("expected {}, found {}", what, Describe(t)));
}

ObjectName Cursor::Name(std::string_view what) {
  std::string first = Identifier(what);
  if (AcceptKind(TokenKind::kDot)) return {first, Identifier(what)};
  return {"", first};
}

std::string Cursor::StringLiteral(std::string_view what) {
  const Token& t = Peek();
  if (t.kind != TokenKind::kString) Fail(fmt::format("expected {}, found {}", what, Describe(t)));
  ++pos_;
  return t.value;
}

std::vector<std::string> Cursor::IdentifierList(std::string_view what) {
  ExpectKind(TokenKind::kLParen, "'('");
  std::vector<std::string> out;
  do {
    out.push_back(Identifier(what));
  } while (AcceptKind(TokenKind::kComma));
  ExpectKind(TokenKind::kRParen, "')'");
  return out;
}

std::string Cursor::TextUntil(std::initializer_list<std::string_view> stop, std::string_view what) {
  size_t first = pos_;
  int depth = 0;
  while (!AtEnd()) {
    const Token& t = Peek();
    if (depth == 0) {
      if (t.kind == TokenKind::kComma || t.kind == TokenKind::kRParen) break;
      if (pos_ > first) {
        bool stopped = false;
        for (std::string_view k : stop) stopped |= t.Is(k);
        if (stopped) break;
      }
    }
    if (t.kind == TokenKind::kLParen || t.kind == TokenKind::kLBracket) ++depth;
    if (t.kind == TokenKind::kRParen || t.kind == TokenKind::kRBracket) --depth;
    ++pos_;
  }
  if (pos_ == first) Fail(fmt::format("expected {}, found {}", what, Describe(Peek())));
  return Slice(first, pos_);
}

std::string Cursor::Parenthesized(std::string_view what) {
  ExpectKind(TokenKind::kLParen, "'('");
  size_t first = pos_;
  int depth = 1;
  while (true) {
    const Token& t = Next();
    if (t.kind == TokenKind::kLParen) ++depth;
    if (t.kind == TokenKind::kRParen && --depth == 0) break;
  }
  if (pos_ - 1 == first) Fail(fmt::format("expected {}", what));
  return Slice(first, pos_ - 1);
}

std::string Cursor::Term(std::string_view what) {
  size_t first = pos_;
  if (Peek().kind == TokenKind::kLParen) {
    Parenthesized(what);
    return Slice(first, pos_);
  }
  Identifier(what);
  while (AcceptKind(TokenKind::kDot)) Identifier(what);
  if (Peek().kind == TokenKind::kLParen) Parenthesized(what);
  return Slice(first, pos_);
}

void Cursor::SkipParenthesized() {
  ExpectKind(TokenKind::kLParen, "'('");
  int depth = 1;
  while (depth > 0) {
    const Token& t = Next();
    if (t.kind == TokenKind::kLParen) ++depth;
    if (t.kind == TokenKind::kRParen) --depth;
  }
}

std::string Cursor::Rest() {
  size_t first = pos_;
  pos_ = tokens_.size();
  return first < pos_ ? Slice(first, pos_) : "";
}

std::string Cursor::Slice(size_t first, size_t last) const {
  const Token& a = tokens_[first];
  const Token& b = tokens_[last - 1];
  return file_.text.substr(a.offset, b.offset + b.text.size() - a.offset);
}

model::SourceSpan Cursor::SpanOf(const Token& at) const {
  // Only the first token carries its position; count from there.
  uint32_t line = at.line, column = at.column;
  if (!tokens_.empty() && &at != &tokens_.front() && at.kind != TokenKind::kEnd) {
    const Token& first = tokens_.front();
    line = first.line;
    column = first.column;
    for (uint32_t i = first.offset; i < at.offset; ++i) {
      if (file_.text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
  }
  return {file_.name, line, column};
}

void Cursor::Fail(const std::string& message) const {
  const Token& t = Peek();
  const Token& at = t.kind != TokenKind::kEnd ? t : (tokens_.empty() ? t : tokens_.back());
  model::SourceSpan span = SpanOf(at);
  if (t.kind == TokenKind::kEnd && !tokens_.empty()) {
    span.column += static_cast<uint32_t>(at.text.size());  // just past the last token
  }
  throw ParseError{span, message};
}

bool Cursor::AcceptNewer(int since_major, std::string_view what,
                         std::initializer_list<std::string_view> keywords) {
  const size_t at = pos_;
  if (!Accept(keywords)) return false;
  newer_.push_back(
      {since_major, SpanOf(tokens_[at]), std::string(tokens_[at].text), std::string(what)});
  return true;
}

void Cursor::NoteNewer(int since_major, std::string_view what) {
  if (AtEnd()) {
    model::SourceSpan span =
        tokens_.empty() ? model::SourceSpan{file_.name, 0, 0} : SpanOf(tokens_.back());
    if (!tokens_.empty()) span.column += static_cast<uint32_t>(tokens_.back().text.size());
    newer_.push_back({since_major, span, "", std::string(what)});
    return;
  }
  newer_.push_back({since_major, SpanOf(Peek()), std::string(Peek().text), std::string(what)});
}

}  // namespace drift::parser::pgddl
