// File: describe.h
//
// Live PostgreSQL -> Catalog: the public entry point of introspect/.
//
// Example:
//   DRIFT_ASSIGN_OR_RETURN(DatabaseUrl url, ParseDatabaseUrl(text));
//   DRIFT_ASSIGN_OR_RETURN(Catalog catalog, Describe(url, {.schemas = {"public"}}));
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "introspect/catalog.h"
#include "introspect/database_url.h"

namespace drift::introspect {

// Reads the catalog of `url` and builds its canonical model. Errors as ReadCatalogRows().
absl::StatusOr<Catalog> Describe(const DatabaseUrl& url, const DescribeOptions& options);

}  // namespace drift::introspect
