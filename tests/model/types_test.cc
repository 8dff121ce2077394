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

}  // namespace
}  // namespace drift::model
