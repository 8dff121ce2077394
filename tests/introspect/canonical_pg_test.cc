// Checks the canonicalisation tables of tests/model/canonical_cases.h against a live
// PostgreSQL 15: what format_type() and pg_get_expr() really print.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "model/canonical_cases.h"
#include "model/defaults.h"
#include "model/types.h"
#include "testutil/test_database.h"

namespace drift::model {
namespace {

TEST(CanonicalFormsOnTheServer, TypesPrintAsCanonicalType) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  std::string ddl = std::string(kTypeCaseSetup) + "CREATE TABLE types (";
  int i = 0;
  for (const TypeCase& c : kTypeCases) {
    ddl += (i ? ", c" : "c") + std::to_string(i) + " " + std::string(c.written);
    ++i;
  }
  db->Execute(ddl + ");");
  pqxx::connection conn(db->url() + "?options=-c%20search_path%3Dpublic%20-c%20TimeZone%3DUTC");
  pqxx::nontransaction txn(conn);
  pqxx::result r = txn.exec(
      "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
      "WHERE attrelid = 'types'::regclass AND attnum > 0 ORDER BY attnum");
  ASSERT_EQ(r.size(), std::size(kTypeCases));
  for (size_t k = 0; k < r.size(); ++k) {
    EXPECT_EQ(r[k][0].c_str(), std::string(kTypeCases[k].canonical)) << kTypeCases[k].written;
    EXPECT_EQ(CanonicalType(kTypeCases[k].written), r[k][0].c_str()) << kTypeCases[k].written;
  }
}

TEST(CanonicalFormsOnTheServer, DefaultsPrintAsCanonicalDefault) {
  DRIFT_REQUIRE_TEST_DATABASE(db);
  std::string ddl = std::string(kTypeCaseSetup) + "CREATE TABLE defaults (";
  int i = 0;
  for (const DefaultCase& c : kDefaultCases) {
    ddl += (i ? ", c" : "c") + std::to_string(i) + " " + std::string(c.type) + " DEFAULT " +
           std::string(c.written);
    ++i;
  }
  db->Execute(ddl + ");");
  pqxx::connection conn(db->url() + "?options=-c%20search_path%3Dpublic%20-c%20TimeZone%3DUTC");
  pqxx::nontransaction txn(conn);
  pqxx::result r = txn.exec(
      "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_attrdef d "
      "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE a.attrelid = 'defaults'::regclass ORDER BY a.attnum");
  ASSERT_EQ(r.size(), std::size(kDefaultCases));
  for (size_t k = 0; k < r.size(); ++k) {
    const DefaultCase& c = kDefaultCases[k];
    EXPECT_EQ(r[k][0].c_str(), std::string(c.printed)) << "DEFAULT " << c.written;
    EXPECT_EQ(CanonicalDefault(c.written, CanonicalType(c.type)), r[k][0].c_str())
        << "DEFAULT " << c.written << " on " << c.type;
  }
}

}  // namespace
}  // namespace drift::model
