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

ExitCode RunInspect(const InspectOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drift::cli
