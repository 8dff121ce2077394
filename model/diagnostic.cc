#include "model/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

namespace drift::model {
namespace {

constexpr size_t kWindow = 160;

// The length of the valid UTF-8 character at the start of `s`, 0 when it is not one.
size_t Utf8Length(std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || n > s.size()) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// `line` as it can be shown on a terminal, with a caret under byte `column`: control
// characters (tabs aside) and bytes that are not UTF-8 are written as \xHH, and the caret
// counts characters, not bytes. A line that is mostly such bytes is binary and not shown.
void AppendShownLine(std::string_view line, size_t column, bool cut_before, bool cut_after,
                     std::string* out) {
  std::string shown = cut_before ? "..." : "", caret = cut_before ? "   " : "";
  size_t characters = 0, escaped = 0;
  for (size_t i = 0; i < line.size(); ++characters) {
    size_t n = Utf8Length(line.substr(i));
    unsigned char c = static_cast<unsigned char>(line[i]);
    std::string piece = n == 0 || (c < 0x20 && c != '\t') || c == 0x7F
                            ? fmt::format("\\x{:02x}", c)
                            : std::string(line.substr(i, n));
    if (n == 0 || piece.size() > n) {
      n = 1;
      ++escaped;
    }
    if (i < column) caret += piece == "\t" ? "\t" : std::string(piece.size() > n ? 4 : 1, ' ');
    shown += piece;
    i += n;
  }
  if (escaped * 4 > characters) return;
  *out += shown + (cut_after ? "...\n" : "\n") + caret + "^\n";
}

}  // namespace

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

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
    // Long lines show a window around the column.
    size_t column = d.span.column > 0 ? d.span.column - 1 : 0;
    size_t start = column > kWindow / 2 ? column - kWindow / 2 : 0;
    while (start > 0 && start < source_line.size() &&
           (static_cast<unsigned char>(source_line[start]) & 0xC0) == 0x80) {
      --start;
    }
    std::string_view shown = source_line.substr(std::min(start, source_line.size()), kWindow);
    AppendShownLine(shown, column - std::min(column, start), start > 0,
                    start + shown.size() < source_line.size(), &out);
  }
  if (!d.hint.empty()) out += fmt::format("  hint: {}\n", d.hint);
  return out;
}

std::string FirstLine(std::string_view message) {
  return std::string(message.substr(0, message.find('\n')));
}

}  // namespace drift::model
