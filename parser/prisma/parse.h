// File: parse.h
//
// schema.prisma text -> SchemaAst. Prisma stops at the first syntax error, and so does
// this parser: the result carries one diagnostic (file:line:col) and what was read up
// to it.
//
// Example:
//   PslParseResult r = ParsePsl({"schema.prisma", text});
#pragma once

#include <vector>

#include "model/diagnostic.h"
#include "parser/prisma/psl.h"
#include "parser/source.h"

namespace drift::parser::prisma {

struct PslParseResult {
  SchemaAst ast;
  std::vector<model::Diagnostic> diagnostics;
};

// Appends the blocks of `file` to `ast` (a schema may span several files).
void ParsePsl(const SourceFile& file, SchemaAst* ast, std::vector<model::Diagnostic>* diagnostics);

}  // namespace drift::parser::prisma
