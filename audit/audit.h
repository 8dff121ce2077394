// File: audit.h
//
// The findings of `drift audit` for a range of pending migrations. Each statement is
// classified against the state replay gives just before it (effects.h) and weighed by
// the live size of each table (cost.h): one finding per statement and relation. Prisma
// sends each migration.sql as one query, which PostgreSQL runs as one transaction, so a
// lock taken by statement k is held until the file ends: when that window earns a worse
// grade than the statement alone, a TXN001 finding says so. Pure: the live sizes come in
// as a map; nothing here reads a database.
//
// Example:
//   AuditReport r = AuditMigrations(dir, start_state, 3, dir.migrations.size(), 15, sizes, {});
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/cost.h"
#include "audit/effects.h"
#include "audit/probes.h"
#include "model/schema.h"
#include "parser/migrations.h"

namespace drift::audit {

struct AuditOptions {
  Rates rates;
  Budgets budgets;
};

struct Finding {
  std::string rule;  // "LOCK022", "TXN001"
  Severity severity = Severity::kInfo;
  std::string migration;
  std::string file;  // the migration.sql as the folder names it
  int line = 0;
  std::string statement;  // its first line
  model::QualifiedName table;
  LockMode lock = LockMode::kAccessShare;
  Work work = Work::kCatalog;
  double seconds = 0;      // estimated blocking time
  std::string basis;       // the figures the estimate came from
  bool new_table = false;  // created in the pending range: empty when the statement runs
  std::string message;
  std::string safer;
  // Will-fail findings (FAIL001…): the read-only query that decides, and its answer.
  std::optional<Probe> probe;
  std::vector<std::string> evidence;  // offending keys read (at most kProbeLimit)
  bool checked = false;               // the probe ran
  bool approximate = false;           // an earlier pending statement changed the table
};

struct AuditReport {
  std::vector<Finding> findings;               // in statement order
  int statements = 0;                          // statements audited
  std::vector<model::Diagnostic> diagnostics;  // replay's, for the audited range
  model::Schema end;                           // the state after the range, normalised
  int Count(Severity severity) const;
};

// The probes of `report`'s will-fail findings, in finding order; and their answers, in
// the same order, turned into verdicts: `error` with the evidence when rows offend,
// `info` when none do, `warn` "not checked" when the probe could not run.
std::vector<Probe> ProbesToRun(const AuditReport& report);
void ApplyProbeAnswers(const std::vector<ProbeAnswer>& answers, AuditReport* report);

// Audits migrations [first, last) of `dir`; `start` is the state after [0, first).
// `sizes` holds the live tables' figures (missing: unknown).
AuditReport AuditMigrations(const parser::MigrationsDir& dir, model::Schema start, size_t first,
                            size_t last, int pg_major,
                            const std::map<model::QualifiedName, TableFacts>& sizes,
                            const AuditOptions& options);

}  // namespace drift::audit
