// File: test_database.h
//
// A fresh database on the throwaway PostgreSQL server that scripts/pg-throwaway.sh
// starts (its URL in DRIFT_TEST_PG_URL), dropped again when the object goes away.
// Without a server the test is skipped locally; under CI=true it fails instead.
//
// Example:
//   TEST(Introspect, Reads) {
//     DRIFT_REQUIRE_TEST_DATABASE(db);
//     db->Execute("CREATE TABLE t (id int)");
//     ... Describe(db->Url()) ...
//   }
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace drift::testutil {

class TestDatabase {
 public:
  // Creates database `drift_test_<n>`. Returns nullptr and sets *why when no server
  // is configured or it cannot be reached.
  static std::unique_ptr<TestDatabase> Create(std::string* why);
  // The same on the server whose maintenance URL is `server_url`.
  static std::unique_ptr<TestDatabase> CreateOn(const std::string& server_url, std::string* why);
  ~TestDatabase();

  // postgresql://...:port/drift_test_<n>
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // The server's maintenance URL (database postgres).
  const std::string& server_url() const { return server_url_; }
  // postgresql://user:password@host:port/<this database>
  std::string UrlAs(const std::string& user, const std::string& password) const;
  // "host:port" of the server.
  std::string HostPort() const;

  // Sends `sql` as one simple-query message, as Prisma sends a migration. Throws on error.
  void Execute(const std::string& sql) const;

  // The server's server_version_num (150018 for 15.18), and its major version (15):
  // replay compared with this server imitates that major.
  int ServerVersionNum() const;
  int PgMajor() const { return ServerVersionNum() / 10000; }

 private:
  TestDatabase(std::string server_url, std::string name, std::string url)
      : server_url_(std::move(server_url)), name_(std::move(name)), url_(std::move(url)) {}
  std::string server_url_, name_, url_;
};

// Names of the folders under fixtures/<area> that hold `required_file`, sorted: the
// cases of a data-driven test.
std::vector<std::string> ListFixtureCases(const std::string& area,
                                          const std::string& required_file);

// Contents of a file; fails the test (and returns "") when it cannot be read.
std::string ReadFileOrDie(const std::string& path);

// Compares `actual` with the golden file at `path`; with DRIFT_UPDATE_GOLDEN=1 it
// rewrites the file instead. Returns a failure message, or "" on success.
std::string CompareWithGolden(const std::string& actual, const std::string& path);

// The golden `<dir>/<stem>.golden` as a PostgreSQL `pg_major` server prints it: the
// nearest `<stem>.pg<N>.golden` with N <= pg_major (a version whose printing changed,
// valid for the later ones too), else the reference `<stem>.golden`. A new version's
// file is made by copying the one it differs from, then DRIFT_UPDATE_GOLDEN=1 on it.
std::string VersionedGolden(const std::string& dir, const std::string& stem, int pg_major);

// True when running under CI (CI=true), where a missing server or corpus is a failure.
inline bool UnderCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

}  // namespace drift::testutil

// Declares `std::unique_ptr<TestDatabase> var`, skipping (locally) or failing (CI=true)
// the current test when no server is available.
#define DRIFT_REQUIRE_TEST_DATABASE(var)                               \
  std::string var##_why;                                               \
  auto var = ::drift::testutil::TestDatabase::Create(&var##_why);      \
  if (!var) {                                                          \
    if (::drift::testutil::UnderCi()) {                                \
      FAIL() << "PostgreSQL is required under CI=true: " << var##_why; \
    }                                                                  \
    GTEST_SKIP() << var##_why;                                         \
  }
