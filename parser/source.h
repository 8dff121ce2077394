// File: source.h
//
// A source file held in memory, shared by both parsers: its display name (exactly as
// the caller named it, for diagnostics) and its bytes, with line look-up for carets.
//
// Example:
//   DRIFT_ASSIGN_OR_RETURN(SourceFile file, ReadSourceFile("prisma/schema.prisma"));
//   std::string_view line = file.LineAt(3);
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace drift::parser {

struct SourceFile {
  std::string name;  // display name, e.g. "migrations/20240101_init/migration.sql"
  std::string text;  // the bytes as read

  // Line `line` (1-based) without its line ending; empty when out of range.
  std::string_view LineAt(uint32_t line) const;
};

// Reads `path` whole. NotFound when it does not exist, InvalidArgument when it is a
// directory or not readable as a regular file.
absl::StatusOr<SourceFile> ReadSourceFile(const std::string& path);

}  // namespace drift::parser
