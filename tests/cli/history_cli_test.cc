// drift with migration histories and SQL files as sources, and every kind of bad input
// such a source can bring: each a diagnostic and exit 2, never a crash or a hang.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "cli/run.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift::cli {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

using Result = testutil::DriftRun;
using testutil::RunDrift;

const std::string kShop = std::string(DRIFT_FIXTURES_DIR) + "/histories/shop/migrations";

// A scratch folder for one test, removed afterwards.
class Scratch {
 public:
  Scratch()
      : dir_(fs::temp_directory_path() /
             ("drift-cli-" + std::to_string(getpid()) + "-" + std::to_string(counter_++))) {
    fs::create_directories(dir_);
  }
  ~Scratch() { fs::remove_all(dir_); }
  std::string Write(const std::string& relative, const std::string& text) {
    fs::path p = dir_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string Path(const std::string& relative = "") const { return (dir_ / relative).string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

TEST(HistoryCli, InspectAHistory) {
  Result r = RunDrift({"inspect", "--migrations", kShop});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("table \"Customer\"\n"));
  EXPECT_THAT(r.out, HasSubstr("enum \"Role\" ('CUSTOMER', 'STAFF', 'ADMIN')"));
  Result upto = RunDrift({"inspect", "--migrations", kShop, "--upto", "20240101000000_init"});
  EXPECT_EQ(upto.code, 0);
  EXPECT_THAT(upto.out, HasSubstr("enum \"Role\" ('CUSTOMER', 'STAFF')"));
  EXPECT_THAT(upto.out, testing::Not(HasSubstr("Order")));
}

TEST(HistoryCli, PrismaSchemaAsASource) {
  Scratch s;
  std::string schema = s.Write("schema.prisma",
                               "datasource db {\n  provider = \"postgresql\"\n}\n"
                               "model User {\n  id Int @id @default(autoincrement())\n"
                               "  email String @unique\n}\n");
  std::string sql =
      s.Write("init.sql",
              "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL,"
              " CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n"
              "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n");
  Result same = RunDrift({"diff", "--from-schema", schema, "--to-sql", sql, "--exit-code"});
  EXPECT_EQ(same.code, 0) << same.out << same.err;
  Result inspect = RunDrift({"inspect", "--schema", schema});
  EXPECT_EQ(inspect.code, 0);
  EXPECT_THAT(inspect.out, HasSubstr("table \"User\""));
  // A folder of .prisma files is one schema (prismaSchemaFolder).
  s.Write("folder/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
  s.Write("folder/models/user.prisma", "model User {\n  id Int @id\n  posts Post[]\n}\n");
  s.Write("folder/models/post.prisma",
          "model Post {\n  id Int @id\n  userId Int\n"
          "  user User @relation(fields: [userId], references: [id])\n}\n");
  Result folder = RunDrift({"inspect", "--schema", s.Path("folder")});
  EXPECT_EQ(folder.code, 0) << folder.err;
  EXPECT_THAT(folder.out, HasSubstr("constraint \"Post_userId_fkey\" FOREIGN KEY (\"userId\") "
                                    "REFERENCES \"User\"(id)"));
  std::string bad = s.Write("bad.prisma", "datasource db {\n  provider = \"mysql\"\n}\n");
  Result refused = RunDrift({"inspect", "--schema", bad});
  EXPECT_EQ(refused.code, 2);
  EXPECT_THAT(refused.err, HasSubstr("bad.prisma:2:3: error: provider \"mysql\": drift supports "
                                     "PostgreSQL only [prisma.provider]"));
  EXPECT_THAT(refused.err, HasSubstr("  ^"));
}

TEST(HistoryCli, HistoryAgainstTheDatabaseThatRanIt) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  pqxx::connection conn(db->url());
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kShop)) {
    if (entry.is_directory()) names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    pqxx::nontransaction txn(conn);
    txn.exec(testutil::ReadFileOrDie(kShop + "/" + name + "/migration.sql"));
  }
  Result same =
      RunDrift({"diff", "--from-migrations", kShop, "--to-url", db->url(), "--exit-code"});
  EXPECT_EQ(same.code, 0) << same.out << same.err;
  Result behind = RunDrift({"diff", "--from-migrations", kShop, "--from-upto", names[2], "--to-url",
                            db->url(), "--exit-code"});
  EXPECT_EQ(behind.code, 1);
  EXPECT_THAT(behind.out, HasSubstr("[+] Added tables"));
}

TEST(HistoryCli, BadInputIsADiagnosticAndExitTwo) {
  Scratch s;
  fs::create_directories(s.Path("empty"));
  s.Write("a-file", "not a folder");
  s.Write("binary/1_init/migration.sql", std::string("\x7f"
                                                     "ELF\x02\x01\x01\0\0\0garbage\xff\xfe",
                                                     20));
  s.Write("utf8/1_init/migration.sql",
          "CREATE TABLE a (x int);\nCREATE TABLE b (y text DEFAULT '\xc3\x28');\n");
  s.Write(
      "unterminated/1_init/migration.sql",
      "CREATE TABLE a (x int);\nCREATE TABLE b (y text DEFAULT 'abc);\nCREATE TABLE c (z int);\n");
  s.Write("dollar/1_init/migration.sql",
          "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $f$\nSELECT 1;\n");
  fs::create_directories(s.Path("nosql/1_init"));
  s.Write("nosql/1_init/down.sql", "DROP TABLE a;");
  s.Write("mysql/migration_lock.toml", "provider = \"mysql\"\n");
  s.Write("mysql/1_init/migration.sql", "CREATE TABLE a (x int);");
  s.Write("invalid/1_init/migration.sql", "ALTER TABLE missing ADD COLUMN x int;\n");
  struct Case {
    std::string folder, expect;
  } cases[] = {
      {"empty", "no migrations"},
      {"a-file", "is a file, not a migrations folder"},
      {"does-not-exist", "no such migrations folder"},
      {"binary", "invalid UTF-8"},
      {"utf8", "migration.sql:2:33: error: invalid UTF-8"},
      {"unterminated", "migration.sql:2:32: error: unterminated string literal"},
      {"dollar", "migration.sql:1:49: error: unterminated dollar-quoted string"},
      {"nosql", "has no migration.sql"},
      {"mysql", "provider \"mysql\""},
      {"invalid", "migration.sql:1:1: error: relation \"missing\" does not exist [replay.invalid]"},
  };
  for (const Case& c : cases) {
    Result r = RunDrift({"inspect", "--migrations", s.Path(c.folder)});
    EXPECT_EQ(r.code, 2) << c.folder << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.expect)) << c.folder;
    EXPECT_EQ(r.out, "") << c.folder;
    EXPECT_THAT(r.err, testing::Not(HasSubstr("ELF"))) << "binary input is never echoed";
  }
  // The unterminated string is reported once, at its start, and the statement after it
  // is not hidden by it.
  Result r = RunDrift({"inspect", "--sql", s.Path("unterminated/1_init/migration.sql")});
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '^'), 1);
}

TEST(HistoryCli, HugeAndDeepInputsFinish) {
  Scratch s;
  std::string deep = "CREATE TABLE t (a int CHECK (" + std::string(10000, '(') + "a > 0" +
                     std::string(10000, ')') + "));";
  Result r = RunDrift({"inspect", "--sql", s.Write("deep.sql", deep)});
  EXPECT_EQ(r.code, 0) << r.err.substr(0, 300);
  std::string big = "CREATE TABLE t (a text DEFAULT '" + std::string(50 << 20, 'x') + "');";
  r = RunDrift({"inspect", "--sql", s.Write("big.sql", big)});
  EXPECT_EQ(r.code, 0);
  std::string long_name(10000, 'n');
  r = RunDrift(
      {"inspect", "--sql", s.Write("long.sql", "CREATE TABLE \"" + long_name + "\" (x int);")});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("table " + std::string(63, 'n') + "\n"));
}

// `drift check` without a database: schema.prisma against the end of the history. The
// example app is in step; without one of its @@index lines a migration is "missing",
// and the GitHub annotation points at the model.
TEST(HistoryCli, CheckFindsAMissingMigrationAndPointsAtTheModel) {
  const std::string lumen = std::string(DRIFT_SOURCE_DIR) + "/examples/lumen/prisma";
  Result clean = RunDrift(
      {"check", "--schema", lumen + "/schema.prisma", "--migrations", lumen + "/migrations"});
  EXPECT_EQ(clean.code, 0) << clean.out << clean.err;
  EXPECT_THAT(clean.out, HasSubstr("schema.prisma vs the migrations: in step"));

  std::ifstream in(lumen + "/schema.prisma");
  std::string text{std::istreambuf_iterator<char>(in), {}};
  const std::string index_line = "  @@index([teamId])\n";
  ASSERT_NE(text.find(index_line), std::string::npos);
  text.erase(text.find(index_line), index_line.size());
  Scratch s;
  std::string schema = s.Write("schema.prisma", text);
  Result missing = RunDrift(
      {"check", "--schema", schema, "--migrations", lumen + "/migrations", "--format", "github"});
  EXPECT_EQ(missing.code, 1) << missing.err;
  const size_t model_line =
      1 + std::count(text.begin(), text.begin() + text.find("model ApiKey {"), '\n');
  EXPECT_THAT(missing.out,
              HasSubstr(fmt::format("::error file={},line={},title=drift: a migration is missing::"
                                    "removed index public.ApiKey_teamId_idx",
                                    schema, model_line)));
}

}  // namespace
}  // namespace drift::cli
