// File: database_url.h
//
// Connection URLs as Prisma users write them (postgresql://user:pass@host:5432/db?schema=x),
// turned into a libpq connection string, and a display form that never holds the password.
//
// Example:
//   DRIFT_ASSIGN_OR_RETURN(DatabaseUrl url, ParseDatabaseUrl(text));
//   url.Display()     -> "127.0.0.1:5432/app"
//   url.Conninfo()    -> "host='127.0.0.1' port='5432' dbname='app' ..."
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace drift::introspect {

struct DatabaseUrl {
  std::string host;  // empty: libpq's default (local socket)
  std::string port;  // empty: 5432
  std::string user;
  std::string password;  // never printed
  std::string database;
  std::string schema = "public";                    // Prisma's ?schema= parameter
  std::map<std::string, std::string> libpq_params;  // sslmode, connect_timeout, ...

  // "host:port/database", the form every message uses.
  std::string Display() const;

  // A libpq keyword/value string. search_path is pinned to public and TimeZone to UTC,
  // the canonical form's assumptions, and connect_timeout defaults to 10 seconds.
  std::string Conninfo() const;
};

// Accepts postgres:// and postgresql:// URLs with percent-encoding, [IPv6] hosts and
// query parameters. Prisma-only parameters (schema, connection_limit, pool_timeout,
// pgbouncer, ...) are taken or dropped; unknown parameters are an error. Returns
// InvalidArgument naming what is wrong, never quoting the password.
absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(std::string_view text);

}  // namespace drift::introspect
