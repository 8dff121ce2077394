#include "model/pg_version.h"

#include <fmt/format.h>

namespace drift::model {

std::string SupportedPgMajors() {
  std::string out;
  for (int major = kOldestPgMajor; major <= kNewestPgMajor; ++major) {
    if (!out.empty()) out += major == kNewestPgMajor ? " and " : ", ";
    out += fmt::format("{}", major);
  }
  return out;
}

}  // namespace drift::model
