// drift check: for CI, schema.prisma vs the migrations, the ledger vs the folder, and the
// live catalog vs the state the ledger claims.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "baseline/ledger.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/render_common.h"
#include "diff/render.h"
#include "engine/commands.h"
#include "model/diagnostic.h"
#include "parser/migrations.h"
#include "parser/prisma/prisma_schema.h"

namespace drift::cli {
namespace {

std::string MigrationFile(const parser::MigrationsDir& dir, const std::string& name) {
  return (std::filesystem::path(dir.path) / name / "migration.sql").string();
}

// Where schema.prisma declares the table or enum a difference is about: its `model` or
// `enum` block; else the schema file's first line.
std::pair<std::string, int> SchemaLine(const parser::prisma::PrismaSchema& schema,
                                       const diff::Difference& d, const std::string& fallback) {
  std::string owner = d.table.empty() ? d.path : d.table;  // "schema.Name[.member]"
  size_t dot = owner.find('.');
  if (dot != std::string::npos) {
    size_t end = d.table.empty() ? owner.find('.', dot + 1) : std::string::npos;
    model::QualifiedName name{owner.substr(0, dot), owner.substr(dot + 1, end - dot - 1)};
    if (auto it = schema.declared_at.find(name); it != schema.declared_at.end()) {
      return {it->second.file, static_cast<int>(it->second.line)};
    }
  }
  return {fallback, 1};
}

// A database with a schema and no ledger: what Prisma would say, and where drift places it.
std::string NoLedgerMessage(const parser::MigrationsDir& dir, const diff::MatchResult& r) {
  std::string at = r.index == 0 ? "before the first migration"
                                : fmt::format("after {} ({} of {})",
                                              dir.migrations[static_cast<size_t>(r.index - 1)].name,
                                              r.index, dir.migrations.size());
  return fmt::format(
      "no _prisma_migrations table, yet the database has a schema: `prisma migrate deploy` "
      "would stop with P3005. It is {} the state {}{}",
      r.exact ? "exactly" : "closest to", at,
      r.exact ? "; `drift baseline --apply` records it."
              : "; `drift baseline` shows what differs.");
}

}  // namespace

ExitCode RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  // schema.prisma, when there is one: read first, reported after the history.
  std::optional<absl::StatusOr<parser::prisma::PrismaSchema>> prisma_read;
  if (!options.schema.empty() &&
      (options.schema_given || std::filesystem::exists(options.schema))) {
    prisma_read = parser::prisma::ReadPrismaSchema(options.schema);
  }
  // A schema that cannot be read is invalid input whatever the database says: not read then.
  const bool schema_broken =
      prisma_read && (!prisma_read->ok() || !(*prisma_read)->diagnostics.empty());
  Context context;
  if (ExitCode code = LoadContext("check",
                                  {.migrations = options.migrations,
                                   .url = schema_broken ? "" : options.url,
                                   .url_required = false,
                                   .schemas = options.schemas},
                                  &context, err);
      code != ExitCode::kClean) {
    return code;
  }
  const parser::MigrationsDir* dir = &context.dir;
  const parser::prisma::PrismaSchema* prisma = nullptr;
  if (prisma_read && prisma_read->ok() && (*prisma_read)->diagnostics.empty())
    prisma = &**prisma_read;
  const int pg_major = ChoosePgMajor("check", options.pg_major,
                                     context.live ? context.live->server_version : 0, err);
  if (pg_major == 0) return ExitCode::kInvalidInput;
  engine::CheckReport report =
      engine::Check(*dir,
                    {.declared = prisma ? &prisma->schema : nullptr,
                     .live = context.live ? &context.live->schema : nullptr,
                     .ledger = context.live ? &context.live->ledger : nullptr},
                    {.schemas = options.schemas, .strict = options.strict, .pg_major = pg_major});
  if (ReportHistory(*dir, report.diagnostics, err)) return ExitCode::kInvalidInput;
  if (prisma_read && !prisma_read->ok()) {
    err << "drift check: " << prisma_read->status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  if (prisma_read && !(*prisma_read)->diagnostics.empty()) {
    const parser::prisma::PrismaSchema& broken = **prisma_read;
    ReportDiagnostics(
        broken.diagnostics,
        [&](const model::Diagnostic& d) { return parser::prisma::SourceLineFor(broken, d); }, err);
    return ExitCode::kInvalidInput;
  }
  const std::optional<diff::ChangeSet>& schema_changes = report.schema_changes;
  const std::optional<baseline::LedgerReport>& ledger = report.ledger;
  const std::optional<diff::ChangeSet>& live_changes = report.live_changes;
  const std::vector<std::optional<engine::StatementRef>>& live_origins = report.live_origins;
  const diff::ChangeSet& unmanaged = report.unmanaged;
  const std::optional<diff::MatchResult>& detected = report.detected;
  const std::string where = context.url ? context.url->Display() : "";
  const bool ok = report.ok;
  if (options.strict && !report.unverified.empty()) {
    err << UnverifiedText(report.unverified) << StrictUnverifiedError(report.unverified);
    return ExitCode::kInvalidInput;
  }
  NoteAssumedPgMajor("check", options.pg_major, context.live ? context.live->server_version : 0,
                     err);

  if (options.format == "json") {
    Json doc;
    // Lists are always lists (empty when that part was not checked), so that CI scripts
    // can iterate them; "checked" says which parts ran.
    doc["ok"] = ok;
    doc["checked"] = {{"schema", schema_changes.has_value()}, {"database", ledger.has_value()}};
    doc["schema_vs_migrations"] =
        schema_changes ? diff::DifferencesJson(*schema_changes) : Json::array();
    doc["ledger"] = ledger ? LedgerJson(*ledger) : Json::object();
    if (detected) {
      doc["database_matches"] = {
          {"index", detected->index},
          {"migration", detected->index == 0
                            ? Json(nullptr)
                            : Json(dir->migrations[static_cast<size_t>(detected->index - 1)].name)},
          {"exact", detected->exact},
          {"distance", detected->distance}};
    }
    doc["live_vs_ledger"] = Json::array();
    if (live_changes) {
      Json list = diff::DifferencesJson(*live_changes);
      for (size_t i = 0; i < list.size(); ++i) {
        if (const std::optional<engine::StatementRef>& o = live_origins[i]) {
          list[i]["origin"] = {{"migration", o->migration}, {"line", o->line}};
        }
      }
      doc["live_vs_ledger"] = std::move(list);
    }
    doc["unmanaged"] = diff::DifferencesJson(unmanaged);
    doc["unverified"] = UnverifiedJson(report.unverified);
    out << doc.dump(2) << "\n";
  } else if (options.format == "github") {
    // GitHub Actions workflow commands: one annotation per problem, at its file.
    if (schema_changes) {
      for (const diff::Difference& d : *schema_changes) {
        auto [file, line] = SchemaLine(*prisma, d, options.schema);
        out << fmt::format(
            "::error file={},line={},title=drift: a migration is missing::{} {} {} "
            "(schema.prisma and the end of the migrations differ)\n",
            file, line, diff::DiffKindName(d.kind), diff::ObjectKindName(d.object), d.path);
      }
    }
    if (ledger) {
      for (const baseline::LedgerEntry& e : ledger->entries) {
        if (e.state == baseline::LedgerState::kApplied ||
            e.state == baseline::LedgerState::kPending ||
            e.state == baseline::LedgerState::kRolledBack)
          continue;
        std::string file = e.state == baseline::LedgerState::kMissing
                               ? options.migrations
                               : MigrationFile(*dir, e.migration);
        out << fmt::format(
            "::error file={},line=1,title=drift: ledger::migration {} is {} in {}{}\n", file,
            e.migration, baseline::LedgerStateName(e.state), where,
            e.detail.empty() ? "" : " (" + e.detail + ")");
      }
    }
    if (ledger && !ledger->has_table && !live_changes->empty()) {
      out << fmt::format("::error file={},title=drift: no ledger::{} in {}\n", options.migrations,
                         NoLedgerMessage(*dir, *detected), where);
    } else if (live_changes) {
      for (size_t i = 0; i < live_changes->size(); ++i) {
        const diff::Difference& d = (*live_changes)[i];
        const std::optional<engine::StatementRef>& o = live_origins[i];
        std::string at =
            o ? fmt::format("file={},line={}", MigrationFile(*dir, o->migration), o->line)
              : fmt::format("file={}", options.migrations);
        out << fmt::format(
            "::error {},title=drift: database differs from its ledger::{} {} {} in {}{}\n", at,
            diff::DiffKindName(d.kind), diff::ObjectKindName(d.object), d.path, where,
            o ? " (the ledger records " + o->migration + " as applied)" : "");
      }
    }
    out << (ok ? "drift check: ok\n" : "drift check: problems found\n");
  } else {
    out << fmt::format("Migrations: {} in {}\n", dir->migrations.size(), options.migrations);
    if (schema_changes) {
      out << "\nschema.prisma vs the migrations: ";
      out << (schema_changes->empty()
                  ? "in step\n"
                  : "a migration is missing (the schema differs from the end of the history):\n" +
                        diff::RenderSummary(*schema_changes));
    }
    if (ledger && !ledger->has_table) {
      out << fmt::format("\nLedger at {}: no _prisma_migrations table\n", where);
    } else if (ledger) {
      out << fmt::format(
          "\nLedger at {}: {} applied, {} pending, {} failed, {} edited, {} missing, {} renamed\n",
          where, ledger->applied, ledger->pending, ledger->failed, ledger->edited, ledger->missing,
          ledger->renamed);
    }
    if (ledger) {
      for (const baseline::LedgerEntry& e : ledger->entries) {
        if (!ledger->has_table) break;
        if (e.state == baseline::LedgerState::kApplied) continue;
        out << fmt::format("  {:<12} {}{}{}\n", baseline::LedgerStateName(e.state), e.migration,
                           e.renamed_from.empty() ? "" : " (recorded as " + e.renamed_from + ")",
                           e.detail.empty() ? "" : " — " + e.detail);
      }
      if (!ledger->has_table && !live_changes->empty()) {
        out << "\nDatabase: " << NoLedgerMessage(*dir, *detected) << "\n";
        out << "\nProblems found.\n";
        return ExitCode::kDrift;
      }
      out << fmt::format("\nDatabase vs the state its ledger claims (after {} migration(s)): ",
                         ledger->applied_prefix);
      out << (live_changes->empty() ? "in step\n"
                                    : "differs:\n" + diff::RenderSummary(*live_changes));
      std::map<std::string, int> by_migration;  // recorded as applied, work not in the database
      for (const std::optional<engine::StatementRef>& o : live_origins) {
        if (o) ++by_migration[o->migration];
      }
      if (!by_migration.empty()) {
        out << "\nRecorded as applied, yet the database does not show their work:\n";
        for (const auto& [name, n] : by_migration) {
          out << fmt::format("  {} ({} object(s))\n", name, n);
        }
      }
      out << UnmanagedText(unmanaged, "Unmanaged (not counted)");
    }
    if (!report.unverified.empty()) out << "\n" << UnverifiedText(report.unverified);
    out << (ok ? "\nOK\n" : "\nProblems found.\n");
  }
  return ok ? ExitCode::kClean : ExitCode::kDrift;
}

}  // namespace drift::cli
