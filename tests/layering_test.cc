// Dependencies point one way (DESIGN §2): model includes no other module; PEGTL only in
// parser/; libpqxx only in introspect/ (and baseline/'s database layer); engine/ sits
// between the libraries and cli/, reading no database and no flags; only cli/ touches
// stdio, argv and exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Rule {
  std::string folder;
  std::regex forbidden;
  std::string why;
};

TEST(Layering, IncludesPointOneWay) {
  const std::vector<Rule> rules = {
      {"model", std::regex(R"(#include\s+["<](parser|introspect|diff|baseline|cli)/)"),
       "model depends on nothing of ours"},
      {"model", std::regex(R"(#include\s+<(pqxx|tao/pegtl|CLI))"), "model is pure"},
      {"parser", std::regex(R"(#include\s+["<](introspect|diff|baseline|cli)/)"),
       "parser depends on model only"},
      {"introspect", std::regex(R"(#include\s+["<](parser|diff|baseline|cli)/)"),
       "introspect depends on model only"},
      {"introspect", std::regex(R"(#include\s+<tao/pegtl)"), "PEGTL stays in parser/"},
      {"diff", std::regex(R"(#include\s+["<](parser|introspect|baseline|cli)/)"),
       "diff depends on model only"},
      {"diff", std::regex(R"(#include\s+<(pqxx|tao/pegtl))"), "diff is pure"},
      {"baseline", std::regex(R"(#include\s+["<](parser|introspect|cli)/)"),
       "baseline depends on model and diff"},
      {"baseline", std::regex(R"(#include\s+<tao/pegtl)"), "PEGTL stays in parser/"},
      {"engine", std::regex(R"(#include\s+["<](introspect|cli)/)"),
       "engine takes loaded inputs: it reads no database and no flags"},
      {"engine", std::regex(R"(#include\s+<(pqxx|tao/pegtl|CLI))"), "engine is pure"},
      {"audit", std::regex(R"(#include\s+["<](introspect|baseline|engine|cli)/)"),
       "audit depends on parser, diff and model: live facts come in as plain data"},
      {"audit", std::regex(R"(#include\s+<(pqxx|tao/pegtl|CLI))"), "audit is pure"},
  };
  const std::regex stdio(R"(std::cout|std::cerr|printf\(|std::exit|exit\()");
  int files = 0;
  for (const char* folder :
       {"model", "parser", "introspect", "diff", "baseline", "audit", "engine"}) {
    fs::path dir = fs::path(DRIFT_SOURCE_DIR) / folder;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      std::string ext = entry.path().extension();
      if (ext != ".h" && ext != ".cc") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      std::string body = text.str();
      ++files;
      for (const Rule& rule : rules) {
        if (rule.folder != folder) continue;
        EXPECT_FALSE(std::regex_search(body, rule.forbidden)) << entry.path() << ": " << rule.why;
      }
      EXPECT_FALSE(std::regex_search(body, stdio)) << entry.path() << ": only cli/ prints or exits";
      bool pqxx = body.find("<pqxx/") != std::string::npos;
      if (pqxx) {
        EXPECT_TRUE(std::string(folder) == "introspect" || std::string(folder) == "baseline")
            << entry.path() << ": libpqxx only in the database layers";
      }
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
