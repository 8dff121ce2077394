// File: compat.h
//
// What breaks for the application version still running — old pods during a rolling
// upgrade, or the old release after a rollback — once the pending migrations have run:
// the differences from the schema it was built for (its schema.prisma, or the state the
// ledger says it runs on) to the state after the range. Prisma's client names every
// scalar column of a model in its SELECT and RETURNING lists, so a dropped or renamed
// column breaks every read of that model, not only the code that uses the field.
//
// Example:
//   for (Finding& f : CompatFindings(diff::Diff(old_app, end), options)) ...
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "diff/change_set.h"

namespace drift::audit {

struct CompatOptions {
  // The running version's schema.prisma was given (else the state it runs on is assumed).
  bool from_old_schema = false;
  // The model a table maps to ("" when unknown).
  std::function<std::string(const model::QualifiedName&)> model_of;
  const std::map<model::QualifiedName, TableFacts>* sizes = nullptr;  // live row estimates
};

// BC001 table dropped or renamed, BC002 column dropped or renamed, BC004 a NOT NULL column
// the old client does not fill, BC007 a column's type changed, BC008 an enum value
// removed, BC009 an enum value the old client does not know. Range-level findings: no
// migration or line.
std::vector<Finding> CompatFindings(const diff::ChangeSet& changes, const CompatOptions& options);

}  // namespace drift::audit
