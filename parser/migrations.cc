#include "parser/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "parser/pgddl/replay.h"

namespace drift::parser {
namespace fs = std::filesystem;

namespace {

model::Diagnostic Error(const std::string& file, const std::string& code, std::string message,
                        std::string hint = "") {
  return {model::Severity::kError, code, {file, 0, 0}, std::move(message), std::move(hint)};
}

// migration_lock.toml: the first line starting with "provider", as Prisma reads it.
void CheckLockFile(const fs::path& dir, MigrationsDir& out) {
  fs::path lock = dir / "migration_lock.toml";
  std::error_code ec;
  if (!fs::is_regular_file(lock, ec)) return;
  absl::StatusOr<SourceFile> file = ReadSourceFile(lock.string());
  if (!file.ok()) return;
  size_t start = 0;
  while (start <= file->text.size()) {
    size_t end = file->text.find('\n', start);
    std::string line =
        file->text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.starts_with("provider")) {
      std::string value = line.substr(8);
      value.erase(0, value.find_first_not_of(" ="));
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      if (value != "postgresql") {
        out.diagnostics.push_back(Error(lock.string(), "migrations.provider",
                                        fmt::format("the migrations were made for provider \"{}\"; "
                                                    "drift supports postgresql",
                                                    value)));
      }
      return;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

}  // namespace

absl::StatusOr<MigrationsDir> ReadMigrationsDir(const std::string& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return absl::NotFoundError(fmt::format("{}: no such migrations folder", path));
  }
  if (!fs::is_directory(status)) {
    return absl::InvalidArgumentError(fmt::format("{}: is a file, not a migrations folder", path));
  }
  MigrationsDir out;
  out.path = path;
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    // Like Prisma's readdir + isDirectory(): symlinks and files are not migrations.
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());  // byte order
  CheckLockFile(path, out);
  for (const std::string& name : names) {
    Migration m;
    m.name = name;
    fs::path script = fs::path(path) / name / "migration.sql";
    if (fs::is_regular_file(script, ec)) {
      absl::StatusOr<SourceFile> file = ReadSourceFile(script.string());
      if (!file.ok()) return file.status();
      m.script = std::move(*file);
      m.has_script = true;
    } else {
      m.script.name = script.string();
      out.diagnostics.push_back(Error((fs::path(path) / name).string(), "migrations.missing-sql",
                                      fmt::format("migration {} has no migration.sql", name),
                                      "Prisma stops with P3015 here; restore the file or remove "
                                      "the folder"));
    }
    out.migrations.push_back(std::move(m));
  }
  if (out.migrations.empty()) {
    out.diagnostics.push_back(
        Error(path, "migrations.empty", "no migrations: the folder has no subfolders"));
  }
  return out;
}

HistoryReplay ReplayMigrations(const MigrationsDir& dir, const std::optional<std::string>& upto,
                               int pg_major) {
  HistoryReplay out;
  out.diagnostics = dir.diagnostics;
  if (upto && std::none_of(dir.migrations.begin(), dir.migrations.end(),
                           [&](const Migration& m) { return m.name == *upto; })) {
    out.diagnostics.push_back(
        Error(dir.path, "migrations.unknown-upto", fmt::format("no migration named {}", *upto)));
    out.schema = pgddl::Replayer(pg_major).Result();
    return out;
  }
  pgddl::Replayer replayer(pg_major);
  for (const Migration& m : dir.migrations) {
    if (m.has_script) replayer.ApplyFile(m.script);
    ++out.migrations_applied;
    if (upto && m.name == *upto) break;
  }
  out.diagnostics.insert(out.diagnostics.end(), replayer.diagnostics().begin(),
                         replayer.diagnostics().end());
  out.schema = replayer.TakeResult();
  return out;
}

std::string_view SourceLineFor(const MigrationsDir& dir, const model::Diagnostic& d) {
  for (const Migration& m : dir.migrations) {
    if (m.script.name == d.span.file) return m.script.LineAt(d.span.line);
  }
  return {};
}

}  // namespace drift::parser
