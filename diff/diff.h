// File: diff.h
//
// The structural comparison of two canonical models: a pure function, no I/O.
//
// Example:
//   model::Normalize(a);
//   model::Normalize(b);
//   ChangeSet changes = Diff(a, b);   // empty when a and b are the same schema
#pragma once

#include <string>
#include <vector>

#include "diff/change_set.h"
#include "model/schema.h"

namespace drift::diff {

struct DiffOptions {
  std::vector<std::string> schemas;  // compare only these namespaces; empty: all
};

// Every difference that turns `from` into `to`, ordered by object kind, then path.
// The columns and constraints of an added or removed table are part of that one
// difference; its indexes and triggers are objects of their own and listed.
// Column order is not a difference. Objects either model marks unverified are left out
// (diff/unverified.h). REQUIRES: both models are Normalize()d.
ChangeSet Diff(const model::Schema& from, const model::Schema& to, const DiffOptions& options = {});

}  // namespace drift::diff
