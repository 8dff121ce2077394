#include "audit/cost.h"

#include <fmt/format.h>

#include <cmath>

namespace drift::audit {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarn:
      return "warn";
    case Severity::kError:
      return "error";
  }
  return "";
}

std::string FormatBytes(int64_t bytes) {
  if (bytes < 1000) return fmt::format("{} B", bytes);
  if (bytes < 1000000) return fmt::format("{:.0f} kB", bytes / 1e3);
  if (bytes < 1000000000) return fmt::format("{:.1f} MB", bytes / 1e6);
  return fmt::format("{:.2f} GB", bytes / 1e9);
}

std::string FormatSeconds(double seconds) {
  if (seconds < 1e-3) return "< 1 ms";
  if (seconds < 1) return fmt::format("{:.0f} ms", seconds * 1e3);
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  const auto whole = static_cast<int64_t>(std::llround(seconds));
  return fmt::format("{} min {} s", whole / 60, whole % 60);
}

Estimate EstimateWork(Work work, const TableFacts& facts, const Rates& rates) {
  auto by_bytes = [&](int64_t bytes, double rate, const char* what) {
    if (bytes < 0) return Estimate{0, false, fmt::format("{}: size unknown", what)};
    return Estimate{static_cast<double>(bytes) / rate, true,
                    fmt::format("{} {} at {:g} MB/s", what, FormatBytes(bytes), rate / 1e6)};
  };
  auto by_rows = [&](double rate, const char* what) {
    if (facts.rows < 0) return Estimate{0, false, "rows unknown (never analysed)"};
    return Estimate{static_cast<double>(facts.rows) / rate, true,
                    fmt::format("{} rows {} at {:.0f} rows/s", facts.rows, what, rate)};
  };
  switch (work) {
    case Work::kCatalog:
      return {0, true, "catalog only"};
    case Work::kScan:
      return by_bytes(facts.heap_bytes, rates.scan_bytes_per_second, "heap");
    case Work::kRewrite:
      return by_bytes(facts.total_bytes, rates.rewrite_bytes_per_second, "total size");
    case Work::kIndexBuild:
      return by_rows(rates.index_rows_per_second, "indexed");
    case Work::kForeignKeyCheck:
      return by_rows(rates.fk_rows_per_second, "checked");
    case Work::kRowWrites:
      return by_rows(rates.write_rows_per_second, "written");
  }
  return {};
}

Severity Grade(LockMode lock, double seconds, const Budgets& budgets) {
  if (lock == LockMode::kAccessExclusive) {
    return seconds >= budgets.reads_and_writes_error  ? Severity::kError
           : seconds >= budgets.reads_and_writes_warn ? Severity::kWarn
                                                      : Severity::kInfo;
  }
  if (lock >= LockMode::kShare) {
    return seconds >= budgets.writes_error  ? Severity::kError
           : seconds >= budgets.writes_warn ? Severity::kWarn
                                            : Severity::kInfo;
  }
  return seconds >= budgets.other_warn ? Severity::kWarn : Severity::kInfo;
}

}  // namespace drift::audit
