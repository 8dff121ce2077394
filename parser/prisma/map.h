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

#include <map>
#include <vector>

#include "model/diagnostic.h"
#include "model/schema.h"
#include "parser/prisma/psl.h"

namespace drift::parser::prisma {

// Where each table and enum is declared: the span of its `model` or `enum` block.
using DeclaredAt = std::map<model::QualifiedName, model::SourceSpan>;

// REQUIRES: `ast` parsed without syntax errors. The result is normalised. `declared_at`,
// when given, receives the block of every model and enum under its database name.
model::Schema MapToModel(const SchemaAst& ast, std::vector<model::Diagnostic>* diagnostics,
                         DeclaredAt* declared_at = nullptr);

}  // namespace drift::parser::prisma
