#include "audit/locks.h"

namespace drift::audit {
namespace {

struct LockNames {
  LockMode mode;
  std::string_view name, pg_locks, blocks;
};

constexpr LockNames kLocks[] = {
    {LockMode::kAccessShare, "ACCESS SHARE", "AccessShareLock", "only ACCESS EXCLUSIVE"},
    {LockMode::kRowShare, "ROW SHARE", "RowShareLock", "only EXCLUSIVE and ACCESS EXCLUSIVE"},
    {LockMode::kRowExclusive, "ROW EXCLUSIVE", "RowExclusiveLock",
     "DDL, VACUUM FULL and non-concurrent index builds"},
    {LockMode::kShareUpdateExclusive, "SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock",
     "DDL, VACUUM and ANALYZE"},
    {LockMode::kShare, "SHARE", "ShareLock", "writes"},
    {LockMode::kShareRowExclusive, "SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock", "writes"},
    {LockMode::kExclusive, "EXCLUSIVE", "ExclusiveLock", "writes and locking reads"},
    {LockMode::kAccessExclusive, "ACCESS EXCLUSIVE", "AccessExclusiveLock", "reads and writes"},
};

const LockNames& Names(LockMode mode) { return kLocks[static_cast<int>(mode)]; }

}  // namespace

std::string_view LockName(LockMode mode) { return Names(mode).name; }
std::string_view PgLocksName(LockMode mode) { return Names(mode).pg_locks; }
std::string_view LockBlocks(LockMode mode) { return Names(mode).blocks; }

std::optional<LockMode> LockFromPgLocks(std::string_view mode) {
  for (const LockNames& l : kLocks) {
    if (l.pg_locks == mode) return l.mode;
  }
  return std::nullopt;
}

}  // namespace drift::audit
