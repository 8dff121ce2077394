// File: render_json.h
//
// The JSON form of a Schema, written as it goes into a JsonWriter, for callers that
// embed it in a larger document (drift inspect adds the ledger and sizes). Shape:
// docs/model-json.md.
//
// Example:
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject();
//   w.Key("schema");
//   WriteSchemaJson(schema, w);
//   ...
#pragma once

#include "model/json_writer.h"
#include "model/schema.h"

namespace drift::model {

// REQUIRES: Normalize(schema) was called. Keys keep the documented order.
void WriteSchemaJson(const Schema& schema, JsonWriter& w);

}  // namespace drift::model
