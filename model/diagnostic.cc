#include "model/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

namespace drift::model {
namespace {

constexpr size_t kWindow = 160;

// Text worth echoing: no control characters but tabs (binary input is not shown).
bool Printable(std::string_view line) {
  for (char c : line) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string RenderDiagnostic(const Diagnostic& d, std::string_view source_line) {
  std::string out;
  if (!d.span.file.empty()) {
    out += d.span.file;
    if (d.span.line > 0) out += fmt::format(":{}:{}", d.span.line, d.span.column);
    out += ": ";
  }
  const char* severity = d.severity == Severity::kError     ? "error"
                         : d.severity == Severity::kWarning ? "warning"
                                                            : "note";
  out += fmt::format("{}: {}", severity, d.message);
  if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
  out += '\n';
  if (d.span.line > 0 && !source_line.empty() && Printable(source_line)) {
    // Long lines show a window around the column.
    size_t column = d.span.column > 0 ? d.span.column - 1 : 0;
    size_t start = column > kWindow / 2 ? column - kWindow / 2 : 0;
    while (start > 0 && start < source_line.size() &&
           (static_cast<unsigned char>(source_line[start]) & 0xC0) == 0x80) {
      --start;
    }
    std::string_view shown = source_line.substr(std::min(start, source_line.size()), kWindow);
    out += start > 0 ? "..." : "";
    out += shown;
    out += start + shown.size() < source_line.size() ? "...\n" : "\n";
    std::string caret = start > 0 ? "   " : "";
    for (size_t i = start; i < column && i < source_line.size(); ++i) {
      caret += source_line[i] == '\t' ? '\t' : ' ';
    }
    out += caret + "^\n";
  }
  if (!d.hint.empty()) out += fmt::format("  hint: {}\n", d.hint);
  return out;
}

std::string FirstLine(std::string_view message) {
  return std::string(message.substr(0, message.find('\n')));
}

}  // namespace drift::model
