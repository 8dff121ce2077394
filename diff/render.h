// File: render.h
//
// Renderings of a ChangeSet for people and for scripts.
//
// Example:
//   std::string text = RenderSummary(Diff(a, b));   // "[+] Added tables\n  - public.Team\n"
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diff/change_set.h"
#include "model/schema.h"

namespace drift::diff {

// In the manner of Prisma's drift summary: "[+] Added tables", "[*] Changed the
// `public.User` table" with its column, constraint, index and trigger lines beneath.
// "No difference detected.\n" when empty.
std::string RenderSummary(const ChangeSet& changes);

// {"differences": [{"kind", "object", "path", "before", "after"}], "equal": bool}: for an
// added object "after" is its definition, for a removed one "before"; for a changed one
// both are objects holding the changed properties. Pretty-printed, final newline.
std::string RenderJson(const ChangeSet& changes);
// The "differences" array of RenderJson, for documents that embed it.
nlohmann::ordered_json DifferencesJson(const ChangeSet& changes);

// The DDL that turns `from` into `to`, for `changes` = Diff(from, to): drops of
// dependent objects first, foreign keys after the tables they join, one statement per
// line, Prisma's section comments. "" when there is nothing to do.
std::string RenderSql(const model::Schema& from, const model::Schema& to, const ChangeSet& changes);

}  // namespace drift::diff
