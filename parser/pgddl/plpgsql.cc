#include "parser/pgddl/plpgsql.h"

#include <initializer_list>
#include <string_view>

#include "parser/pgddl/lexer.h"

namespace drift::parser::pgddl::plpgsql {
namespace {

struct Failure {
  std::string message;
  uint32_t offset;
};

// Statements that only assign variables, report, or change data: no schema effect.
constexpr std::string_view kNoSchemaEffect[] = {
    "null",   "raise",  "perform", "return", "exit",   "continue", "commit",  "rollback",
    "get",    "select", "insert",  "update", "delete", "with",     "assert",  "open",
    "close",  "fetch",  "move",    "call",   "merge",  "truncate", "refresh", "analyze",
    "notify", "lock",   "grant",   "revoke", "vacuum", "reset",    "set",
};

class PlParser {
 public:
  PlParser(const SourceFile& file, std::vector<Token> tokens)
      : file_(file), t_(std::move(tokens)) {}

  Stmts ParseAll() {
    Stmts out;
    out.push_back(Block());
    if (Is(";")) ++i_;
    if (i_ < t_.size()) Fail("text after the block's END");
    return out;
  }

 private:
  const SourceFile& file_;
  std::vector<Token> t_;  // the body's tokens; a ";" token ends each statement
  size_t i_ = 0;

  const Token& At(size_t k) const {
    static const Token kEnd;
    return k < t_.size() ? t_[k] : kEnd;
  }
  bool Is(std::string_view word, size_t ahead = 0) const {
    const Token& t = At(i_ + ahead);
    if (word == ";") return t.kind == TokenKind::kSemicolon;
    return t.Is(word);
  }
  uint32_t Offset() const {
    return i_ < t_.size() ? t_[i_].offset : static_cast<uint32_t>(file_.text.size());
  }
  [[noreturn]] void Fail(const std::string& message) const { throw Failure{message, Offset()}; }
  void Expect(std::string_view word) {
    if (!Is(word)) Fail("expected " + std::string(word));
    ++i_;
  }
  uint32_t EndOf(size_t k) const { return t_[k].offset + static_cast<uint32_t>(t_[k].text.size()); }

  // To the `;` that ends this statement (consumed); returns the index of its last token.
  size_t SkipStatement() {
    if (Is(";")) Fail("an empty statement");
    while (i_ < t_.size() && !Is(";")) ++i_;
    if (i_ >= t_.size()) Fail("a statement without ;");
    return i_++ - 1;
  }

  // END <word> [label] ;
  void ExpectEnd(std::string_view word) {
    Expect("end");
    if (!word.empty()) Expect(word);
    if (!Is(";") && At(i_).kind == TokenKind::kWord) ++i_;  // a label
    Expect(";");
  }

  Stmts Statements(std::initializer_list<std::string_view> stop) {
    Stmts out;
    while (true) {
      if (i_ >= t_.size()) Fail("the block is not closed");
      for (std::string_view s : stop) {
        if (Is(s)) return out;
      }
      out.push_back(Statement());
    }
  }

  Stmt Block() {
    Stmt block;
    block.kind = Stmt::Kind::kBlock;
    block.begin = Offset();
    if (Is("declare")) {
      // Declarations: names, types and initial values; nothing replay needs.
      while (i_ < t_.size() && !Is("begin")) ++i_;
    }
    Expect("begin");
    block.body = Statements({"exception", "end"});
    if (Is("exception")) {
      ++i_;
      while (Is("when")) {
        ++i_;
        Handler h;
        while (true) {
          if (Is("sqlstate")) {
            ++i_;
            if (At(i_).kind != TokenKind::kString) Fail("expected an SQLSTATE code");
            h.conditions.push_back(At(i_).value);
          } else if (At(i_).kind == TokenKind::kWord) {
            h.conditions.push_back(std::string(At(i_).text));
            for (char& ch : h.conditions.back()) ch = static_cast<char>(std::tolower(ch));
          } else {
            Fail("expected a condition name");
          }
          ++i_;
          if (!Is("or")) break;
          ++i_;
        }
        Expect("then");
        h.body = Statements({"when", "end"});
        block.handlers.push_back(std::move(h));
      }
    }
    Expect("end");
    if (!Is(";") && At(i_).kind == TokenKind::kWord) ++i_;  // a label
    block.end = Offset();
    return block;
  }

  // Tokens up to `word` at parenthesis depth 0 (consumed).
  std::vector<Token> Until(std::string_view word) {
    std::vector<Token> out;
    int depth = 0;
    while (i_ < t_.size()) {
      const Token& t = t_[i_];
      if (depth == 0 && t.Is(word)) {
        ++i_;
        return out;
      }
      if (t.kind == TokenKind::kSemicolon) break;
      if (t.kind == TokenKind::kLParen) ++depth;
      if (t.kind == TokenKind::kRParen) --depth;
      out.push_back(t);
      ++i_;
    }
    Fail("expected " + std::string(word));
  }

  Stmt If() {
    Stmt s;
    s.kind = Stmt::Kind::kIf;
    s.begin = Offset();
    ++i_;  // IF
    while (true) {
      Branch b;
      b.condition = Until("then");
      b.body = Statements({"elsif", "elseif", "else", "end"});
      s.branches.push_back(std::move(b));
      if (Is("elsif") || Is("elseif")) {
        ++i_;
        continue;
      }
      break;
    }
    if (Is("else")) {
      ++i_;
      s.otherwise = Statements({"end"});
    }
    ExpectEnd("if");
    s.end = Offset();
    return s;
  }

  Stmt Loop() {
    Stmt s;
    s.kind = Stmt::Kind::kLoop;
    s.begin = Offset();
    if (!Is("loop"))
      Until("loop");  // WHILE …, FOR … IN …, FOREACH …
    else
      ++i_;
    s.body = Statements({"end"});
    ExpectEnd("loop");
    s.end = Offset();
    return s;
  }

  Stmt Statement() {
    // <<label>>
    if (At(i_).kind == TokenKind::kOperator && At(i_).text == "<<") {
      i_ += 3;
    }
    if (Is("if")) return If();
    if (Is("begin") || Is("declare")) {
      Stmt b = Block();
      Expect(";");
      return b;
    }
    if (Is("loop") || Is("while") || Is("for") || Is("foreach")) return Loop();
    if (Is("case")) Fail("a CASE statement");
    Stmt s;
    s.begin = Offset();
    const size_t first_index = i_;
    const Token& first = At(i_);
    if (first.Is("execute")) {
      ++i_;
      const Token& text = At(i_);
      if ((text.kind == TokenKind::kString || text.kind == TokenKind::kDollarString) &&
          At(i_ + 1).kind == TokenKind::kSemicolon) {
        s.kind = Stmt::Kind::kSql;
        s.sql = text.value;
        i_ += 2;
        s.end = Offset();
        return s;
      }
      Fail("EXECUTE of a string built at run time");
    }
    // RAISE 'message' and RAISE EXCEPTION …: an error (other levels only report).
    if (first.Is("raise")) {
      const Token& level = At(i_ + 1);
      bool error = level.kind == TokenKind::kSemicolon || level.Is("exception") ||
                   level.kind == TokenKind::kString || level.kind == TokenKind::kDollarString;
      if (error) {
        size_t k = i_ + 1;
        while (k < t_.size() && t_[k].kind != TokenKind::kString &&
               t_[k].kind != TokenKind::kSemicolon)
          ++k;
        s.kind = Stmt::Kind::kRaise;
        s.sql = k < t_.size() && t_[k].kind == TokenKind::kString ? t_[k].value : "P0001";
        size_t last = SkipStatement();
        s.end = EndOf(last);
        return s;
      }
    }
    if (first.Is("perform")) {
      s.kind = Stmt::Kind::kPerform;
      size_t last = SkipStatement();
      s.query.assign(t_.begin() + static_cast<std::ptrdiff_t>(first_index) + 1,
                     t_.begin() + static_cast<std::ptrdiff_t>(last) + 1);
      s.end = EndOf(last);
      return s;
    }
    // An assignment: name [. name] [[…]] := or = …
    const bool assignment =
        first.kind == TokenKind::kWord && ((At(i_ + 1).kind == TokenKind::kOperator &&
                                            (At(i_ + 1).text == ":=" || At(i_ + 1).text == "=")));
    bool quiet = assignment;
    for (std::string_view w : kNoSchemaEffect) quiet = quiet || first.Is(w);
    size_t last = SkipStatement();
    s.end = EndOf(last);
    if (quiet) return s;
    s.kind = Stmt::Kind::kSql;
    s.sql_offset = first.offset;
    s.sql = file_.text.substr(first.offset, s.end - first.offset);
    return s;
  }
};

}  // namespace

Parsed Parse(const SourceFile& body) {
  Parsed out;
  std::vector<Token> tokens;
  std::vector<model::Diagnostic> lexical =
      LexStatements(body, [&](const StatementTokens& statement) {
        for (const Token& t : statement.tokens) tokens.push_back(t);
        Token semicolon;
        semicolon.kind = TokenKind::kSemicolon;
        semicolon.text = ";";
        semicolon.offset = statement.end;
        tokens.push_back(semicolon);
      });
  if (!lexical.empty()) {
    out.error = lexical.front().message;
    return out;
  }
  try {
    PlParser parser(body, std::move(tokens));
    out.statements = parser.ParseAll();
  } catch (const Failure& f) {
    out.error = f.message;
    out.error_offset = f.offset;
  }
  return out;
}

}  // namespace drift::parser::pgddl::plpgsql
