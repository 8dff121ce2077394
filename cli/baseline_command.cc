// drift baseline: find the migration the live database is at and record migrations
// 1..k in _prisma_migrations exactly as `prisma migrate resolve --applied` would.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "baseline/writer.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/render_common.h"
#include "diff/render.h"
#include "engine/commands.h"
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

}  // namespace

ExitCode RunBaseline(const BaselineOptions& options, std::ostream& out, std::ostream& err) {
  Context context;
  if (ExitCode code = LoadContext(
          "baseline",
          {.migrations = options.migrations, .url = options.url, .schemas = options.schemas},
          &context, err);
      code != ExitCode::kClean) {
    return code;
  }
  const parser::MigrationsDir* dir = &context.dir;
  const introspect::DatabaseUrl* url = &*context.url;
  const introspect::Catalog* catalog = &*context.live;
  engine::BaselineReport report = engine::Baseline(
      *dir, catalog->schema, catalog->ledger,
      {.schemas = options.schemas,
       .strict = options.strict,
       .pg_major = ChoosePgMajor("baseline", 0, catalog->server_version, err)},
      {.prefer = options.prefer, .allow_drift = options.allow_drift, .force = options.force});
  if (ReportHistory(*dir, report.diagnostics, err)) {
    err << "drift baseline: the migration history has errors; nothing to baseline against\n";
    return ExitCode::kInvalidInput;
  }
  if (options.strict && !report.unverified.empty()) {
    err << UnverifiedText(report.unverified) << StrictUnverifiedError(report.unverified);
    return ExitCode::kInvalidInput;
  }
  const diff::MatchResult& r = report.match;
  const int n = static_cast<int>(dir->migrations.size());
  const engine::BaselinePlan& plan = report.plan;
  const int index = plan.index;
  const std::vector<std::string>& refusals = plan.refusals;
  const std::set<std::string>& recorded = plan.recorded;
  const std::vector<std::string>& to_write = plan.to_write;

  bool applied = false;
  baseline::WriteResult written;
  if (options.apply && refusals.empty() && !to_write.empty()) {
    absl::StatusOr<baseline::WriteResult> w =
        baseline::WriteBaseline(url->Conninfo(), url->Display(), url->schema, plan.rows,
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
      for (const engine::RanStatement& s : report.partial_statements) {
        ran.push_back({{"location", s.location}, {"sql", s.text}});
      }
      doc["partial"] = {{"migration", MigrationAt(*dir, r.partial_migration)},
                        {"statements_applied", r.partial_statements},
                        {"statements_total", r.partial_total},
                        {"statements", std::move(ran)}};
    }
    doc["drift"] = diff::DifferencesJson(report.drift);
    doc["unmanaged"] = diff::DifferencesJson(report.unmanaged);
    doc["unverified"] = UnverifiedJson(report.unverified);
    Json rows = Json::array();
    for (const baseline::PlannedRow& p : plan.rows)
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
      for (const engine::RanStatement& s : report.partial_statements)
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
    if (!report.drift.empty()) {
      out << "\nDrift (the database vs that state):\n" << diff::RenderSummary(report.drift) << "\n";
    }
    if (!report.unmanaged.empty()) {
      out << "\n"
          << UnmanagedText(report.unmanaged,
                           "Unmanaged (in the database, in no migration; not counted)");
    }
    if (!report.unverified.empty()) out << "\n" << UnverifiedText(report.unverified);
    out << "\nPlan: " << PlanSentence(index, n) << "\n";
    for (const baseline::PlannedRow& p : plan.rows) {
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
    } else if (options.apply && !applied) {
      out << "\nNothing written: another process recorded these rows while drift waited for "
             "Prisma's migration lock.\n";
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
