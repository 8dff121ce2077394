#include "cli/match_history.h"

#include <fmt/format.h>

#include "diff/diff.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/replay.h"

namespace drift::cli {
HistoryMatch MatchHistory(const parser::MigrationsDir& dir, const model::Schema& live,
                          const diff::MatchOptions& options) {
  HistoryMatch out;
  out.diagnostics = dir.diagnostics;
  diff::Matcher matcher(live, options);
  parser::pgddl::Replayer replayer;
  for (const parser::Migration& m : dir.migrations) {
    replayer.ApplyFile(m.script, [&](const parser::pgddl::Statement& s) {
      matcher.Observe(replayer.schema(), parser::pgddl::Replayer::TouchedBy(s),
                      parser::pgddl::Replayer::IsDataStatement(s));
    });
    matcher.EndMigration();
  }
  out.diagnostics.insert(out.diagnostics.end(), replayer.diagnostics().begin(),
                         replayer.diagnostics().end());
  out.result = matcher.Result();

  // The state of the answer, replayed once more, and the one full diff.
  parser::pgddl::Replayer at;
  for (int i = 0; i < out.result.index; ++i)
    at.ApplyFile(dir.migrations[static_cast<size_t>(i)].script);
  if (out.result.partial_migration > 0) {
    int applied = 0;
    const parser::Migration& m =
        dir.migrations[static_cast<size_t>(out.result.partial_migration - 1)];
    parser::pgddl::ParseDdlStatements(
        m.script,
        [&](const parser::pgddl::Statement& s) {
          if (applied++ >= out.result.partial_statements) return;
          at.Apply(s);
          out.partial_statements.push_back(
              {fmt::format("{}:{}", m.script.name, s.span.line), std::string(s.text)});
        },
        [](const model::Diagnostic&) {});
  }
  diff::ChangeSet all = diff::Diff(at.TakeResult(), live, {.schemas = options.schemas});
  for (diff::Difference& d : all) {
    bool unmanaged = out.result.unmanaged.contains(diff::Matcher::KeyOf(d));
    (unmanaged && !options.strict ? out.unmanaged : out.drift).push_back(std::move(d));
  }
  return out;
}

std::string UnmanagedText(const diff::ChangeSet& unmanaged, std::string_view heading) {
  if (unmanaged.empty()) return "";
  std::string out = fmt::format("{}: {} object(s)\n", heading, unmanaged.size());
  for (const diff::Difference& d : unmanaged)
    out += fmt::format("  - {} {}\n", diff::ObjectKindName(d.object), d.path);
  return out;
}

}  // namespace drift::cli
