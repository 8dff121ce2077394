// Introspection against a real PostgreSQL 15 (ctest label "pg").
#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "introspect/describe.h"
#include "model/definitions.h"
#include "model/render.h"
#include "testutil/test_database.h"

namespace drift::introspect {
namespace {

namespace fs = std::filesystem;

Catalog DescribeOrDie(const std::string& url_text, std::vector<std::string> schemas = {}) {
  auto url = ParseDatabaseUrl(url_text);
  EXPECT_TRUE(url.ok()) << url.status();
  auto catalog = Describe(*url, {.schemas = std::move(schemas)});
  EXPECT_TRUE(catalog.ok()) << catalog.status();
  return catalog.ok() ? *std::move(catalog) : Catalog{};
}

class IntrospectGolden : public testing::TestWithParam<std::string> {};

// fixtures/introspect/<case>/setup.sql run into a fresh database; the model's text
// rendering must equal model.golden.
// A case with a min_server_version file (server_version_num) uses syntax older servers
// lack: there the server must refuse its setup.sql, and nothing is compared.
TEST_P(IntrospectGolden, ModelMatchesGolden) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "introspect" / GetParam();
  if (fs::exists(dir / "min_server_version")) {
    int needed = std::stoi(testutil::ReadFileOrDie(dir / "min_server_version"));
    if (db->ServerVersionNum() < needed) {
      EXPECT_ANY_THROW(db->Execute(testutil::ReadFileOrDie(dir / "setup.sql")))
          << "server " << db->ServerVersionNum() << " accepts syntax of " << needed;
      return;
    }
  }
  db->Execute(testutil::ReadFileOrDie(dir / "setup.sql"));
  Catalog catalog = DescribeOrDie(db->url());
  // Extension versions come with the server (btree_gist is 1.6 on 14, 1.7 on 15) and are
  // never compared: the golden holds the model of every supported server.
  for (model::Extension& e : catalog.schema.extensions) e.version = "*";
  std::string failure = testutil::CompareWithGolden(
      model::DumpText(catalog.schema), testutil::VersionedGolden(dir, "model", db->PgMajor()));
  EXPECT_EQ(failure, "");
}

INSTANTIATE_TEST_SUITE_P(Fixtures, IntrospectGolden,
                         testing::ValuesIn(testutil::ListFixtureCases("introspect", "setup.sql")),
                         [](const auto& param_info) { return param_info.param; });

// The model renders constraint, index and trigger definitions itself; they must be
// exactly what PostgreSQL's own pg_get_*def functions print.
TEST(Introspect, DefinitionsAreWhatPostgresPrints) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "introspect" / "every_kind";
  db->Execute(testutil::ReadFileOrDie(dir / "setup.sql"));
  Catalog catalog = DescribeOrDie(db->url());

  pqxx::connection conn(db->url() + "?options=-c%20search_path%3Dpublic%20-c%20TimeZone%3DUTC");
  pqxx::nontransaction txn(conn);
  std::map<std::string, std::string> pg;
  for (const auto& row :
       txn.exec("SELECT 'index ' || c.relname, pg_get_indexdef(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I') "
                "AND n.nspname IN ('public', 'billing') "
                "UNION ALL SELECT 'constraint ' || conname, pg_get_constraintdef(oid) FROM "
                "pg_constraint "
                "WHERE connamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('public', "
                "'billing')) "
                "UNION ALL SELECT 'trigger ' || tgname, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE NOT tgisinternal")) {
    pg[row[0].c_str()] = row[1].c_str();
  }
  int checked = 0;
  for (const model::Index& index : catalog.schema.indexes) {
    EXPECT_EQ(model::IndexDefinition(index), pg["index " + index.name.name]);
    ++checked;
  }
  for (const model::Table& table : catalog.schema.tables) {
    for (const model::Constraint& c : table.constraints) {
      EXPECT_EQ(model::ConstraintDefinition(c, table.name.schema), pg["constraint " + c.name]);
      ++checked;
    }
  }
  for (const model::Trigger& t : catalog.schema.triggers) {
    EXPECT_EQ(model::TriggerDefinition(t), pg["trigger " + t.name]);
    ++checked;
  }
  EXPECT_GE(checked, 25);
}

// A fixed number of round trips, whatever the size of the schema.
TEST(Introspect, RoundTripsDoNotGrowWithTheSchema) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  auto url = ParseDatabaseUrl(db->url());
  ASSERT_TRUE(url.ok());
  auto empty = Describe(*url, {});
  ASSERT_TRUE(empty.ok()) << empty.status();

  std::string ddl;
  for (int i = 0; i < 200; ++i) {
    ddl += "CREATE TABLE t" + std::to_string(i) + " (id serial PRIMARY KEY, ref int REFERENCES t" +
           std::to_string(i == 0 ? 0 : i - 1) + "(id), v text DEFAULT 'x');";
    ddl += "CREATE INDEX t" + std::to_string(i) + "_v_idx ON t" + std::to_string(i) + "(v);";
  }
  ddl +=
      "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT "
      "NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, "
      "rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), "
      "applied_steps_count integer NOT NULL DEFAULT 0);";
  db->Execute(ddl);
  auto big = Describe(*url, {});
  ASSERT_TRUE(big.ok()) << big.status();
  EXPECT_EQ(big->schema.tables.size(), 200u);
  EXPECT_EQ(big->schema.indexes.size(), 200u);
  // BEGIN, nine catalog queries, COMMIT; the ledger adds one when it exists.
  EXPECT_EQ(empty->round_trips, 11);
  EXPECT_EQ(big->round_trips, 12);
  EXPECT_LE(big->round_trips, 12);
}

TEST(Introspect, ReadsTheLedgerInStartedAtOrder) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "introspect" / "every_kind";
  db->Execute(testutil::ReadFileOrDie(dir / "setup.sql"));
  Catalog catalog = DescribeOrDie(db->url());
  ASSERT_TRUE(catalog.ledger.present);
  EXPECT_EQ(catalog.ledger.schema, "public");
  ASSERT_EQ(catalog.ledger.rows.size(), 2u);
  const model::LedgerRow& first = catalog.ledger.rows[0];
  EXPECT_EQ(first.migration_name, "20250401000000_init");
  EXPECT_EQ(first.started_at, "2025-04-05T10:00:00.000000Z");
  EXPECT_EQ(first.finished_at, "2025-04-05T10:00:01.000000Z");
  EXPECT_EQ(first.applied_steps_count, 1);
  const model::LedgerRow& second = catalog.ledger.rows[1];
  EXPECT_EQ(second.finished_at, std::nullopt);
  EXPECT_EQ(second.logs, "ERROR: relation exists");
  for (const model::Table& t : catalog.schema.tables) EXPECT_NE(t.name.name, "_prisma_migrations");
}

TEST(Introspect, SizesAreReadOnlyWhenAskedFor) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  db->Execute(
      "CREATE TABLE t (id int PRIMARY KEY, v text); "
      "INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g; "
      "ANALYZE t; CREATE VIEW v AS SELECT 1 AS one;");
  auto url = ParseDatabaseUrl(db->url());
  ASSERT_TRUE(url.ok());
  auto without = Describe(*url, {});
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(without->sizes.empty());
  auto with = Describe(*url, {.read_sizes = true});
  ASSERT_TRUE(with.ok());
  ASSERT_EQ(with->sizes.size(), 1u);  // tables and materialized views only
  EXPECT_EQ(with->sizes[0].table, (model::QualifiedName{"public", "t"}));
  EXPECT_EQ(with->sizes[0].row_estimate, 2000);
  EXPECT_GT(with->sizes[0].total_bytes, 200000);
  EXPECT_EQ(with->round_trips, without->round_trips);
}

TEST(Introspect, SchemasNarrowWhatIsRead) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  fs::path dir = fs::path(DRIFT_FIXTURES_DIR) / "introspect" / "every_kind";
  db->Execute(testutil::ReadFileOrDie(dir / "setup.sql"));
  Catalog billing = DescribeOrDie(db->url(), {"billing"});
  ASSERT_EQ(billing.schema.namespaces.size(), 1u);
  EXPECT_EQ(billing.schema.namespaces[0].name, "billing");
  for (const model::Table& t : billing.schema.tables) EXPECT_EQ(t.name.schema, "billing");
  ASSERT_EQ(billing.schema.tables.size(), 1u);
  // The foreign key to public."User" still names its columns, though public is not read.
  bool found = false;
  for (const model::Constraint& c : billing.schema.tables[0].constraints) {
    if (c.kind != model::ConstraintKind::kForeignKey) continue;
    found = true;
    EXPECT_EQ(c.ref_table, (model::QualifiedName{"public", "User"}));
    EXPECT_EQ(c.ref_columns, std::vector<std::string>{"id"});
    EXPECT_EQ(c.columns, std::vector<std::string>{"user_id"});
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(billing.schema.functions.size(), 2u);
  EXPECT_FALSE(billing.ledger.present);  // the ledger lives in public
}

TEST(Introspect, HugeIdentifiersAndCommentsAreReadWhole) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  std::string long_name(10000, 'n');  // PostgreSQL keeps 63 bytes of it
  std::string long_comment(10000, 'c');
  db->Execute("CREATE TABLE \"" + long_name + "\" (\"" + long_name + "\" int);" +
              "COMMENT ON TABLE \"" + long_name.substr(0, 63) + "\" IS '" + long_comment + "';");
  Catalog catalog = DescribeOrDie(db->url());
  ASSERT_EQ(catalog.schema.tables.size(), 1u);
  EXPECT_EQ(catalog.schema.tables[0].name.name, std::string(63, 'n'));
  EXPECT_EQ(catalog.schema.tables[0].columns[0].name, std::string(63, 'n'));
  EXPECT_EQ(catalog.schema.tables[0].comment, long_comment);
}

TEST(Introspect, RoleWithoutUsageReadsWhatIsVisibleAndWarns) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  db->Execute(
      "CREATE SCHEMA hidden; CREATE TABLE hidden.t (id int); CREATE TABLE open_t (id int);"
      "DROP ROLE IF EXISTS " +
      db->name() +
      "_reader;"
      "CREATE ROLE " +
      db->name() +
      "_reader LOGIN PASSWORD 'pw';"
      "REVOKE ALL ON SCHEMA hidden FROM PUBLIC;");
  auto parsed = ParseDatabaseUrl(db->UrlAs(db->name() + "_reader", "pw"));
  ASSERT_TRUE(parsed.ok());
  auto catalog = Describe(*parsed, {});
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  ASSERT_FALSE(catalog->warnings.empty());
  EXPECT_EQ(catalog->warnings[0].code, "introspect.no-usage");
  EXPECT_NE(catalog->warnings[0].message.find("hidden"), std::string::npos);
  db->Execute("DROP OWNED BY " + db->name() + "_reader; DROP ROLE " + db->name() + "_reader;");
}

TEST(Introspect, FailuresNameTheServerNeverThePassword) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  const std::string server =
      "postgresql://" + db->server_url().substr(db->server_url().find("://") + 3);
  auto expect_unavailable = [](const std::string& url_text, const std::string& named,
                               const std::string& secret) {
    auto url = ParseDatabaseUrl(url_text);
    ASSERT_TRUE(url.ok()) << url.status();
    auto result = Describe(*url, {});
    ASSERT_FALSE(result.ok()) << url_text;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
    std::string message(result.status().message());
    EXPECT_NE(message.find(named), std::string::npos) << message;
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  };
  // A database that does not exist.
  expect_unavailable(db->UrlAs("postgres", "irrelevant-secret") + "_missing",
                     db->HostPort() + "/" + db->name() + "_missing", "irrelevant-secret");
  // A wrong password (the throwaway server asks TCP logins for scram-sha-256).
  expect_unavailable(db->UrlAs("postgres", "wrong-secret-42"), db->HostPort() + "/" + db->name(),
                     "wrong-secret-42");
  // A role that does not exist.
  expect_unavailable(db->UrlAs("nobody_here", "topsecret"), db->HostPort(), "topsecret");
  // No server at all.
  expect_unavailable("postgresql://u:topsecret@127.0.0.1:1/db", "127.0.0.1:1/db", "topsecret");
}

}  // namespace
}  // namespace drift::introspect
