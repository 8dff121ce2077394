// File: pg_reader.h
//
// The only code of introspect/ that talks to PostgreSQL (libpqxx). It runs the catalog
// queries of queries/*.sql in one READ ONLY, REPEATABLE READ transaction: a fixed
// number of round trips, whatever the number of objects.
//
// Example:
//   int round_trips = 0;
//   DRIFT_ASSIGN_OR_RETURN(CatalogRows rows, ReadCatalogRows(url, {}, &round_trips));
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "introspect/build_schema.h"
#include "introspect/catalog.h"
#include "introspect/database_url.h"

namespace drift::introspect {

// Reads every catalog query's rows. `options.schemas` limits the namespaces read (empty:
// all non-system ones); sizes are read when `options.read_sizes`. The ledger is read from
// `url.schema` when that table exists.
// `*round_trips` receives the number of messages sent, BEGIN and COMMIT included.
// Errors: Unavailable when the server cannot be reached or refuses the login (the
// message names url.Display(), never the password); Internal when a query fails,
// naming the query.
absl::StatusOr<CatalogRows> ReadCatalogRows(const DatabaseUrl& url, const DescribeOptions& options,
                                            int* round_trips);

// Read-only questions about the live data (the audit's will-fail probes), each a SELECT
// whose first column is read as text. They run in one READ ONLY transaction with
// `statement_timeout_ms` and `lock_timeout_ms` set, each in its own savepoint, so one
// that fails (it names a column the database does not have yet, it times out) is
// reported and the others still run.
struct ProbeOptions {
  int statement_timeout_ms = 10000;
  int lock_timeout_ms = 1000;
};
struct ProbeRows {
  bool ran = false;
  std::vector<std::string> values;  // the first column of each row ("" for NULL)
  std::string error;                // when !ran: the server's message
};
// Errors as ReadCatalogRows() for the connection itself.
absl::StatusOr<std::vector<ProbeRows>> RunProbes(const DatabaseUrl& url,
                                                 const std::vector<std::string>& queries,
                                                 const ProbeOptions& options);

}  // namespace drift::introspect
