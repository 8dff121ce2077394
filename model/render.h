// File: render.h
//
// Deterministic renderings of a canonical Schema: a readable text (one object per line,
// its parts indented beneath it) and JSON whose shape docs/model-json.md documents.
// Both follow the Schema's canonical order and contain no timestamps or paths.
//
// Example:
//   model::Normalize(schema);
//   std::string text = model::DumpText(schema);
#pragma once

#include <ostream>
#include <string>

#include "model/schema.h"

namespace drift::model {

// REQUIRES: Normalize(schema) was called.
std::string DumpText(const Schema& schema);
void DumpText(const Schema& schema, std::ostream& out);  // the same, written as it goes

// REQUIRES: Normalize(schema) was called. Pretty-printed with two-space indents and a
// final newline.
std::string DumpJson(const Schema& schema);

}  // namespace drift::model
