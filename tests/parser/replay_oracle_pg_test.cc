// The replay oracle (ctest label "pg"): for every migration history and every prefix k,
// the in-memory replay of migrations 1..k equals the catalog of a real PostgreSQL that
// ran them, each migration.sql sent as one multi-statement query as Prisma does.
// Histories: fixtures/histories/*/migrations, and the LiteLLM corpus beside the checkout
// (../shared/corpus/litellm: the newest history and each versions/*/migrations).
#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "diff/diff.h"
#include "diff/render.h"
#include "introspect/describe.h"
#include "model/view_definition.h"
#include "parser/migrations.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/replay.h"
#include "testutil/corpus.h"
#include "testutil/test_database.h"

namespace drift {
namespace {

namespace fs = std::filesystem;

struct History {
  std::string name;  // test name
  fs::path dir;      // the migrations folder
  // A dirty history: the server accepts this many migrations and refuses the next, where
  // Prisma stops too; 0 when it accepts them all.
  size_t server_accepts = 0;
  // GeneratedSql runs on it. Not on civitai yet: --format sql leaves the views replay
  // keeps unverified as they are, and the tables under them may not change around them.
  bool generated_sql = true;
};

fs::path CorpusDir() { return testutil::LiteLLMCorpus(); }

std::vector<History> Histories() {
  std::vector<History> out;
  for (const std::string& c : testutil::ListFixtureCases("histories", "migrations")) {
    out.push_back({c, fs::path(DRIFT_FIXTURES_DIR) / "histories" / c / "migrations"});
  }
  // The corpus entries are listed even when absent, so that the test can say so.
  out.push_back({"litellm", CorpusDir() / "migrations"});
  for (const char* v : {"v1_65_4", "v1_67_4"}) {
    std::string version = v;
    std::replace(version.begin(), version.end(), '_', '.');
    out.push_back({std::string("litellm_") + v, CorpusDir() / "versions" / version / "migrations"});
  }
  out.push_back({"umami", testutil::SharedCorpus("umami") / "migrations"});
  // civitai, dirty on purpose (its NOTES.md): PostgreSQL accepts migrations 1-491 and
  // refuses the 492nd.
  out.push_back({"civitai", testutil::SharedCorpus("civitai") / "migrations", 491, false});
  return out;
}

void PrintTo(const History& h, std::ostream* os) { *os << h.name; }

// True when PostgreSQL itself prints a view made from `definition` differently: its
// printed form does not always parse back to the same tree (a varchar IN list, for one),
// so no tool can rebuild such a view from pg_get_viewdef's text; --format sql gives that
// text, as pg_dump does.
bool ServerReprintsDifferently(const std::string& url, const std::string& definition) {
  pqxx::connection conn(url);
  pqxx::work txn(conn);
  txn.exec("CREATE TEMPORARY VIEW drift_reprint AS " + definition);
  std::string printed = model::ViewDefinitionFromServer(
      txn.exec1("SELECT pg_get_viewdef('drift_reprint'::regclass)")[0].as<std::string>());
  return printed != definition;
}

class ReplayOracle : public testing::TestWithParam<History> {};

TEST_P(ReplayOracle, EveryPrefixEqualsTheRealServer) {
  const History& history = GetParam();
  DRIFT_REQUIRE_PATH(history.dir);
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto dir = parser::ReadMigrationsDir(history.dir.string());
  ASSERT_TRUE(dir.ok()) << dir.status();
  auto url = introspect::ParseDatabaseUrl(db->url());
  ASSERT_TRUE(url.ok());

  parser::pgddl::Replayer replayer(db->PgMajor());
  pqxx::connection conn(db->url());
  int compared = 0;
  for (const parser::Migration& m : dir->migrations) {
    ASSERT_TRUE(m.has_script) << m.name;
    std::string refused;
    try {
      pqxx::nontransaction txn(conn);
      txn.exec(m.script.text);  // one simple query, as Prisma sends it
    } catch (const pqxx::sql_error& e) {
      refused = e.what();
    }
    const size_t seen = replayer.diagnostics().size();
    replayer.ApplyFile(m.script);
    if (!refused.empty()) {
      // Where the server stops, replay stops too, for the server's reason.
      ASSERT_EQ(static_cast<size_t>(compared), history.server_accepts)
          << m.name << " refused by the server: " << refused;
      const model::Diagnostic* first = nullptr;
      for (size_t i = seen; i < replayer.diagnostics().size() && first == nullptr; ++i) {
        if (replayer.diagnostics()[i].severity == model::Severity::kError)
          first = &replayer.diagnostics()[i];
      }
      ASSERT_NE(first, nullptr) << m.name
                                << ": replay accepts what the server refused: " << refused;
      EXPECT_NE(refused.find(first->message), std::string::npos)
          << m.name << ": the server says " << refused << "replay says " << first->message;
      break;
    }
    for (const model::Diagnostic& d : replayer.diagnostics()) {
      ASSERT_NE(d.severity, model::Severity::kError)
          << m.name << ": " << model::RenderDiagnostic(d, m.script.LineAt(d.span.line));
    }
    auto live = introspect::Describe(*url, {});
    ASSERT_TRUE(live.ok()) << live.status();
    diff::ChangeSet changes = diff::Diff(replayer.Result(), live->schema);
    ASSERT_TRUE(changes.empty()) << "after " << m.name << ", replay -> server:\n"
                                 << diff::RenderSummary(changes);
    ++compared;
  }
  EXPECT_EQ(compared, history.server_accepts > 0 ? static_cast<int>(history.server_accepts)
                                                 : static_cast<int>(dir->migrations.size()));
  EXPECT_GT(compared, 0);
}

// drift diff --format sql from any earlier state of a history to its end: run on a real
// database at that state, the SQL brings it exactly to the end state.
class GeneratedSql : public testing::TestWithParam<History> {};

std::vector<History> GeneratedSqlHistories() {
  std::vector<History> out = Histories();
  std::erase_if(out, [](const History& h) { return !h.generated_sql; });
  return out;
}

TEST_P(GeneratedSql, BringsEveryStateToTheEnd) {
  const History& history = GetParam();
  DRIFT_REQUIRE_PATH(history.dir);
  auto dir = parser::ReadMigrationsDir(history.dir.string());
  ASSERT_TRUE(dir.ok());
  // A dirty history ends where the server stops.
  if (history.server_accepts > 0) dir->migrations.resize(history.server_accepts);
  const size_t n = dir->migrations.size();
  DRIFT_REQUIRE_TEST_DATABASE(server);
  const int pg_major = server->PgMajor();
  parser::pgddl::Replayer all(pg_major);
  for (const parser::Migration& m : dir->migrations) all.ApplyFile(m.script);
  const model::Schema end = all.Result();
  // Every state for short histories, five spread-out ones for long ones.
  std::vector<size_t> states;
  for (size_t k = 0; k < n; ++k) {
    if (n <= 12 || k == 0 || k == n / 4 || k == n / 2 || k == 3 * n / 4 || k == n - 1) {
      states.push_back(k);
    }
  }
  for (size_t k : states) {
    DRIFT_REQUIRE_TEST_DATABASE(db);
    parser::pgddl::Replayer upto(pg_major);
    {
      pqxx::connection conn(db->url());
      for (size_t i = 0; i < k; ++i) {
        pqxx::nontransaction(conn).exec(dir->migrations[i].script.text);
        upto.ApplyFile(dir->migrations[i].script);
      }
    }
    model::Schema start = upto.Result();
    std::string sql = diff::RenderSql(start, end, diff::Diff(start, end));
    try {
      // Statement by statement, as `psql -f` runs a script: a new enum value cannot be
      // used in the transaction that adds it, and the views use one.
      parser::SourceFile script{"generated.sql", sql};
      std::vector<std::string> statements;
      parser::pgddl::ParseDdlStatements(
          script, [&](const parser::pgddl::Statement& st) { statements.emplace_back(st.text); },
          [&](const model::Diagnostic& d) {
            ADD_FAILURE() << "drift cannot read its own SQL: line " << d.span.line << ": "
                          << d.message;
          });
      pqxx::connection conn(db->url());  // one session, as psql runs a script
      for (const std::string& statement : statements) pqxx::nontransaction(conn).exec(statement);
    } catch (const std::exception& e) {
      FAIL() << "after " << k << " migrations the generated SQL fails: " << e.what() << "\n" << sql;
    }
    auto url = introspect::ParseDatabaseUrl(db->url());
    auto live = introspect::Describe(*url, {});
    ASSERT_TRUE(live.ok());
    diff::ChangeSet left = diff::Diff(live->schema, end);
    std::erase_if(left, [&](const diff::Difference& d) {
      return d.object == diff::ObjectKind::kView && d.changes.size() == 1 &&
             d.changes[0].property == diff::Property::kDefinition &&
             ServerReprintsDifferently(db->url(), d.changes[0].after);
    });
    ASSERT_TRUE(left.empty()) << "from state " << k << ":\n"
                              << diff::RenderSummary(left) << "\n"
                              << sql;
  }
}

// Syntax some supported majors lack: the server of this run and replay as its major
// accept or reject each script alike, with the server's message; what they accept they
// build alike.
TEST(ReplayOracleVersions, SyntaxOfNewerMajorsIsRejectedAsTheServerRejectsIt) {
  const char* scripts[] = {
      "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);",
      "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL);",
      "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2));",
      "CREATE TABLE t (a int, b text GENERATED ALWAYS AS (a::text) virtual NOT NULL);",
      "CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT);",
      "CREATE TABLE t (a int, CONSTRAINT u UNIQUE NULLS DISTINCT (a));",
      "CREATE TABLE t (a int);\nCREATE UNIQUE INDEX i ON t (a) nulls not distinct;",
      "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT u UNIQUE NULLS NOT DISTINCT (a);",
  };
  for (const char* script : scripts) {
    SCOPED_TRACE(script);
    DRIFT_REQUIRE_TEST_DATABASE(db);
    std::string server_error;
    try {
      db->Execute(script);
    } catch (const pqxx::sql_error& e) {
      server_error = e.what();
      server_error = server_error.substr(0, server_error.find('\n'));
      if (server_error.starts_with("ERROR:  ")) server_error.erase(0, 8);
    }
    parser::pgddl::Replayer replayer(db->PgMajor());
    replayer.ApplyFile({"m.sql", script});
    std::string replay_error;
    for (const model::Diagnostic& d : replayer.diagnostics()) {
      if (d.severity == model::Severity::kError && replay_error.empty()) replay_error = d.message;
    }
    if (server_error.empty()) {
      EXPECT_EQ(replay_error, "");
      auto live = introspect::Describe(*introspect::ParseDatabaseUrl(db->url()), {});
      ASSERT_TRUE(live.ok()) << live.status();
      diff::ChangeSet changes = diff::Diff(replayer.Result(), live->schema);
      EXPECT_TRUE(changes.empty()) << diff::RenderSummary(changes);
    } else {
      // The server's message, then why (the construct and the version it came with).
      EXPECT_TRUE(replay_error.starts_with(server_error + " (")) << replay_error << "\n"
                                                                 << server_error;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Histories, ReplayOracle, testing::ValuesIn(Histories()),
                         [](const auto& param_info) { return param_info.param.name; });
INSTANTIATE_TEST_SUITE_P(Histories, GeneratedSql, testing::ValuesIn(GeneratedSqlHistories()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace drift
