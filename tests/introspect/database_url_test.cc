#include "introspect/database_url.h"

#include <gtest/gtest.h>

namespace drift::introspect {
namespace {

TEST(ParseDatabaseUrl, PrismaStyleUrl) {
  auto url = ParseDatabaseUrl(
      "postgresql://app:s3cr%40t@db.internal:6543/"
      "shop?schema=sales&connection_limit=5&sslmode=require");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "db.internal");
  EXPECT_EQ(url->port, "6543");
  EXPECT_EQ(url->user, "app");
  EXPECT_EQ(url->password, "s3cr@t");
  EXPECT_EQ(url->database, "shop");
  EXPECT_EQ(url->schema, "sales");
  EXPECT_EQ(url->libpq_params.at("sslmode"), "require");
  EXPECT_EQ(url->Display(), "db.internal:6543/shop");
  EXPECT_EQ(url->Conninfo().find("connection_limit"), std::string::npos);
  EXPECT_NE(url->Conninfo().find("options='-c search_path=public -c TimeZone=UTC'"),
            std::string::npos);
  EXPECT_NE(url->Conninfo().find("connect_timeout='10'"), std::string::npos);
}

TEST(ParseDatabaseUrl, DefaultsAndIpv6) {
  auto url = ParseDatabaseUrl("postgres://[::1]:5433/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "5433");
  EXPECT_EQ(url->schema, "public");
  auto bare = ParseDatabaseUrl("postgresql://localhost");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->Display(), "localhost:5432/");
}

TEST(ParseDatabaseUrl, ConninfoEscapesQuotes) {
  auto url = ParseDatabaseUrl("postgresql://u:it%27s@h/d");
  ASSERT_TRUE(url.ok());
  EXPECT_NE(url->Conninfo().find("password='it\\'s'"), std::string::npos);
}

TEST(ParseDatabaseUrl, RejectsMalformedUrlsWithoutEchoingThePassword) {
  const char* bad[] = {
      "mysql://u:hunter2@h/d",
      "postgresql://u:hunter2@h:99999/d",
      "postgresql://u:hunter2@h:abc/d",
      "postgresql://u:hunter2@[::1/d",
      "postgresql://u:hunter2@h/d?bogus=1",
      "postgresql://u:hunter2%zz@h/d",
      "postgresql://u:hunter2@h/a/b",
      "",
      "postgresql://u:hunter2@h:/d",
  };
  for (const char* text : bad) {
    auto url = ParseDatabaseUrl(text);
    EXPECT_FALSE(url.ok()) << text;
    EXPECT_EQ(url.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(std::string(url.status().message()).find("hunter2"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace drift::introspect
