// File: render_json.h
//
// The JSON form of a Schema as a value, for callers that embed it in a larger document
// (drift inspect adds the ledger and sizes). Shape: docs/model-json.md.
//
// Example:
//   nlohmann::ordered_json doc;
//   doc["schema"] = model::SchemaToJson(schema);
#pragma once

#include <nlohmann/json.hpp>

#include "model/schema.h"

namespace drift::model {

// REQUIRES: Normalize(schema) was called. Keys keep the documented order.
nlohmann::ordered_json SchemaToJson(const Schema& schema);

}  // namespace drift::model
