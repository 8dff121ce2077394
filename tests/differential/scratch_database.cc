#include "differential/scratch_database.h"

#include <pqxx/pqxx>

namespace drift::differential {

std::string ResetScratchDatabase(const std::string& database_url) {
  try {
    pqxx::connection conn(database_url);
    pqxx::nontransaction txn(conn);
    txn.exec(R"sql(
      DO $$ DECLARE s record; BEGIN
        FOR s IN SELECT nspname FROM pg_namespace
                 WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' LOOP
          EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname);
        END LOOP;
        CREATE SCHEMA public;
        COMMENT ON SCHEMA public IS 'standard public schema';
      END $$)sql");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace drift::differential
