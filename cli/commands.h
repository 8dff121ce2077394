// File: commands.h
//
// One function per subcommand; run.cc parses the flags into these option structs and
// dispatches. Each returns an ExitCode and writes only to the streams it is given.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/exit_code.h"

namespace drift::cli {

struct InspectOptions {
  std::string url;                   // from --url or DATABASE_URL
  std::vector<std::string> schemas;  // --schemas a,b
  std::string format = "text";       // text | json
  bool sizes = false;                // --sizes: row estimates and on-disk bytes per table
};

// One side of a comparison: exactly one of the source flags.
struct SourceOptions {
  bool empty = false;  // --from-empty / --to-empty
  std::string url;     // --from-url / --to-url
};

struct DiffOptions {
  SourceOptions from, to;
  std::vector<std::string> schemas;
  std::string format = "text";  // text | json
  bool exit_code = false;       // --exit-code: 1 when there are differences
};

ExitCode RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);

ExitCode RunInspect(const InspectOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drift::cli
