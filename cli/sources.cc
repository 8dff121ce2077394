#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/context.h"
#include "introspect/describe.h"
#include "model/diagnostic.h"
#include "model/normalize.h"
#include "parser/migrations.h"
#include "parser/pgddl/replay.h"
#include "parser/prisma/prisma_schema.h"

namespace drift::cli {
namespace {

// Prints every diagnostic with its source line; kInvalidInput if one is an error.
template <typename LineFor>
ExitCode Report(const std::vector<model::Diagnostic>& diagnostics, LineFor line_for,
                std::ostream& err) {
  return ReportDiagnostics(diagnostics, line_for, err) ? ExitCode::kInvalidInput : ExitCode::kClean;
}

}  // namespace

bool IsLive(const SourceOptions& source) {
  return !source.empty && source.migrations.empty() && source.schema.empty() &&
         source.sql.empty() && !source.url.empty();
}

bool IsReplayed(const SourceOptions& source) {
  return !source.empty && (!source.migrations.empty() || !source.sql.empty());
}

ExitCode LoadSource(const SourceOptions& source, std::string_view flag,
                    const std::vector<std::string>& schemas, int pg_major, SourceModel* model,
                    std::ostream& err) {
  model::Schema* out = &model->schema;
  if (source.empty) {
    *out = model::EmptyDatabase();
    return ExitCode::kClean;
  }
  if (!source.migrations.empty()) {
    absl::StatusOr<parser::MigrationsDir> dir = parser::ReadMigrationsDir(source.migrations);
    if (!dir.ok()) {
      err << "drift: " << flag << "migrations: " << dir.status().message() << "\n";
      return ExitCode::kInvalidInput;
    }
    parser::HistoryReplay replay = parser::ReplayMigrations(
        *dir, source.upto.empty() ? std::nullopt : std::optional<std::string>(source.upto),
        pg_major);
    *out = std::move(replay.schema);
    return Report(
        replay.diagnostics,
        [&](const model::Diagnostic& d) { return parser::SourceLineFor(*dir, d); }, err);
  }
  if (!source.schema.empty()) {
    absl::StatusOr<parser::prisma::PrismaSchema> prisma =
        parser::prisma::ReadPrismaSchema(source.schema);
    if (!prisma.ok()) {
      err << "drift: " << flag << "schema: " << prisma.status().message() << "\n";
      return ExitCode::kInvalidInput;
    }
    *out = std::move(prisma->schema);
    return Report(
        prisma->diagnostics,
        [&](const model::Diagnostic& d) { return parser::prisma::SourceLineFor(*prisma, d); }, err);
  }
  if (!source.sql.empty()) {
    absl::StatusOr<parser::SourceFile> file = parser::ReadSourceFile(source.sql);
    if (!file.ok()) {
      err << "drift: " << flag << "sql: " << file.status().message() << "\n";
      return ExitCode::kInvalidInput;
    }
    parser::pgddl::Replayer replayer(pg_major);
    replayer.ApplyFile(*file);
    *out = replayer.TakeResult();
    return Report(
        replayer.diagnostics(),
        [&](const model::Diagnostic& d) { return file->LineAt(d.span.line); }, err);
  }
  if (source.url.empty()) {
    err << "drift: no source: pass " << flag << "url (or set DATABASE_URL), " << flag
        << "migrations, " << flag << "sql or " << flag << "schema\n";
    return ExitCode::kInvalidInput;
  }
  LiveDatabase live;
  if (ExitCode code = LoadLive(source.url, {.schemas = schemas},
                               "drift: " + std::string(flag) + "url: ", "drift: ", &live, err);
      code != ExitCode::kClean) {
    return code;
  }
  for (const model::Diagnostic& warning : live.catalog.warnings)
    err << model::RenderDiagnostic(warning);
  *out = std::move(live.catalog.schema);
  model->server_version = live.catalog.server_version;
  return ExitCode::kClean;
}

}  // namespace drift::cli
