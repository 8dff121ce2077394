#include "testutil/test_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

namespace drift::testutil {
namespace {

std::string WithDatabase(const std::string& url, const std::string& db) {
  // postgresql://user@host:port/postgres -> .../db (query parameters are not used here)
  size_t slash = url.find('/', url.find("://") + 3);
  return url.substr(0, slash) + "/" + db;
}

}  // namespace

std::unique_ptr<TestDatabase> TestDatabase::Create(std::string* why) {
  const char* server = std::getenv("DRIFT_TEST_PG_URL");
  if (server == nullptr || *server == '\0') {
    *why = "DRIFT_TEST_PG_URL is not set (scripts/test.sh starts a throwaway server)";
    return nullptr;
  }
  return CreateOn(server, why);
}

std::unique_ptr<TestDatabase> TestDatabase::CreateOn(const std::string& server, std::string* why) {
  static std::atomic<int> counter{0};
  std::string name = "drift_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  try {
    pqxx::connection conn(server);
    pqxx::nontransaction txn(conn);
    txn.exec("DROP DATABASE IF EXISTS " + name);
    txn.exec("CREATE DATABASE " + name);
  } catch (const std::exception& e) {
    *why = std::string("cannot create a test database: ") + e.what();
    return nullptr;
  }
  return std::unique_ptr<TestDatabase>(new TestDatabase(server, name, WithDatabase(server, name)));
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection conn(server_url_);
    pqxx::nontransaction txn(conn);
    txn.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster is thrown away at the end of the run anyway.
  }
}

std::string TestDatabase::HostPort() const {
  size_t start = server_url_.find('@') + 1;
  return server_url_.substr(start, server_url_.find('/', start) - start);
}

std::string TestDatabase::UrlAs(const std::string& user, const std::string& password) const {
  return "postgresql://" + user + ":" + password + "@" + HostPort() + "/" + name_;
}

void TestDatabase::Execute(const std::string& sql) const {
  pqxx::connection conn(url_);
  pqxx::nontransaction txn(conn);
  txn.exec(sql);
}

int TestDatabase::ServerVersionNum() const {
  pqxx::connection conn(url_);
  pqxx::nontransaction txn(conn);
  return txn.exec1("SHOW server_version_num")[0].as<int>();
}

std::vector<std::string> ListFixtureCases(const std::string& area,
                                          const std::string& required_file) {
  namespace fs = std::filesystem;
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(fs::path(DRIFT_FIXTURES_DIR) / area)) {
    if (fs::exists(entry.path() / required_file)) cases.push_back(entry.path().filename());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string VersionedGolden(const std::string& dir, const std::string& stem, int pg_major) {
  for (int major = pg_major; major > 0; --major) {
    std::string path = dir + "/" + stem + ".pg" + std::to_string(major) + ".golden";
    if (std::filesystem::exists(path)) return path;
  }
  return dir + "/" + stem + ".golden";
}

std::string CompareWithGolden(const std::string& actual, const std::string& path) {
  const char* update = std::getenv("DRIFT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return "";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return "missing golden file " + path + " (run with DRIFT_UPDATE_GOLDEN=1)";
  std::ostringstream s;
  s << in.rdbuf();
  if (s.str() == actual) return "";
  // Point at the first differing line.
  std::istringstream a(actual), e(s.str());
  std::string la, le;
  for (int line = 1;; ++line) {
    bool ha = static_cast<bool>(std::getline(a, la));
    bool he = static_cast<bool>(std::getline(e, le));
    if (!ha && !he) break;
    if (la != le || ha != he) {
      return path + ":" + std::to_string(line) +
             ": golden differs\n  expected: " + (he ? le : "<end of file>") +
             "\n  actual:   " + (ha ? la : "<end of file>") +
             "\n(DRIFT_UPDATE_GOLDEN=1 rewrites the file)";
    }
  }
  return path + ": golden differs in line endings";
}

}  // namespace drift::testutil
