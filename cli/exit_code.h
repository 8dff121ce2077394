// File: exit_code.h
//
// drift's exit codes, the same for every command (DESIGN §5). Users' CI scripts rely
// on them: never renumber.
#pragma once

#include "absl/status/status.h"

namespace drift::cli {

enum class ExitCode : int {
  kClean = 0,         // no difference, nothing to report
  kDrift = 1,         // drift or differences found
  kInvalidInput = 2,  // bad flag, unparsable file, bad URL
  kFailure = 3,       // cannot connect, permission denied, lock timeout
};

// The exit code an operational Status maps to: InvalidArgument and NotFound are the
// user's input (2), everything else is an operational failure (3).
inline ExitCode ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return ExitCode::kClean;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
      return ExitCode::kInvalidInput;
    default:
      return ExitCode::kFailure;
  }
}

inline constexpr const char kExitCodeHelp[] =
    "Exit codes:\n"
    "  0  clean: no difference\n"
    "  1  drift or differences found (diff: only with --exit-code)\n"
    "  2  invalid input or usage: bad flag, unparsable file, bad URL\n"
    "  3  operational failure: cannot connect, permission denied, lock timeout\n";

}  // namespace drift::cli
