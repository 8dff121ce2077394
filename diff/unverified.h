// File: unverified.h
//
// The objects of a model whose content replay could not establish (model::Unverified),
// by the keys ObjectKey() spells. Diff() leaves them out; the matcher counts them as
// neither match nor mismatch. An unverified table covers its columns, constraints,
// indexes and triggers; an unverified function name covers every overload.
//
// Example:
//   UnverifiedKeys keys(replayed, &live);
//   if (keys.Covers(difference)) ...  // not compared
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "diff/change_set.h"
#include "model/schema.h"

namespace drift::diff {

class UnverifiedKeys {
 public:
  UnverifiedKeys() = default;
  // The unverified objects of `a`, and of `b` when given.
  explicit UnverifiedKeys(const model::Schema& a, const model::Schema* b = nullptr);

  bool empty() const { return keys_.empty(); }
  // The object `key`, or the table `owner_key` it hangs on ("" for none), is unverified.
  bool Covers(std::string_view key, std::string_view owner_key) const;
  bool Covers(const Difference& d) const;

 private:
  void Add(const model::Schema& schema);
  std::set<std::string, std::less<>> keys_;
};

}  // namespace drift::diff
