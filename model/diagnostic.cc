#include "model/diagnostic.h"

#include <fmt/format.h>

namespace drift::model {

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
  if (d.span.line > 0 && !source_line.empty()) {
    out += source_line;
    out += '\n';
    std::string caret;
    for (uint32_t i = 1; i < d.span.column && i - 1 < source_line.size(); ++i) {
      caret += source_line[i - 1] == '\t' ? '\t' : ' ';
    }
    out += caret + "^\n";
  }
  if (!d.hint.empty()) out += fmt::format("  hint: {}\n", d.hint);
  return out;
}

}  // namespace drift::model
