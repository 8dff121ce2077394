// File: catalog.h
//
// What introspection returns: the schema model, the Prisma ledger, per-table sizes for
// the audit, and warnings about what the role could not see.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/ledger.h"
#include "model/schema.h"

namespace drift::introspect {

// Size figures of one table or materialized view; reported, never compared.
struct TableSize {
  model::QualifiedName table;
  int64_t row_estimate = -1;  // pg_class.reltuples; -1 when never analysed
  int64_t total_bytes = 0;    // pg_total_relation_size: heap, indexes and TOAST
  int64_t heap_bytes = 0;     // pg_relation_size: the heap alone
};

struct DescribeOptions {
  std::vector<std::string> schemas;  // namespaces to read; empty: every non-system one
  // Also read on-disk sizes (pg_total_relation_size). It stats every file of every
  // table, so it is off unless a caller (the audit, inspect --sizes) needs it.
  bool read_sizes = false;
};

struct Catalog {
  model::Schema schema;  // canonical (Normalize() applied)
  model::Ledger ledger;
  std::vector<TableSize> sizes;  // sorted by table
  std::vector<model::Diagnostic> warnings;
  int round_trips = 0;     // messages sent to the server, BEGIN and COMMIT included
  int server_version = 0;  // server_version_num (150018 for 15.18); 0 without a server
};

}  // namespace drift::introspect
