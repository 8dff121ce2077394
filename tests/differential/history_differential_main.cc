// drift_history_differential: the long run of the differential tester of replay against
// a real server. Generates histories from consecutive seeds, checks each
// (history_differential.h), minimises every finding and, with --save, keeps it as a
// fixture history, fixtures/histories/generated_<seed>/migrations/, which the replay
// oracle test then runs prefix by prefix.
//
//   drift_history_differential --url postgresql://…/scratch --from 1 --count 10000
//       [--migrations 6] [--statements 6] [--save fixtures]
//
// The database behind --url is reset (every schema dropped) before each history.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "differential/history_differential.h"
#include "differential/history_generator.h"

namespace fs = std::filesystem;
using namespace drift::differential;

int main(int argc, char** argv) {
  CLI::App app{"drift_history_differential: replay against a real server on generated histories"};
  std::string url, save;
  uint64_t from = 1, count = 100;
  HistoryOptions options;
  app.add_option("--url", url, "an empty scratch database (it is reset)")->required();
  app.add_option("--from", from, "first seed");
  app.add_option("--count", count, "histories to check");
  app.add_option("--migrations", options.migrations, "migrations per history");
  app.add_option("--statements", options.statements_per_migration, "most statements per migration");
  app.add_option("--save", save, "fixtures folder to keep minimised findings in");
  CLI11_PARSE(app, argc, argv);

  HistoryChecker checker(url);
  std::map<std::string, int> findings;
  size_t migrations = 0, statements = 0, refused = 0, sql_pairs = 0;
  const auto start = std::chrono::steady_clock::now();
  for (uint64_t seed = from; seed < from + count; ++seed) {
    GeneratedHistory history = GenerateHistory(seed, options);
    HistoryOutcome o = checker.Check(history);
    migrations += o.migrations_run;
    statements += o.statements_run;
    refused += o.server_refused ? 1 : 0;
    sql_pairs += o.sql_checked ? 1 : 0;
    if (o.finding == HistoryFinding::kNone) continue;
    ++findings[HistoryFindingName(o.finding)];
    GeneratedHistory small = checker.Minimise(history, o);
    HistoryOutcome again = checker.Check(small);
    fmt::print("seed {}: {}\n{}\n{}\n", seed, HistoryFindingName(o.finding), again.detail,
               small.Listing());
    if (!save.empty()) {
      fs::path dir = fs::path(save) / "histories" / fmt::format("generated_{}", seed) / "migrations";
      for (const GeneratedMigration& m : small.migrations) {
        fs::create_directories(dir / m.name);
        std::ofstream(dir / m.name / "migration.sql", std::ios::binary) << m.Sql();
      }
      std::ofstream(dir / "migration_lock.toml", std::ios::binary) << "provider = \"postgresql\"\n";
      fmt::print("  saved {}\n", dir.string());
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      "{} histories (seeds {}..{}): {} migrations and {} statements compared with the server, "
      "{} ended where both refused, {} --format sql pairs; {:.0f} s\n",
      count, from, from + count - 1, migrations, statements, refused, sql_pairs, seconds);
  int total = 0;
  for (const auto& [name, n] : findings) {
    fmt::print("  {}: {}\n", name, n);
    total += n;
  }
  fmt::print("{} finding(s)\n", total);
  return total == 0 ? 0 : 1;
}
