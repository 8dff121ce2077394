// File: cost.h
//
// How long a statement holds its lock on a table, estimated from the table's live size
// and configurable rates, and the severity that blocking earns against configurable
// budgets. The defaults are conservative (disks that are not cached): scans at 200 MB/s
// of heap, rewrites at 20 MB/s of total size, index builds at 1 M rows/s, foreign-key
// checks at 0.5 M child rows/s.
#pragma once

#include <cstdint>
#include <string>

#include "audit/effects.h"
#include "audit/locks.h"

namespace drift::audit {

enum class Severity : uint8_t { kInfo, kWarn, kError };
std::string_view SeverityName(Severity severity);  // "info", "warn", "error"

// Live size of a table; -1 where unknown (never analysed, or sizes not read).
struct TableFacts {
  int64_t rows = -1;
  int64_t heap_bytes = -1;
  int64_t total_bytes = -1;
};

struct Rates {
  double scan_bytes_per_second = 200e6;    // heap read by a scan
  double rewrite_bytes_per_second = 20e6;  // total size (heap, TOAST, indexes) rewritten
  double index_rows_per_second = 1e6;      // rows sorted into a B-tree
  double fk_rows_per_second = 0.5e6;       // child rows checked against the parent
  double write_rows_per_second = 10e3;     // rows updated by a data statement
};

// Seconds of blocking from which a lock earns `warn` / `error`, by what it blocks.
struct Budgets {
  double reads_and_writes_warn = 0.2, reads_and_writes_error = 2;  // ACCESS EXCLUSIVE
  double writes_warn = 1, writes_error = 10;                       // SHARE .. EXCLUSIVE
  double other_warn = 600;  // weaker locks: they stop DDL and VACUUM only; never an error
};

// The estimate and the figures it came from ("200 rows, heap 16 kB at 200 MB/s").
struct Estimate {
  double seconds = 0;
  bool known = true;  // false when the size it needs is unknown
  std::string basis;
};

Estimate EstimateWork(Work work, const TableFacts& facts, const Rates& rates);

// The severity of holding `lock` for `seconds`.
Severity Grade(LockMode lock, double seconds, const Budgets& budgets);

// "1.2 MB", "340 kB", "12 B" (decimal units, as the rates are given).
std::string FormatBytes(int64_t bytes);
// "0.4 ms", "1.3 s", "2 min 5 s".
std::string FormatSeconds(double seconds);

}  // namespace drift::audit
