// File: commands.h
//
// The commands that walk a history against a live database — `drift check`, `drift
// baseline`, `drift status` — each as one function from loaded inputs to a plain report.
// Each replays the history exactly once (WalkHistory). Nothing here reads flags, touches
// a database or prints: cli/ loads the inputs, renders the report and picks the exit code.
//
// Example:
//   CheckReport r = Check(dir, {.live = &catalog.schema, .ledger = &catalog.ledger}, {});
//   if (!r.ok) ...
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "audit/compat.h"
#include "baseline/ledger.h"
#include "diff/change_set.h"
#include "diff/match.h"
#include "engine/baseline_plan.h"
#include "engine/history_trace.h"
#include "model/diagnostic.h"
#include "model/ledger.h"
#include "model/pg_version.h"
#include "model/schema.h"
#include "parser/migrations.h"

namespace drift::engine {

// What a command compares a history with; null members were not given.
struct Inputs {
  const model::Schema* declared = nullptr;  // schema.prisma's model
  const model::Schema* live = nullptr;      // the live catalog
  const model::Ledger* ledger = nullptr;    // its _prisma_migrations rows
};

struct Scope {
  std::vector<std::string> schemas;      // compare only these namespaces; empty: all
  bool strict = false;                   // unmanaged live objects count as drift
  int pg_major = model::kNewestPgMajor;  // the live server's: replay imitates it
};

// The folder's migrations, name and script, for the ledger rules.
std::vector<baseline::FolderMigration> FolderOf(const parser::MigrationsDir& dir);

// `drift check`: schema.prisma against the end of the history, the ledger against the
// folder, the live catalog against the state the ledger claims.
struct CheckReport {
  std::vector<model::Diagnostic> diagnostics;     // the history's
  std::optional<diff::ChangeSet> schema_changes;  // declared given: end of history -> declared
  std::optional<baseline::LedgerReport> ledger;   // live given
  std::optional<diff::MatchResult> detected;      // live given: the state the database is in
  // Live given: the claimed state -> live, unmanaged objects left out, each with the
  // statement that last shaped its object (parallel to live_changes).
  std::optional<diff::ChangeSet> live_changes;
  std::vector<std::optional<StatementRef>> live_origins;
  diff::ChangeSet unmanaged;
  // Objects not compared: unverified in the compared state (the claimed one with a live
  // database, else the end of the history).
  std::vector<model::Unverified> unverified;
  bool ok = false;
};

CheckReport Check(const parser::MigrationsDir& dir, const Inputs& inputs, const Scope& scope);

// `drift baseline`: where the database is, what differs there, and the plan.
struct BaselineReport {
  std::vector<model::Diagnostic> diagnostics;  // the history's
  diff::MatchResult match;
  std::vector<RanStatement> partial_statements;
  diff::ChangeSet drift;                      // the matched state -> live, unmanaged left out
  diff::ChangeSet unmanaged;                  // live objects no state of the history ever had
  std::vector<model::Unverified> unverified;  // not compared: unverified at the match
  BaselinePlan plan;
};

BaselineReport Baseline(const parser::MigrationsDir& dir, const model::Schema& live,
                        const model::Ledger& ledger, const Scope& scope,
                        const BaselineRules& rules);

// `drift status`: the ledger and the state the database is in, side by side.
struct StatusReport {
  std::vector<model::Diagnostic> diagnostics;  // the history's
  baseline::LedgerReport ledger;
  diff::MatchResult match;
  std::vector<model::Unverified> unverified;  // not compared: unverified at the history's end
  bool in_step = false;  // the database is exactly at the state its ledger claims
  bool clean = false;    // in step, and nothing pending, failed, edited, missing or renamed
};

StatusReport Status(const parser::MigrationsDir& dir, const model::Schema& live,
                    const model::Ledger& ledger, const Scope& scope);

// `drift audit`: the pending range and its findings. The range starts where the ledger's
// applied prefix ends; with no ledger rows at all on a database that has tables, where
// `drift baseline` would put it (Prisma itself would stop with P3005).
struct AuditReport {
  std::vector<model::Diagnostic> diagnostics;  // the history's
  baseline::LedgerReport ledger;
  bool from_baseline = false;  // no ledger: the range starts at the matched migration
  diff::MatchResult match;     // from_baseline: where the database is
  size_t first = 0, last = 0;  // migrations [first, last) are audited
  audit::AuditReport audit;
};

// `to`: audit up to and including this migration index (1-based); 0: to the end.
// `old_app`: the model of the running version's schema.prisma; null: the state the
// range starts from. What breaks for it after the range is audit/compat.h's.
AuditReport Audit(const parser::MigrationsDir& dir, const model::Schema& live,
                  const model::Ledger& ledger, const Scope& scope,
                  const std::map<model::QualifiedName, audit::TableFacts>& sizes, size_t to,
                  const model::Schema* old_app, const audit::CompatOptions& compat,
                  const audit::AuditOptions& options);

}  // namespace drift::engine
