// File: jsonb_text.h
//
// How PostgreSQL prints a jsonb value it has stored: jsonb_in() then jsonb_out(). Object
// keys sorted (shorter first, then bytewise) with the last of duplicate keys kept, one
// space after ':' and ',', numbers as numeric_out() prints them ("1e2" -> "100"),
// strings re-escaped. A default or literal written as '{"b":1,"a":2}'::jsonb is stored
// and printed as '{"a": 2, "b": 1}'::jsonb.
//
// Example:
//   JsonbText(R"({"size":"x","fp":1.50})")  -> R"({"fp": 1.50, "size": "x"})"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drift::model {

// nullopt when `json` is not valid JSON (the server would refuse it).
std::optional<std::string> JsonbText(std::string_view json);

}  // namespace drift::model
