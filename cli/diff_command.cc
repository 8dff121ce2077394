#include "cli/commands.h"
#include "diff/diff.h"
#include "diff/render.h"
#include "model/prisma_scope.h"

namespace drift::cli {

ExitCode RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  model::Schema from, to;
  if (ExitCode code = LoadSource(options.from, "--from-", options.schemas, &from, err);
      code != ExitCode::kClean) {
    return code;
  }
  if (ExitCode code = LoadSource(options.to, "--to-", options.schemas, &to, err);
      code != ExitCode::kClean) {
    return code;
  }
  // Against a schema.prisma, compare what Prisma's engine compares.
  if (!options.from.schema.empty() && options.to.schema.empty())
    model::KeepWhatPrismaManages(to, !from.extensions.empty());
  if (!options.to.schema.empty() && options.from.schema.empty())
    model::KeepWhatPrismaManages(from, !to.extensions.empty());
  diff::ChangeSet changes = diff::Diff(from, to, {.schemas = options.schemas});
  if (options.format == "json") {
    out << diff::RenderJson(changes);
  } else if (options.format == "sql") {
    out << diff::RenderSql(from, to, changes);
  } else {
    out << diff::RenderSummary(changes);
  }
  if (options.exit_code && !changes.empty()) return ExitCode::kDrift;
  return ExitCode::kClean;
}

}  // namespace drift::cli
