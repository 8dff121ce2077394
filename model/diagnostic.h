// File: diagnostic.h
//
// Problems in user input, collected and returned beside a result instead of thrown.
// RenderDiagnostic() prints them the way compilers do:
//
//   migrations/1_init/migration.sql:3:14: error: expected table name [pgddl.syntax]
//   CREATE TABLE ;
//                ^
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drift::model {

// A place in a source file. Line and column are 1-based; 0 means unknown.
struct SourceSpan {
  std::string file;  // exactly as the caller named it
  uint32_t line = 0;
  uint32_t column = 0;
};

enum class Severity : uint8_t { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // stable id, e.g. "pgddl.syntax", "introspect.no-usage"
  SourceSpan span;
  std::string message;  // lower case, no final period
  std::string hint;     // optional second line
};

// "file:line:col: error: message [code]", then `source_line` and a caret under the
// column when a line is given, then the hint. Ends with a newline. Tabs in the source
// line are kept in the caret line so the caret lines up.
std::string RenderDiagnostic(const Diagnostic& d, std::string_view source_line = {});

// True when one of `diagnostics` is an error (notes and warnings are not).
bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// The first line of a message: libpq's end in a newline and sometimes carry a second
// line (a hint, a detail) that does not belong in a one-line report.
std::string FirstLine(std::string_view message);

}  // namespace drift::model
