// File: throwaway_server.h
//
// A PostgreSQL server of a given major that a test starts and stops itself, through
// scripts/pg-throwaway.sh (which installs the server first when needed). For tests that
// need two majors at once; everything else uses the run's server (test_database.h).
//
// Example:
//   std::string why;
//   auto server = ThrowawayServer::Start(17, &why);
//   ASSERT_TRUE(server) << why;
//   auto db = TestDatabase::CreateOn(server->url(), &why);
#pragma once

#include <memory>
#include <string>

namespace drift::testutil {

// The bin folder of PostgreSQL `major` (scripts/pg-server-bin.sh, which installs it when
// needed); "" when there is none. 15's, Debian's, also has the clients (pg_dump, psql).
std::string PgBinDir(int major);

class ThrowawayServer {
 public:
  // Nullptr and *why set when the server does not start.
  static std::unique_ptr<ThrowawayServer> Start(int major, std::string* why);
  ~ThrowawayServer();

  const std::string& url() const { return url_; }  // its maintenance database
  int major() const { return major_; }

 private:
  ThrowawayServer(int major, std::string url, std::string dir)
      : major_(major), url_(std::move(url)), dir_(std::move(dir)) {}
  int major_;
  std::string url_, dir_;
};

}  // namespace drift::testutil
