// Every lock and work rule of audit/effects.cc, proven on the real server of this run:
// each case's setup runs in a fresh database with rows in its tables, the statement runs
// in a transaction, and what the server did is read back before ROLLBACK — the
// strongest lock on each table from pg_locks, a rewrite from a new relfilenode, a scan
// from the transaction's scan counters. The audit's classification of the statement,
// made from the replayed state, must be exactly that.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <thread>
#include <set>
#include <string>

#include "audit/effects.h"
#include "parser/pgddl/ddl_parser.h"
#include "parser/pgddl/replay.h"
#include "testutil/test_database.h"

namespace drift::audit {
namespace {

// Three tables with rows: p (parent), t (child of p, with indexes), e (empty); a
// partitioned table m with one partition; a standalone table n that fits m's bounds.
constexpr const char* kSetup = R"sql(
CREATE TABLE p (id int PRIMARY KEY, label varchar(10));
CREATE TABLE t (id int PRIMARY KEY, p_id int, name varchar(10), qty int, note text,
                CONSTRAINT t_qty_check CHECK (qty >= 0),
                CONSTRAINT t_p_fkey FOREIGN KEY (p_id) REFERENCES p (id));
CREATE INDEX t_name_idx ON t (name);
CREATE UNIQUE INDEX t_note_key ON t (note);
CREATE TABLE e (id int, v int);
CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE n (id int, at date);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
INSERT INTO p SELECT g, 'p' || g FROM generate_series(1, 50) g;
INSERT INTO t SELECT g, 1 + g % 50, 'n' || g, g, 'note ' || g FROM generate_series(1, 200) g;
INSERT INTO m SELECT g, date '2024-01-01' + g FROM generate_series(1, 100) g;
INSERT INTO n SELECT g, date '2025-02-01' + g FROM generate_series(1, 10) g;
ANALYZE;
)sql";

struct Case {
  const char* rule;        // the rule the statement must be classified under
  const char* statement;   // run after kSetup
  const char* extra = "";  // more setup for this case only
};

const Case kCases[] = {
    {"LOCK000", "ALTER TABLE t ENABLE ROW LEVEL SECURITY"},
    {"LOCK001", "ALTER TABLE t ADD COLUMN c int"},
    {"LOCK001", "ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0"},
    {"LOCK001", "ALTER TABLE t ADD COLUMN c timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP"},
    {"LOCK002", "ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid()"},
    {"LOCK002", "ALTER TABLE t ADD COLUMN c serial"},
    {"LOCK002", "ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS IDENTITY"},
    {"LOCK002", "ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (qty * 2) STORED"},
    {"LOCK003", "ALTER TABLE e ADD COLUMN c int NOT NULL"},
    {"LOCK004", "ALTER TABLE t ADD COLUMN c int UNIQUE"},
    {"LOCK005", "ALTER TABLE t ADD COLUMN c int CHECK (c > 0)"},
    {"LOCK006", "ALTER TABLE t ADD COLUMN c int REFERENCES p (id)"},
    {"LOCK010", "ALTER TABLE t DROP COLUMN p_id"},
    {"LOCK010", "ALTER TABLE t DROP COLUMN note"},
    {"LOCK011", "DROP TABLE t"},
    {"LOCK013", "DROP INDEX t_name_idx"},
    {"LOCK014", "ALTER TABLE t DROP CONSTRAINT t_qty_check"},
    {"LOCK015", "ALTER TABLE t DROP CONSTRAINT t_p_fkey"},
    {"LOCK020", "ALTER TABLE t ALTER COLUMN qty SET NOT NULL"},
    {"LOCK020", "ALTER TABLE t ALTER COLUMN qty SET NOT NULL",
     "ALTER TABLE t ADD CONSTRAINT t_qty_nn CHECK (qty IS NOT NULL)"},
    {"LOCK021", "ALTER TABLE t ALTER COLUMN qty SET DEFAULT 1"},
    {"LOCK021", "ALTER TABLE t ALTER COLUMN name DROP NOT NULL"},
    {"LOCK022", "ALTER TABLE t ALTER COLUMN qty TYPE bigint"},
    {"LOCK022", "ALTER TABLE t ALTER COLUMN name TYPE varchar(5)"},
    {"LOCK022", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20) USING upper(name)"},
    {"LOCK023", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20) USING name"},
    {"LOCK023", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20)"},
    {"LOCK023", "ALTER TABLE t ALTER COLUMN name TYPE text"},
    {"LOCK030", "ALTER TABLE t ADD CONSTRAINT t_qty_max CHECK (qty < 1000)"},
    {"LOCK030", "ALTER TABLE t ADD CONSTRAINT t_qty_max CHECK (qty < 1000) NOT VALID"},
    {"LOCK031", "ALTER TABLE t ADD CONSTRAINT t_qty_fkey FOREIGN KEY (qty) REFERENCES p (id)",
     "UPDATE t SET qty = 1"},
    {"LOCK031",
     "ALTER TABLE t ADD CONSTRAINT t_qty_fkey FOREIGN KEY (qty) REFERENCES p (id) NOT VALID"},
    {"LOCK032", "ALTER TABLE t VALIDATE CONSTRAINT t_qty_max",
     "ALTER TABLE t ADD CONSTRAINT t_qty_max CHECK (qty < 1000) NOT VALID"},
    {"LOCK032", "ALTER TABLE t VALIDATE CONSTRAINT t_qty_fkey",
     "UPDATE t SET qty = 1; ALTER TABLE t ADD CONSTRAINT t_qty_fkey FOREIGN KEY (qty) "
     "REFERENCES p (id) NOT VALID"},
    {"LOCK033", "ALTER TABLE t ADD CONSTRAINT t_name_key UNIQUE (name)"},
    {"LOCK033", "ALTER TABLE t ADD CONSTRAINT t_note_unique UNIQUE USING INDEX t_note_key"},
    {"LOCK034", "ALTER TABLE t ADD CONSTRAINT t_name_excl EXCLUDE USING btree (name WITH =)"},
    {"LOCK040", "CREATE INDEX t_qty_idx ON t (qty)"},
    {"LOCK040", "CREATE UNIQUE INDEX t_id_qty_key ON t (id, qty)"},
    {"LOCK043", "ALTER TABLE t RENAME COLUMN note TO remark"},
    {"LOCK043", "ALTER TABLE t RENAME TO t2"},
    {"LOCK044", "ALTER INDEX t_name_idx RENAME TO t_name_index"},
    {"LOCK050",
     "CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO "
     "('2026-01-01')"},
    {"LOCK051",
     "ALTER TABLE m ATTACH PARTITION n FOR VALUES FROM ('2025-01-01') TO "
     "('2026-01-01')"},
    {"LOCK052", "ALTER TABLE m DETACH PARTITION m_2024"},
    {"LOCK053", "DROP TABLE m_2024"},
    {"LOCK060", "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()"},
    {"LOCK062", "COMMENT ON TABLE t IS 'orders'"},
    {"LOCK062", "COMMENT ON COLUMN t.note IS 'free text'"},
    {"LOCK063", "CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id))"},
};

struct Observed {
  std::map<std::string, LockMode> locks;  // relation name -> strongest lock
  std::set<std::string> rewritten, scanned;
};

// Runs `statement` in a transaction on `db`, reads back what the server did to the
// relations of `before` (by oid: a dropped table has no name any more), and rolls back.
Observed RunInTransaction(const testutil::TestDatabase& db, const model::Schema& before,
                          const std::string& statement) {
  pqxx::connection conn(db.url());
  pqxx::work txn(conn);
  std::string names;
  for (const model::Table& t : before.tables)
    names += (names.empty() ? "'" : ",'") + t.name.name + "'";
  for (const model::Index& i : before.indexes) names += ",'" + i.name.name + "'";
  struct Seen {
    std::string name, relfilenode;
    int64_t scans = 0;
  };
  std::map<std::string, Seen> by_oid;
  for (const auto& row : txn.exec(
           "SELECT c.oid::text, c.relname, c.relfilenode::text, pg_stat_get_xact_numscans(c.oid) "
           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE n.nspname = 'public' AND c.relname IN (" +
           names + ")"))
    by_oid[row[0].as<std::string>()] = {row[1].as<std::string>(), row[2].as<std::string>(),
                                        row[3].as<int64_t>()};
  txn.exec(statement);
  Observed out;
  for (const auto& [oid, seen] : by_oid) {
    pqxx::result now = txn.exec(
        "SELECT relfilenode::text, pg_stat_get_xact_numscans(oid) FROM pg_class WHERE oid = " +
        oid);
    if (now.empty()) continue;  // dropped
    if (now[0][0].as<std::string>() != seen.relfilenode) out.rewritten.insert(seen.name);
    if (now[0][1].as<int64_t>() > seen.scans) out.scanned.insert(seen.name);
  }
  for (const auto& row : txn.exec("SELECT relation::text, mode FROM pg_locks WHERE pid = "
                                  "pg_backend_pid() AND locktype = 'relation'")) {
    auto it = by_oid.find(row[0].as<std::string>());
    if (it == by_oid.end()) continue;
    std::optional<LockMode> mode = LockFromPgLocks(row[1].as<std::string>());
    EXPECT_TRUE(mode) << row[1].as<std::string>();
    LockMode& held = out.locks.try_emplace(it->second.name, LockMode::kAccessShare).first->second;
    if (mode) held = std::max(held, *mode);
  }
  txn.abort();
  return out;
}

std::string Describe(const std::map<std::string, LockMode>& locks) {
  std::string out;
  for (const auto& [name, mode] : locks) out += name + ":" + std::string(LockName(mode)) + " ";
  return out;
}

TEST(AuditLocks, EveryRuleIsWhatTheServerDoes) {
  std::set<std::string> rules_proven;
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.rule) + ": " + c.statement);
    DRIFT_REQUIRE_TEST_DATABASE(db);
    const std::string setup = std::string(kSetup) + ";\n" + c.extra + ";\n";
    db->Execute(setup);

    parser::pgddl::Replayer replayer(db->PgMajor());
    replayer.ApplyFile({"setup.sql", setup});
    ASSERT_FALSE(replayer.has_errors());
    const model::Schema before = replayer.Result();
    parser::pgddl::DdlParseResult parsed = parser::pgddl::ParseDdl({"m.sql", c.statement});
    ASSERT_EQ(parsed.statements.size(), 1u);
    const std::vector<TableEffect> effects = EffectsOf(parsed.statements[0], before);

    const Observed seen = RunInTransaction(*db, before, c.statement);
    // Every relation the audit names: the lock and the work the server showed.
    bool rule_found = false;
    for (const TableEffect& e : effects) {
      SCOPED_TRACE(e.table.name + " (" + e.rule + ": " + e.what + ")");
      rule_found |= e.rule == c.rule;
      auto held = seen.locks.find(e.table.name);
      if (held == seen.locks.end()) {
        ADD_FAILURE() << "no lock seen; the server held " << Describe(seen.locks);
        continue;
      }
      EXPECT_EQ(LockName(held->second), LockName(e.lock));
      EXPECT_EQ(seen.rewritten.contains(e.table.name), e.work == Work::kRewrite);
      EXPECT_EQ(seen.scanned.contains(e.table.name), e.work != Work::kCatalog);
    }
    EXPECT_TRUE(rule_found) << "the audit did not classify it as " << c.rule;
    // Every pre-existing table the server locked more than for reading: named by the audit.
    for (const auto& [name, mode] : seen.locks) {
      if (mode <= LockMode::kRowExclusive) continue;
      bool named = std::any_of(effects.begin(), effects.end(),
                               [&](const TableEffect& e) { return e.table.name == name; });
      bool is_table = std::any_of(before.tables.begin(), before.tables.end(),
                                  [&](const model::Table& t) { return t.name.name == name; });
      EXPECT_TRUE(named || !is_table) << name << " held " << LockName(mode) << ", not in the audit";
    }
    rules_proven.insert(c.rule);
  }
  // Every rule effects.cc can produce, except the concurrent forms (they cannot run in a
  // transaction block; ConcurrentFormsTakeShareUpdateExclusive proves them).
  for (const char* rule :
       {"LOCK000", "LOCK001", "LOCK002", "LOCK003", "LOCK004", "LOCK005", "LOCK006", "LOCK010",
        "LOCK011", "LOCK013", "LOCK014", "LOCK015", "LOCK020", "LOCK021", "LOCK022", "LOCK023",
        "LOCK030", "LOCK031", "LOCK032", "LOCK033", "LOCK034", "LOCK040", "LOCK043", "LOCK044",
        "LOCK050", "LOCK051", "LOCK052", "LOCK053", "LOCK060", "LOCK062", "LOCK063"}) {
    EXPECT_TRUE(rules_proven.contains(rule)) << rule << " has no case";
  }
}

// CONCURRENTLY cannot run in a transaction block, so these are watched from outside: a
// second session holds a transaction that reads the table, which the statement must
// wait for, and a third reads the statement's locks from pg_locks while it waits.
TEST(AuditLocks, ConcurrentFormsTakeShareUpdateExclusive) {
  for (const char* statement :
       {"CREATE INDEX CONCURRENTLY t_qty_idx ON t (qty)", "DROP INDEX CONCURRENTLY t_name_idx"}) {
    SCOPED_TRACE(statement);
    DRIFT_REQUIRE_TEST_DATABASE(db);
    db->Execute(kSetup);
    parser::pgddl::Replayer replayer(db->PgMajor());
    replayer.ApplyFile({"setup.sql", kSetup});
    const model::Schema before = replayer.Result();
    parser::pgddl::DdlParseResult parsed = parser::pgddl::ParseDdl({"m.sql", statement});
    ASSERT_EQ(parsed.statements.size(), 1u);
    const std::vector<TableEffect> effects = EffectsOf(parsed.statements[0], before);
    ASSERT_EQ(effects.size(), 1u);
    EXPECT_EQ(effects[0].table.name, "t");

    pqxx::connection reader(db->url()), runner(db->url()), watcher(db->url());
    pqxx::transaction<pqxx::repeatable_read> hold(reader);  // a snapshot CIC waits for
    hold.exec("SELECT count(*) FROM t");
    const int pid = pqxx::nontransaction(runner).exec1("SELECT pg_backend_pid()")[0].as<int>();
    std::thread run([&] { pqxx::nontransaction(runner).exec(statement); });
    std::optional<LockMode> held;
    for (int attempt = 0; attempt < 200 && !held; ++attempt) {
      pqxx::nontransaction watch(watcher);
      pqxx::result waiting = watch.exec(
          "SELECT 1 FROM pg_stat_activity WHERE pid = " + std::to_string(pid) +
          " AND wait_event_type = 'Lock'");
      if (!waiting.empty()) {
        for (const auto& row : watch.exec(
                 "SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE "
                 "l.granted AND c.relname = 't' AND l.pid = " + std::to_string(pid))) {
          std::optional<LockMode> mode = LockFromPgLocks(row[0].as<std::string>());
          if (mode && (!held || *mode > *held)) held = mode;
        }
      }
      if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    hold.commit();
    run.join();
    ASSERT_TRUE(held) << "the statement was never seen waiting with a lock on t";
    EXPECT_EQ(LockName(*held), LockName(effects[0].lock));
  }
}

}  // namespace
}  // namespace drift::audit
