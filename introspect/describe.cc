#include "introspect/describe.h"

#include "introspect/build_schema.h"
#include "introspect/pg_reader.h"
#include "model/status_macros.h"

namespace drift::introspect {

absl::StatusOr<Catalog> Describe(const DatabaseUrl& url, const DescribeOptions& options) {
  int round_trips = 0;
  DRIFT_ASSIGN_OR_RETURN(CatalogRows rows, ReadCatalogRows(url, options, &round_trips));
  Catalog catalog = BuildCatalog(rows);
  catalog.round_trips = round_trips;
  return catalog;
}

}  // namespace drift::introspect
