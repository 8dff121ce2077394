// File: synthetic_history.h
//
// A generated migration history of any length, shaped like real ones: every fifth
// migration creates a table, the others add a column, an index, an enum with a column
// of that type, update data, and drop or rename what earlier ones made. Used to measure
// the matcher's cost as the history grows (tests/diff/match_test.cc, bench/).
//
// Example:
//   parser::MigrationsDir dir = SyntheticHistory(1000);
#pragma once

#include <fmt/format.h>

#include <string>

#include "parser/migrations.h"

namespace drift::testutil {

inline std::string SyntheticMigrationSql(int i) {
  const int t = (i / 5) * 5;  // the table of this group of five, created at i == t
  switch (i % 5) {
    case 0:
      return fmt::format(
          "-- CreateTable\nCREATE TABLE \"T{0}\" (\n    \"id\" TEXT NOT NULL,\n    \"name\" TEXT,\n"
          "    \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n"
          "    CONSTRAINT \"T{0}_pkey\" PRIMARY KEY (\"id\")\n);\n",
          t);
    case 1:
      return fmt::format(
          "-- AlterTable\nALTER TABLE \"T{0}\" ADD COLUMN     \"score\" INTEGER NOT NULL DEFAULT "
          "0;\n\n"
          "-- CreateIndex\nCREATE INDEX \"T{0}_score_idx\" ON \"T{0}\"(\"score\");\n",
          t);
    case 2:
      return fmt::format(
          "-- CreateEnum\nCREATE TYPE \"E{0}\" AS ENUM ('A', 'B');\n\n"
          "-- AlterTable\nALTER TABLE \"T{0}\" ADD COLUMN     \"kind\" \"E{0}\" NOT NULL DEFAULT "
          "'A';\n",
          t);
    case 3:
      return fmt::format(
          "UPDATE \"T{0}\" SET \"score\" = 1 WHERE \"score\" = 0;\n"
          "-- AlterTable\nALTER TABLE \"T{0}\" RENAME COLUMN \"name\" TO \"title\";\n",
          t);
    default:
      return fmt::format(
          "-- DropIndex\nDROP INDEX \"T{0}_score_idx\";\n\n"
          "-- AlterTable\nALTER TABLE \"T{0}\" DROP COLUMN \"createdAt\";\n",
          t);
  }
}

inline parser::MigrationsDir SyntheticHistory(int n) {
  parser::MigrationsDir dir;
  dir.path = "synthetic";
  for (int i = 0; i < n; ++i) {
    parser::Migration m;
    m.name = fmt::format("{:08d}_step", i + 1);
    m.script = {fmt::format("synthetic/{}/migration.sql", m.name), SyntheticMigrationSql(i)};
    m.has_script = true;
    dir.migrations.push_back(std::move(m));
  }
  return dir;
}

}  // namespace drift::testutil
