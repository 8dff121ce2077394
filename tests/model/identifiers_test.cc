#include "model/identifiers.h"

#include <gtest/gtest.h>

namespace drift::model {
namespace {

TEST(FoldIdentifier, UnquotedFoldsToLowerCaseQuotedIsExact) {
  struct Case {
    std::string_view text;
    bool quoted;
    std::string_view want;
  } cases[] = {
      {"User", false, "user"},
      {"User", true, "User"},
      {"USER_ID", false, "user_id"},
      {"user_id", true, "user_id"},
      {"Ünïcode", false, "Ünïcode"},  // only ASCII letters fold in UTF-8 databases
      {"with space", true, "with space"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FoldIdentifier(c.text, c.quoted), c.want) << c.text;
  }
}

TEST(TruncateIdentifier, CutsAt63BytesOnACharacterBoundary) {
  std::string ascii(70, 'a');
  EXPECT_EQ(TruncateIdentifier(ascii), std::string(63, 'a'));

  // 62 ASCII bytes then a 2-byte character: byte 63 would split it, so it goes whole.
  std::string name = std::string(62, 'b') + "é" + "ccccc";  // 70 bytes
  ASSERT_EQ(name.size(), 69u);
  EXPECT_EQ(TruncateIdentifier(name), std::string(62, 'b'));

  // 20 three-byte characters (60 bytes) + "€" (3 bytes) = 63: kept whole.
  std::string euros;
  for (int i = 0; i < 21; ++i) euros += "€";
  for (int i = 0; i < 3; ++i) euros += "€";
  EXPECT_EQ(TruncateIdentifier(euros).size(), 63u);
  EXPECT_EQ(TruncateIdentifier("short"), "short");
}

TEST(QuoteIdentifier, QuotesExactlyWhenQuoteIdentWould) {
  struct Case {
    std::string_view name, want;
  } cases[] = {
      {"user_id", "user_id"},         {"User", "\"User\""}, {"user", "\"user\""},
      {"order", "\"order\""},         {"name", "name"},     {"1abc", "\"1abc\""},
      {"a\"b", "\"a\"\"b\""},         {"_x9", "_x9"},       {"with space", "\"with space\""},
      {"createdAt", "\"createdAt\""}, {"text", "text"},     {"integer", "\"integer\""},
  };
  for (const Case& c : cases) EXPECT_EQ(QuoteIdentifier(c.name), c.want) << c.name;
}

TEST(QualifiedName, ParsesQuotedAndUnquotedParts) {
  QualifiedName n;
  ASSERT_TRUE(ParseQualifiedName("public.\"User\"", &n));
  EXPECT_EQ(n, (QualifiedName{"public", "User"}));
  ASSERT_TRUE(ParseQualifiedName("Billing.Invoice", &n));
  EXPECT_EQ(n, (QualifiedName{"billing", "invoice"}));
  ASSERT_TRUE(ParseQualifiedName("\"a.b\"", &n));
  EXPECT_EQ(n, (QualifiedName{"public", "a.b"}));
  ASSERT_TRUE(ParseQualifiedName("\"say \"\"hi\"\"\"", &n));
  EXPECT_EQ(n.name, "say \"hi\"");
  EXPECT_FALSE(ParseQualifiedName("", &n));
  EXPECT_FALSE(ParseQualifiedName("a.b.c", &n));
  EXPECT_FALSE(ParseQualifiedName("\"open", &n));
  EXPECT_FALSE(ParseQualifiedName("a.", &n));
}

TEST(QualifiedText, LeavesPublicOut) {
  EXPECT_EQ(QualifiedText({"public", "User"}), "\"User\"");
  EXPECT_EQ(QualifiedText({"billing", "invoice"}), "billing.invoice");
  EXPECT_EQ(QualifiedText({"My Schema", "t"}), "\"My Schema\".t");
}

}  // namespace
}  // namespace drift::model
