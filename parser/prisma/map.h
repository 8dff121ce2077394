// File: map.h
//
// A parsed schema.prisma -> the model of what Prisma's engine creates for it on
// PostgreSQL: tables and columns with Prisma's type mapping and defaults, primary keys,
// unique and plain indexes, foreign keys with Prisma's default actions, implicit
// many-to-many join tables, enums, extensions, and Prisma's constraint names with its
// 63-byte truncation. Problems are validation diagnostics in Prisma's spirit.
//
// Example:
//   model::Schema schema = MapToModel(ast, &diagnostics);
#pragma once

#include <vector>

#include "model/diagnostic.h"
#include "model/schema.h"
#include "parser/prisma/psl.h"

namespace drift::parser::prisma {

// REQUIRES: `ast` parsed without syntax errors. The result is normalised.
model::Schema MapToModel(const SchemaAst& ast, std::vector<model::Diagnostic>* diagnostics);

}  // namespace drift::parser::prisma
