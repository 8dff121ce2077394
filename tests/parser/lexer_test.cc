#include "parser/pgddl/lexer.h"

#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

namespace drift::parser::pgddl {
namespace {

std::vector<std::string> Texts(const StatementTokens& s) {
  std::vector<std::string> out;
  for (const Token& t : s.tokens) out.emplace_back(t.text);
  return out;
}

LexResult LexText(const std::string& text, SourceFile* keep) {
  *keep = {"m.sql", text};
  return Lex(*keep);
}

TEST(Lex, SplitsStatementsAndKeepsPositions) {
  SourceFile f;
  LexResult r = LexText("CREATE TABLE t (id int);\n\n  DROP TABLE \"T\"", &f);
  ASSERT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[0].Text(f), "CREATE TABLE t (id int)");
  EXPECT_EQ(r.statements[1].Text(f), "DROP TABLE \"T\"");
  const Token& drop = r.statements[1].tokens[0];
  EXPECT_EQ(drop.line, 3u);
  EXPECT_EQ(drop.column, 3u);
  EXPECT_EQ(r.statements[1].tokens[2].kind, TokenKind::kQuotedIdent);
  EXPECT_EQ(r.statements[1].tokens[2].value, "T");
}

TEST(Lex, CommentsStringsAndQuotes) {
  SourceFile f;
  LexResult r = LexText(
      "-- header; not a statement\n"
      "/* outer /* nested ; */ still comment */ SELECT 'it''s;', E'a\\nb\\'', U&'x', \"a\"\"b\", "
      "$$ body; $x$ $$, $fn$ inner $$ ; $fn$;",
      &f);
  ASSERT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].message;
  ASSERT_EQ(r.statements.size(), 1u);
  const auto& t = r.statements[0].tokens;
  ASSERT_EQ(t.size(), 12u);
  EXPECT_EQ(t[1].value, "it's;");
  EXPECT_EQ(t[3].value, "a\nb'");
  EXPECT_EQ(t[5].value, "x");
  EXPECT_EQ(t[5].text, "U&'x'");
  EXPECT_EQ(t[7].value, "a\"b");
  EXPECT_EQ(t[9].kind, TokenKind::kDollarString);
  EXPECT_EQ(t[9].value, " body; $x$ ");
  EXPECT_EQ(t[11].value, " inner $$ ; ");
}

TEST(Lex, NumbersCastsAndOperators) {
  SourceFile f;
  LexResult r = LexText("SELECT 1.5e3, .5, 42::int, a->>'k', b-- trailing\n, c<>d, $1", &f);
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(
      Texts(r.statements[0]),
      (std::vector<std::string>{"SELECT", "1.5e3", ",", ".5", ",", "42", "::", "int", ",", "a",
                                "->>",    "'k'",   ",", "b",  ",", "c",  "<>", "d",   ",", "$1"}));
}

TEST(Lex, BomCrlfAndNoFinalNewline) {
  SourceFile f;
  LexResult r = LexText(
      "\xEF\xBB\xBF"
      "CREATE TABLE a (x int);\r\nCREATE TABLE b (y int)",
      &f);
  ASSERT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[1].tokens[0].line, 2u);
  EXPECT_EQ(r.statements[1].tokens[0].column, 1u);
}

TEST(Lex, UnterminatedThingsAreReportedAtTheirStart) {
  struct Case {
    std::string text;
    uint32_t line, column;
    std::string message;
  } cases[] = {
      {"SELECT 1;\nSELECT 'abc;\nSELECT 2;\n", 2, 8, "unterminated string literal"},
      {"SELECT $f$ body\n\n", 1, 8, "unterminated dollar-quoted string"},
      {"SELECT 1; /* never\nclosed", 1, 11, "unterminated /* comment"},
      {"SELECT \"abc", 1, 8, "unterminated quoted identifier"},
      {"SELECT E'abc\\'", 1, 8, "unterminated string literal"},
      {"SELECT 1 \\ 2", 1, 10, "unexpected character '\\'"},
      {std::string("SELECT \0", 8), 1, 8, "unexpected byte 0x00"},
  };
  for (const Case& c : cases) {
    SourceFile f;
    LexResult r = LexText(c.text, &f);
    ASSERT_EQ(r.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(r.diagnostics[0].span.line, c.line) << c.text;
    EXPECT_EQ(r.diagnostics[0].span.column, c.column) << c.text;
    EXPECT_EQ(r.diagnostics[0].message, c.message);
  }
}

TEST(Lex, TheStatementWithALexicalErrorIsLeftOut) {
  SourceFile f;
  LexResult r = LexText("SELECT 1;\nSELECT 'abc;\nSELECT 2;\n", &f);
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].Text(f), "SELECT 1");
}

TEST(Lex, InvalidUtf8IsOneDiagnostic) {
  SourceFile f;
  LexResult r = LexText("SELECT 1;\nSELECT '\xC3\x28';", &f);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "pgddl.encoding");
  EXPECT_EQ(r.diagnostics[0].span.line, 2u);
  EXPECT_EQ(r.diagnostics[0].span.column, 9u);
}

TEST(Lex, DeepParenthesesAndLongInputDoNotRecurse) {
  SourceFile f;
  std::string deep = "SELECT " + std::string(10000, '(') + "1" + std::string(10000, ')');
  LexResult r = LexText(deep, &f);
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.statements[0].tokens.size(), 20002u);
  std::string big = "INSERT INTO t VALUES ('" + std::string(50 << 20, 'x') + "')";
  r = LexText(big, &f);
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.statements[0].tokens[5].value.size(), 50u << 20);
}

TEST(Lex, BeginAtomicBodiesStayOneStatement) {
  SourceFile f;
  LexResult r = LexText(
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; "
      "SELECT 3",
      &f);
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[1].Text(f), "SELECT 3");
}

}  // namespace
}  // namespace drift::parser::pgddl
