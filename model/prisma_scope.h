// File: prisma_scope.h
//
// What Prisma Migrate compares when one side of a comparison is a schema.prisma. Its
// engine leaves alone what a schema.prisma cannot express — views, functions, triggers,
// CHECK and EXCLUDE constraints, comments on tables, columns and other objects it makes, and extensions unless the schema lists them —
// and sees a UNIQUE constraint as the unique index behind it. Applied to the other side
// of such a comparison, the differences left are the ones `prisma migrate diff` reports.
//
// Example:
//   model::Schema history = Replay(...);
//   model::KeepWhatPrismaManages(history, /*with_extensions=*/!prisma.extensions.empty());
//   diff::Diff(history, prisma);
#pragma once

#include "model/schema.h"

namespace drift::model {

void KeepWhatPrismaManages(Schema& schema, bool with_extensions);

}  // namespace drift::model
