// fixtures/errors/<case>: bad input and the diagnostic drift gives for it, pinned. Each
// case holds `command` (the arguments after `drift`; paths are relative to the case
// folder, where the command runs), its input files, and `expected`: the exit code and
// everything printed. Every case must exit 2 and print nothing on stdout.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift {
namespace {

namespace fs = std::filesystem;

class ErrorCatalogue : public testing::TestWithParam<std::string> {};

TEST_P(ErrorCatalogue, ExitsTwoWithThePinnedDiagnostic) {
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "errors" / GetParam();
  std::istringstream command(testutil::ReadFileOrDie(dir / "command"));
  std::vector<std::string> args;
  for (std::string word; command >> word;) args.push_back(word);

  fs::path here = fs::current_path();
  fs::current_path(dir);
  testutil::DriftRun r = testutil::RunDrift(args, {});
  fs::current_path(here);

  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  std::string printed = "exit " + std::to_string(r.code) + "\n" + r.err;
  EXPECT_EQ(testutil::CompareWithGolden(printed, (dir / "expected").string()), "");
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ErrorCatalogue,
                         testing::ValuesIn(testutil::ListFixtureCases("errors", "command")),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace drift
