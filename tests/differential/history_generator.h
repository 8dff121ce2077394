// File: history_generator.h
//
// Random valid migration histories from a seed, for the differential tester of replay
// against a real server (history_differential.h). Each history is a few migrations of
// statements drawn over what the generator's own model of the schema says exists:
// tables with identity, serial, uuid and text keys; columns of the types Prisma and
// hand-written SQL use, with defaults in every literal spelling PostgreSQL accepts (E'…',
// U&'…', $$…$$, B'…', X'…', typed literals, CAST, ::, negative and exponent numbers,
// '{…}' and ARRAY[…], functions, expressions, enum labels); constraints, indexes
// (expressions, partial, DESC/NULLS, INCLUDE, operator classes, collations), enums and
// their changes, sequences, generated columns, renames and drops, views, DO blocks with
// catalog guards, comments, and data statements between the DDL. The same seed always
// gives the same history.
//
// Example:
//   History h = GenerateHistory(42);
//   for (const Migration& m : h.migrations) ... m.name, m.statements ...
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace drift::differential {

struct GeneratedMigration {
  std::string name;                     // folder name, e.g. 20240101000001_m1
  std::vector<std::string> statements;  // each without its final `;`
  std::string Sql() const;              // the statements, one per line, each ending in `;`
};

struct GeneratedHistory {
  uint64_t seed = 0;
  std::vector<GeneratedMigration> migrations;
  size_t StatementCount() const;
  // Every migration under a "-- <name>" line, for reports.
  std::string Listing() const;
};

struct HistoryOptions {
  int migrations = 6;
  int statements_per_migration = 6;
};

GeneratedHistory GenerateHistory(uint64_t seed, const HistoryOptions& options = {});

}  // namespace drift::differential
