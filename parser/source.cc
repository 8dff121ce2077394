#include "parser/source.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace drift::parser {

std::string_view SourceFile::LineAt(uint32_t line) const {
  if (line == 0) return {};
  std::string_view rest = text;
  for (uint32_t i = 1; i < line; ++i) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return {};
    rest.remove_prefix(nl + 1);
  }
  size_t end = rest.find('\n');
  std::string_view out = rest.substr(0, end);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

absl::StatusOr<SourceFile> ReadSourceFile(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file"));
  }
  if (std::filesystem::is_directory(status)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory, not a file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot be read"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return SourceFile{path, buffer.str()};
}

}  // namespace drift::parser
