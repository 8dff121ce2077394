#include "baseline/checksum.h"

#include <gtest/gtest.h>

namespace drift::baseline {
namespace {

TEST(MigrationChecksum, MatchesPrismaTestVector) {
  // The vector in Prisma's own checksum.rs.
  EXPECT_EQ(MigrationChecksum("hello"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_EQ(MigrationChecksum(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ChecksumMatches, AcceptsLineEndingVariants) {
  std::string lf = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";
  std::string crlf = "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n";
  EXPECT_TRUE(ChecksumMatches(MigrationChecksum(lf), lf));
  EXPECT_TRUE(ChecksumMatches(MigrationChecksum(lf), crlf));  // file checked out with CRLF
  EXPECT_TRUE(ChecksumMatches(MigrationChecksum(crlf), lf));  // applied from a CRLF checkout
  EXPECT_FALSE(ChecksumMatches(MigrationChecksum(lf), lf + "-- edited\n"));
}

TEST(ChecksumMatches, LegacyUnpaddedHex) {
  // The legacy form prints bytes below 0x10 as one hex digit ("hello" has 0x0e, 0x0a...).
  std::string padded = MigrationChecksum("hello");
  std::string legacy;
  for (size_t i = 0; i < padded.size(); i += 2) {
    legacy += padded[i] == '0' ? padded.substr(i + 1, 1) : padded.substr(i, 2);
  }
  ASSERT_NE(legacy.size(), 64u);
  EXPECT_TRUE(ChecksumMatches(legacy, "hello"));
  EXPECT_FALSE(ChecksumMatches("not-hex", "hello"));
  EXPECT_FALSE(ChecksumMatches("", "hello"));
}

}  // namespace
}  // namespace drift::baseline
