// File: pg_version.h
//
// The PostgreSQL major versions drift reads and imitates. What a server prints for the
// same schema can differ between majors (from 16 on, a view over one relation prints
// its columns unqualified), so replay is told which major it imitates: the live
// database's when there is one, otherwise the one the user names (--pg-version), by
// default the newest.
#pragma once

#include <string>

namespace drift::model {

inline constexpr int kOldestPgMajor = 14;
inline constexpr int kNewestPgMajor = 18;

// The major version of a server_version_num (150018 -> 15).
constexpr int PgMajorOf(int server_version_num) { return server_version_num / 10000; }

constexpr bool IsSupportedPgMajor(int major) {
  return major >= kOldestPgMajor && major <= kNewestPgMajor;
}

// The major replay imitates for a server of `server_version_num`: its own, or the
// nearest supported one (0, no server: the newest).
constexpr int ImitatedPgMajor(int server_version_num) {
  if (server_version_num == 0) return kNewestPgMajor;
  int major = PgMajorOf(server_version_num);
  return major < kOldestPgMajor ? kOldestPgMajor : major > kNewestPgMajor ? kNewestPgMajor : major;
}

// "14, 15, 16, 17 and 18", for messages.
std::string SupportedPgMajors();

}  // namespace drift::model
