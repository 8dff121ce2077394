// File: history_differential.h
//
// The differential tester of replay against a real PostgreSQL. For one generated history
// (history_generator.h): every migration is sent to the server as one simple query, as
// Prisma sends it, and replayed; the two must accept and refuse alike, replay must know
// the effect of every statement, and after each migration the replayed model must equal
// the server's catalog. Then `drift diff --format sql` between two states of the history
// (chosen by the seed), run on a database at the first, must reach the second exactly. A
// history that shows a difference is minimised, statement by statement, to the smallest
// history that still shows the same finding.
//
// Example:
//   HistoryChecker checker(database_url);
//   HistoryOutcome o = checker.Check(GenerateHistory(7));
//   if (o.finding != HistoryFinding::kNone) history = checker.Minimise(history, o);
#pragma once

#include <string>

#include "differential/history_generator.h"

namespace drift::differential {

enum class HistoryFinding {
  kNone,
  kServerOnlyRefuses,   // the server refused a migration replay accepted
  kReplayOnlyRefuses,   // replay refused a migration the server accepted
  kUnknownEffect,       // replay did not know what a statement does
  kReplayDiffers,       // after a migration, replay != the server's catalog
  kSqlFails,            // the SQL from one state to another fails on the server
  kSqlLeavesDifferences,  // …or runs but does not reach the second state
};
const char* HistoryFindingName(HistoryFinding f);

struct HistoryOutcome {
  HistoryFinding finding = HistoryFinding::kNone;
  std::string detail;
  size_t migrations_run = 0;  // migrations the server ran (it stops at the first refusal)
  size_t statements_run = 0;
  bool server_refused = false;  // the history ended at a migration both refused
  bool sql_checked = false;     // a pair of states was checked through --format sql
};

class HistoryChecker {
 public:
  // `database_url`: an empty database this checker may reset between histories.
  explicit HistoryChecker(std::string database_url);

  HistoryOutcome Check(const GeneratedHistory& history);
  // The smallest history (statements removed one at a time) with the same finding and
  // the same first line of detail as `found`.
  GeneratedHistory Minimise(GeneratedHistory history, const HistoryOutcome& found);

 private:
  std::string ResetDatabase();
  std::string database_url_;
};

}  // namespace drift::differential
