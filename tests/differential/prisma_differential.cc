#include "differential/prisma_differential.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>

#include "diff/diff.h"
#include "diff/render.h"
#include "differential/scratch_database.h"
#include "introspect/describe.h"
#include "parser/pgddl/replay.h"
#include "parser/prisma/prisma_schema.h"

namespace drift::differential {
namespace fs = std::filesystem;

PrismaEngine::PrismaEngine(const std::string& oracle_dir) {
  int to_child[2], from_child[2];
  if (pipe(to_child) != 0) return;
  if (pipe(from_child) != 0) {
    close(to_child[0]);
    close(to_child[1]);
    return;
  }
  std::string script =
      std::string(DRIFT_SOURCE_DIR) + "/tests/differential/prisma_engine_server.mjs";
  pid_ = fork();
  if (pid_ == 0) {
    dup2(to_child[0], 0);
    dup2(from_child[1], 1);
    close(to_child[1]);
    close(from_child[0]);
    execlp("node", "node", script.c_str(), oracle_dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  if (pid_ < 0) {
    close(to_child[1]);
    close(from_child[0]);
    return;
  }
  to_ = fdopen(to_child[1], "w");
  from_ = fdopen(from_child[0], "r");
}

PrismaEngine::~PrismaEngine() {
  if (to_ != nullptr) fclose(to_);
  if (from_ != nullptr) fclose(from_);
  if (pid_ > 0) waitpid(pid_, nullptr, 0);
}

PrismaEngine::Verdict PrismaEngine::Judge(const std::string& path) {
  Verdict v;
  if (to_ == nullptr) {
    v.error = "the engine process is not running";
    return v;
  }
  fprintf(to_, "%s\n", path.c_str());
  fflush(to_);
  std::string line;
  char buffer[1 << 16];
  while (fgets(buffer, sizeof buffer, from_) != nullptr) {
    line += buffer;
    if (!line.empty() && line.back() == '\n') break;
  }
  if (line.empty()) {
    v.error = "the engine process ended";
    fclose(to_);
    to_ = nullptr;
    return v;
  }
  nlohmann::json j = nlohmann::json::parse(line);
  v.accepted = j.value("accepted", false);
  v.sql = j.value("sql", "");
  v.error = j.value("error", "");
  return v;
}

std::string Listing(const SchemaFiles& files) {
  std::string out;
  for (const auto& [name, text] : files) out += "// " + name + "\n" + text;
  return out;
}

const char* FindingName(Finding f) {
  switch (f) {
    case Finding::kNone:
      return "none";
    case Finding::kEngineOnlyAccepts:
      return "engine accepts, drift rejects";
    case Finding::kDriftOnlyAccepts:
      return "engine rejects, drift accepts";
    case Finding::kRefusedElsewhere:
      return "both reject, drift at another place";
    case Finding::kReplayDiffers:
      return "drift's model differs from the engine's SQL replayed";
    case Finding::kServerDiffers:
      return "drift's model differs from the server after the engine's SQL";
    case Finding::kServerRejects:
      return "the server rejects the engine's SQL";
  }
  return "?";
}

DifferentialChecker::DifferentialChecker(PrismaEngine* engine, std::string database_url,
                                         std::string work_dir)
    : engine_(engine), database_url_(std::move(database_url)), work_dir_(std::move(work_dir)) {}

std::string DifferentialChecker::Write(const SchemaFiles& files) {
  fs::path dir = fs::path(work_dir_) / std::to_string(written_++ % 8);
  fs::remove_all(dir);
  for (const auto& [name, text] : files) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  return files.size() == 1 ? (dir / files[0].first).string() : dir.string();
}

std::string DifferentialChecker::ResetDatabase() { return ResetScratchDatabase(database_url_); }

Outcome DifferentialChecker::Check(const SchemaFiles& files,
                                   const std::vector<std::string>& extensions) {
  Outcome out;
  PrismaEngine::Verdict engine = engine_->Judge(Write(files));
  std::vector<parser::SourceFile> sources;
  for (const auto& [name, text] : files) sources.push_back({name, text});
  parser::prisma::PrismaSchema drift = parser::prisma::MapPrismaFiles(std::move(sources));
  std::string drift_error, drift_place;
  for (const model::Diagnostic& d : drift.diagnostics) {
    if (d.severity == model::Severity::kError && drift_error.empty()) {
      drift_error = fmt::format("{}:{}:{}: {} [{}]", d.span.file, d.span.line, d.span.column,
                                d.message, d.code);
      drift_place = fmt::format("{}:{}", d.span.file, d.span.line);
    }
  }
  out.engine_sql = engine.accepted ? engine.sql : "";
  out.engine_error = engine.accepted ? "" : engine.error;
  if (engine.accepted != drift_error.empty()) {
    out.finding = engine.accepted ? Finding::kEngineOnlyAccepts : Finding::kDriftOnlyAccepts;
    out.detail = engine.accepted ? "drift: " + drift_error : "engine: " + engine.error;
    return out;
  }
  if (!engine.accepted) {
    // Both reject: drift's first error must stand at a place the engine names
    // ("-->  /work/dir/schema.prisma:12").
    std::istringstream lines(engine.error);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("-->") != std::string::npos && line.ends_with("/" + drift_place)) return out;
    }
    out.finding = Finding::kRefusedElsewhere;
    out.detail = "drift: " + drift_error + "\nengine: " + engine.error;
    return out;
  }

  parser::pgddl::Replayer replayer;
  replayer.ApplyFile({"engine.sql", engine.sql});
  std::string replay_error;
  for (const model::Diagnostic& d : replayer.diagnostics()) {
    if (d.severity == model::Severity::kError && replay_error.empty()) {
      replay_error = fmt::format("replay of the engine's SQL: {}:{}: {}", d.span.line,
                                 d.span.column, d.message);
    }
  }
  if (replay_error.empty()) {
    diff::ChangeSet replayed = diff::Diff(drift.schema, replayer.Result());
    if (!replayed.empty()) {
      out.finding = Finding::kReplayDiffers;
      out.detail = diff::RenderSummary(replayed);
      return out;
    }
  }

  if (std::string why = ResetDatabase(); !why.empty()) {
    out.finding = Finding::kServerRejects;
    out.detail = "cannot reset the database: " + why;
    return out;
  }
  try {
    pqxx::connection conn(database_url_);
    pqxx::nontransaction txn(conn);
    for (const std::string& e : extensions)
      txn.exec("CREATE EXTENSION IF NOT EXISTS " + txn.quote_name(e));
    txn.exec(engine.sql);
  } catch (const std::exception& e) {
    // Replay refusing what the server refuses too is agreement.
    out.finding = Finding::kServerRejects;
    out.detail = e.what();
    return out;
  }
  if (!replay_error.empty()) {
    out.finding = Finding::kReplayDiffers;
    out.detail = replay_error + " (the server accepts it)";
    return out;
  }
  auto url = introspect::ParseDatabaseUrl(database_url_);
  auto live = url.ok() ? introspect::Describe(*url, {}) : url.status();
  if (!live.ok()) {
    out.finding = Finding::kServerRejects;
    out.detail = std::string(live.status().message());
    return out;
  }
  std::erase_if(live->schema.extensions, [&](const model::Extension& e) {
    return std::find(extensions.begin(), extensions.end(), e.name) != extensions.end();
  });
  diff::ChangeSet on_server = diff::Diff(drift.schema, live->schema);
  if (!on_server.empty()) {
    out.finding = Finding::kServerDiffers;
    out.detail = diff::RenderSummary(on_server);
  }
  return out;
}

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string Unlines(const std::vector<std::string>& lines, size_t skip_from, size_t skip_to) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i >= skip_from && i < skip_to) continue;
    out += lines[i] + "\n";
  }
  return out;
}

bool IsRemovableBlockHead(const std::string& line) {
  return line.starts_with("model ") || line.starts_with("enum ") || line.starts_with("view ");
}

// The line ranges [from, to) that may go: whole model/enum/view blocks, then single lines
// inside them and between blocks. The datasource and generator stay as they are.
std::vector<std::pair<size_t, size_t>> Removable(const std::vector<std::string>& lines) {
  std::vector<std::pair<size_t, size_t>> blocks, single;
  bool inside = false;
  size_t start = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (!inside && l.find('{') != std::string::npos && !l.starts_with(" ")) {
      inside = true;
      start = i;
      continue;
    }
    if (inside && l == "}") {
      inside = false;
      if (IsRemovableBlockHead(lines[start])) blocks.push_back({start, i + 1});
      continue;
    }
    if (l.empty() || (inside && !IsRemovableBlockHead(lines[start]))) continue;
    single.push_back({i, i + 1});
  }
  blocks.insert(blocks.end(), single.begin(), single.end());
  return blocks;
}

// What makes two outcomes "the same difference" while minimising: the finding and the
// first line of its detail, less file paths (the engine's first error message, or the
// heading of the first difference).
std::string Signature(const Outcome& o) {
  std::string first = o.detail.substr(0, o.detail.find('\n'));
  if (size_t at = first.find("-->"); at != std::string::npos) first.resize(at);
  std::erase_if(first, [](char c) { return c >= '0' && c <= '9'; });  // lines move
  return std::string(FindingName(o.finding)) + ": " + first;
}

}  // namespace

SchemaFiles DifferentialChecker::Minimise(SchemaFiles files, const Outcome& found) {
  const std::string wanted = Signature(found);
  bool progress = true;
  while (progress) {
    progress = false;
    for (size_t f = 0; f < files.size() && !progress; ++f) {
      std::vector<std::string> lines = Lines(files[f].second);
      for (auto [from, to] : Removable(lines)) {
        SchemaFiles candidate = files;
        candidate[f].second = Unlines(lines, from, to);
        if (Signature(Check(candidate)) == wanted) {
          files = std::move(candidate);
          progress = true;
          break;
        }
      }
    }
  }
  return files;
}

}  // namespace drift::differential
