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

TEST(RenderDiagnostic, BinaryLinesAreNotEchoedStrayBytesAreEscapedLongLinesWindowed) {
  Diagnostic d{Severity::kError, "pgddl.encoding", {"m.sql", 1, 5}, "invalid UTF-8", ""};
  EXPECT_EQ(RenderDiagnostic(d, std::string("\x7f"
                                            "ELF\x01\x02",
                                            6)),
            "m.sql:1:5: error: invalid UTF-8 [pgddl.encoding]\n");
  // A stray control character or byte that is not UTF-8 in a line of text is shown as
  // \xHH (safe on a terminal); the caret counts what is shown.
  Diagnostic stray{Severity::kError, "pgddl.encoding", {"m.sql", 1, 17}, "invalid UTF-8", ""};
  EXPECT_EQ(RenderDiagnostic(stray, "CREATE TABLE b (\xff\x01 int);"),
            "m.sql:1:17: error: invalid UTF-8 [pgddl.encoding]\n"
            "CREATE TABLE b (\\xff\\x01 int);\n"
            "                ^\n");
  // A character of several bytes takes one column.
  Diagnostic accent{Severity::kError, "x", {"m.sql", 1, 9}, "here", ""};
  EXPECT_EQ(RenderDiagnostic(accent, "\"\xc3\x89t\xc3\xa9\" X"),
            "m.sql:1:9: error: here [x]\n\"\xc3\x89t\xc3\xa9\" X\n      ^\n");
  std::string line = std::string(500, 'a') + "X" + std::string(500, 'b');
  Diagnostic far{Severity::kError, "x", {"m.sql", 1, 501}, "here", ""};
  std::string out = RenderDiagnostic(far, line);
  EXPECT_LT(out.size(), 400u);
  size_t x = out.find('X');
  size_t caret = out.find('^');
  ASSERT_NE(x, std::string::npos);
  ASSERT_NE(caret, std::string::npos);
  size_t line_start = out.find('\n') + 1;
  size_t caret_start = out.rfind('\n', caret) + 1;
  EXPECT_EQ(x - line_start, caret - caret_start);
}

TEST(RenderDiagnostic, WithoutAPlace) {
  Diagnostic d{Severity::kWarning, "introspect.no-usage", {}, "no USAGE privilege", ""};
  EXPECT_EQ(RenderDiagnostic(d), "warning: no USAGE privilege [introspect.no-usage]\n");
}

}  // namespace
}  // namespace drift::model
