// File: render_common.h
//
// Pieces of output more than one command prints: the ledger's classification as JSON
// (`drift check`, `drift status`) and the list of unmanaged objects (`check`, `baseline`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "baseline/ledger.h"
#include "diff/change_set.h"
#include "model/schema.h"

namespace drift::cli {

using Json = nlohmann::ordered_json;

// {"table", "applied", "pending", "failed", "edited", "missing", "renamed",
//  "rolled_back", "migrations": [{"migration", "state", "renamed_from"?, "detail"?}]}
Json LedgerJson(const baseline::LedgerReport& r);

// "Unmanaged (…): N object(s)" and one "  - view public.X" line per object; "" for none.
std::string UnmanagedText(const diff::ChangeSet& unmanaged, std::string_view heading);

// Objects not compared because replay could not establish them (model::Unverified):
// "Not compared (unverified): N object(s)" and "  - view public.X  (file:line: reason)"
// lines; "" for none. The JSON: [{"kind", "object", "file", "line", "reason"}].
std::string UnverifiedText(const std::vector<model::Unverified>& unverified);
Json UnverifiedJson(const std::vector<model::Unverified>& unverified);

// --strict: unverified objects are an error (exit 2) — the note to print, or "".
std::string StrictUnverifiedError(const std::vector<model::Unverified>& unverified);

}  // namespace drift::cli
