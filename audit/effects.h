// File: effects.h
//
// What one migration statement does to the tables that exist before it, as PostgreSQL
// does it: the strongest lock it takes on each, and the work it does while holding it
// (the catalog only, a scan, a rewrite, an index build, a foreign-key check, rows
// written). Each effect names its rule (LOCK001, ...; see docs/audit.md) and the safer
// way to reach the same schema. tests/audit/locks_pg_test.cc proves every rule on a real
// server: the lock from pg_locks, a rewrite from relfilenode, a scan from pg_stat.
//
// Example:
//   for (const TableEffect& e : EffectsOf(statement, replayer.schema())) ...
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/locks.h"
#include "model/schema.h"
#include "parser/pgddl/statement.h"

namespace drift::audit {

// Ordered by cost: a statement doing several things to a table is graded by the worst.
enum class Work : uint8_t { kCatalog, kScan, kForeignKeyCheck, kIndexBuild, kRewrite, kRowWrites };

// "catalog only", "scans the table", ...
std::string_view WorkName(Work work);

struct TableEffect {
  model::QualifiedName table;  // a table, or an index (ALTER INDEX … RENAME locks the index)
  LockMode lock = LockMode::kAccessShare;
  Work work = Work::kCatalog;
  std::string rule;   // "LOCK002"
  std::string what;   // what the statement does, in words
  std::string safer;  // a safer way to the same schema; "" when there is none to offer
};

// The effects of `statement` on relations of `before` (the state it runs against);
// tables it creates are not listed. One effect per relation: the strongest lock and the
// worst work of all the statement's clauses, with the rule of the worst.
std::vector<TableEffect> EffectsOf(const parser::pgddl::Statement& statement,
                                   const model::Schema& before);

// The table `name` of `schema`, or null.
const model::Table* FindTable(const model::Schema& schema, const model::QualifiedName& name);

// True for function calls whose value differs per row (gen_random_uuid(), random(),
// clock_timestamp(), nextval(), ...): as a column's default they rewrite the table.
bool IsVolatileDefault(std::string_view expression);

}  // namespace drift::audit
