#include "engine/history_trace.h"

#include <fmt/format.h>

#include <cstdint>
#include <limits>

#include "engine/state_log.h"
#include "model/normalize.h"
#include "parser/pgddl/replay.h"

namespace drift::engine {
namespace {

using parser::pgddl::Replayer;
using parser::pgddl::Statement;

// The boundaries that can still turn out to be the best match, tracked as the walk goes
// with the rules of diff::Matcher::Result(): the latest migration end with the fewest
// mismatches, and the earliest point inside a migration with fewer than any end.
struct Candidates {
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  int64_t end_mismatches = kNone;
  int64_t end_position = 0;  // statements before that end
  int64_t inside_mismatches = kNone;
  int64_t inside_position = -1;

  void AtEnd(int64_t mismatches, int64_t position) {
    if (mismatches > end_mismatches) return;
    end_mismatches = mismatches;
    end_position = position;
    if (inside_mismatches >= end_mismatches) {
      inside_mismatches = kNone;
      inside_position = -1;
    }
  }
  void Inside(int64_t mismatches, int64_t position) {
    if (mismatches < end_mismatches && mismatches < inside_mismatches) {
      inside_mismatches = mismatches;
      inside_position = position;
    }
  }
  // The earliest boundary still wanted.
  int64_t Earliest() const {
    return inside_position >= 0 ? std::min(end_position, inside_position) : end_position;
  }
};

}  // namespace

HistoryTrace WalkHistory(const parser::MigrationsDir& dir, const WalkOptions& options) {
  HistoryTrace out;
  out.diagnostics = dir.diagnostics;
  Replayer replayer(options.pg_major);
  std::optional<diff::Matcher> matcher;
  if (options.live != nullptr) matcher.emplace(*options.live, options.match);
  const bool keep_matched = matcher && options.keep_matched;

  struct Seen {
    int line;
    std::string_view text;
  };
  std::vector<std::vector<Seen>> statements(dir.migrations.size());
  std::vector<int64_t> end_positions{0};  // statements before each migration end
  int64_t position = 0;                   // statements applied so far
  StateLog log;
  Candidates candidates;

  auto at_end = [&](int migrations_done) {
    if (migrations_done == options.keep_after) {
      out.kept_state = replayer.schema();
      if (matcher) {
        for (const auto& [key, origin] : matcher->last_changes()) {
          const std::string& name = dir.migrations[static_cast<size_t>(origin.migration - 1)].name;
          int line = statements[static_cast<size_t>(origin.migration - 1)]
                               [static_cast<size_t>(origin.statement - 1)]
                                   .line;
          out.kept_origin[key] = {name, line};
        }
      }
    }
    if (keep_matched) {
      candidates.AtEnd(matcher->mismatches(), position);
      log.Forget(candidates.Earliest());
    }
  };

  const StateLog::Lookups lookups{
      [&](const model::QualifiedName& name) { return replayer.FindTable(name); },
      [&](const model::QualifiedName& name) -> const std::set<model::QualifiedName>& {
        return matcher->ReferrersOf(name);
      }};
  at_end(0);
  for (size_t i = 0; i < dir.migrations.size(); ++i) {
    replayer.ApplyFile(
        dir.migrations[i].script,
        [&](const Statement& s) {
          ++position;
          if (!matcher) return;
          statements[i].push_back({static_cast<int>(s.span.line), s.text});
          matcher->Observe(replayer.schema(), Replayer::TouchedBy(s), Replayer::IsDataStatement(s));
          if (keep_matched) candidates.Inside(matcher->mismatches(), position);
        },
        [&](const Statement& s) {
          if (keep_matched) {
            log.Record(position + 1, replayer.schema(), Replayer::TouchedBy(s), lookups);
          }
        });
    end_positions.push_back(position);
    if (matcher) matcher->EndMigration();
    at_end(static_cast<int>(i + 1));
  }
  out.diagnostics.insert(out.diagnostics.end(), replayer.diagnostics().begin(),
                         replayer.diagnostics().end());
  if (matcher) out.match = matcher->Result();

  if (keep_matched) {
    const diff::MatchResult& r = *out.match;
    int64_t target = end_positions[static_cast<size_t>(r.index)];
    if (r.partial_migration > 0) {
      target = end_positions[static_cast<size_t>(r.partial_migration - 1)] + r.partial_statements;
      const parser::Migration& m = dir.migrations[static_cast<size_t>(r.partial_migration - 1)];
      for (int k = 0; k < r.partial_statements; ++k) {
        const Seen& s =
            statements[static_cast<size_t>(r.partial_migration - 1)][static_cast<size_t>(k)];
        out.partial_statements.push_back(
            {fmt::format("{}:{}", m.script.name, s.line), std::string(s.text)});
      }
    }
    model::Schema state = replayer.schema();
    log.StepBack(state, position, target);
    model::Normalize(state);
    out.matched_state = std::move(state);
  }
  if (out.kept_state) model::Normalize(*out.kept_state);
  out.end = replayer.TakeResult();
  return out;
}

}  // namespace drift::engine
