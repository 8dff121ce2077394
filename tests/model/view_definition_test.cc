#include "model/view_definition.h"

#include <gtest/gtest.h>

#include <string>

#include "model/pg_version.h"

namespace drift::model {
namespace {

// One table, t (id integer, email varchar(20)), and nothing else.
std::optional<ViewRelation> OneTable(const QualifiedName& name) {
  if (name.schema != "public" || name.name != "t") return std::nullopt;
  return ViewRelation{{"public", "t"},
                      {{"id", "id", "integer"}, {"email", "email", "character varying(20)"}}};
}

std::string Deparse(const std::string& query, std::string* why) {
  std::optional<ViewDefinition> def = DeparseView(query, {}, OneTable, kNewestPgMajor, why);
  return def ? def->text : "";
}

TEST(DeparseView, PrintsAsPgGetViewdefAndNamesTheColumns) {
  std::string why;
  std::optional<ViewDefinition> def = DeparseView(
      "select id, lower(email) e from t where email in ('a', 'b') order by 1 desc limit 5", {},
      OneTable, 15, &why);
  ASSERT_TRUE(def) << why;
  EXPECT_EQ(def->text,
            "SELECT t.id,\n"
            "    lower((t.email)::text) AS e\n"
            "   FROM t\n"
            "  WHERE ((t.email)::text = ANY ((ARRAY['a'::character varying, 'b'::character "
            "varying])::text[]))\n"
            "  ORDER BY t.id DESC\n"
            " LIMIT 5");
  ASSERT_EQ(def->columns.size(), 2u);
  EXPECT_EQ(def->columns[1].name, "e");
  EXPECT_EQ(def->columns[1].type, "text");
  ASSERT_EQ(def->relations.size(), 1u);
  EXPECT_EQ(def->relations[0].name, "t");
}

// From PostgreSQL 16 on, a view's range table holds only what its FROM names, and
// ruleutils qualifies columns only when that is not exactly one relation.
TEST(DeparseView, FromSixteenOneRelationPrintsItsColumnsUnqualified) {
  const char* query = "select id, lower(email) e from t where id > 1 group by id, email order by 1";
  std::string why;
  std::optional<ViewDefinition> on15 = DeparseView(query, {}, OneTable, 15, &why);
  std::optional<ViewDefinition> on16 = DeparseView(query, {}, OneTable, 16, &why);
  std::optional<ViewDefinition> star = DeparseView("select * from t x", {}, OneTable, 18, &why);
  std::optional<ViewDefinition> join =
      DeparseView("select a.id, b.email from t a join t b on a.id = b.id", {}, OneTable, 16, &why);
  ASSERT_TRUE(on15 && on16 && star && join) << why;
  EXPECT_EQ(on15->text,
            "SELECT t.id,\n    lower((t.email)::text) AS e\n   FROM t\n  WHERE (t.id > 1)\n"
            "  GROUP BY t.id, t.email\n  ORDER BY t.id");
  EXPECT_EQ(on16->text,
            "SELECT id,\n    lower((email)::text) AS e\n   FROM t\n  WHERE (id > 1)\n"
            "  GROUP BY id, email\n  ORDER BY id");
  EXPECT_EQ(star->text, "SELECT id,\n    email\n   FROM t x");
  EXPECT_EQ(join->text,
            "SELECT a.id,\n    b.email\n   FROM (t a\n     JOIN t b ON ((a.id = b.id)))");
}

TEST(DeparseView, MalformedOrUnknownQueriesSayWhyAndNeverThrow) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "the query does not start with SELECT"},
      {"select", "an empty SELECT list"},
      {"select id from", "an empty clause"},
      {"select id from t where", "an empty clause"},
      {"select id from t group by 99999999999999999999999", "a GROUP BY item"},
      {"select id from t order by 0", "an ORDER BY item"},
      {"select id from missing", "relation \"missing\" does not exist"},
      {"select id from t union select id from t", "UNION in a view query"},
      {"select nope from t", "an output expression"},
      {"select id from t join t u using (id)", "JOIN … USING"},
      {"select id from (select id from t) s", "a subquery or parenthesised join in FROM"},
      {"select id from t where id = user", "the WHERE condition"},
      {"select 'unterminated from t", "a token the view deparser does not know"},
  };
  for (const auto& [query, reason] : cases) {
    std::string why;
    EXPECT_EQ(Deparse(query, &why), "") << query;
    EXPECT_EQ(why, reason) << query;
  }
}

TEST(DeparseView, DeepNestingIsRefusedNotRecursedInto) {
  std::string deep =
      "select " + std::string(10000, '(') + "id" + std::string(10000, ')') + " from t";
  std::string why;
  EXPECT_EQ(Deparse(deep, &why), "");
  EXPECT_EQ(why, "an output expression");
}

}  // namespace
}  // namespace drift::model
