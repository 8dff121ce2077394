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
  absl::StatusOr<introspect::DatabaseUrl> url = introspect::ParseDatabaseUrl(options.url);
  if (!url.ok()) {
    err << "drift " << command << ": " << url.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  absl::StatusOr<introspect::Catalog> catalog =
      introspect::Describe(*url, {.schemas = options.schemas});
  if (!catalog.ok()) {
    err << "drift " << command << ": " << catalog.status().message() << "\n";
    return ExitCodeFor(catalog.status());
  }
  out->url = std::move(*url);
  out->live = std::move(*catalog);
  return ExitCode::kClean;
}

bool ReportHistory(const parser::MigrationsDir& dir, const std::vector<model::Diagnostic>& ds,
                   std::ostream& err) {
  bool errors = false;
  for (const model::Diagnostic& d : ds) {
    if (d.severity == model::Severity::kNote) continue;
    err << model::RenderDiagnostic(d, parser::SourceLineFor(dir, d));
    errors |= d.severity == model::Severity::kError;
  }
  return errors;
}

}  // namespace drift::cli
