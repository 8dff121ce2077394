// File: match_history.h
//
// Runs a migration history through replay and the matcher against a live model: which
// state the database is in, what differs there, what is unmanaged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diff/change_set.h"
#include "diff/match.h"
#include "model/diagnostic.h"
#include "model/schema.h"
#include "parser/migrations.h"

namespace drift::cli {

struct HistoryMatch {
  diff::MatchResult result;
  diff::ChangeSet drift;      // the matched state -> the live database, unmanaged left out
  diff::ChangeSet unmanaged;  // live objects no state of the history ever had
  // The statements of the partial migration that ran: where each starts, and its text.
  struct Ran {
    std::string location;  // "<dir>/<migration>/migration.sql:<line>"
    std::string text;
  };
  std::vector<Ran> partial_statements;
  std::vector<model::Diagnostic> diagnostics;  // replay problems in the history
};

HistoryMatch MatchHistory(const parser::MigrationsDir& dir, const model::Schema& live,
                          const diff::MatchOptions& options);

// "Unmanaged (…): N object(s)" and one "  - view public.X" line per object; "" for none.
std::string UnmanagedText(const diff::ChangeSet& unmanaged, std::string_view heading);

}  // namespace drift::cli
