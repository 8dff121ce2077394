#include "audit/audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/definitions.h"
#include "model/identifiers.h"
#include "parser/pgddl/replay.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::audit {
namespace {

constexpr std::string_view kApproximate =
    " (approximate: an earlier pending statement rewrites this table)";

std::string FirstLine(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return std::string(line);
}

// TXN001: the lock each statement takes is held to the end of its file. For every
// relation, from the statement that first takes its strongest lock, the window is the
// sum of the estimates of that statement and all later ones in the file.
void AddTransactionWindows(const std::vector<Finding>& file, const AuditOptions& options,
                           std::vector<Finding>* out) {
  std::vector<int> lines;  // statement lines, in order
  std::map<int, double> seconds_at;
  for (const Finding& f : file) {
    if (lines.empty() || lines.back() != f.line) lines.push_back(f.line);
    seconds_at[f.line] = std::max(seconds_at[f.line], f.seconds);
  }
  std::map<model::QualifiedName, const Finding*> strongest;
  for (const Finding& f : file) {
    auto [it, fresh] = strongest.try_emplace(f.table, &f);
    if (!fresh && f.lock > it->second->lock) it->second = &f;
  }
  for (const auto& [table, f] : strongest) {
    double window = 0;
    for (int line : lines) {
      if (line >= f->line) window += seconds_at[line];
    }
    const Severity own = f->severity;
    const Severity held = Grade(f->lock, window, options.budgets);
    if (f->new_table || held <= own || window <= f->seconds) continue;
    Finding w = *f;
    w.rule = "TXN001";
    w.severity = held;
    w.seconds = window;
    w.basis = fmt::format("{} of this statement and the ones after it in the file",
                          FormatSeconds(window));
    w.message = fmt::format(
        "the file runs as one transaction: the {} lock taken here is held until it ends, "
        "about {}",
        LockName(f->lock), FormatSeconds(window));
    w.safer = "put the slow statements in their own migration";
    out->push_back(std::move(w));
  }
}

// CREATE / DROP INDEX CONCURRENTLY cannot run in a transaction block, and a file of
// several statements is one (Prisma sends the file as one query).
bool NeedsItsOwnTransaction(const parser::pgddl::Statement& statement) {
  if (const auto* index = std::get_if<parser::pgddl::CreateIndex>(&statement.body))
    return index->concurrently;
  if (const auto* drop = std::get_if<parser::pgddl::DropObjects>(&statement.body))
    return drop->concurrently;
  return false;
}

// A new enum value used by a later statement of the same file (one transaction): the
// value must be committed first (55P04). Function and trigger bodies run later, so only
// statements that evaluate now count.
class NewEnumValues {
 public:
  // A use of a value added earlier in the file, or nullptr.
  const std::pair<std::string, Finding>* UseIn(const parser::pgddl::Statement& statement) const {
    namespace pg = parser::pgddl;
    if (std::holds_alternative<pg::CreateFunction>(statement.body) ||
        std::holds_alternative<pg::CreateTrigger>(statement.body))
      return nullptr;
    for (const auto& added : added_) {
      if (statement.text.find(added.first) != std::string_view::npos) return &added;
    }
    return nullptr;
  }
  void Note(const parser::pgddl::Statement& statement, Finding where) {
    const auto* alter = std::get_if<parser::pgddl::AlterType>(&statement.body);
    if (alter == nullptr || alter->kind != parser::pgddl::AlterTypeKind::kAddValue) return;
    where.table = parser::pgddl::internal::Resolve(alter->name);
    added_.emplace_back(model::QuoteLiteral(alter->value), std::move(where));
  }

 private:
  std::vector<std::pair<std::string, Finding>> added_;  // 'value' literal, where added
};

}  // namespace

std::vector<Probe> ProbesToRun(const AuditReport& report) {
  std::vector<Probe> out;
  for (const Finding& f : report.findings) {
    if (f.probe) out.push_back(*f.probe);
  }
  return out;
}

void ApplyProbeAnswers(const std::vector<ProbeAnswer>& answers, AuditReport* report) {
  size_t next = 0;
  for (Finding& f : report->findings) {
    if (!f.probe || next >= answers.size()) continue;
    const ProbeAnswer& a = answers[next++];
    const Probe& p = *f.probe;
    f.checked = a.ran;
    f.evidence = a.keys;
    if (!a.ran) {
      f.severity = Severity::kWarn;
      f.message = fmt::format("not checked ({}): {}", a.error, p.what);
    } else if (a.keys.empty()) {
      f.severity = Severity::kInfo;
      f.message = fmt::format("checked: no {}{}", p.what, f.approximate ? kApproximate : "");
    } else {
      f.severity = Severity::kError;
      const size_t n = a.keys.size();
      std::string shown;
      for (size_t i = 0; i < std::min<size_t>(n, 5); ++i) shown += (i ? ", " : "") + a.keys[i];
      f.message = fmt::format(
          "will fail with {} ({}): {} {}{}; e.g. {}{}", p.sqlstate, p.failure,
          n >= static_cast<size_t>(kProbeLimit) ? "over 1000" : std::to_string(n),
          p.what.starts_with("a value held") ? (n == 1 ? "duplicated value" : "duplicated values")
                                             : (n == 1 ? "offending row" : "offending rows"),
          f.approximate ? kApproximate : "", shown, n > 5 ? ", …" : "");
    }
  }
}

int AuditReport::Count(Severity severity) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const Finding& f) { return f.severity == severity; }));
}

AuditReport AuditMigrations(const parser::MigrationsDir& dir, model::Schema start, size_t first,
                            size_t last, int pg_major,
                            const std::map<model::QualifiedName, TableFacts>& sizes,
                            const AuditOptions& options) {
  AuditReport out;
  const model::Schema existing = start;  // tables of this state hold the live rows
  parser::pgddl::Replayer replayer(std::move(start), pg_major);
  std::set<model::QualifiedName> changed;  // tables whose rows earlier statements rewrote
  last = std::min(last, dir.migrations.size());
  for (size_t m = first; m < last; ++m) {
    const parser::Migration& migration = dir.migrations[m];
    if (!migration.has_script) continue;
    std::vector<Finding> file;
    std::vector<Finding> will_fail;  // probe findings, after the file's lock findings
    std::vector<Finding> alone;      // statements that cannot share a transaction
    int statements = 0;
    NewEnumValues new_values;
    replayer.ApplyFile(migration.script, {}, [&](const parser::pgddl::Statement& statement) {
      ++out.statements;
      ++statements;
      Finding here;  // where every finding of this statement points
      here.migration = migration.name;
      here.file = migration.script.name;
      here.line = static_cast<int>(statement.span.line);
      here.statement = FirstLine(statement.text);
      for (Probe& probe : ProbesOf(statement, replayer.schema(), existing)) {
        Finding f = here;
        f.rule = probe.rule;
        f.severity = Severity::kWarn;  // until the probe has answered
        f.table = probe.table;
        f.message = "not checked: " + probe.what;
        f.approximate = changed.contains(probe.table);
        f.probe = std::move(probe);
        will_fail.push_back(std::move(f));
      }
      if (const auto* use = new_values.UseIn(statement)) {
        Finding f = here;
        f.rule = "FAIL009";
        f.severity = Severity::kError;
        f.table = use->second.table;
        f.message = fmt::format(
            "fails with 55P04 (unsafe use of new value {} of enum type {}): it was added at line "
            "{} of this file, and a new enum value cannot be used before its transaction "
            "commits",
            use->first, model::QualifiedText(use->second.table), use->second.line);
        f.safer = "add the value in a migration of its own, before the one that uses it";
        will_fail.push_back(std::move(f));
      }
      new_values.Note(statement, here);
      if (NeedsItsOwnTransaction(statement)) {
        Finding f = here;
        f.rule = "FAIL010";
        f.severity = Severity::kError;
        f.message =
            "fails with 25001 (cannot run inside a transaction block): the file has other "
            "statements, and Prisma runs a file as one transaction";
        f.safer = "move it to a migration of its own, as its only statement";
        alone.push_back(std::move(f));
      }
      for (TableEffect& e : EffectsOf(statement, replayer.schema())) {
        Finding f = here;
        f.rule = std::move(e.rule);
        f.table = e.table;
        f.lock = e.lock;
        f.work = e.work;
        f.message = std::move(e.what);
        f.safer = std::move(e.safer);
        f.new_table = FindTable(existing, e.table) == nullptr;
        if (f.new_table) {
          f.basis = "created in the pending migrations: empty";
          f.severity = Severity::kInfo;
        } else {
          auto it = sizes.find(e.table);
          Estimate estimate =
              EstimateWork(e.work, it == sizes.end() ? TableFacts{} : it->second, options.rates);
          f.seconds = estimate.seconds;
          f.basis = std::move(estimate.basis);
          f.severity =
              estimate.known ? Grade(e.lock, estimate.seconds, options.budgets) : Severity::kWarn;
        }
        if (f.work == Work::kRewrite || f.work == Work::kRowWrites) changed.insert(f.table);
        file.push_back(std::move(f));
      }
    });
    std::vector<Finding> windows;
    AddTransactionWindows(file, options, &windows);
    for (Finding& f : will_fail) file.push_back(std::move(f));
    if (statements > 1) {
      for (Finding& f : alone) {
        // The relation it acts on, from its lock finding on the same line.
        for (const Finding& lock : file) {
          if (lock.line == f.line) f.table = lock.table;
        }
        file.push_back(std::move(f));
      }
    }
    std::stable_sort(file.begin(), file.end(),
                     [](const Finding& a, const Finding& b) { return a.line < b.line; });
    for (Finding& f : file) out.findings.push_back(std::move(f));
    for (Finding& w : windows) out.findings.push_back(std::move(w));
  }
  out.diagnostics = replayer.diagnostics();
  out.end = replayer.TakeResult();
  return out;
}

}  // namespace drift::audit
