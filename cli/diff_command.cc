#include "cli/commands.h"
#include "cli/context.h"
#include "cli/render_common.h"
#include "diff/diff.h"
#include "diff/render.h"
#include "model/pg_version.h"
#include "model/prisma_scope.h"

namespace drift::cli {

ExitCode RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  SourceModel loaded[2];
  const SourceOptions* sources[2] = {&options.from, &options.to};
  const char* flags[2] = {"--from-", "--to-"};
  // Live sources first: the other side is replayed as their server's version.
  int server_version = 0;
  for (int k : {0, 1}) {
    if (!IsLive(*sources[k])) continue;
    if (ExitCode code = LoadSource(*sources[k], flags[k], options.schemas, 0, &loaded[k], err);
        code != ExitCode::kClean) {
      return code;
    }
    if (server_version == 0) server_version = loaded[k].server_version;
  }
  if (!IsLive(options.from) || !IsLive(options.to)) {
    const bool replays = IsReplayed(options.from) || IsReplayed(options.to);
    const int pg_major = replays ? ChoosePgMajor("diff", options.pg_major, server_version, err)
                                 : model::kNewestPgMajor;
    if (pg_major == 0) return ExitCode::kInvalidInput;
    for (int k : {0, 1}) {
      if (IsLive(*sources[k])) continue;
      if (ExitCode code =
              LoadSource(*sources[k], flags[k], options.schemas, pg_major, &loaded[k], err);
          code != ExitCode::kClean) {
        return code;
      }
    }
  }
  model::Schema& from = loaded[0].schema;
  model::Schema& to = loaded[1].schema;
  // Against a schema.prisma, compare what Prisma's engine compares.
  if (!options.from.schema.empty() && options.to.schema.empty())
    model::KeepWhatPrismaManages(to, !from.extensions.empty());
  if (!options.to.schema.empty() && options.from.schema.empty())
    model::KeepWhatPrismaManages(from, !to.extensions.empty());
  diff::ChangeSet changes = diff::Diff(from, to, {.schemas = options.schemas});
  // Objects either side holds unverified are left out of the comparison: say which.
  std::vector<model::Unverified> unverified = from.unverified;
  unverified.insert(unverified.end(), to.unverified.begin(), to.unverified.end());
  if (options.format == "json") {
    if (unverified.empty()) {
      out << diff::RenderJson(changes);
    } else {
      Json doc = Json::parse(diff::RenderJson(changes));
      doc["unverified"] = UnverifiedJson(unverified);
      out << doc.dump(2) << "\n";
    }
  } else if (options.format == "sql") {
    out << diff::RenderSql(from, to, changes);
    std::string text = UnverifiedText(unverified);
    for (size_t at = 0, next; at < text.size(); at = next + 1) {
      next = text.find('\n', at);
      out << "-- " << text.substr(at, next - at) << "\n";
    }
  } else {
    out << diff::RenderSummary(changes);
    if (!unverified.empty()) out << "\n" << UnverifiedText(unverified);
  }
  if (IsReplayed(options.from) || IsReplayed(options.to))
    NoteAssumedPgMajor("diff", options.pg_major, server_version, err);
  if (options.exit_code && !changes.empty()) return ExitCode::kDrift;
  return ExitCode::kClean;
}

}  // namespace drift::cli
