#include "diff/diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "diff/render.h"
#include "model/normalize.h"

namespace drift::diff {
namespace {

using testing::ElementsAre;
using testing::Field;

model::Schema Base() {
  model::Schema s = model::EmptyDatabase();
  s.enums = {{{"public", "Role"}, {"USER", "ADMIN"}, {}}};
  model::Table t;
  t.name = {"public", "User"};
  t.columns = {{.name = "id", .position = 1, .type = "integer", .not_null = true},
               {.name = "email", .position = 2, .type = "text", .not_null = true}};
  t.constraints = {
      {.name = "User_pkey", .kind = model::ConstraintKind::kPrimaryKey, .columns = {"id"}}};
  s.tables = {t};
  s.indexes = {{.name = {"public", "User_email_key"},
                .table = "User",
                .unique = true,
                .keys = {{.expression = "email"}}}};
  model::Normalize(s);
  return s;
}

TEST(Diff, SameModelHasNoDifference) {
  EXPECT_TRUE(Diff(Base(), Base()).empty());
  EXPECT_EQ(RenderSummary({}), "No difference detected.\n");
  EXPECT_EQ(nlohmann::json::parse(RenderJson({}))["equal"], true);
}

TEST(Diff, ReportsEachKindOfChange) {
  model::Schema after = Base();
  after.enums[0].labels.push_back("OWNER");
  after.tables[0].columns[1].type = "character varying(255)";
  after.tables[0].columns.push_back({.name = "name", .position = 3, .type = "text"});
  after.indexes.clear();
  model::Table team;
  team.name = {"public", "Team"};
  after.tables.push_back(team);
  model::Normalize(after);

  ChangeSet changes = Diff(Base(), after);
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_THAT(changes, ElementsAre(Field(&Difference::path, "public.Role"),
                                   Field(&Difference::path, "public.Team"),
                                   Field(&Difference::path, "public.User.email"),
                                   Field(&Difference::path, "public.User.name"),
                                   Field(&Difference::path, "public.User_email_key")));
  EXPECT_EQ(changes[0].kind, DiffKind::kChanged);
  EXPECT_EQ(changes[0].changes[0].property, Property::kLabels);
  EXPECT_EQ(changes[1].kind, DiffKind::kAdded);
  EXPECT_EQ(changes[2].changes[0].before, "text");
  EXPECT_EQ(changes[2].changes[0].after, "character varying(255)");
  EXPECT_EQ(changes[3].kind, DiffKind::kAdded);
  EXPECT_EQ(changes[4].kind, DiffKind::kRemoved);
  EXPECT_EQ(changes[4].definition,
            "CREATE UNIQUE INDEX \"User_email_key\" ON public.\"User\" USING btree (email)");
}

TEST(Diff, ColumnOrderIsNotADifference) {
  model::Schema after = Base();
  std::swap(after.tables[0].columns[0].position, after.tables[0].columns[1].position);
  model::Normalize(after);
  EXPECT_TRUE(Diff(Base(), after).empty());
}

TEST(Diff, RemovedTableIsOneDifferenceWithItsIndexesAlongside) {
  model::Schema after = model::EmptyDatabase();
  after.enums = Base().enums;
  ChangeSet changes = Diff(Base(), after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].object, ObjectKind::kTable);
  EXPECT_EQ(changes[1].object, ObjectKind::kIndex);
  EXPECT_EQ(RenderSummary(changes),
            "[-] Removed tables\n"
            "  - public.User, with index `User_email_key`\n");
}

TEST(Diff, SchemasLimitTheComparison) {
  model::Schema after = Base();
  model::Table other;
  other.name = {"audit", "log"};
  after.tables.push_back(other);
  after.namespaces.push_back({"audit", {}});
  model::Normalize(after);
  EXPECT_EQ(Diff(Base(), after).size(), 2u);
  EXPECT_TRUE(Diff(Base(), after, {.schemas = {"public"}}).empty());
}

TEST(Diff, OlderManyToManyShapeIsOneReportedDifference) {
  auto join_table = [](bool prisma6) {
    model::Schema s = model::EmptyDatabase();
    model::Table t;
    t.name = {"public", "_PostToTag"};
    t.columns = {{.name = "A", .position = 1, .type = "integer", .not_null = true},
                 {.name = "B", .position = 2, .type = "integer", .not_null = true}};
    if (prisma6) {
      t.constraints = {{.name = "_PostToTag_AB_pkey",
                        .kind = model::ConstraintKind::kPrimaryKey,
                        .columns = {"A", "B"}}};
    } else {
      s.indexes.push_back({.name = {"public", "_PostToTag_AB_unique"},
                           .table = "_PostToTag",
                           .unique = true,
                           .keys = {{.expression = "\"A\""}, {.expression = "\"B\""}}});
    }
    s.tables = {t};
    model::Normalize(s);
    return s;
  };
  ChangeSet changes = Diff(join_table(false), join_table(true));
  ASSERT_EQ(changes.size(), 1u) << RenderSummary(changes);
  EXPECT_EQ(changes[0].object, ObjectKind::kTable);
  EXPECT_EQ(changes[0].changes[0].property, Property::kManyToManyShape);
  EXPECT_EQ(changes[0].changes[0].before,
            "unique index _PostToTag_AB_unique (Prisma 5 many-to-many)");
  EXPECT_EQ(changes[0].changes[0].after, "primary key _PostToTag_AB_pkey (Prisma 6 many-to-many)");
}

TEST(RenderSql, SaysFirstWhichStepsCanLoseData) {
  model::Schema from = Base();
  model::Schema to = Base();
  to.enums[0].labels = {"USER"};              // ADMIN goes: the type is rebuilt
  to.tables[0].columns.pop_back();            // email goes
  to.tables[0].columns[0].type = "smallint";  // id shrinks
  to.indexes.clear();
  std::string sql = RenderSql(from, to, Diff(from, to));
  EXPECT_THAT(sql, testing::StartsWith(
                       "/*\n"
                       "  Steps that can lose data or fail on existing rows:\n"
                       "  - removes 'ADMIN' from enum \"Role\": fails while a row still holds one "
                       "of them\n"));
  EXPECT_THAT(sql, testing::HasSubstr("  - drops column \"User\".email and its values\n"));
  EXPECT_THAT(sql, testing::HasSubstr("  - converts \"User\".id from integer to smallint: "
                                      "existing values may be rounded, cut or refused\n*/\n"));
  // Adding things loses nothing: no such header.
  EXPECT_THAT(RenderSql(to, from, Diff(to, from)), testing::Not(testing::HasSubstr("/*")));
}

TEST(RenderJson, HasTheDocumentedFields) {
  model::Schema after = Base();
  after.tables[0].columns[1].not_null = false;
  auto j = nlohmann::json::parse(RenderJson(Diff(Base(), after)));
  EXPECT_EQ(j["equal"], false);
  ASSERT_EQ(j["differences"].size(), 1u);
  const auto& d = j["differences"][0];
  EXPECT_EQ(d["kind"], "changed");
  EXPECT_EQ(d["object"], "column");
  EXPECT_EQ(d["path"], "public.User.email");
  EXPECT_EQ(d["before"]["not_null"], "NOT NULL");
  EXPECT_EQ(d["after"]["not_null"], "NULL");
}

}  // namespace
}  // namespace drift::diff
