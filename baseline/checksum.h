// File: checksum.h
//
// Prisma Migrate's migration checksum: lower-case hex SHA-256 of the migration.sql
// bytes, and the comparison Prisma uses when it checks a recorded checksum (accepting
// the script with CRLF turned into LF and LF into CRLF, and the legacy unpadded hex).
//
// Example:
//   MigrationChecksum("hello")
//     -> "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
#pragma once

#include <string>
#include <string_view>

namespace drift::baseline {

// 64 lower-case hex digits.
std::string MigrationChecksum(std::string_view script);

// True when `recorded` (a _prisma_migrations.checksum) matches `script` the way Prisma
// decides it: as-is, with "\r\n" -> "\n", or with "\n" -> "\r\n"; a non-empty checksum
// whose length is not 64 is compared against the legacy format (each byte as unpadded
// hex).
bool ChecksumMatches(std::string_view recorded, std::string_view script);

}  // namespace drift::baseline
