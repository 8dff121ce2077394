// drift_prisma_differential: the long run of the differential tester against Prisma's
// engine. Generates schemas from consecutive seeds, judges each (prisma_differential.h),
// minimises every difference and, with --save, keeps it as a fixture:
// fixtures/prisma/<name>/ (schema.prisma + prisma.sql, the engine's SQL as golden) when
// both accept, fixtures/prisma-verdicts/<name>/ (schema.prisma + verdict.txt) when the
// verdicts differ.
//
//   drift_prisma_differential --oracle /tmp/drift-prisma-oracle
//       --url postgresql://…/scratch --from 1 --count 5000 [--save fixtures]
//
// The database behind --url is reset (every schema dropped) before each schema.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "differential/prisma_differential.h"
#include "differential/prisma_generator.h"

namespace fs = std::filesystem;
using namespace drift::differential;

namespace {

std::string Merged(const SchemaFiles& files) {
  std::string out;
  for (const auto& [name, text] : files) out += text;
  return out;
}


// A minimised difference as a fixture: fixtures/prisma/<name>/ (schema.prisma and the
// engine's SQL as prisma.sql) when the engine accepts the schema, else
// fixtures/prisma-verdicts/<name>/ (schema.prisma and engine.txt, "<line>: <message>" of
// the engine's first error).
void Save(const fs::path& fixtures, uint64_t seed, const SchemaFiles& files, const Outcome& o) {
  bool accepted = o.engine_error.empty();
  fs::path dir =
      fixtures / (accepted ? "prisma" : "prisma-verdicts") / fmt::format("generated_{}", seed);
  fs::create_directories(dir);
  std::ofstream(dir / "schema.prisma", std::ios::binary) << Merged(files);
  if (accepted) {
    std::ofstream(dir / "prisma.sql", std::ios::binary) << o.engine_sql;
  } else {
    // "error: …\n  -->  /path/schema.prisma:12": the line after the last ':'.
    std::string message = o.engine_error.substr(0, o.engine_error.find('\n'));
    if (message.starts_with("error: ")) message = message.substr(7);
    size_t arrow = o.engine_error.find("-->");
    std::string place = o.engine_error.substr(arrow, o.engine_error.find('\n', arrow) - arrow);
    std::ofstream(dir / "engine.txt", std::ios::binary)
        << place.substr(place.rfind(':') + 1) << ": " << message << "\n";
  }
  fmt::print("  saved {}\n", dir.string());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"drift's schema.prisma mapping against Prisma's engine, on generated schemas"};
  std::string oracle, url, work = "/tmp/drift-prisma-differential", save;
  uint64_t from = 1, count = 1000;
  app.add_option("--oracle", oracle, "the installed copy of the prisma oracle")->required();
  app.add_option("--url", url, "an empty scratch database (reset before each schema)")->required();
  app.add_option("--from", from, "first seed");
  app.add_option("--count", count, "how many schemas");
  app.add_option("--work", work, "a scratch folder for the schema files");
  app.add_option("--save", save, "a fixtures folder to keep minimised differences in");
  CLI11_PARSE(app, argc, argv);

  PrismaEngine engine(oracle);
  if (!engine.ok()) {
    fmt::print(stderr, "cannot start node\n");
    return 3;
  }
  DifferentialChecker checker(&engine, url, work);
  std::map<Finding, int> findings;
  int accepted = 0, mistakes = 0, files_total = 0, sql_statements = 0;
  auto start = std::chrono::steady_clock::now();
  for (uint64_t seed = from; seed < from + count; ++seed) {
    GeneratedSchema g = GeneratePrismaSchema(seed);
    SchemaFiles files(g.files.begin(), g.files.end());
    Outcome o = checker.Check(files);
    files_total += static_cast<int>(files.size());
    if (!g.mistake.empty()) ++mistakes;
    if (!o.engine_sql.empty()) {
      ++accepted;
      for (char c : o.engine_sql) sql_statements += c == ';';
    }
    ++findings[o.finding];
    if (o.finding == Finding::kServerRejects) {
      fmt::print("seed {}: {}: {}\n", seed, FindingName(o.finding), o.detail);
      continue;
    }
    if (o.finding == Finding::kNone) continue;
    SchemaFiles small = checker.Minimise(files, o);
    Outcome again = checker.Check(small);
    fmt::print("seed {}: {}\n{}\n--- minimised ---\n{}---\n{}\n", seed, FindingName(o.finding),
               g.mistake.empty() ? "" : "(mistake: " + g.mistake + ")", Listing(small),
               again.detail);
    if (!save.empty()) Save(save, seed, small, again);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      "{} schemas (seeds {}..{}) in {:.1f} s: {} accepted by the engine ({} SQL statements), {} "
      "with a deliberate mistake, {} files\n",
      count, from, from + count - 1, seconds, accepted, sql_statements, mistakes, files_total);
  for (const auto& [f, n] : findings) fmt::print("  {}: {}\n", FindingName(f), n);
  int bad = 0;
  for (const auto& [f, n] : findings) {
    if (f != Finding::kNone && f != Finding::kServerRejects) bad += n;
  }
  return bad == 0 ? 0 : 1;
}
