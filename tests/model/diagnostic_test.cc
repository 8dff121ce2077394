#include "model/diagnostic.h"

#include <gtest/gtest.h>

namespace drift::model {
namespace {

TEST(RenderDiagnostic, FileLineColumnSourceAndCaret) {
  Diagnostic d{Severity::kError,
               "pgddl.syntax",
               {"migrations/1_init/migration.sql", 3, 14},
               "expected table name",
               ""};
  EXPECT_EQ(RenderDiagnostic(d, "CREATE TABLE ;"),
            "migrations/1_init/migration.sql:3:14: error: expected table name [pgddl.syntax]\n"
            "CREATE TABLE ;\n"
            "             ^\n");
}

TEST(RenderDiagnostic, TabsKeepTheCaretAligned) {
  Diagnostic d{Severity::kWarning, "x.y", {"f.sql", 1, 3}, "odd", "try this"};
  EXPECT_EQ(RenderDiagnostic(d, "\t\tX"),
            "f.sql:1:3: warning: odd [x.y]\n"
            "\t\tX\n"
            "\t\t^\n"
            "  hint: try this\n");
}

TEST(RenderDiagnostic, WithoutAPlace) {
  Diagnostic d{Severity::kWarning, "introspect.no-usage", {}, "no USAGE privilege", ""};
  EXPECT_EQ(RenderDiagnostic(d), "warning: no USAGE privilege [introspect.no-usage]\n");
}

}  // namespace
}  // namespace drift::model
