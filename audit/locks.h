// File: locks.h
//
// PostgreSQL's table lock modes, weakest first, with the names pg_locks prints and what
// each one blocks in words, for the audit's reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace drift::audit {

enum class LockMode : uint8_t {
  kAccessShare,
  kRowShare,
  kRowExclusive,
  kShareUpdateExclusive,
  kShare,
  kShareRowExclusive,
  kExclusive,
  kAccessExclusive,
};

// "ACCESS EXCLUSIVE", as the documentation names it.
std::string_view LockName(LockMode mode);
// "AccessExclusiveLock", as pg_locks.mode prints it; and back (nullopt if unknown).
std::string_view PgLocksName(LockMode mode);
std::optional<LockMode> LockFromPgLocks(std::string_view mode);
// What ordinary traffic it stops: "reads and writes", "writes", "DDL and VACUUM", ...
std::string_view LockBlocks(LockMode mode);

}  // namespace drift::audit
