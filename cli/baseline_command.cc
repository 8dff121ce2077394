// drift baseline: find the migration the live database is at and record migrations
// 1..k in _prisma_migrations exactly as `prisma migrate resolve --applied` would.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "baseline/checksum.h"
#include "baseline/writer.h"
#include "cli/commands.h"
#include "cli/match_history.h"
#include "diff/render.h"
#include "introspect/describe.h"
#include "model/diagnostic.h"
#include "parser/migrations.h"

namespace drift::cli {
namespace {

// A statement on one line: whitespace runs collapsed, cut at `width` with an ellipsis.
std::string OneLine(std::string_view text, size_t width) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > width) out = out.substr(0, width) + "…";
  return out;
}

// "record 1..k as applied; deploy then runs k+1..n", said plainly at the ends of the range.
std::string PlanSentence(int index, int n) {
  std::string record =
      index == 0 ? "record nothing" : fmt::format("record migrations 1..{} as applied", index);
  std::string rest = index == n
                         ? "`prisma migrate deploy` then has nothing to run"
                         : fmt::format("`prisma migrate deploy` then runs {}..{}", index + 1, n);
  return record + "; " + rest;
}

using Json = nlohmann::ordered_json;

std::string MigrationAt(const parser::MigrationsDir& dir, int index) {
  return index <= 0 ? "" : dir.migrations[static_cast<size_t>(index - 1)].name;
}

Json DifferencesJson(const diff::ChangeSet& changes) {
  return Json::parse(diff::RenderJson(changes))["differences"];
}

}  // namespace

ExitCode RunBaseline(const BaselineOptions& options, std::ostream& out, std::ostream& err) {
  absl::StatusOr<parser::MigrationsDir> dir = parser::ReadMigrationsDir(options.migrations);
  if (!dir.ok()) {
    err << "drift baseline: " << dir.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  if (options.url.empty()) {
    err << "drift baseline: no database URL: pass --url or set DATABASE_URL\n";
    return ExitCode::kInvalidInput;
  }
  absl::StatusOr<introspect::DatabaseUrl> url = introspect::ParseDatabaseUrl(options.url);
  if (!url.ok()) {
    err << "drift baseline: " << url.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  absl::StatusOr<introspect::Catalog> catalog =
      introspect::Describe(*url, {.schemas = options.schemas});
  if (!catalog.ok()) {
    err << "drift baseline: " << catalog.status().message() << "\n";
    return ExitCodeFor(catalog.status());
  }
  HistoryMatch match =
      MatchHistory(*dir, catalog->schema, {.schemas = options.schemas, .strict = options.strict});
  bool input_errors = false;
  for (const model::Diagnostic& d : match.diagnostics) {
    if (d.severity == model::Severity::kNote) continue;
    err << model::RenderDiagnostic(d, parser::SourceLineFor(*dir, d));
    input_errors |= d.severity == model::Severity::kError;
  }
  if (input_errors) {
    err << "drift baseline: the migration history has errors; nothing to baseline against\n";
    return ExitCode::kInvalidInput;
  }
  const diff::MatchResult& r = match.result;
  const int n = static_cast<int>(dir->migrations.size());

  // Which state to baseline to, given ties and --prefer.
  int index = r.index;
  if (r.ambiguous && !r.tied.empty()) {
    if (options.prefer == "earliest") index = r.tied.front();
    if (options.prefer == "latest") index = r.tied.back();
  }
  std::vector<baseline::PlannedRow> plan;
  for (int i = 0; i < index; ++i) {
    const parser::Migration& m = dir->migrations[static_cast<size_t>(i)];
    plan.push_back({m.name, baseline::MigrationChecksum(m.script.text)});
  }

  // Why --apply must refuse, if it must.
  std::vector<std::string> refusals;
  if (r.partial_migration > 0) {
    refusals.push_back(fmt::format(
        "the database is inside migration {} ({} of its {} statements ran): finish or undo it "
        "by hand first",
        MigrationAt(*dir, r.partial_migration), r.partial_statements, r.partial_total));
  }
  if (!r.exact && r.partial_migration == 0 && !options.allow_drift) {
    refusals.push_back(fmt::format(
        "the database matches no state exactly ({} objects differ from the closest one); "
        "--allow-drift baselines to it anyway",
        r.distance));
  }
  if (r.ambiguous && options.prefer.empty()) {
    refusals.push_back(
        "several states match equally and the migrations between them change data; choose with "
        "--prefer earliest (their data changes run again) or --prefer latest (they are skipped)");
  }
  std::set<std::string> planned;
  for (const baseline::PlannedRow& p : plan) planned.insert(p.migration);
  std::vector<std::string> conflicting;
  for (const model::LedgerRow& row : catalog->ledger.rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      conflicting.push_back(row.migration_name + " (failed)");
    } else if (!planned.contains(row.migration_name)) {
      conflicting.push_back(row.migration_name);
    }
  }
  if (!conflicting.empty() && !options.force) {
    std::string names;
    for (const std::string& c : conflicting) names += (names.empty() ? "" : ", ") + c;
    refusals.push_back(
        fmt::format("the ledger already records what the database does not show: "
                    "{}; --force baselines anyway",
                    names));
  }
  std::vector<std::string> to_write;
  std::set<std::string> recorded;
  for (const model::LedgerRow& row : catalog->ledger.rows) {
    if (row.finished_at && !row.rolled_back_at) recorded.insert(row.migration_name);
  }
  for (const baseline::PlannedRow& p : plan) {
    if (!recorded.contains(p.migration)) to_write.push_back(p.migration);
  }

  bool applied = false;
  baseline::WriteResult written;
  if (options.apply && refusals.empty() && !to_write.empty()) {
    absl::StatusOr<baseline::WriteResult> w =
        baseline::WriteBaseline(url->Conninfo(), url->Display(), url->schema, plan,
                                {.lock_timeout_ms = options.lock_timeout_seconds * 1000});
    if (!w.ok()) {
      err << "drift baseline: " << w.status().message() << "\n";
      return ExitCode::kFailure;
    }
    written = *w;
    applied = !written.inserted.empty();
  }

  if (options.format == "json") {
    Json doc;
    doc["matched"] = {{"migration", index == 0 ? Json(nullptr) : Json(MigrationAt(*dir, index))},
                      {"index", index},
                      {"exact", r.exact},
                      {"distance", r.distance}};
    if (r.ambiguous) {
      Json names = Json::array();
      for (int k : r.tied) names.push_back(k == 0 ? Json(nullptr) : Json(MigrationAt(*dir, k)));
      doc["ambiguous"] = names;
    } else {
      doc["ambiguous"] = nullptr;
    }
    doc["partial"] = nullptr;
    if (r.partial_migration > 0) {
      Json ran = Json::array();
      for (const HistoryMatch::Ran& s : match.partial_statements) {
        ran.push_back({{"location", s.location}, {"sql", s.text}});
      }
      doc["partial"] = {{"migration", MigrationAt(*dir, r.partial_migration)},
                        {"statements_applied", r.partial_statements},
                        {"statements_total", r.partial_total},
                        {"statements", std::move(ran)}};
    }
    doc["drift"] = DifferencesJson(match.drift);
    doc["unmanaged"] = DifferencesJson(match.unmanaged);
    Json rows = Json::array();
    for (const baseline::PlannedRow& p : plan)
      rows.push_back({{"migration", p.migration}, {"checksum", p.checksum}});
    doc["plan"] = rows;
    doc["applied"] = applied;
    doc["refused"] = refusals;
    out << doc.dump(2) << "\n";
  } else {
    out << fmt::format("Migrations: {} in {}\n", n, options.migrations);
    out << fmt::format("Database:   {} — {}\n", url->Display(),
                       catalog->ledger.present ? fmt::format("_prisma_migrations has {} row(s)",
                                                             catalog->ledger.rows.size())
                                               : "no _prisma_migrations table");
    if (r.partial_migration > 0) {
      out << fmt::format(
          "Matched:    inside migration {} of {}: {} — {} of its {} statements ran:\n",
          r.partial_migration, n, MigrationAt(*dir, r.partial_migration), r.partial_statements,
          r.partial_total);
      for (const HistoryMatch::Ran& s : match.partial_statements)
        out << "              " << s.location << "  " << OneLine(s.text, 80) << "\n";
    } else if (index == 0) {
      out << fmt::format("Matched:    {}the state before the first migration\n",
                         r.exact ? "exactly " : "closest: ");
    } else {
      out << fmt::format(
          "Matched:    {}the state after migration {} of {}: {}\n",
          r.exact ? "exactly " : fmt::format("closest ({} objects differ): ", r.distance), index, n,
          MigrationAt(*dir, index));
    }
    if (r.ambiguous) {
      std::string names;
      for (int k : r.tied)
        names +=
            (names.empty() ? "" : ", ") + (k == 0 ? std::string("(empty)") : MigrationAt(*dir, k));
      out << "Tied:       " << names << "\n";
    }
    if (!match.drift.empty()) {
      out << "\nDrift (the database vs that state):\n" << diff::RenderSummary(match.drift) << "\n";
    }
    if (!match.unmanaged.empty()) {
      out << "\n"
          << UnmanagedText(match.unmanaged,
                           "Unmanaged (in the database, in no migration; not counted)");
    }
    out << "\nPlan: " << PlanSentence(index, n) << "\n";
    for (const baseline::PlannedRow& p : plan) {
      out << fmt::format("  {} {} {}\n", recorded.contains(p.migration) ? "=" : "+", p.migration,
                         p.checksum);
    }
    if (!refusals.empty()) {
      out << "\nNot applied:\n";
      for (const std::string& why : refusals) out << "  - " << why << "\n";
    } else if (to_write.empty()) {
      out << (index == 0
                  ? "\nNothing to do: no migration to record.\n"
                  : fmt::format("\nNothing to do: the ledger already records migrations 1..{}.\n",
                                index));
    } else if (applied) {
      out << fmt::format("\nApplied: {} row(s) written to _prisma_migrations{}.\n",
                         written.inserted.size(), written.created_table ? " (table created)" : "");
    } else {
      out << fmt::format("\nDry run: nothing written. Run again with --apply to write {} row(s).\n",
                         to_write.size());
    }
  }
  if (!refusals.empty()) return ExitCode::kDrift;
  return r.exact ? ExitCode::kClean : ExitCode::kDrift;
}

}  // namespace drift::cli
