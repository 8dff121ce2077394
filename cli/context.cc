#include "cli/context.h"

#include "model/diagnostic.h"
#include "model/pg_version.h"

namespace drift::cli {

ExitCode LoadContext(std::string_view command, const ContextOptions& options, Context* out,
                     std::ostream& err) {
  absl::StatusOr<parser::MigrationsDir> dir = parser::ReadMigrationsDir(options.migrations);
  if (!dir.ok()) {
    err << "drift " << command << ": " << dir.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  out->dir = std::move(*dir);
  if (options.url.empty()) {
    if (!options.url_required) return ExitCode::kClean;
    err << "drift " << command << ": no database URL: pass --url or set DATABASE_URL\n";
    return ExitCode::kInvalidInput;
  }
  const std::string prefix = "drift " + std::string(command) + ": ";
  LiveDatabase live;
  if (ExitCode code =
          LoadLive(options.url, {.schemas = options.schemas, .read_sizes = options.read_sizes},
                   prefix, prefix, &live, err);
      code != ExitCode::kClean) {
    return code;
  }
  for (const model::Diagnostic& warning : live.catalog.warnings)
    err << model::RenderDiagnostic(warning);
  out->url = std::move(live.url);
  out->live = std::move(live.catalog);
  return ExitCode::kClean;
}

ExitCode LoadLive(const std::string& url, const introspect::DescribeOptions& options,
                  std::string_view url_prefix, std::string_view prefix, LiveDatabase* out,
                  std::ostream& err) {
  absl::StatusOr<introspect::DatabaseUrl> parsed = introspect::ParseDatabaseUrl(url);
  if (!parsed.ok()) {
    err << url_prefix << parsed.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  absl::StatusOr<introspect::Catalog> catalog = introspect::Describe(*parsed, options);
  if (!catalog.ok()) {
    err << prefix << catalog.status().message() << "\n";
    return ExitCodeFor(catalog.status());
  }
  out->url = std::move(*parsed);
  out->catalog = std::move(*catalog);
  return ExitCode::kClean;
}

int ChoosePgMajor(std::string_view command, int given, int server_version, std::ostream& err) {
  if (server_version != 0) {
    const int major = model::ImitatedPgMajor(server_version);
    if (given != 0 && given != model::PgMajorOf(server_version)) {
      err << "drift " << command << ": --pg-version " << given << " but the database is PostgreSQL "
          << model::PgMajorOf(server_version) << "\n";
      return 0;
    }
    return major;
  }
  return given != 0 ? given : model::kNewestPgMajor;
}

void NoteAssumedPgMajor(std::string_view command, int given, int server_version,
                        std::ostream& err) {
  if (given != 0 || server_version != 0) return;
  err << "drift " << command << ": note: replayed as PostgreSQL " << model::kNewestPgMajor
      << ", the newest supported (no database to take the version from; --pg-version N for "
         "another)\n";
}

bool ReportHistory(const parser::MigrationsDir& dir, const std::vector<model::Diagnostic>& ds,
                   std::ostream& err) {
  return ReportDiagnostics(
      ds, [&](const model::Diagnostic& d) { return parser::SourceLineFor(dir, d); }, err);
}

}  // namespace drift::cli
