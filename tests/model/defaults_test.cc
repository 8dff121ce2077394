#include "model/defaults.h"

#include <gtest/gtest.h>

#include "model/canonical_cases.h"
#include "model/types.h"

namespace drift::model {
namespace {

TEST(CanonicalDefault, PrintsWhatPgGetExprPrints) {
  for (const DefaultCase& c : kDefaultCases) {
    EXPECT_EQ(CanonicalDefault(c.written, CanonicalType(c.type)), c.printed)
        << "DEFAULT " << c.written << " on " << c.type;
  }
}

TEST(CanonicalDefault, IsIdempotentOnPrintedForms) {
  for (const DefaultCase& c : kDefaultCases) {
    EXPECT_EQ(CanonicalDefault(c.printed, CanonicalType(c.type)), c.printed) << c.printed;
  }
}

TEST(CanonicalDefault, NextvalTakesRegclassSpelling) {
  EXPECT_EQ(CanonicalDefault("nextval('\"User_id_seq\"')", "integer"),
            "nextval('\"User_id_seq\"'::regclass)");
  EXPECT_EQ(CanonicalDefault("nextval('public.\"User_id_seq\"'::regclass)", "integer"),
            "nextval('\"User_id_seq\"'::regclass)");
  EXPECT_EQ(CanonicalDefault("nextval('billing.invoice_number_seq')", "integer"),
            "nextval('billing.invoice_number_seq'::regclass)");
}

TEST(CanonicalDefault, UnterminatedOrOddInputDoesNotCrash) {
  EXPECT_EQ(CanonicalDefault("'abc", "text"), "'abc");
  EXPECT_EQ(CanonicalDefault("", "text"), "");
  EXPECT_EQ(CanonicalDefault("   a    +   b ", "integer"), "a + b");
  std::string deep(10000, '(');
  EXPECT_EQ(CanonicalDefault(deep, "integer"), deep);
}

TEST(ImplicitName, FollowsMakeObjectName) {
  EXPECT_EQ(ImplicitName("User", "id", "seq"), "User_id_seq");
  EXPECT_EQ(ImplicitName("User", "", "pkey"), "User_pkey");
  // 70-byte table name: the longer part is shortened until the whole fits 63 bytes.
  std::string table(70, 't');
  std::string name = ImplicitName(table, "id", "seq");
  EXPECT_EQ(name.size(), 63u);
  EXPECT_EQ(name, std::string(56, 't') + "_id_seq");
  // Both long: bytes come off the longer one, the second on a tie (checked on PG 15:
  // CREATE TABLE a*40 (b*40 int UNIQUE) names the constraint like this).
  EXPECT_EQ(ImplicitName(std::string(40, 'a'), std::string(40, 'b'), "key"),
            std::string(29, 'a') + "_" + std::string(29, 'b') + "_key");
  // A multi-byte character split by the byte budget goes whole (PG 15 names the serial
  // sequence of "x*55éé" the same way).
  std::string accented = std::string(55, 'x') + "éé";  // 59 bytes
  EXPECT_EQ(ImplicitName(accented, "id", "seq"), std::string(55, 'x') + "_id_seq");
}

TEST(SerialDefault, QuotesAndTruncatesTheSequenceName) {
  EXPECT_EQ(SerialDefault("public", "User", "id"), "nextval('\"User_id_seq\"'::regclass)");
  EXPECT_EQ(SerialDefault("billing", "invoice", "id"),
            "nextval('billing.invoice_id_seq'::regclass)");
  EXPECT_EQ(SerialDefault("public", "it's", "id"), "nextval('\"it''s_id_seq\"'::regclass)");
}

}  // namespace
}  // namespace drift::model
