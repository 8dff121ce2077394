// The LiteLLM story (../shared/corpus/litellm/NOTES.md) against a real server: an old
// `db push` database without a ledger, the v1.67.4 "fake baseline", a migration marked
// applied whose statements never ran, a renamed folder, an edited migration, a column
// rename — each seen through `drift baseline`, `drift check` and `drift status`.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>

#include "baseline/checksum.h"
#include "baseline/writer.h"
#include "cli/run.h"
#include "diff/diff.h"
#include "diff/render.h"
#include "engine/commands.h"
#include "introspect/describe.h"
#include "parser/migrations.h"
#include "parser/pgddl/ddl_parser.h"
#include "testutil/corpus.h"
#include "testutil/run_drift.h"
#include "testutil/test_database.h"

namespace drift::cli {
namespace {

namespace fs = std::filesystem;
using testing::ElementsAre;
using testing::HasSubstr;
using testing::UnorderedElementsAre;

using Result = testutil::DriftRun;
using testutil::RunDrift;

fs::path Corpus() { return testutil::LiteLLMCorpus(); }

#define REQUIRE_CORPUS() DRIFT_REQUIRE_PATH(Corpus())

void Exec(const testutil::TestDatabase& db, const std::string& sql) {
  pqxx::connection conn(db.url());
  pqxx::nontransaction(conn).exec(sql);
}

// A v1.61.3 installation: Prisma's `db push` SQL for that schema, no ledger.
void CreateV1613(const testutil::TestDatabase& db) {
  Exec(db, testutil::ReadFileOrDie((Corpus() / "versions" / "v1.61.3" / "schema.sql").string()));
}

model::Schema Live(const testutil::TestDatabase& db) {
  auto catalog = introspect::Describe(*introspect::ParseDatabaseUrl(db.url()), {});
  EXPECT_TRUE(catalog.ok()) << catalog.status();
  return catalog.ok() ? catalog->schema : model::Schema{};
}

// Ledger rows for migrations [0, count) exactly as `prisma migrate resolve --applied`
// (or LiteLLM's automatic baseline) writes them.
void RecordApplied(const testutil::TestDatabase& db, const parser::MigrationsDir& dir,
                   size_t count) {
  std::vector<baseline::PlannedRow> plan;
  for (size_t i = 0; i < count; ++i) {
    plan.push_back(
        {dir.migrations[i].name, baseline::MigrationChecksum(dir.migrations[i].script.text)});
  }
  auto written = baseline::WriteBaseline(db.url(), "test", "public", plan, {});
  ASSERT_TRUE(written.ok()) << written.status();
}

std::vector<std::string> Paths(const diff::ChangeSet& changes) {
  std::vector<std::string> out;
  for (const diff::Difference& d : changes) {
    out.push_back(fmt::format("{} {} {}", diff::DiffKindName(d.kind),
                              diff::ObjectKindName(d.object), d.path));
  }
  return out;
}

// Scenario 2: each history's best point for the old database, and exactly what differs.
TEST(LiteLLMStory, AnOldDbPushDatabaseIsPlacedOnEveryHistory) {
  REQUIRE_CORPUS();
  DRIFT_REQUIRE_TEST_DATABASE(db);
  CreateV1613(*db);
  model::Schema live = Live(*db);
  for (fs::path history :
       {Corpus() / "versions" / "v1.65.4" / "migrations",
        Corpus() / "versions" / "v1.67.4" / "migrations", Corpus() / "migrations"}) {
    SCOPED_TRACE(history.string());
    auto dir = parser::ReadMigrationsDir(history.string());
    ASSERT_TRUE(dir.ok());
    engine::BaselineReport m = engine::Baseline(*dir, live, {}, {.pg_major = db->PgMajor()}, {});
    // Closest to LiteLLM's own baseline migration: v1.61.3 lacks the credentials table
    // and two audit columns that the baseline already has.
    EXPECT_EQ(m.match.index, 1);
    EXPECT_EQ(dir->migrations[0].name, "20250326162113_baseline");
    EXPECT_FALSE(m.match.exact);
    EXPECT_EQ(m.match.partial_migration, 0);
    EXPECT_THAT(
        Paths(m.drift),
        UnorderedElementsAre("removed table public.LiteLLM_CredentialsTable",
                             "removed index public.LiteLLM_CredentialsTable_credential_name_key",
                             "removed column public.LiteLLM_VerificationToken.created_by",
                             "removed column public.LiteLLM_VerificationToken.updated_by"));
    EXPECT_TRUE(m.unmanaged.empty()) << diff::RenderSummary(m.unmanaged);

    // `drift baseline --apply` refuses an inexact point and writes nothing.
    Result apply =
        RunDrift({"baseline", "--migrations", history.string(), "--url", db->url(), "--apply"});
    EXPECT_EQ(apply.code, 1) << apply.out << apply.err;
    EXPECT_THAT(apply.out, HasSubstr("--allow-drift"));
  }
  pqxx::connection conn(db->url());
  EXPECT_TRUE(
      pqxx::nontransaction(conn).exec("SELECT to_regclass('_prisma_migrations')")[0][0].is_null());
}

// Scenario 3: LiteLLM v1.67.4's automatic baseline marked all 13 migrations applied on a
// v1.61.3 database. Prisma sees nothing pending; drift check names every missing object.
TEST(LiteLLMStory, TheFakeBaselineFailsCheckWithEveryMissingObject) {
  REQUIRE_CORPUS();
  DRIFT_REQUIRE_TEST_DATABASE(db);
  CreateV1613(*db);
  const std::string history = (Corpus() / "versions" / "v1.67.4" / "migrations").string();
  auto dir = parser::ReadMigrationsDir(history);
  ASSERT_TRUE(dir.ok());
  ASSERT_EQ(dir->migrations.size(), 13u);
  RecordApplied(*db, *dir, 13);

  Result check = RunDrift({"check", "--migrations", history, "--url", db->url(), "--schema",
                           (Corpus() / "versions" / "v1.67.4" / "schema.prisma").string(),
                           "--format", "json"});
  EXPECT_EQ(check.code, 1) << check.err;
  nlohmann::json doc = nlohmann::json::parse(check.out);
  EXPECT_FALSE(doc["ok"]);
  EXPECT_TRUE(doc["checked"]["schema"]);
  EXPECT_TRUE(doc["checked"]["database"]);
  EXPECT_TRUE(doc["schema_vs_migrations"].empty()) << "the v1.67.4 schema and history agree";
  EXPECT_EQ(doc["ledger"]["applied"], 13);
  EXPECT_EQ(doc["ledger"]["pending"], 0);
  std::map<std::string, std::vector<std::string>> missing;  // object kind -> paths
  for (const auto& d : doc["live_vs_ledger"]) {
    EXPECT_EQ(d["kind"], "removed") << d.dump();
    EXPECT_TRUE(d.contains("origin")) << "each difference names its migration: " << d.dump();
    missing[d["object"]].push_back(d["path"]);
  }
  EXPECT_THAT(
      missing["table"],
      UnorderedElementsAre("public.LiteLLM_CredentialsTable", "public.LiteLLM_CronJob",
                           "public.LiteLLM_DailyTagSpend", "public.LiteLLM_DailyTeamSpend",
                           "public.LiteLLM_DailyUserSpend", "public.LiteLLM_ManagedFileTable"));
  EXPECT_THAT(missing["enum"], ElementsAre("public.JobStatus"));
  EXPECT_THAT(missing["column"],
              UnorderedElementsAre("public.LiteLLM_SpendLogs.proxy_server_request",
                                   "public.LiteLLM_SpendLogs.session_id",
                                   "public.LiteLLM_TeamTable.team_member_permissions",
                                   "public.LiteLLM_VerificationToken.allowed_routes",
                                   "public.LiteLLM_VerificationToken.created_by",
                                   "public.LiteLLM_VerificationToken.updated_by"));
  EXPECT_EQ(missing["index"].size(), 18u);
  EXPECT_EQ(missing.size(), 4u) << "only tables, the enum, columns and indexes";

  // GitHub annotations point at the statement that should have made each object.
  Result github =
      RunDrift({"check", "--migrations", history, "--url", db->url(), "--format", "github"});
  EXPECT_EQ(github.code, 1);
  EXPECT_THAT(github.out, HasSubstr("20250329084805_new_cron_job_table/migration.sql,line=5,"
                                    "title=drift: database differs from its ledger::removed table "
                                    "public.LiteLLM_CronJob"));

  Result status = RunDrift({"status", "--migrations", history, "--url", db->url()});
  EXPECT_EQ(status.code, 1);
  EXPECT_THAT(status.out,
              HasSubstr("the ledger claims 13 migration(s), the database looks like 1"));
}

// Scenario 4: 20251113000000_add_project_table recorded as applied, but its last two
// statements (the project_id column and its foreign key) never ran.
TEST(LiteLLMStory, AMigrationWhoseLastStatementsNeverRanIsFound) {
  REQUIRE_CORPUS();
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const std::string history = (Corpus() / "migrations").string();
  auto dir = parser::ReadMigrationsDir(history);
  ASSERT_TRUE(dir.ok());
  size_t k = 0;
  while (k < dir->migrations.size() &&
         dir->migrations[k].name != "20251113000000_add_project_table")
    ++k;
  ASSERT_LT(k, dir->migrations.size());
  for (size_t i = 0; i < k; ++i) Exec(*db, dir->migrations[i].script.text);
  std::vector<std::string> statements;
  parser::pgddl::ParseDdlStatements(
      dir->migrations[k].script,
      [&](const parser::pgddl::Statement& s) { statements.emplace_back(s.text); },
      [](const model::Diagnostic&) {});
  ASSERT_EQ(statements.size(), 6u);
  for (size_t i = 0; i + 2 < statements.size(); ++i) Exec(*db, statements[i]);
  RecordApplied(*db, *dir, k + 1);

  // The matcher places the database inside the migration.
  engine::BaselineReport m = engine::Baseline(*dir, Live(*db), {}, {.pg_major = db->PgMajor()}, {});
  EXPECT_EQ(m.match.partial_migration, static_cast<int>(k + 1));
  EXPECT_EQ(m.match.partial_statements, 4);
  EXPECT_EQ(m.match.partial_total, 6);
  EXPECT_TRUE(m.drift.empty()) << diff::RenderSummary(m.drift);

  Result check =
      RunDrift({"check", "--migrations", history, "--url", db->url(), "--format", "json"});
  EXPECT_EQ(check.code, 1) << check.err;
  nlohmann::json doc = nlohmann::json::parse(check.out);
  std::vector<std::string> found;
  for (const auto& d : doc["live_vs_ledger"]) {
    found.push_back(fmt::format("{} {} {} {}", d["kind"].get<std::string>(),
                                d["object"].get<std::string>(), d["path"].get<std::string>(),
                                d["origin"]["migration"].get<std::string>()));
  }
  EXPECT_THAT(found,
              UnorderedElementsAre(
                  "removed column public.LiteLLM_VerificationToken.project_id "
                  "20251113000000_add_project_table",
                  "removed constraint "
                  "public.LiteLLM_VerificationToken.LiteLLM_VerificationToken_project_id_fkey "
                  "20251113000000_add_project_table"));
  EXPECT_EQ(doc["ledger"]["pending"], static_cast<int>(dir->migrations.size() - k - 1));

  Result baseline_plan = RunDrift({"baseline", "--migrations", history, "--url", db->url()});
  EXPECT_THAT(baseline_plan.out, HasSubstr("20251113000000_add_project_table"));
  EXPECT_THAT(baseline_plan.out, HasSubstr("4 of its 6 statements ran"));
  // Each statement that ran, with where it starts.
  EXPECT_THAT(baseline_plan.out, HasSubstr("20251113000000_add_project_table/migration.sql:2  "
                                           "CREATE TABLE \"LiteLLM_ProjectTable\""));
}

// Scenario 5: a folder renamed since it was applied (same checksum, another name) is a
// rename, not "pending + missing"; scenario 6: an edited migration is reported as edited.
TEST(LiteLLMStory, ARenamedFolderAndAnEditedMigrationAreNamed) {
  REQUIRE_CORPUS();
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const std::string history = (Corpus() / "versions" / "v1.65.4" / "migrations").string();
  auto dir = parser::ReadMigrationsDir(history);
  ASSERT_TRUE(dir.ok());
  for (const parser::Migration& m : dir->migrations) Exec(*db, m.script.text);
  RecordApplied(*db, *dir, dir->migrations.size());
  Result clean = RunDrift({"check", "--migrations", history, "--url", db->url()});
  EXPECT_EQ(clean.code, 0) << clean.out << clean.err;

  const std::string second = dir->migrations[1].name;
  Exec(*db, "UPDATE _prisma_migrations SET migration_name = 'old_" + second +
                "' WHERE migration_name = '" + second + "'");
  Result renamed =
      RunDrift({"check", "--migrations", history, "--url", db->url(), "--format", "json"});
  nlohmann::json doc = nlohmann::json::parse(renamed.out);
  EXPECT_EQ(doc["ledger"]["renamed"], 1);
  EXPECT_EQ(doc["ledger"]["pending"], 0);
  EXPECT_EQ(doc["ledger"]["missing"], 0);
  EXPECT_EQ(renamed.code, 1) << "prisma migrate deploy would run the renamed folder again";
  Result text = RunDrift({"check", "--migrations", history, "--url", db->url()});
  EXPECT_THAT(text.out, HasSubstr("(recorded as old_" + second + ")"));

  Exec(*db, "UPDATE _prisma_migrations SET migration_name = '" + second +
                "' WHERE migration_name = 'old_" + second + "'");
  const std::string third = dir->migrations[2].name;
  Exec(*db, "UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = '" +
                third + "'");
  Result edited =
      RunDrift({"check", "--migrations", history, "--url", db->url(), "--format", "json"});
  EXPECT_EQ(edited.code, 1);
  doc = nlohmann::json::parse(edited.out);
  EXPECT_EQ(doc["ledger"]["edited"], 1);
  EXPECT_TRUE(doc["live_vs_ledger"].empty()) << "the schema itself is in step";

  // A checksum that is not hex at all is an edit too, never a crash.
  Exec(*db, "UPDATE _prisma_migrations SET checksum = 'not a checksum' WHERE migration_name = '" +
                third + "'");
  Result garbage =
      RunDrift({"check", "--migrations", history, "--url", db->url(), "--format", "json"});
  EXPECT_EQ(garbage.code, 1) << garbage.err;
  EXPECT_EQ(nlohmann::json::parse(garbage.out)["ledger"]["edited"], 1);
  // The row is there under its name: a baseline leaves it alone and writes nothing.
  Result again = RunDrift({"baseline", "--migrations", history, "--url", db->url(), "--apply"});
  EXPECT_EQ(again.code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, HasSubstr("Nothing to do"));
  pqxx::connection conn(db->url());
  EXPECT_EQ(
      pqxx::nontransaction(conn).exec("SELECT count(*) FROM _prisma_migrations")[0][0].as<int>(),
      static_cast<int>(dir->migrations.size()));
}

// Scenario 7: the last migration renames a column; drift's plan from the database before
// it to the history's end says RENAME, not DROP + ADD.
TEST(LiteLLMStory, AColumnRenameIsARenameNotDropAndAdd) {
  REQUIRE_CORPUS();
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const std::string history = (Corpus() / "migrations").string();
  auto dir = parser::ReadMigrationsDir(history);
  ASSERT_TRUE(dir.ok());
  ASSERT_EQ(dir->migrations.back().name, "20260303000000_update_tool_table_policies");
  for (size_t i = 0; i + 1 < dir->migrations.size(); ++i) Exec(*db, dir->migrations[i].script.text);
  model::Schema live = Live(*db);
  engine::BaselineReport m = engine::Baseline(*dir, live, {}, {.pg_major = db->PgMajor()}, {});
  EXPECT_TRUE(m.match.exact);
  EXPECT_EQ(m.match.index, static_cast<int>(dir->migrations.size() - 1));

  parser::HistoryReplay end = parser::ReplayMigrations(*dir, std::nullopt, db->PgMajor());
  diff::ChangeSet changes = diff::Diff(live, end.schema, {});
  std::string sql = diff::RenderSql(live, end.schema, changes);
  EXPECT_THAT(sql, HasSubstr("RENAME COLUMN call_policy TO input_policy;"));
  EXPECT_THAT(sql, testing::Not(HasSubstr("DROP COLUMN call_policy")));
}

}  // namespace
}  // namespace drift::cli
