// File: touched.h
//
// What one replayed statement may have changed, so that the matcher fingerprints only
// that. Replay says it (parser/pgddl/replay.h: TouchedBy), the matcher reads it
// (diff/match.h).
#pragma once

#include <set>

#include "model/schema.h"

namespace drift::model {

struct Touched {
  bool all = false;                 // cannot be told (drops, renames, DO blocks)
  bool globals = false;             // namespaces, extensions, enums, sequences, views,
                                    // functions: all of them
  std::set<QualifiedName> tables;   // a table with its columns, constraints, indexes,
                                    // triggers and owned sequences
  std::set<QualifiedName> enums;    // enums created, given a value or dropped
  std::set<QualifiedName> indexes;  // indexes dropped or renamed (their table is looked up)
  bool views = false;               // every view: a relation or column they read was renamed
                                    // or dropped
};

}  // namespace drift::model
