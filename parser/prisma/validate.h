// File: validate.h
//
// The rules Prisma's engine checks within one model block, beyond what mapping needs:
// attributes given twice, more than one id, arguments of other connectors (`clustered`,
// `length`, @@fulltext), index types without an operator class for a field, xml keys,
// duplicate compound names, and a model with no unique criteria. Each error stands where
// the engine puts its own; some go to `late`, which the mapper reports after every other
// error, because the engine checks them only once the fields resolve.
//
// Example:
//   CheckModelBlock(block, {&diagnostics, &late});
#pragma once

#include <vector>

#include "model/diagnostic.h"
#include "parser/prisma/psl.h"

namespace drift::parser::prisma {

struct BlockDiagnostics {
  std::vector<model::Diagnostic>* now;
  std::vector<model::Diagnostic>* late;
};

void CheckModelBlock(const Block& b, BlockDiagnostics out);

}  // namespace drift::parser::prisma
