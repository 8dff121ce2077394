// File: run_drift.h
//
// Runs the drift command line in-process, as a user would type it, and captures what it
// prints and its exit code. Tests of the CLI share it.
//
// Example:
//   DriftRun r = RunDrift({"check", "--migrations", dir, "--url", url});
//   EXPECT_EQ(r.code, 1) << r.out << r.err;
#pragma once

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/run.h"

namespace drift::testutil {

struct DriftRun {
  int code;
  std::string out, err;
};

// `env` is the whole environment the command sees (DATABASE_URL and the like).
inline DriftRun RunDrift(std::vector<std::string> args,
                         const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), "drift");
  std::ostringstream out, err;
  int code = cli::Run(
      args,
      [&env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
      },
      out, err);
  return {code, out.str(), err.str()};
}

}  // namespace drift::testutil
