// File: prisma_generator.h
//
// A seeded generator of random Prisma schemas for PostgreSQL, for the differential tester
// against Prisma's engine. Most schemas are valid (every scalar and @db native type,
// every default form, ids, unique constraints and indexes with their arguments,
// relations 1-1 / 1-n / implicit m-n, self and named ones, several between the same
// models, referential actions, @map/@@map, enums, multiSchema, @ignore, views,
// Unsupported, every comment form, schemas spread over several files); some carry one
// deliberate mistake (a missing back-relation, a duplicate field, a native type that does
// not fit, an unknown attribute, an index over an unknown field), so that the verdicts
// are compared too. The same seed gives the same schema.
//
// Example:
//   GeneratedSchema s = GeneratePrismaSchema(42);
//   for (const auto& [name, text] : s.files) Write(dir / name, text);
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace drift::differential {

struct GeneratedSchema {
  // (relative path, text); one file "schema.prisma", or several files of a schema
  // folder.
  std::vector<std::pair<std::string, std::string>> files;
  std::string mistake;  // the deliberate mistake, "" for a schema meant to be valid
};

GeneratedSchema GeneratePrismaSchema(uint64_t seed);

}  // namespace drift::differential
