// File: history_trace.h
//
// One walk over a migration history: every statement replayed once, the matcher told
// after each, and what the commands need kept on the way — the end state, the state at
// the best match (the end state stepped back through the copies engine/state_log.h keeps
// during the walk, never rebuilt by a second replay), the state the ledger claims, and
// where each object last changed.
//
// Example:
//   HistoryTrace t = WalkHistory(dir, {.live = &catalog.schema, .keep_matched = true});
//   if (t.match->exact) ... t.matched_state ...
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "diff/match.h"
#include "model/diagnostic.h"
#include "model/pg_version.h"
#include "model/schema.h"
#include "parser/migrations.h"

namespace drift::engine {

struct WalkOptions {
  // The live catalog to match every state against; null: replay only.
  const model::Schema* live = nullptr;
  diff::MatchOptions match;
  // Keep the state at the best match (HistoryTrace::matched_state).
  bool keep_matched = false;
  // Keep the state after this many migrations and each object's last change as of
  // then (HistoryTrace::kept_state, kept_origin); -1: none.
  int keep_after = -1;
  // The PostgreSQL major replay imitates (the live database's, when there is one).
  int pg_major = model::kNewestPgMajor;
};

// A statement of the history: its migration (folder name) and the line it starts on.
struct StatementRef {
  std::string migration;
  int line = 0;
};

// A statement of a migration that ran only in part: where it starts, and its text.
struct RanStatement {
  std::string location;  // "<dir>/<migration>/migration.sql:<line>"
  std::string text;
};

struct HistoryTrace {
  model::Schema end;                           // after every migration, normalised
  std::vector<model::Diagnostic> diagnostics;  // the folder's, then replay's
  // With a live catalog:
  std::optional<diff::MatchResult> match;
  std::optional<model::Schema> matched_state;    // keep_matched: the state of `match`, normalised
  std::vector<RanStatement> partial_statements;  // the statements of a partial match that ran
  std::optional<model::Schema> kept_state;       // keep_after: that state, normalised
  // keep_after: object key -> the statement that last changed it, as of that state.
  std::unordered_map<std::string, StatementRef> kept_origin;
};

// Replays `dir` once, matching each state against options.live when given.
HistoryTrace WalkHistory(const parser::MigrationsDir& dir, const WalkOptions& options);

}  // namespace drift::engine
