// drift audit: what the pending migrations will do to this database before they run —
// the lock each statement takes on each table, the work it does under it, and how long
// that blocks traffic at the table's live size.
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "audit/audit.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/render_common.h"
#include "engine/commands.h"
#include "introspect/pg_reader.h"
#include "model/identifiers.h"
#include "parser/prisma/prisma_schema.h"

namespace drift::cli {
namespace {

// The heading of the findings about the application version still running (audit/compat.h).
const std::string kRunningVersion = "For the version still running, once these have run";

std::string MigrationName(const parser::MigrationsDir& dir, size_t index) {
  return index == 0 ? "" : dir.migrations[index - 1].name;
}

// The model block that maps to `table` in `schema` ("model Team {" -> "Team"), or "".
std::string ModelOf(const parser::prisma::PrismaSchema& schema, const model::QualifiedName& table) {
  auto it = schema.declared_at.find(table);
  if (it == schema.declared_at.end()) return "";
  for (const parser::SourceFile& file : schema.files) {
    if (file.name != it->second.file) continue;
    std::string_view line = file.LineAt(it->second.line);
    constexpr std::string_view kModel = "model ";
    size_t at = line.find(kModel);
    if (at == std::string_view::npos) return "";
    line.remove_prefix(at + kModel.size());
    return std::string(line.substr(0, line.find_first_of(" {")));
  }
  return "";
}

// Where the range comes from, and what Prisma would do about the ledger, in words.
std::vector<std::string> RangeNotes(const parser::MigrationsDir& dir,
                                    const engine::AuditReport& r) {
  std::vector<std::string> notes;
  if (r.from_baseline) {
    notes.push_back(fmt::format(
        "the database has tables but no _prisma_migrations rows: prisma migrate deploy would "
        "stop with P3005. drift baseline {} it at {}{}; audited from there",
        r.match.exact ? "finds" : "finds it closest to", MigrationName(dir, r.first),
        r.match.exact ? "" : fmt::format(" ({} differences)", r.match.distance)));
  } else if (r.first > 0) {
    notes.push_back(fmt::format("the ledger records 1..{} applied (up to {})", r.first,
                                MigrationName(dir, r.first)));
  }
  if (r.ledger.failed > 0) {
    notes.push_back(fmt::format(
        "{} failed migration(s) in the ledger: prisma migrate deploy stops with P3009 until "
        "they are resolved",
        r.ledger.failed));
  }
  if (r.ledger.edited > 0) {
    notes.push_back(fmt::format(
        "{} applied migration(s) edited since: their checksums no longer match the folder",
        r.ledger.edited));
  }
  return notes;
}

void RenderText(const parser::MigrationsDir& dir, const engine::AuditReport& r, std::ostream& out) {
  const audit::AuditReport& a = r.audit;
  if (r.first >= r.last) {
    out << "drift audit: nothing pending";
    if (r.last > 0) out << " (the database is at " << MigrationName(dir, r.last) << ")";
    out << "\n";
    for (const std::string& note : RangeNotes(dir, r)) out << "  " << note << "\n";
    return;
  }
  out << fmt::format("drift audit: {} pending migration{}, {} to {}\n", r.last - r.first,
                     r.last - r.first == 1 ? "" : "s", dir.migrations[r.first].name,
                     dir.migrations[r.last - 1].name);
  for (const std::string& note : RangeNotes(dir, r)) out << "  " << note << "\n";
  std::string statement_at;
  for (const audit::Finding& f : a.findings) {
    const std::string at = fmt::format("{}:{}", f.file, f.line);
    if (at != statement_at) {
      out << "\n"
          << (f.migration.empty() ? kRunningVersion + ":" : at + "  " + f.statement) << "\n";
      statement_at = at;
    }
    if (f.rule.starts_with("FAIL") || f.rule.starts_with("BC")) {  // a verdict, not a lock
      out << fmt::format("  {} {} {}: {}\n", audit::SeverityName(f.severity), f.rule,
                         model::QualifiedText(f.table), f.message);
      if (f.probe) out << "      check: " << f.probe->sql << "\n";
      if (!f.safer.empty()) out << "      safer: " << f.safer << "\n";
      continue;
    }
    std::string cost = f.new_table ? " (" + f.basis + ")"
                       : f.work == audit::Work::kCatalog && f.rule != "TXN001"
                           ? ""
                           : ": about " + audit::FormatSeconds(f.seconds) + " (" + f.basis + ")";
    out << fmt::format("  {} {} {}: {} (blocks {}), {}{}\n", audit::SeverityName(f.severity),
                       f.rule, model::QualifiedText(f.table), audit::LockName(f.lock),
                       audit::LockBlocks(f.lock), audit::WorkName(f.work), cost);
    out << "      " << f.message << "\n";
    if (!f.safer.empty() && f.severity != audit::Severity::kInfo)
      out << "      safer: " << f.safer << "\n";
  }
  out << fmt::format("\n{} error, {} warn, {} info in {} statements\n",
                     a.Count(audit::Severity::kError), a.Count(audit::Severity::kWarn),
                     a.Count(audit::Severity::kInfo), a.statements);
}

// A table cell: pipes escaped, lines joined.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

// For a pull-request comment: the range, the counts, and the warn and error findings of
// each migration in a table; info findings are counted, not listed.
void RenderMarkdown(const parser::MigrationsDir& dir, const engine::AuditReport& r,
                    std::ostream& out) {
  const audit::AuditReport& a = r.audit;
  const size_t pending = r.last > r.first ? r.last - r.first : 0;
  out << fmt::format("## drift audit: {} pending migration{}\n\n", pending,
                     pending == 1 ? "" : "s");
  for (const std::string& note : RangeNotes(dir, r)) out << "> " << Cell(note) << "\n";
  out << fmt::format(
      "\n| error | warn | info | statements |\n|---|---|---|---|\n| {} | {} | {} | {} |\n",
      a.Count(audit::Severity::kError), a.Count(audit::Severity::kWarn),
      a.Count(audit::Severity::kInfo), a.statements);
  std::string migration;
  bool running_header = false;
  for (const audit::Finding& f : a.findings) {
    if (f.severity == audit::Severity::kInfo) continue;
    if (f.migration != migration || (f.migration.empty() && !running_header)) {
      migration = f.migration;
      running_header = running_header || f.migration.empty();
      out << fmt::format("\n### {}\n\n| | rule | line | table | finding |\n|---|---|---|---|---|\n",
                         f.migration.empty() ? kRunningVersion : "`" + migration + "`");
    }
    std::string finding = f.message;
    if (!f.rule.starts_with("FAIL") && !f.rule.starts_with("BC")) {
      finding = fmt::format("{} (blocks {}), {}: about {} ({}). {}", audit::LockName(f.lock),
                            audit::LockBlocks(f.lock), audit::WorkName(f.work),
                            audit::FormatSeconds(f.seconds), f.basis, f.message);
    }
    if (!f.safer.empty()) finding += "<br>**safer:** " + f.safer;
    if (f.probe) finding += "<br>`" + f.probe->sql + "`";
    out << fmt::format("| {} | {} | {} | {} | {} |\n", audit::SeverityName(f.severity), f.rule,
                       f.line, Cell(model::QualifiedText(f.table)), Cell(finding));
  }
  if (a.Count(audit::Severity::kInfo) > 0) {
    out << fmt::format("\n{} info findings not listed (`drift audit` lists them all).\n",
                       a.Count(audit::Severity::kInfo));
  }
}

Json RenderJson(const parser::MigrationsDir& dir, const engine::AuditReport& r) {
  const audit::AuditReport& a = r.audit;
  auto name_or_null = [&](size_t index) {
    return index == 0 ? Json(nullptr) : Json(MigrationName(dir, index));
  };
  Json doc;
  doc["version"] = 1;
  doc["pending"] = {{"count", r.last > r.first ? r.last - r.first : 0},
                    {"first", r.first < r.last ? name_or_null(r.first + 1) : Json(nullptr)},
                    {"last", r.first < r.last ? name_or_null(r.last) : Json(nullptr)},
                    {"after", name_or_null(r.first)},
                    {"from", r.from_baseline ? "baseline" : "ledger"}};
  doc["notes"] = RangeNotes(dir, r);
  doc["ledger"] = LedgerJson(r.ledger);
  Json findings = Json::array();
  for (const audit::Finding& f : a.findings) {
    findings.push_back({{"rule", f.rule},
                        {"severity", audit::SeverityName(f.severity)},
                        {"migration", f.migration},
                        {"file", f.file},
                        {"line", f.line},
                        {"statement", f.statement},
                        {"table", model::QualifiedText(f.table)},
                        {"lock", audit::LockName(f.lock)},
                        {"blocks", audit::LockBlocks(f.lock)},
                        {"work", audit::WorkName(f.work)},
                        {"seconds", f.seconds},
                        {"basis", f.basis},
                        {"new_table", f.new_table},
                        {"message", f.message},
                        {"safer", f.safer}});
    if (f.probe) {
      Json& j = findings.back();
      j["sqlstate"] = f.probe->sqlstate;
      j["checked"] = f.checked;
      j["evidence"] = f.evidence.size() > 5
                          ? std::vector<std::string>(f.evidence.begin(), f.evidence.begin() + 5)
                          : f.evidence;
      j["offending"] = f.evidence.size() >= static_cast<size_t>(audit::kProbeLimit)
                           ? Json("over 1000")
                           : Json(f.evidence.size());
      j["approximate"] = f.approximate;
      j["probe"] = f.probe->sql;
    }
  }
  doc["findings"] = std::move(findings);
  doc["summary"] = {{"error", a.Count(audit::Severity::kError)},
                    {"warn", a.Count(audit::Severity::kWarn)},
                    {"info", a.Count(audit::Severity::kInfo)},
                    {"statements", a.statements}};
  return doc;
}

}  // namespace

ExitCode RunAudit(const AuditOptions& options, std::ostream& out, std::ostream& err) {
  Context context;
  if (ExitCode code = LoadContext("audit",
                                  {.migrations = options.migrations,
                                   .url = options.url,
                                   .schemas = options.schemas,
                                   .read_sizes = true},
                                  &context, err);
      code != ExitCode::kClean) {
    return code;
  }
  const parser::MigrationsDir& dir = context.dir;
  size_t to = 0;
  if (!options.to.empty()) {
    for (size_t i = 0; i < dir.migrations.size(); ++i) {
      if (dir.migrations[i].name == options.to) to = i + 1;
    }
    if (to == 0) {
      err << "drift audit: --to: no migration named " << options.to << "\n";
      return ExitCode::kInvalidInput;
    }
  }
  // The running version: its schema.prisma when given, with each table's model name.
  std::optional<parser::prisma::PrismaSchema> old_app;
  if (!options.old_schema.empty()) {
    absl::StatusOr<parser::prisma::PrismaSchema> read =
        parser::prisma::ReadPrismaSchema(options.old_schema);
    if (!read.ok()) {
      err << "drift audit: --old-schema: " << read.status().message() << "\n";
      return ExitCode::kInvalidInput;
    }
    if (ReportDiagnostics(
            read->diagnostics,
            [&](const model::Diagnostic& d) { return parser::prisma::SourceLineFor(*read, d); },
            err)) {
      return ExitCode::kInvalidInput;
    }
    old_app = std::move(*read);
  }
  std::map<model::QualifiedName, audit::TableFacts> sizes;
  for (const introspect::TableSize& s : context.live->sizes)
    sizes[s.table] = {s.row_estimate, s.heap_bytes, s.total_bytes};
  engine::AuditReport report =
      engine::Audit(dir, context.live->schema, context.live->ledger,
                    {.schemas = options.schemas,
                     .pg_major = ChoosePgMajor("audit", 0, context.live->server_version, err)},
                    sizes, to, old_app ? &old_app->schema : nullptr,
                    {.from_old_schema = old_app.has_value(),
                     .model_of =
                         [&](const model::QualifiedName& table) {
                           return old_app ? ModelOf(*old_app, table) : std::string();
                         },
                     .sizes = &sizes},
                    {});
  if (ReportHistory(dir, report.diagnostics, err)) return ExitCode::kInvalidInput;

  // Will it fail on this data: the probes, read-only and bounded, in one transaction.
  std::vector<std::string> queries;
  for (const audit::Probe& p : audit::ProbesToRun(report.audit)) queries.push_back(p.sql);
  if (!queries.empty()) {
    absl::StatusOr<std::vector<introspect::ProbeRows>> rows =
        introspect::RunProbes(*context.url, queries, {});
    if (!rows.ok()) {
      err << "drift audit: " << rows.status().message() << "\n";
      return ExitCodeFor(rows.status());
    }
    std::vector<audit::ProbeAnswer> answers;
    for (introspect::ProbeRows& r : *rows)
      answers.push_back({r.ran, std::move(r.values), std::move(r.error)});
    audit::ApplyProbeAnswers(answers, &report.audit);
  }

  std::ostringstream text;
  if (options.format == "json") {
    text << RenderJson(dir, report).dump(2) << "\n";
  } else if (options.format == "markdown") {
    RenderMarkdown(dir, report, text);
  } else {
    RenderText(dir, report, text);
  }
  if (options.output.empty()) {
    out << text.str();
  } else {
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    file << text.str();
    if (!file.flush()) {
      err << "drift audit: --output: cannot write " << options.output << "\n";
      return ExitCode::kFailure;
    }
  }
  return report.audit.Count(audit::Severity::kError) > 0 ? ExitCode::kDrift : ExitCode::kClean;
}

}  // namespace drift::cli
