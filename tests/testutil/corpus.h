// File: corpus.h
//
// The shared corpus beside the checkout (../shared/corpus), which CI always has. Tests
// that read it skip locally when it is missing and fail under CI=true.
//
// Example:
//   DRIFT_REQUIRE_PATH(testutil::LiteLLMCorpus() / "migrations");
#pragma once

#include <filesystem>
#include <string>

#include "testutil/test_database.h"

namespace drift::testutil {

// ../shared/corpus/<name> (litellm, civitai, umami), read in place.
inline std::filesystem::path SharedCorpus(const std::string& name) {
  return std::filesystem::path(DRIFT_SOURCE_DIR) / ".." / "shared" / "corpus" / name;
}

inline std::filesystem::path LiteLLMCorpus() { return SharedCorpus("litellm"); }

}  // namespace drift::testutil

// Skips (locally) or fails (CI=true) the current test when `path` does not exist.
#define DRIFT_REQUIRE_PATH(path)                                         \
  if (!std::filesystem::exists(path)) {                                  \
    if (::drift::testutil::UnderCi()) FAIL() << (path) << " is missing"; \
    GTEST_SKIP() << (path) << " is not beside this checkout";            \
  }
