// File: describe.h
//
// What Diff() compares of each object: its properties as (name, text) pairs, and a
// one-line definition for reports. The matcher fingerprints the same properties, so a
// mismatch it counts is exactly a difference Diff() reports.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diff/change_set.h"
#include "model/schema.h"

namespace drift::diff {

using Properties = std::vector<std::pair<Property, std::string>>;

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

// Paths (Difference::path), one function per shape so that Diff() and the matcher spell
// them alike: "schema.name" for top-level objects and tables, "schema.table.member" for
// columns, constraints and triggers, "schema.name(arguments)" for routines.
std::string Path(const model::QualifiedName& name);
std::string MemberPath(const model::QualifiedName& table, const std::string& member);
std::string RoutinePath(const model::Function& f);
// The path of an index's table.
std::string IndexTablePath(const model::Index& i);

}  // namespace drift::diff
