// File: prisma_schema.h
//
// schema.prisma (a file, or a folder of .prisma files) -> the model Prisma's engine
// would create on PostgreSQL.
//
// Example:
//   DRIFT_ASSIGN_OR_RETURN(PrismaSchema s, ReadPrismaSchema("prisma/schema.prisma"));
//   if (s.diagnostics.empty()) Use(s.schema);
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/diagnostic.h"
#include "model/schema.h"
#include "parser/prisma/map.h"
#include "parser/source.h"

namespace drift::parser::prisma {

struct PrismaSchema {
  model::Schema schema;
  std::vector<model::Diagnostic> diagnostics;
  std::vector<SourceFile> files;  // for source lines in diagnostics
  DeclaredAt declared_at;         // each table's and enum's model or enum block
};

// `path` is a .prisma file or a folder whose .prisma files (recursively, in byte order)
// form one schema. NotFound when it does not exist.
absl::StatusOr<PrismaSchema> ReadPrismaSchema(const std::string& path);

// The same from files in memory.
PrismaSchema MapPrismaFiles(std::vector<SourceFile> files);

// The source text of the line a diagnostic points at ("" when unknown).
std::string_view SourceLineFor(const PrismaSchema& schema, const model::Diagnostic& d);

}  // namespace drift::parser::prisma
