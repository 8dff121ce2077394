#include "engine/commands.h"

#include "diff/diff.h"
#include "model/normalize.h"
#include "model/prisma_scope.h"

namespace drift::engine {
namespace {

// Splits `all` into drift and unmanaged objects (those no state of the history had),
// unless `strict` counts them as drift.
void SplitUnmanaged(diff::ChangeSet all, const diff::MatchResult& match, bool strict,
                    diff::ChangeSet* drift, diff::ChangeSet* unmanaged) {
  for (diff::Difference& d : all) {
    bool is_unmanaged = match.unmanaged.contains(diff::Matcher::KeyOf(d));
    (is_unmanaged && !strict ? unmanaged : drift)->push_back(std::move(d));
  }
}

}  // namespace

std::vector<baseline::FolderMigration> FolderOf(const parser::MigrationsDir& dir) {
  std::vector<baseline::FolderMigration> out;
  for (const parser::Migration& m : dir.migrations) out.push_back({m.name, m.script.text});
  return out;
}

CheckReport Check(const parser::MigrationsDir& dir, const Inputs& inputs, const Scope& scope) {
  CheckReport out;
  WalkOptions walk{.pg_major = scope.pg_major};
  if (inputs.live != nullptr && inputs.ledger != nullptr) {
    out.ledger = baseline::ClassifyLedger(FolderOf(dir), *inputs.ledger);
    walk.live = inputs.live;
    walk.match = {.schemas = scope.schemas};
    walk.keep_after = out.ledger->applied_prefix;
  }
  HistoryTrace trace = WalkHistory(dir, walk);
  out.diagnostics = std::move(trace.diagnostics);
  out.unverified = trace.end.unverified;

  if (inputs.declared != nullptr) {
    model::KeepWhatPrismaManages(trace.end, !inputs.declared->extensions.empty());
    out.schema_changes = diff::Diff(trace.end, *inputs.declared, {.schemas = scope.schemas});
  }
  if (trace.match) {
    out.detected = trace.match;
    diff::ChangeSet claimed =
        diff::Diff(*trace.kept_state, *inputs.live, {.schemas = scope.schemas});
    out.unverified = trace.kept_state->unverified;
    out.live_changes.emplace();
    SplitUnmanaged(std::move(claimed), *trace.match, scope.strict, &*out.live_changes,
                   &out.unmanaged);
    for (const diff::Difference& d : *out.live_changes) {
      auto it = trace.kept_origin.find(diff::Matcher::KeyOf(d));
      out.live_origins.push_back(
          it == trace.kept_origin.end() ? std::nullopt : std::optional<StatementRef>(it->second));
    }
  }
  // A renamed folder counts: `prisma migrate deploy` would run it again under its new name.
  const std::optional<baseline::LedgerReport>& l = out.ledger;
  bool ledger_bad = l && (l->failed > 0 || l->edited > 0 || l->missing > 0 || l->renamed > 0);
  out.ok = (!out.schema_changes || out.schema_changes->empty()) && !ledger_bad &&
           (!out.live_changes || out.live_changes->empty());
  return out;
}

BaselineReport Baseline(const parser::MigrationsDir& dir, const model::Schema& live,
                        const model::Ledger& ledger, const Scope& scope,
                        const BaselineRules& rules) {
  BaselineReport out;
  HistoryTrace trace =
      WalkHistory(dir, {.live = &live,
                        .match = {.schemas = scope.schemas, .strict = scope.strict},
                        .keep_matched = true,
                        .pg_major = scope.pg_major});
  out.diagnostics = std::move(trace.diagnostics);
  out.match = *trace.match;
  out.partial_statements = std::move(trace.partial_statements);
  out.unverified = trace.matched_state->unverified;
  SplitUnmanaged(diff::Diff(*trace.matched_state, live, {.schemas = scope.schemas}), out.match,
                 scope.strict, &out.drift, &out.unmanaged);
  out.plan = PlanBaseline(out.match, FolderOf(dir), ledger, rules);
  return out;
}

AuditReport Audit(const parser::MigrationsDir& dir, const model::Schema& live,
                  const model::Ledger& ledger, const Scope& scope,
                  const std::map<model::QualifiedName, audit::TableFacts>& sizes, size_t to,
                  const model::Schema* old_app, const audit::CompatOptions& compat,
                  const audit::AuditOptions& options) {
  AuditReport out;
  out.ledger = baseline::ClassifyLedger(FolderOf(dir), ledger);
  out.from_baseline = ledger.rows.empty() && !live.tables.empty();
  HistoryTrace trace;
  if (out.from_baseline) {
    trace = WalkHistory(dir, {.live = &live,
                              .match = {.schemas = scope.schemas},
                              .keep_matched = true,
                              .pg_major = scope.pg_major});
    out.match = *trace.match;
    out.first = static_cast<size_t>(out.match.index);
  } else {
    out.first = static_cast<size_t>(out.ledger.applied_prefix);
    trace = WalkHistory(dir, {.keep_after = out.ledger.applied_prefix, .pg_major = scope.pg_major});
  }
  out.diagnostics = std::move(trace.diagnostics);
  out.last = to == 0 ? dir.migrations.size() : std::min(to, dir.migrations.size());
  model::Schema start = out.from_baseline  ? std::move(*trace.matched_state)
                        : trace.kept_state ? std::move(*trace.kept_state)
                                           : model::EmptyDatabase();
  if (out.first < out.last) {
    const model::Schema running = old_app != nullptr ? *old_app : start;
    out.audit = audit::AuditMigrations(dir, std::move(start), out.first, out.last, scope.pg_major,
                                       sizes, options);
    model::Schema end = out.audit.end;
    if (old_app != nullptr) model::KeepWhatPrismaManages(end, !old_app->extensions.empty());
    for (audit::Finding& f :
         audit::CompatFindings(diff::Diff(running, end, {.schemas = scope.schemas}), compat)) {
      out.audit.findings.push_back(std::move(f));
    }
  }
  return out;
}

StatusReport Status(const parser::MigrationsDir& dir, const model::Schema& live,
                    const model::Ledger& ledger, const Scope& scope) {
  StatusReport out;
  HistoryTrace trace = WalkHistory(
      dir, {.live = &live, .match = {.schemas = scope.schemas}, .pg_major = scope.pg_major});
  out.diagnostics = std::move(trace.diagnostics);
  out.match = *trace.match;
  out.unverified = trace.end.unverified;
  out.ledger = baseline::ClassifyLedger(FolderOf(dir), ledger);
  const diff::MatchResult& r = out.match;
  const baseline::LedgerReport& l = out.ledger;
  out.in_step = r.exact && r.index == l.applied_prefix && r.partial_migration == 0;
  out.clean = out.in_step && l.pending == 0 && l.failed == 0 && l.edited == 0 && l.missing == 0 &&
              l.renamed == 0;
  return out;
}

}  // namespace drift::engine
