// File: lexer.h
//
// Splits SQL text into tokens and statements. Handles `--` and nested `/* */` comments,
// quoted identifiers, '...' / E'...' / U&'...' strings, dollar quotes with any tag,
// numbers, operators, a UTF-8 BOM, CRLF, and a last statement without `;`. An
// unterminated string, quoted identifier, comment or dollar quote is reported at its
// start, not at the end of the file.
//
// Example:
//   SourceFile file{"migration.sql", "CREATE TABLE t (id int);\nDROP TABLE t"};
//   LexResult lexed = Lex(file);   // two statements, no diagnostics
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "parser/pgddl/token.h"
#include "parser/source.h"

namespace drift::parser::pgddl {

// One statement: its tokens without the final `;`, and where it is.
struct StatementTokens {
  std::vector<Token> tokens;  // never empty
  uint32_t begin = 0;         // byte range in the file, `;` excluded
  uint32_t end = 0;
  std::string_view Text(const SourceFile& file) const {
    return std::string_view(file.text).substr(begin, end - begin);
  }
};

struct LexResult {
  std::vector<StatementTokens> statements;
  std::vector<model::Diagnostic> diagnostics;  // lexical errors; lexing stops at the first
};

// REQUIRES: `file` outlives the result (tokens point into file.text).
LexResult Lex(const SourceFile& file);

// The same, one statement at a time: `on_statement` gets each statement as soon as its
// `;` is read (valid during the call only), so memory holds one statement's tokens, not
// the file's. Returns the lexical diagnostics.
std::vector<model::Diagnostic> LexStatements(
    const SourceFile& file, const std::function<void(const StatementTokens&)>& on_statement);

}  // namespace drift::parser::pgddl
