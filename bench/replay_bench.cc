// Parse + replay throughput (a generated 10 MB Prisma-style history and the LiteLLM
// history), and the diff of two 5,000-table models. No server needed.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "diff/diff.h"
#include "parser/migrations.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/lexer.h"
#include "parser/pgddl/replay.h"
#include "parser/prisma/prisma_schema.h"

namespace {

namespace fs = std::filesystem;
using drift::parser::SourceFile;

// One Prisma-style migration per table: CREATE TABLE with 12 columns, two indexes, a
// foreign key and an ALTER TABLE that adds two columns (about 950 bytes).
std::string GeneratedMigration(int i) {
  std::string t = "\"Table" + std::to_string(i) + "\"";
  std::string ref = "\"Table" + std::to_string(i == 0 ? 0 : i - 1) + "\"";
  std::string n = std::to_string(i);
  return "-- CreateTable\nCREATE TABLE " + t +
         " (\n    \"id\" TEXT NOT NULL,\n    \"name\" TEXT NOT NULL,\n    \"count\" INTEGER NOT "
         "NULL DEFAULT 0,\n    \"amount\" DOUBLE PRECISION NOT NULL DEFAULT 0.0,\n    \"tags\" "
         "TEXT[] DEFAULT ARRAY[]::TEXT[],\n    \"meta\" JSONB NOT NULL DEFAULT '{}',\n    "
         "\"active\" BOOLEAN NOT NULL DEFAULT true,\n    \"parentId\" TEXT,\n    \"createdAt\" "
         "TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n    \"updatedAt\" TIMESTAMP(3) NOT "
         "NULL,\n\n    CONSTRAINT \"Table" +
         n +
         "_pkey\" PRIMARY KEY (\"id\")\n);\n\n"
         "-- CreateIndex\nCREATE UNIQUE INDEX \"Table" +
         n + "_name_key\" ON " + t + "(\"name\");\n\n-- CreateIndex\nCREATE INDEX \"Table" + n +
         "_createdAt_idx\" ON " + t + "(\"createdAt\");\n\n-- AddForeignKey\nALTER TABLE " + t +
         " ADD CONSTRAINT \"Table" + n + "_parentId_fkey\" FOREIGN KEY (\"parentId\") REFERENCES " +
         ref + "(\"id\") ON DELETE SET NULL ON UPDATE CASCADE;\n\n-- AlterTable\nALTER TABLE " + t +
         " ADD COLUMN     \"note\" TEXT,\nADD COLUMN     \"score\" BIGINT NOT NULL DEFAULT 0;\n";
}

const SourceFile& GeneratedHistory(int tables) {
  static std::map<int, SourceFile> cache;
  auto it = cache.find(tables);
  if (it != cache.end()) return it->second;
  SourceFile file{"generated.sql", ""};
  for (int i = 0; i < tables; ++i) file.text += GeneratedMigration(i);
  return cache.emplace(tables, std::move(file)).first->second;
}

void BM_Lex(benchmark::State& state) {
  const SourceFile& file = GeneratedHistory(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    size_t statements = 0;
    drift::parser::pgddl::LexStatements(file, [&](const auto&) { ++statements; });
    benchmark::DoNotOptimize(statements);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.text.size()));
}

void BM_Parse(benchmark::State& state) {
  const SourceFile& file = GeneratedHistory(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    size_t statements = 0;
    drift::parser::pgddl::ParseDdlStatements(
        file, [&](const auto&) { ++statements; }, [](const auto&) {});
    benchmark::DoNotOptimize(statements);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.text.size()));
}

void BM_ParseReplay(benchmark::State& state) {
  const SourceFile& file = GeneratedHistory(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    drift::parser::pgddl::Replayer replayer;
    replayer.ApplyFile(file);
    benchmark::DoNotOptimize(replayer.schema().tables.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.text.size()));
  state.counters["MB"] = static_cast<double>(file.text.size()) / 1e6;
}

void BM_ParseReplayLiteLLM(benchmark::State& state) {
  fs::path dir = fs::path(DRIFT_SOURCE_DIR) / ".." / "shared" / "corpus" / "litellm" / "migrations";
  auto history = drift::parser::ReadMigrationsDir(dir.string());
  if (!history.ok()) {
    state.SkipWithError("the LiteLLM corpus is not beside this checkout");
    return;
  }
  size_t bytes = 0;
  for (const auto& m : history->migrations) bytes += m.script.text.size();
  for (auto _ : state) {
    drift::parser::pgddl::Replayer replayer;
    for (const auto& m : history->migrations) replayer.ApplyFile(m.script);
    benchmark::DoNotOptimize(replayer.schema().tables.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// Two models of 5,000 tables that differ in one table: the diff pairs every object.
void BM_Diff(benchmark::State& state) {
  int tables = static_cast<int>(state.range(0));
  drift::parser::pgddl::Replayer a, b;
  a.ApplyFile(GeneratedHistory(tables));
  b.ApplyFile(GeneratedHistory(tables));
  b.ApplyFile({"change.sql", "ALTER TABLE \"Table7\" ADD COLUMN \"extra\" INTEGER;"});
  drift::model::Schema from = a.Result(), to = b.Result();
  for (auto _ : state) {
    auto changes = drift::diff::Diff(from, to);
    if (changes.size() != 1) state.SkipWithError("expected exactly one difference");
    benchmark::DoNotOptimize(changes.data());
  }
  state.SetItemsProcessed(state.iterations() * tables);
}

// schema.prisma -> model: the LiteLLM schema and a generated 2,000-model schema.
void BM_PrismaLiteLLM(benchmark::State& state) {
  fs::path file =
      fs::path(DRIFT_SOURCE_DIR) / ".." / "shared" / "corpus" / "litellm" / "schema.prisma";
  auto text = drift::parser::ReadSourceFile(file.string());
  if (!text.ok()) {
    state.SkipWithError("the LiteLLM corpus is not beside this checkout");
    return;
  }
  for (auto _ : state) {
    auto s = drift::parser::prisma::MapPrismaFiles({*text});
    benchmark::DoNotOptimize(s.schema.tables.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text->text.size()));
}

std::string GeneratedPrisma(int models) {
  std::string out = "datasource db {\n  provider = \"postgresql\"\n}\n\n";
  for (int i = 0; i < models; ++i) {
    std::string m = "M" + std::to_string(i);
    out += "model " + m +
           " {\n  id String @id @default(uuid())\n  name String @unique\n"
           "  count Int @default(0)\n  amount Float @default(0.0)\n  tags String[] @default([])\n"
           "  meta Json @default(\"{}\")\n  createdAt DateTime @default(now())\n"
           "  updatedAt DateTime @updatedAt\n";
    if (i > 0) {
      out += "  parentId String?\n  parent M" + std::to_string(i - 1) +
             "? @relation(fields: [parentId], references: [id])\n";
    }
    if (i + 1 < models) out += "  children M" + std::to_string(i + 1) + "[]\n";
    out += "\n  @@index([createdAt])\n}\n\n";
  }
  return out;
}

void BM_PrismaGenerated(benchmark::State& state) {
  SourceFile file{"generated.prisma", GeneratedPrisma(static_cast<int>(state.range(0)))};
  for (auto _ : state) {
    auto s = drift::parser::prisma::MapPrismaFiles({file});
    benchmark::DoNotOptimize(s.schema.tables.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.text.size()));
}

BENCHMARK(BM_PrismaLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PrismaGenerated)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lex)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Parse)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseReplay)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseReplayLiteLLM)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Diff)->Arg(100)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
