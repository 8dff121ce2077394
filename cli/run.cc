#include "cli/run.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/version.h"
#include "model/pg_version.h"

namespace drift::cli {
namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string part =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// --pg-version N: the PostgreSQL major a history is replayed as when no database says.
void AddPgVersionOption(CLI::App* command, int* pg_major) {
  command
      ->add_option("--pg-version", *pg_major,
                   "Without a database: replay as this PostgreSQL major (default: " +
                       std::to_string(model::kNewestPgMajor) + ")")
      ->check(CLI::Range(model::kOldestPgMajor, model::kNewestPgMajor));
}

int RunParsed(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
              std::ostream& err) {
  CLI::App app{
      "drift: schema diff and drift detection for PostgreSQL databases managed by "
      "Prisma Migrate",
      "drift"};
  app.set_version_flag("--version", std::string("drift ") + kDriftVersion);
  app.require_subcommand(1);
  app.footer(kExitCodeHelp);

  InspectOptions inspect;
  std::string schemas;
  CLI::App* inspect_cmd =
      app.add_subcommand("inspect", "Print the schema model of a live database");
  CLI::Option_group* inspect_source = inspect_cmd->add_option_group("source");
  inspect_source->add_option("--url", inspect.source.url, "Database URL (default: $DATABASE_URL)");
  inspect_source->add_option("--migrations", inspect.source.migrations,
                             "A Prisma migrations folder, replayed in memory");
  inspect_source->add_option("--sql", inspect.source.sql, "A SQL file, replayed in memory");
  inspect_source->add_option("--schema", inspect.source.schema,
                             "A schema.prisma (file or folder), as Prisma would create it");
  inspect_source->require_option(0, 1);
  inspect_cmd->add_option("--upto", inspect.source.upto, "With --migrations: stop after NAME");
  inspect_cmd->add_option("--schemas", schemas,
                          "Comma-separated namespaces to read (default: all)");
  inspect_cmd->add_option("--format", inspect.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  inspect_cmd->add_flag("--sizes", inspect.sizes,
                        "Also read row estimates and on-disk sizes of every table");
  AddPgVersionOption(inspect_cmd, &inspect.pg_major);
  inspect_cmd->footer(kExitCodeHelp);

  DiffOptions diff;
  std::string diff_schemas;
  CLI::App* diff_cmd = app.add_subcommand(
      "diff", "Compare two sources: what turns the --from side into the --to side");
  CLI::Option_group* from = diff_cmd->add_option_group("from", "The source to compare from");
  from->add_flag("--from-empty", diff.from.empty, "An empty database");
  from->add_option("--from-url", diff.from.url, "A live database");
  from->add_option("--from-migrations", diff.from.migrations, "A migrations folder, replayed");
  from->add_option("--from-sql", diff.from.sql, "A SQL file, replayed");
  from->add_option("--from-schema", diff.from.schema, "A schema.prisma file or folder");
  from->require_option(1);
  CLI::Option_group* to = diff_cmd->add_option_group("to", "The source to compare to");
  to->add_flag("--to-empty", diff.to.empty, "An empty database");
  to->add_option("--to-url", diff.to.url, "A live database");
  to->add_option("--to-migrations", diff.to.migrations, "A migrations folder, replayed");
  to->add_option("--to-sql", diff.to.sql, "A SQL file, replayed");
  to->add_option("--to-schema", diff.to.schema, "A schema.prisma file or folder");
  to->require_option(1);
  diff_cmd->add_option("--from-upto", diff.from.upto, "With --from-migrations: stop after NAME");
  diff_cmd->add_option("--to-upto", diff.to.upto, "With --to-migrations: stop after NAME");
  diff_cmd->add_option("--schemas", diff_schemas, "Comma-separated namespaces to compare");
  diff_cmd
      ->add_option("--format", diff.format,
                   "Output format: a summary, JSON, or the SQL "
                   "that turns --from into --to")
      ->check(CLI::IsMember({"text", "json", "sql"}));
  diff_cmd->add_flag("--exit-code", diff.exit_code, "Exit 1 when the sources differ");
  AddPgVersionOption(diff_cmd, &diff.pg_major);
  diff_cmd->footer(kExitCodeHelp);

  BaselineOptions baseline;
  std::string baseline_schemas;
  CLI::App* baseline_cmd = app.add_subcommand(
      "baseline", "Find the migration the database is at and record 1..k in _prisma_migrations");
  baseline_cmd->add_option("--migrations", baseline.migrations,
                           "Migrations folder (default: $DRIFT_MIGRATIONS_DIR, prisma/migrations)");
  baseline_cmd->add_option("--url", baseline.url, "Database URL (default: $DATABASE_URL)");
  baseline_cmd->add_flag("--apply", baseline.apply, "Write the rows (default: a dry run)");
  baseline_cmd->add_option("--prefer", baseline.prefer, "Break a tie over data migrations")
      ->check(CLI::IsMember({"earliest", "latest"}));
  baseline_cmd->add_flag("--strict", baseline.strict,
                         "Count unmanaged objects as drift; unverified objects are an error");
  baseline_cmd->add_flag("--allow-drift", baseline.allow_drift,
                         "Baseline to the closest state even when it is not exact");
  baseline_cmd->add_flag("--force", baseline.force, "Write even when the ledger disagrees");
  baseline_cmd
      ->add_option("--lock-timeout", baseline.lock_timeout_seconds,
                   "Seconds to wait for Prisma's migration lock (default 10)")
      ->check(CLI::Range(1, 3600));
  baseline_cmd->add_option("--schemas", baseline_schemas, "Comma-separated namespaces to compare");
  baseline_cmd->add_option("--format", baseline.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  baseline_cmd->footer(kExitCodeHelp);

  CheckOptions check;
  std::string check_schemas;
  CLI::App* check_cmd = app.add_subcommand(
      "check", "For CI: schema.prisma vs migrations, ledger vs folder, database vs ledger");
  CLI::Option* schema_option = check_cmd->add_option(
      "--schema", check.schema, "schema.prisma (default: prisma/schema.prisma)");
  check_cmd->add_option("--migrations", check.migrations,
                        "Migrations folder (default: $DRIFT_MIGRATIONS_DIR, prisma/migrations)");
  check_cmd->add_option("--url", check.url, "Database URL (default: $DATABASE_URL)");
  check_cmd->add_option("--schemas", check_schemas, "Comma-separated namespaces to compare");
  check_cmd->add_flag("--strict", check.strict,
                      "Count unmanaged objects as drift; unverified objects are an error");
  AddPgVersionOption(check_cmd, &check.pg_major);
  check_cmd->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "github"}));
  check_cmd->footer(kExitCodeHelp);

  StatusOptions status;
  std::string status_schemas;
  CLI::App* status_cmd =
      app.add_subcommand("status", "The ledger and the migration the database is at, side by side");
  status_cmd->add_option("--migrations", status.migrations,
                         "Migrations folder (default: $DRIFT_MIGRATIONS_DIR, prisma/migrations)");
  status_cmd->add_option("--url", status.url, "Database URL (default: $DATABASE_URL)");
  status_cmd->add_option("--schemas", status_schemas, "Comma-separated namespaces to compare");
  status_cmd->add_option("--format", status.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  status_cmd->footer(kExitCodeHelp);

  cli::AuditOptions audit;
  std::string audit_schemas;
  CLI::App* audit_cmd = app.add_subcommand(
      "audit", "Before deploying: what the pending migrations will do to this database");
  audit_cmd->add_option("--migrations", audit.migrations,
                        "Migrations folder (default: $DRIFT_MIGRATIONS_DIR, prisma/migrations)");
  audit_cmd->add_option("--url", audit.url, "Database URL (default: $DATABASE_URL)");
  audit_cmd->add_option("--to", audit.to, "Audit the pending migrations up to NAME");
  audit_cmd->add_option("--old-schema", audit.old_schema,
                        "schema.prisma of the version still running (default: the state the "
                        "ledger says it runs on)");
  audit_cmd->add_option("--schemas", audit_schemas, "Comma-separated namespaces to compare");
  audit_cmd->add_option("--format", audit.format, "Output format (markdown: for a pull request)")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  audit_cmd->add_option("--output", audit.output, "Write the report to FILE");
  audit_cmd->footer(kExitCodeHelp);

  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return static_cast<int>(ExitCode::kInvalidInput);
  }

  if (inspect_cmd->parsed()) {
    SourceOptions& source = inspect.source;
    if (source.url.empty() && source.migrations.empty() && source.sql.empty() &&
        source.schema.empty()) {
      source.url = env("DATABASE_URL").value_or("");
      if (source.url.empty()) {
        err << "drift inspect: no source: pass --url (or set DATABASE_URL), --migrations or "
               "--sql\n";
        return static_cast<int>(ExitCode::kInvalidInput);
      }
    }
    inspect.schemas = SplitList(schemas);
    return static_cast<int>(RunInspect(inspect, out, err));
  }
  auto migrations_default = [&] {
    return env("DRIFT_MIGRATIONS_DIR").value_or("prisma/migrations");
  };
  if (check_cmd->parsed()) {
    check.schema_given = schema_option->count() > 0;
    if (!check.schema_given) check.schema = "prisma/schema.prisma";
    if (check.url.empty()) check.url = env("DATABASE_URL").value_or("");
    if (check.migrations.empty()) check.migrations = migrations_default();
    check.schemas = SplitList(check_schemas);
    return static_cast<int>(RunCheck(check, out, err));
  }
  if (status_cmd->parsed()) {
    if (status.url.empty()) status.url = env("DATABASE_URL").value_or("");
    if (status.migrations.empty()) status.migrations = migrations_default();
    status.schemas = SplitList(status_schemas);
    return static_cast<int>(RunStatus(status, out, err));
  }
  if (baseline_cmd->parsed()) {
    if (baseline.url.empty()) baseline.url = env("DATABASE_URL").value_or("");
    if (baseline.migrations.empty()) {
      baseline.migrations = env("DRIFT_MIGRATIONS_DIR").value_or("prisma/migrations");
    }
    baseline.schemas = SplitList(baseline_schemas);
    return static_cast<int>(RunBaseline(baseline, out, err));
  }
  if (audit_cmd->parsed()) {
    if (audit.url.empty()) audit.url = env("DATABASE_URL").value_or("");
    if (audit.migrations.empty()) audit.migrations = migrations_default();
    audit.schemas = SplitList(audit_schemas);
    return static_cast<int>(RunAudit(audit, out, err));
  }
  if (diff_cmd->parsed()) {
    diff.schemas = SplitList(diff_schemas);
    return static_cast<int>(RunDiff(diff, out, err));
  }
  return static_cast<int>(ExitCode::kInvalidInput);
}

}  // namespace

Environment ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

int Run(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
        std::ostream& err) {
  try {
    return RunParsed(args, env, out, err);
  } catch (const std::exception& e) {
    err << "drift: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kFailure);
  }
}

}  // namespace drift::cli
