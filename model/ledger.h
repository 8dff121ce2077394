// File: ledger.h
//
// The rows of Prisma Migrate's `_prisma_migrations` table, as read from a database.
// The ledger is not part of the Schema; baseline/ classifies it against a migrations
// folder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drift::model {

// One row, every column. Timestamps are kept as PostgreSQL prints timestamptz in UTC
// ("2025-04-05 10:11:12.345678+00"), so they round-trip without a time library.
struct LedgerRow {
  std::string id;
  std::string checksum;
  std::optional<std::string> finished_at;
  std::string migration_name;
  std::optional<std::string> logs;
  std::optional<std::string> rolled_back_at;
  std::string started_at;
  int64_t applied_steps_count = 0;
};

struct Ledger {
  bool present = false;         // the table exists
  std::string schema;           // where it was found
  std::vector<LedgerRow> rows;  // in started_at order, as Prisma reads them
};

}  // namespace drift::model
