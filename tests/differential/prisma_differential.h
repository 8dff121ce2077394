// File: prisma_differential.h
//
// The differential tester of drift's schema.prisma mapping against Prisma's own schema
// engine. For one schema: the engine's verdict and SQL (`diff --from-empty
// --to-schema`), drift's verdict and model; when both accept, drift's model must equal
// the engine's SQL replayed in memory and the catalog of a real server that ran it. A
// schema that shows a difference is minimised, line by line, to the smallest schema that
// still shows the same kind of difference.
//
// Example:
//   PrismaEngine engine(oracle_dir);          // one Node process for the whole run
//   DifferentialChecker checker(&engine, database_url);
//   Outcome o = checker.Check(files);
//   if (o.finding != Finding::kNone) files = checker.Minimise(files, o);
#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace drift::differential {

using SchemaFiles = std::vector<std::pair<std::string, std::string>>;  // (relative path, text)

// Prisma's schema engine in a Node process of its own (prisma_engine_server.mjs).
class PrismaEngine {
 public:
  // `oracle_dir`: a copy of ../shared/tools/prisma-oracle installed with `npm ci`.
  explicit PrismaEngine(const std::string& oracle_dir);
  ~PrismaEngine();
  PrismaEngine(const PrismaEngine&) = delete;
  PrismaEngine& operator=(const PrismaEngine&) = delete;

  bool ok() const { return to_ != nullptr; }
  struct Verdict {
    bool accepted = false;
    std::string sql;    // when accepted
    std::string error;  // when not
  };
  // Judges the schema at `path` (a file or a folder).
  Verdict Judge(const std::string& path);

 private:
  FILE* to_ = nullptr;
  FILE* from_ = nullptr;
  int pid_ = -1;
};

// The files of a schema one after the other, each under a "// <path>" line, for reports.
std::string Listing(const SchemaFiles& files);

enum class Finding {
  kNone,
  kEngineOnlyAccepts,  // the engine accepts, drift reports an error
  kDriftOnlyAccepts,   // the engine rejects, drift accepts
  kRefusedElsewhere,   // both reject, drift's first error at no line the engine names
  kReplayDiffers,      // drift's model != the engine's SQL replayed by drift
  kServerDiffers,      // drift's model != the server after the engine's SQL
  kServerRejects,      // the server refused the engine's SQL: not drift's to judge
};
const char* FindingName(Finding f);

struct Outcome {
  Finding finding = Finding::kNone;
  std::string detail;        // the differences, or the two verdicts
  std::string engine_sql;    // when the engine accepted
  std::string engine_error;  // when it refused
};

class DifferentialChecker {
 public:
  // `database_url`: an empty database this checker may reset between schemas.
  DifferentialChecker(PrismaEngine* engine, std::string database_url, std::string work_dir);

  // `extensions` are created on the server before the engine's SQL runs, as a `db push`
  // user would have them from the migrations, and are not compared.
  Outcome Check(const SchemaFiles& files, const std::vector<std::string>& extensions = {});
  // The smallest schema (by removing blocks, then lines) that still gives the same
  // finding as `found`, with the same first line of detail.
  SchemaFiles Minimise(SchemaFiles files, const Outcome& found);

 private:
  std::string Write(const SchemaFiles& files);
  std::string ResetDatabase();

  PrismaEngine* engine_;
  std::string database_url_;
  std::string work_dir_;
  int written_ = 0;
};

}  // namespace drift::differential
