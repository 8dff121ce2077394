#include "parser/prisma/prisma_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "parser/prisma/map.h"
#include "parser/prisma/parse.h"

namespace drift::parser::prisma {

PrismaSchema MapPrismaFiles(std::vector<SourceFile> files) {
  PrismaSchema out;
  out.files = std::move(files);
  SchemaAst ast;
  for (const SourceFile& f : out.files) {
    if (f.text.find('\0') != std::string::npos) {
      out.diagnostics.push_back(
          {model::Severity::kError, "prisma.binary", {f.name, 1, 1}, "not a text file", ""});
      continue;
    }
    ParsePsl(f, &ast, &out.diagnostics);
  }
  if (!out.diagnostics.empty()) return out;  // Prisma stops at the first syntax error
  if (ast.blocks.empty()) {
    out.diagnostics.push_back({model::Severity::kError,
                               "prisma.empty",
                               {out.files.empty() ? "" : out.files[0].name, 0, 0},
                               "the schema is empty: no datasource, no models",
                               ""});
    return out;
  }
  out.schema = MapToModel(ast, &out.diagnostics, &out.declared_at);
  return out;
}

absl::StatusOr<PrismaSchema> ReadPrismaSchema(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec))
    return absl::NotFoundError(fmt::format("{}: no such file or folder", path));
  std::vector<std::string> paths;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".prisma")
        paths.push_back(e.path().string());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) return absl::InvalidArgumentError(fmt::format("{}: no .prisma files", path));
  } else {
    paths.push_back(path);
  }
  std::vector<SourceFile> files;
  for (const std::string& p : paths) {
    absl::StatusOr<SourceFile> f = ReadSourceFile(p);
    if (!f.ok()) return f.status();
    files.push_back(std::move(*f));
  }
  return MapPrismaFiles(std::move(files));
}

std::string_view SourceLineFor(const PrismaSchema& schema, const model::Diagnostic& d) {
  for (const SourceFile& f : schema.files) {
    if (f.name == d.span.file) return f.LineAt(d.span.line);
  }
  return {};
}

}  // namespace drift::parser::prisma
