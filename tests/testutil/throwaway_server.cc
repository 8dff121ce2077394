#include "testutil/throwaway_server.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace drift::testutil {
namespace {

std::string Script(const char* name) { return std::string(DRIFT_SOURCE_DIR) + "/scripts/" + name; }

// Runs `command` in a shell; its standard output, and whether it exited 0.
bool Capture(const std::string& command, std::string* out) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out->append(buffer, n);
  return pclose(pipe) == 0;
}

std::string Field(const std::string& text, const std::string& key) {
  size_t at = text.find(key + "=");
  if (at == std::string::npos) return "";
  at += key.size() + 1;
  return text.substr(at, text.find('\n', at) - at);
}

}  // namespace

std::string PgBinDir(int major) {
  std::string out;
  if (!Capture(Script("pg-server-bin.sh") + " " + std::to_string(major), &out)) return "";
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::unique_ptr<ThrowawayServer> ThrowawayServer::Start(int major, std::string* why) {
  std::string out;
  if (!Capture(
          "DRIFT_PG_VERSION=" + std::to_string(major) + " " + Script("pg-throwaway.sh") + " start",
          &out)) {
    *why = "scripts/pg-throwaway.sh could not start PostgreSQL " + std::to_string(major);
    return nullptr;
  }
  std::string url = Field(out, "DRIFT_TEST_PG_URL"), dir = Field(out, "PG_THROWAWAY_DIR");
  if (url.empty() || dir.empty()) {
    *why = "scripts/pg-throwaway.sh printed no URL: " + out;
    return nullptr;
  }
  return std::unique_ptr<ThrowawayServer>(new ThrowawayServer(major, url, dir));
}

ThrowawayServer::~ThrowawayServer() {
  std::string ignored;
  Capture("DRIFT_PG_VERSION=" + std::to_string(major_) + " " + Script("pg-throwaway.sh") +
              " stop " + dir_ + " >/dev/null 2>&1",
          &ignored);
}

}  // namespace drift::testutil
