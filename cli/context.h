// File: context.h
//
// What every command that walks a history against a database loads first, in one place:
// the migrations folder, the database URL with Prisma's parameters, and the live
// description (catalog and ledger) for the namespaces asked for. Errors are printed as
// "drift <command>: <message>" with the exit code to return.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_code.h"
#include "introspect/database_url.h"
#include "introspect/describe.h"
#include "model/diagnostic.h"
#include "parser/migrations.h"

namespace drift::cli {

struct Context {
  parser::MigrationsDir dir;
  std::optional<introspect::DatabaseUrl> url;  // when a URL was given
  std::optional<introspect::Catalog> live;     // read through `url`
};

struct ContextOptions {
  std::string migrations;            // the folder
  std::string url;                   // "" : no database
  bool url_required = true;          // an empty `url` is an error
  std::vector<std::string> schemas;  // namespaces to describe; empty: all
  bool read_sizes = false;           // also each table's rows and bytes (the audit)
};

// Loads `options` into `out`; on failure prints why to `err` and returns the exit code.
ExitCode LoadContext(std::string_view command, const ContextOptions& options, Context* out,
                     std::ostream& err);

// The one place a database URL is parsed and the live description read, for every
// command. Messages go to `err` as "<url_prefix><message>" for a bad URL and
// "<prefix><message>" when the database cannot be read; kInvalidInput or the failure's
// exit code is returned.
struct LiveDatabase {
  introspect::DatabaseUrl url;
  introspect::Catalog catalog;
};
ExitCode LoadLive(const std::string& url, const introspect::DescribeOptions& options,
                  std::string_view url_prefix, std::string_view prefix, LiveDatabase* out,
                  std::ostream& err);

// The PostgreSQL major a command replays as: the live server's when there is one
// (`server_version`, 0 for none; a different `given` --pg-version is an error), else
// `given`, else the newest supported. Returns 0 after printing the error.
int ChoosePgMajor(std::string_view command, int given, int server_version, std::ostream& err);

// When the newest major was assumed (neither a database nor --pg-version said), says so
// on `err`; commands call it once their output is written.
void NoteAssumedPgMajor(std::string_view command, int given, int server_version, std::ostream& err);

// Prints diagnostics (notes left out), each with the source line `line_for` finds and a
// caret; true when one is an error.
template <typename LineFor>
bool ReportDiagnostics(const std::vector<model::Diagnostic>& diagnostics, LineFor line_for,
                       std::ostream& err) {
  for (const model::Diagnostic& d : diagnostics) {
    if (d.severity != model::Severity::kNote) err << model::RenderDiagnostic(d, line_for(d));
  }
  return model::HasErrors(diagnostics);
}

// The same for the diagnostics of a history.
bool ReportHistory(const parser::MigrationsDir& dir, const std::vector<model::Diagnostic>& ds,
                   std::ostream& err);

}  // namespace drift::cli
