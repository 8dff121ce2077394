// File: build_schema.h
//
// Turns the text rows of the catalog queries (queries/*.sql) into a canonical Catalog.
// Pure: no database access, so it is tested and benchmarked on recorded rows.
//
// Example:
//   CatalogRows rows = ...;           // from ReadCatalogRows()
//   Catalog catalog = BuildCatalog(rows);
#pragma once

#include "introspect/catalog.h"
#include "introspect/row_set.h"

namespace drift::introspect {

// One RowSet per query in queries/, named after the file.
struct CatalogRows {
  RowSet namespaces, extensions, enums, relations, columns, constraints, indexes, functions,
      triggers;
  RowSet ledger;              // empty when the ledger was not read
  bool ledger_read = false;   // the ledger table exists and was read
  std::string ledger_schema;  // where the ledger table is looked for
  int server_version = 0;     // server_version_num
};

// The name of Prisma's ledger table, which is read apart and never part of the model.
inline constexpr std::string_view kLedgerTable = "_prisma_migrations";

// REQUIRES: each RowSet has the columns its query selects.
Catalog BuildCatalog(const CatalogRows& rows);

}  // namespace drift::introspect
