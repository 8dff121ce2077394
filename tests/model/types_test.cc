#include "model/types.h"

#include <gtest/gtest.h>

#include "model/canonical_cases.h"

namespace drift::model {
namespace {

TEST(CanonicalType, MapsEveryAliasToFormatTypeSpelling) {
  for (const TypeCase& c : kTypeCases) {
    EXPECT_EQ(CanonicalType(c.written), c.canonical) << "written: " << c.written;
  }
}

TEST(CanonicalType, IsIdempotent) {
  for (const TypeCase& c : kTypeCases) {
    EXPECT_EQ(CanonicalType(c.canonical), c.canonical) << c.canonical;
  }
}

TEST(CanonicalType, MalformedTextComesBackCollapsedNotCrashing) {
  EXPECT_EQ(CanonicalType("numeric(10"), "numeric(10");
  EXPECT_EQ(CanonicalType("  a   b  "), "a b");
  EXPECT_EQ(CanonicalType(""), "");
  EXPECT_EQ(CanonicalType("float(abc)"), "double precision");
  EXPECT_EQ(CanonicalType(std::string(10000, '(')), std::string(10000, '('));
}

TEST(SerialBaseType, KnowsEverySerialSpelling) {
  EXPECT_EQ(SerialBaseType("serial"), "integer");
  EXPECT_EQ(SerialBaseType("SERIAL"), "integer");
  EXPECT_EQ(SerialBaseType("serial4"), "integer");
  EXPECT_EQ(SerialBaseType("bigserial"), "bigint");
  EXPECT_EQ(SerialBaseType("serial8"), "bigint");
  EXPECT_EQ(SerialBaseType("smallserial"), "smallint");
  EXPECT_EQ(SerialBaseType("serial2"), "smallint");
  EXPECT_EQ(SerialBaseType("integer"), std::nullopt);
}

TEST(ArrayElementType, StripsOneArrayLevel) {
  EXPECT_EQ(ArrayElementType("text[]"), "text");
  EXPECT_EQ(ArrayElementType("text"), std::nullopt);
}

TEST(Types, LosslessWideningIsOnlyWhatKeepsEveryValue) {
  EXPECT_TRUE(IsLosslessWidening("smallint", "bigint"));
  EXPECT_TRUE(IsLosslessWidening("integer", "numeric"));
  EXPECT_TRUE(IsLosslessWidening("real", "double precision"));
  EXPECT_TRUE(IsLosslessWidening("numeric(10,2)", "numeric"));
  EXPECT_TRUE(IsLosslessWidening("character varying(20)", "character varying(64)"));
  EXPECT_TRUE(IsLosslessWidening("character varying(20)", "character varying"));
  EXPECT_TRUE(IsLosslessWidening("character varying", "text"));
  EXPECT_FALSE(IsLosslessWidening("bigint", "integer"));
  EXPECT_FALSE(IsLosslessWidening("double precision", "numeric(12,2)"));
  EXPECT_FALSE(IsLosslessWidening("text", "character varying(64)"));
  EXPECT_FALSE(IsLosslessWidening("character varying", "character varying(10)"));
  EXPECT_FALSE(IsLosslessWidening("character varying(64)", "character varying(20)"));
  EXPECT_FALSE(IsLosslessWidening("integer", "integer"));
}

}  // namespace
}  // namespace drift::model
