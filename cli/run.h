// File: run.h
//
// The whole command line in one call, so tests run drift in-process and check stdout,
// stderr and the exit code. main() is only a call to Run().
//
// Example:
//   std::ostringstream out, err;
//   int code = drift::cli::Run({"drift", "inspect", "--url", url}, env, out, err);
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace drift::cli {

// Looks up an environment variable; tests pass their own.
using Environment = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
Environment ProcessEnvironment();

// Runs drift with `args` (args[0] is the program name). Writes results to `out`,
// diagnostics and errors to `err`; returns an ExitCode value. Never throws.
int Run(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
        std::ostream& err);

}  // namespace drift::cli
