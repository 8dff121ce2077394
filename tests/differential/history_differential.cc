#include "differential/history_differential.h"

#include <fmt/format.h>

#include <memory>
#include <pqxx/pqxx>
#include <random>

#include "diff/diff.h"
#include "diff/render.h"
#include "differential/scratch_database.h"
#include "introspect/describe.h"
#include "model/identifiers.h"
#include "model/normalize.h"
#include "model/view_definition.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/replay.h"

namespace drift::differential {

const char* HistoryFindingName(HistoryFinding f) {
  switch (f) {
    case HistoryFinding::kNone:
      return "none";
    case HistoryFinding::kServerOnlyRefuses:
      return "server-only-refuses";
    case HistoryFinding::kReplayOnlyRefuses:
      return "replay-only-refuses";
    case HistoryFinding::kUnknownEffect:
      return "unknown-effect";
    case HistoryFinding::kReplayDiffers:
      return "replay-differs";
    case HistoryFinding::kSqlFails:
      return "sql-fails";
    case HistoryFinding::kSqlLeavesDifferences:
      return "sql-leaves-differences";
  }
  return "?";
}

HistoryChecker::HistoryChecker(std::string database_url) : database_url_(std::move(database_url)) {}

std::string HistoryChecker::ResetDatabase() { return ResetScratchDatabase(database_url_); }

namespace {

// The first error of `diagnostics` from `from` on, or "".
std::string FirstError(const std::vector<model::Diagnostic>& diagnostics, size_t from) {
  for (size_t i = from; i < diagnostics.size(); ++i) {
    if (diagnostics[i].severity == model::Severity::kError) return diagnostics[i].message;
  }
  return "";
}

std::string FirstUnknown(const std::vector<model::Diagnostic>& diagnostics, size_t from) {
  for (size_t i = from; i < diagnostics.size(); ++i) {
    if (diagnostics[i].code == "replay.unknown-effect") return diagnostics[i].message;
  }
  return "";
}

}  // namespace

namespace {

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// True when the server, given the definition drift wrote (the `after` side), prints it as
// the `before` side: PostgreSQL's printed form of some expressions (a varchar IN list)
// does not parse back to the same tree, so no tool can make them print the same. Asked of
// the server itself, in a transaction rolled back.
bool ServerReprints(const std::string& url, const diff::Difference& d) {
  if (d.kind != diff::DiffKind::kChanged || d.changes.size() != 1 ||
      d.changes[0].property != diff::Property::kDefinition)
    return false;
  const std::string& written = d.changes[0].after;
  try {
    pqxx::connection conn(url);
    pqxx::work txn(conn);
    std::string printed;
    if (d.object == diff::ObjectKind::kConstraint && d.before_table != nullptr) {
      txn.exec("CREATE TEMP TABLE drift_reprint (LIKE " +
               model::QualifiedText(d.before_table->name) + ")");
      txn.exec("ALTER TABLE drift_reprint ADD CONSTRAINT drift_reprint_c " + written);
      printed = txn.exec1(
                       "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = "
                       "'drift_reprint_c'")[0]
                    .as<std::string>();
    } else if (d.object == diff::ObjectKind::kView) {
      txn.exec("CREATE TEMP VIEW drift_reprint AS " + written);
      printed = model::ViewDefinitionFromServer(
          txn.exec1("SELECT pg_get_viewdef('drift_reprint'::regclass)")[0].as<std::string>());
    } else {
      return false;
    }
    return printed == d.changes[0].before;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

HistoryOutcome HistoryChecker::Check(const GeneratedHistory& history) {
  HistoryOutcome out;
  auto fail = [&](HistoryFinding f, std::string detail) {
    out.finding = f;
    out.detail = std::move(detail);
    return out;
  };
  if (std::string why = ResetDatabase(); !why.empty())
    return fail(HistoryFinding::kSqlFails, "cannot reset the database: " + why);
  auto url = introspect::ParseDatabaseUrl(database_url_);
  if (!url.ok()) return fail(HistoryFinding::kSqlFails, std::string(url.status().message()));

  pqxx::connection conn(database_url_);
  const int pg_major = conn.server_version() / 10000;
  parser::pgddl::Replayer replayer(pg_major);
  std::vector<std::unique_ptr<parser::SourceFile>> files;  // replay's statements point into them
  std::vector<model::Schema> states{model::EmptyDatabase()};
  for (const GeneratedMigration& m : history.migrations) {
    files.push_back(std::make_unique<parser::SourceFile>(
        parser::SourceFile{m.name + "/migration.sql", m.Sql()}));
    std::string refused;
    try {
      pqxx::nontransaction txn(conn);
      txn.exec(files.back()->text);  // one simple query, as Prisma sends it
    } catch (const pqxx::sql_error& e) {
      refused = e.what();
    }
    const size_t seen = replayer.diagnostics().size();
    replayer.ApplyFile(*files.back());
    std::string replay_error = FirstError(replayer.diagnostics(), seen);
    if (!refused.empty() && replay_error.empty())
      return fail(HistoryFinding::kServerOnlyRefuses, m.name + ": " + refused);
    if (refused.empty() && !replay_error.empty())
      return fail(HistoryFinding::kReplayOnlyRefuses,
                  m.name + ": " + replay_error + " (the server accepts it)");
    if (!refused.empty()) {
      out.server_refused = true;  // both refuse: Prisma would stop here too
      break;
    }
    if (std::string unknown = FirstUnknown(replayer.diagnostics(), seen); !unknown.empty())
      return fail(HistoryFinding::kUnknownEffect, m.name + ": " + unknown);
    ++out.migrations_run;
    out.statements_run += m.statements.size();
    auto live = introspect::Describe(*url, {});
    if (!live.ok()) return fail(HistoryFinding::kSqlFails, std::string(live.status().message()));
    states.push_back(replayer.Result());
    diff::ChangeSet changes = diff::Diff(states.back(), live->schema);
    if (!changes.empty())
      return fail(HistoryFinding::kReplayDiffers,
                  "after " + m.name + ", replay -> server:\n" + diff::RenderSummary(changes));
  }

  // One pair of states through --format sql, chosen by the seed.
  if (states.size() < 2) return out;
  std::mt19937_64 rng(history.seed * 7919 + 1);
  size_t from = rng() % (states.size() - 1);
  size_t to = from + 1 + rng() % (states.size() - 1 - from);
  if (std::string why = ResetDatabase(); !why.empty())
    return fail(HistoryFinding::kSqlFails, "cannot reset the database: " + why);
  pqxx::connection fresh(database_url_);
  for (size_t i = 0; i < from; ++i) pqxx::nontransaction(fresh).exec(files[i]->text);
  std::string sql = diff::RenderSql(states[from], states[to], diff::Diff(states[from], states[to]));
  parser::SourceFile script{"generated.sql", sql};
  std::vector<std::string> statements;
  std::string unreadable;
  parser::pgddl::ParseDdlStatements(
      script, [&](const parser::pgddl::Statement& st) { statements.emplace_back(st.text); },
      [&](const model::Diagnostic& d) {
        if (unreadable.empty()) unreadable = fmt::format("line {}: {}", d.span.line, d.message);
      });
  if (!unreadable.empty())
    return fail(HistoryFinding::kSqlFails,
                fmt::format("from state {} to {}: drift cannot read its own SQL, {}\n{}", from, to,
                            unreadable, sql));
  try {
    // Statement by statement, as `psql -f` runs a script.
    for (const std::string& statement : statements) pqxx::nontransaction(fresh).exec(statement);
  } catch (const std::exception& e) {
    return fail(HistoryFinding::kSqlFails,
                fmt::format("from state {} to {}: {}\n{}", from, to, e.what(), sql));
  }
  out.sql_checked = true;
  auto live = introspect::Describe(*url, {});
  if (!live.ok()) return fail(HistoryFinding::kSqlFails, std::string(live.status().message()));
  diff::ChangeSet left = diff::Diff(live->schema, states[to]);
  std::erase_if(left, [&](const diff::Difference& d) { return ServerReprints(database_url_, d); });
  if (!left.empty())
    return fail(
        HistoryFinding::kSqlLeavesDifferences,
        fmt::format("from state {} to {}:\n{}\n{}", from, to, diff::RenderSummary(left), sql));
  return out;
}

GeneratedHistory HistoryChecker::Minimise(GeneratedHistory history, const HistoryOutcome& found) {
  auto same = [&](const HistoryOutcome& o) {
    return o.finding == found.finding && FirstLine(o.detail) == FirstLine(found.detail);
  };
  // Remove statements from the last one back; keep a removal when the finding stays.
  auto remove_one = [&]() {
    for (size_t m = history.migrations.size(); m-- > 0;) {
      for (size_t s = history.migrations[m].statements.size(); s-- > 0;) {
        GeneratedHistory candidate = history;
        auto& statements = candidate.migrations[m].statements;
        statements.erase(statements.begin() + static_cast<std::ptrdiff_t>(s));
        if (statements.empty())
          candidate.migrations.erase(candidate.migrations.begin() + static_cast<std::ptrdiff_t>(m));
        if (same(Check(candidate))) {
          history = std::move(candidate);
          return true;
        }
      }
    }
    return false;
  };
  while (remove_one()) {
  }
  return history;
}

}  // namespace drift::differential
