// File: string_hash.h
//
// Transparent hashing for std::unordered_map / unordered_set keyed by std::string, so
// that look-ups with a std::string_view do not allocate.
//
// Example:
//   std::unordered_set<std::string, StringHash, std::equal_to<>> names;
//   names.contains(std::string_view("User"));
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace drift::model {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace drift::model
