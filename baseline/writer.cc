#include "baseline/writer.h"

#include <fmt/format.h>

#include <pqxx/pqxx>
#include <set>

#include "absl/status/status.h"
#include "model/diagnostic.h"

namespace drift::baseline {

const char kLedgerTableDdl[] =
    "CREATE TABLE _prisma_migrations (\n"
    "    id                      VARCHAR(36) PRIMARY KEY NOT NULL,\n"
    "    checksum                VARCHAR(64) NOT NULL,\n"
    "    finished_at             TIMESTAMPTZ,\n"
    "    migration_name          VARCHAR(255) NOT NULL,\n"
    "    logs                    TEXT,\n"
    "    rolled_back_at          TIMESTAMPTZ,\n"
    "    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
    "    applied_steps_count     INTEGER NOT NULL DEFAULT 0\n"
    ");\n";

namespace {

constexpr int64_t kPrismaLockKey = 72707369;

}  // namespace

absl::StatusOr<WriteResult> WriteBaseline(const std::string& conninfo, const std::string& display,
                                          const std::string& schema,
                                          const std::vector<PlannedRow>& plan,
                                          const WriteOptions& options) {
  WriteResult result;
  const char* step = "connect";
  try {
    pqxx::connection conn(conninfo);
    pqxx::work txn(conn);
    step = "set the lock timeout";
    txn.exec(fmt::format("SET LOCAL lock_timeout = {}", options.lock_timeout_ms));
    step = "take Prisma's advisory lock (72707369)";
    txn.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kPrismaLockKey));
    step = "set the search path";
    txn.exec("SET LOCAL search_path = " + txn.quote_name(schema));
    step = "look for _prisma_migrations";
    bool exists = !txn.exec_params(
                          "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = "
                          "c.relnamespace WHERE n.nspname = $1 AND c.relname = "
                          "'_prisma_migrations' AND c.relkind = 'r'",
                          schema)
                       .empty();
    if (!exists) {
      step = "create _prisma_migrations";
      txn.exec(kLedgerTableDdl);
      result.created_table = true;
    }
    step = "read _prisma_migrations";
    std::set<std::string> applied;
    for (const auto& row : txn.exec("SELECT migration_name FROM _prisma_migrations "
                                    "WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")) {
      applied.insert(row[0].c_str());
    }
    step = "insert baseline rows";
    for (const PlannedRow& p : plan) {
      if (applied.contains(p.migration)) {
        result.skipped.push_back(p.migration);
        continue;
      }
      // As `prisma migrate resolve --applied`: one client time for both stamps.
      txn.exec_params(
          "INSERT INTO _prisma_migrations (id, checksum, logs, started_at, finished_at, "
          "migration_name, applied_steps_count) VALUES (gen_random_uuid()::text, $1, '', "
          "now(), now(), $2, 0)",
          p.checksum, p.migration);
      result.inserted.push_back(p.migration);
    }
    step = "commit";
    txn.commit();
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(fmt::format("{} at {}: {} (nothing was written)", step, display,
                                              model::FirstLine(e.what())));
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    std::string message = fmt::format("{} at {}: {}", step, display, model::FirstLine(e.what()));
    if (state == "55P03") {
      return absl::DeadlineExceededError(
          fmt::format("timed out after {} ms waiting for Prisma's migration lock at {} (another "
                      "`prisma migrate` or drift holds it); nothing was written",
                      options.lock_timeout_ms, display));
    }
    if (state == "42501") return absl::PermissionDeniedError(message + " (nothing was written)");
    if (state.starts_with("08") || state == "57P01") {
      return absl::UnavailableError(message + " (nothing was written)");
    }
    return absl::InternalError(message + " (nothing was written)");
  } catch (const std::exception& e) {
    return absl::UnavailableError(fmt::format("{} at {}: {} (nothing was written)", step, display,
                                              model::FirstLine(e.what())));
  }
  return result;
}

}  // namespace drift::baseline
