// File: describe.h
//
// What Diff() compares of each object: its properties as (name, text) pairs, and a
// one-line definition for reports. The matcher fingerprints the same properties, so a
// mismatch it counts is exactly a difference Diff() reports.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/schema.h"

namespace drift::diff {

using Properties = std::vector<std::pair<std::string, std::string>>;

struct Described {
  std::string definition;
  Properties properties;
};

Described Describe(const model::Namespace& n);
Described Describe(const model::Extension& e);  // version and comment are not compared
Described Describe(const model::EnumType& e);
Described Describe(const model::Sequence& s);
Described Describe(const model::Table& t);  // the table itself, not its columns
Described Describe(const model::Column& c);
Described Describe(const model::Constraint& c, const std::string& table_schema);
Described Describe(const model::Index& i);
Described Describe(const model::View& v);
Described Describe(const model::Function& f);
Described Describe(const model::Trigger& t);

// "schema.name", the path prefix of every object.
std::string Path(const model::QualifiedName& name);

}  // namespace drift::diff
