#include "cli/context.h"

#include "model/diagnostic.h"

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
          LoadLive(options.url, {.schemas = options.schemas}, prefix, prefix, &live, err);
      code != ExitCode::kClean) {
    return code;
  }
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

bool ReportHistory(const parser::MigrationsDir& dir, const std::vector<model::Diagnostic>& ds,
                   std::ostream& err) {
  return ReportDiagnostics(
      ds, [&](const model::Diagnostic& d) { return parser::SourceLineFor(dir, d); }, err);
}

}  // namespace drift::cli
