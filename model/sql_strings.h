// File: sql_strings.h
//
// The bodies of SQL string literals as the server reads them, for the lexer and for the
// canonical form of defaults alike.
//
// Example:
//   UnescapeEString(R"(it\'s\n)")   -> "it's" + newline   (the body of E'it\'s\n')
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drift::model {

// Appends code point `cp` in UTF-8.
void AppendUtf8(std::string& out, uint32_t cp);

// The value of the body of an escape string E'…': backslash escapes (\n \t \r \b \f,
// \xHH, octal, \uXXXX, \UXXXXXXXX, and \c for any other c) and doubled quotes resolved.
std::string UnescapeEString(std::string_view body);

}  // namespace drift::model
