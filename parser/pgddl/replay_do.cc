// DO blocks: their PL/pgSQL (plpgsql.h) run on the replayed catalog. SQL statements are
// applied as if they stood at the top level; IF conditions are answered from the model
// (replay_catalog.cc); a block with EXCEPTION handlers is a subtransaction — on an error
// a handler catches, its changes are undone and the handler runs, as on the server. An
// error no handler catches ends the DO statement there. What replay cannot run (a
// condition it cannot answer, EXECUTE of a built string, a loop with DDL) is reported at
// its line, and the tables and views its text names become unverified.
#include <fmt/format.h>

#include <algorithm>

#include "model/normalize.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/replay.h"

namespace drift::parser::pgddl {
namespace {

using plpgsql::Stmt;
using plpgsql::Stmts;

// The condition name PL/pgSQL handlers catch for a replay error (PostgreSQL's
// errcodes.txt), from the message replay gives it.
std::string ConditionOf(std::string_view message) {
  auto has = [&](std::string_view s) { return message.find(s) != std::string_view::npos; };
  auto starts = [&](std::string_view s) { return message.starts_with(s); };
  if (has("syntax error") || starts("expected ")) return "syntax_error";
  if (has("already exists")) {
    if (starts("relation ") || starts("table ") || starts("view ")) return "duplicate_table";
    if (starts("column ")) return "duplicate_column";
    if (starts("schema ")) return "duplicate_schema";
    if (starts("function ") || starts("procedure ")) return "duplicate_function";
    return "duplicate_object";
  }
  if (has("does not exist")) {
    if (starts("relation ") || starts("table ") || starts("view ") || starts("materialized view "))
      return "undefined_table";
    if (starts("column ")) return "undefined_column";
    if (starts("function ") || starts("procedure ")) return "undefined_function";
    if (starts("schema ")) return "invalid_schema_name";
    return "undefined_object";
  }
  if (starts("cannot drop")) return "dependent_objects_still_exist";
  return "";
}

// SQLSTATE codes of the conditions above.
constexpr std::pair<std::string_view, std::string_view> kSqlStates[] = {
    {"42601", "syntax_error"},       {"42P07", "duplicate_table"},
    {"42701", "duplicate_column"},   {"42P06", "duplicate_schema"},
    {"42723", "duplicate_function"}, {"42710", "duplicate_object"},
    {"42P01", "undefined_table"},    {"42703", "undefined_column"},
    {"42883", "undefined_function"}, {"3F000", "invalid_schema_name"},
    {"42704", "undefined_object"},   {"2BP01", "dependent_objects_still_exist"},
};

bool Catches(const plpgsql::Handler& handler, const std::string& condition) {
  for (const std::string& c : handler.conditions) {
    if (c == "others" && condition != "query_canceled") return true;
    if (c == condition && !condition.empty()) return true;
    for (const auto& [code, name] : kSqlStates) {
      if (c == code && name == condition) return true;
    }
  }
  return false;
}

// A loop's body is skipped (it runs an unknown number of times) when nothing in it
// changes the schema.
bool ChangesSchema(const Stmts& statements) {
  return std::any_of(statements.begin(), statements.end(), [](const Stmt& s) {
    return s.kind == Stmt::Kind::kSql || ChangesSchema(s.body) || ChangesSchema(s.otherwise) ||
           std::any_of(s.branches.begin(), s.branches.end(),
                       [](const plpgsql::Branch& b) { return ChangesSchema(b.body); }) ||
           std::any_of(s.handlers.begin(), s.handlers.end(),
                       [](const plpgsql::Handler& h) { return ChangesSchema(h.body); });
  });
}

}  // namespace

struct Replayer::DoRun {
  const Statement& statement;
  const DoBlock& block;
  const SourceFile& body;
  mutable std::optional<bool> found;  // FOUND, as the last PERFORM left it

  // Where byte `offset` of the body is in the migration file.
  model::SourceSpan At(uint32_t offset) const {
    model::SourceSpan span = block.body_at;
    span.file = statement.span.file;
    for (uint32_t i = 0; i < offset && i < body.text.size(); ++i) {
      if (body.text[i] == '\n') {
        ++span.line;
        span.column = 1;
      } else {
        ++span.column;
      }
    }
    return span;
  }
};

void Replayer::ReportInBody(const DoRun& run, uint32_t offset, model::Severity severity,
                            const std::string& code, const std::string& message) {
  diagnostics_.push_back({severity, code, run.At(offset), message, ""});
}

void Replayer::ApplyDoBlock(const Statement& statement, const DoBlock& block) {
  SourceFile body{statement.span.file, block.body};
  DoRun run{statement, block, body};
  auto unknown = [&](uint32_t offset, std::string_view text, const std::string& what) {
    ReportInBody(
        run, offset, model::Severity::kWarning, "replay.unknown-effect",
        fmt::format("DO block: {} is not understood; what it names is kept unverified", what));
    internal::ReplayContext ctx{schema_, nullptr, {}};
    ctx.at = &statement.span;
    internal::UnverifyMentioned(ctx, text, "a DO block replay does not understand names it");
  };
  if (block.language != "plpgsql") {
    unknown(0, block.body, fmt::format("LANGUAGE {}", block.language));
    return;
  }
  plpgsql::Parsed parsed = plpgsql::Parse(body);
  if (!parsed.error.empty()) {
    unknown(parsed.error_offset, block.body, parsed.error);
    return;
  }
  std::string error;
  RunPl(parsed.statements, run, &error);
}

void Replayer::RunSql(const Stmt& s, const DoRun& run, std::string* error, bool* failed) {
  // Padded so that positions in the nested text are positions in the migration file.
  model::SourceSpan at = run.At(s.sql_offset);
  SourceFile nested{run.statement.span.file,
                    std::string(at.line > 0 ? at.line - 1 : 0, '\n') +
                        std::string(at.column > 0 ? at.column - 1 : 0, ' ') + s.sql};
  auto check = [&](size_t from) {
    for (size_t i = from; i < diagnostics_.size() && !*failed; ++i) {
      if (diagnostics_[i].severity == model::Severity::kError) {
        *failed = true;
        *error = diagnostics_[i].message;
      }
    }
  };
  ParseDdlStatements(
      nested,
      [&](const Statement& statement) {
        if (*failed) return;
        size_t from = diagnostics_.size();
        Apply(statement);
        check(from);
      },
      [&](const model::Diagnostic& d) {
        if (*failed) return;
        diagnostics_.push_back(d);
        check(diagnostics_.size() - 1);
      });
}

bool Replayer::RunPl(const Stmts& statements, const DoRun& run, std::string* error) {
  auto unknown = [&](const Stmt& s, const std::string& what) {
    ReportInBody(run, s.begin, model::Severity::kWarning, "replay.unknown-effect",
                 fmt::format("DO block: {}; what it names is kept unverified", what));
    internal::ReplayContext ctx{schema_, nullptr, {}};
    ctx.at = &run.statement.span;
    internal::UnverifyMentioned(ctx,
                                std::string_view(run.body.text).substr(s.begin, s.end - s.begin),
                                "a DO block replay does not understand names it");
  };
  for (const Stmt& s : statements) {
    switch (s.kind) {
      case Stmt::Kind::kNothing:
        break;
      case Stmt::Kind::kSql: {
        bool failed = false;
        RunSql(s, run, error, &failed);
        if (failed) return false;
        break;
      }
      case Stmt::Kind::kIf: {
        const Stmts* taken = &s.otherwise;
        std::string why;
        bool known = true;
        for (const plpgsql::Branch& b : s.branches) {
          std::optional<bool> v =
              internal::EvaluateCondition(schema_, b.condition, &why, run.found);
          if (!v) {
            known = false;
            break;
          }
          if (*v) {
            taken = &b.body;
            break;
          }
        }
        if (!known) {
          unknown(s, fmt::format("an IF condition replay cannot answer ({})", why));
          break;
        }
        if (!RunPl(*taken, run, error)) return false;
        break;
      }
      case Stmt::Kind::kPerform: {
        std::string why;
        run.found = internal::EvaluatePerform(schema_, s.query, &why);
        break;
      }
      case Stmt::Kind::kRaise:
        // The server stops here, with the message (its % placeholders left as written).
        ReportInBody(run, s.begin, model::Severity::kError, "replay.invalid", s.sql);
        *error = s.sql;
        return false;
      case Stmt::Kind::kLoop:
        if (ChangesSchema(s.body)) unknown(s, "a loop that changes the schema");
        break;
      case Stmt::Kind::kBlock: {
        if (s.handlers.empty()) {
          if (!RunPl(s.body, run, error)) return false;
          break;
        }
        // A subtransaction: undone when a handler catches its error.
        model::Schema saved_schema = schema_;
        internal::ViewSources saved_views = views_;
        size_t saved_diagnostics = diagnostics_.size();
        if (RunPl(s.body, run, error)) break;
        std::string condition = ConditionOf(*error);
        auto handler =
            std::find_if(s.handlers.begin(), s.handlers.end(),
                         [&](const plpgsql::Handler& h) { return Catches(h, condition); });
        if (handler == s.handlers.end()) return false;
        schema_ = std::move(saved_schema);
        views_ = std::move(saved_views);
        index_.Invalidate();
        diagnostics_.resize(saved_diagnostics);
        error->clear();
        if (!RunPl(handler->body, run, error)) return false;
        break;
      }
    }
  }
  return true;
}

}  // namespace drift::parser::pgddl
