// drift status: the ledger and the migration the database is actually at, side by side,
// the way `prisma migrate status` reports.
#include <fmt/format.h>

#include "baseline/ledger.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/render_common.h"
#include "engine/commands.h"
#include "parser/migrations.h"

namespace drift::cli {

ExitCode RunStatus(const StatusOptions& options, std::ostream& out, std::ostream& err) {
  Context context;
  if (ExitCode code = LoadContext(
          "status",
          {.migrations = options.migrations, .url = options.url, .schemas = options.schemas},
          &context, err);
      code != ExitCode::kClean) {
    return code;
  }
  const parser::MigrationsDir* dir = &context.dir;
  engine::StatusReport report =
      engine::Status(*dir, context.live->schema, context.live->ledger,
                     {.schemas = options.schemas,
                      .pg_major = ChoosePgMajor("status", 0, context.live->server_version, err)});
  if (ReportHistory(*dir, report.diagnostics, err)) return ExitCode::kInvalidInput;
  const baseline::LedgerReport& ledger = report.ledger;
  const diff::MatchResult& r = report.match;
  const bool in_step = report.in_step;
  const bool clean = report.clean;
  auto name = [&](int k) {
    return k == 0 ? std::string("(before the first)")
                  : dir->migrations[static_cast<size_t>(k - 1)].name;
  };
  if (options.format == "json") {
    Json doc;
    doc["migrations"] = dir->migrations.size();
    doc["ledger"] = LedgerJson(ledger);
    doc["ledger_claims"] = ledger.applied_prefix;
    doc["database_matches"] = {{"index", r.index},
                               {"migration", r.index == 0 ? Json(nullptr) : Json(name(r.index))},
                               {"exact", r.exact},
                               {"distance", r.distance}};
    doc["in_step"] = in_step;
    doc["unverified"] = UnverifiedJson(report.unverified);
    out << doc.dump(2) << "\n";
  } else {
    out << fmt::format("{} migrations found in {}\n", dir->migrations.size(), options.migrations);
    if (!ledger.has_table) {
      out << "The ledger: no _prisma_migrations table (the database is not managed by Prisma "
             "Migrate)\n";
    } else {
      out << fmt::format(
          "The ledger says: {} applied{}{}{}{}\n", ledger.applied_prefix,
          ledger.failed ? fmt::format(", {} failed", ledger.failed) : "",
          ledger.edited ? fmt::format(", {} edited since", ledger.edited) : "",
          ledger.missing ? fmt::format(", {} not in the folder", ledger.missing) : "",
          ledger.renamed ? fmt::format(", {} renamed", ledger.renamed) : "");
    }
    if (r.partial_migration > 0) {
      out << fmt::format("The database is: inside migration {} ({} of {} statements)\n",
                         name(r.partial_migration), r.partial_statements, r.partial_total);
    } else {
      out << fmt::format(
          "The database is: {} the state after {} ({} of {})\n",
          r.exact ? "exactly" : fmt::format("closest ({} objects differ) to", r.distance),
          name(r.index), r.index, dir->migrations.size());
    }
    if (!report.unverified.empty()) out << UnverifiedText(report.unverified);
    if (ledger.pending > 0) {
      out << "\nFollowing migrations have not yet been applied:\n";
      for (const baseline::LedgerEntry& e : ledger.entries) {
        if (e.state == baseline::LedgerState::kPending ||
            e.state == baseline::LedgerState::kRolledBack) {
          out << e.migration << "\n";
        }
      }
    }
    out << "\n";
    if (!ledger.has_table && r.exact && r.partial_migration == 0) {
      out << (r.index == 0
                  ? "Nothing to baseline: `prisma migrate deploy` can run every migration.\n"
                  : fmt::format("Not baselined yet: `drift baseline --apply` records migrations "
                                "1..{} as applied.\n",
                                r.index));
    } else if (!in_step) {
      out << fmt::format(
          "The ledger and the database disagree: the ledger claims {} migration(s), the "
          "database looks like {}.\n",
          ledger.applied_prefix, r.index);
    } else if (clean) {
      out << "Database schema is up to date!\n";
    }
  }
  return clean ? ExitCode::kClean : ExitCode::kDrift;
}

}  // namespace drift::cli
