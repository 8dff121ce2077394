// File: ddl_parser.h
//
// Migration SQL -> statements. Every statement is parsed on its own: a syntax error
// becomes a diagnostic (file:line:col at the offending token, code pgddl.syntax) and the
// next statement is parsed as usual, so one bad statement never hides the next.
//
// Example:
//   DdlParseResult parsed = ParseDdl({"migration.sql", text});
//   for (const model::Diagnostic& d : parsed.diagnostics) ...
#pragma once

#include <functional>
#include <vector>

#include "model/diagnostic.h"
#include "parser/pgddl/statement.h"
#include "parser/source.h"

namespace drift::parser::pgddl {

struct DdlParseResult {
  std::vector<Statement> statements;  // the ones that parsed, in file order
  std::vector<model::Diagnostic> diagnostics;
};

// REQUIRES: `file` outlives the result (statements' text points into it).
DdlParseResult ParseDdl(const SourceFile& file);

// The same, streaming: each statement and each diagnostic is handed over in file order
// as soon as it is known, and nothing is kept.
void ParseDdlStatements(const SourceFile& file,
                        const std::function<void(const Statement&)>& on_statement,
                        const std::function<void(const model::Diagnostic&)>& on_diagnostic);

}  // namespace drift::parser::pgddl
