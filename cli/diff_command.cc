#include "cli/commands.h"
#include "diff/diff.h"
#include "diff/render.h"
#include "introspect/describe.h"
#include "model/diagnostic.h"
#include "model/normalize.h"

namespace drift::cli {
namespace {

// The model of one side. Returns the exit code of a failure, or kClean.
ExitCode LoadSource(const SourceOptions& source, const char* side,
                    const std::vector<std::string>& schemas, model::Schema* out,
                    std::ostream& err) {
  if (source.empty) {
    *out = model::EmptyDatabase();
    return ExitCode::kClean;
  }
  absl::StatusOr<introspect::DatabaseUrl> url = introspect::ParseDatabaseUrl(source.url);
  if (!url.ok()) {
    err << "drift diff: --" << side << "-url: " << url.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  absl::StatusOr<introspect::Catalog> catalog = introspect::Describe(*url, {.schemas = schemas});
  if (!catalog.ok()) {
    err << "drift diff: " << catalog.status().message() << "\n";
    return ExitCodeFor(catalog.status());
  }
  for (const model::Diagnostic& warning : catalog->warnings) {
    err << model::RenderDiagnostic(warning);
  }
  *out = std::move(catalog->schema);
  return ExitCode::kClean;
}

}  // namespace

ExitCode RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  model::Schema from, to;
  if (ExitCode code = LoadSource(options.from, "from", options.schemas, &from, err);
      code != ExitCode::kClean) {
    return code;
  }
  if (ExitCode code = LoadSource(options.to, "to", options.schemas, &to, err);
      code != ExitCode::kClean) {
    return code;
  }
  diff::ChangeSet changes = diff::Diff(from, to, {.schemas = options.schemas});
  out << (options.format == "json" ? diff::RenderJson(changes) : diff::RenderSummary(changes));
  if (options.exit_code && !changes.empty()) return ExitCode::kDrift;
  return ExitCode::kClean;
}

}  // namespace drift::cli
