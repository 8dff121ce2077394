// File: identifiers.h
//
// PostgreSQL's rules for names: unquoted identifiers fold to lower case, every name is
// cut to 63 bytes (NAMEDATALEN - 1) at a UTF-8 character boundary, and names are quoted
// on output exactly when quote_ident() would quote them.
//
// Example:
//   FoldIdentifier("UserTable", /*quoted=*/false)  -> "usertable"
//   QuoteIdentifier("User")                         -> "\"User\""
//   QuoteIdentifier("user_id")                      -> "user_id"
#pragma once

#include <string>
#include <string_view>

#include "model/schema.h"

namespace drift::model {

// The longest identifier PostgreSQL keeps, in bytes.
inline constexpr size_t kMaxIdentifierBytes = 63;

// The longest prefix of `text` of at most `max_bytes` bytes that ends on a UTF-8
// character boundary.
std::string ClipToCharBoundary(std::string_view text, size_t max_bytes);

// Cuts `name` to at most kMaxIdentifierBytes bytes without splitting a UTF-8 sequence.
std::string TruncateIdentifier(std::string_view name);

// The name PostgreSQL stores for an identifier as written: unquoted identifiers have
// their ASCII letters lower-cased; both kinds are truncated. `text` excludes the quotes
// and has `""` already unescaped.
std::string FoldIdentifier(std::string_view text, bool quoted);

// True when `name` is a keyword that quote_ident() must quote (any keyword that is not
// unreserved).
bool IsQuotedKeyword(std::string_view name);

// `name` as quote_ident() prints it: bare when it is a lower-case identifier that is not
// a keyword, otherwise in double quotes with `"` doubled.
std::string QuoteIdentifier(std::string_view name);

// "schema.name", each part quoted as needed; the schema is left out when it is `public`
// (the search_path every canonical text assumes).
std::string QualifiedText(const QualifiedName& name);

// Reads the double-quoted identifier that starts at text[*pos] (which must be '"'),
// undoubling `""`, and moves *pos past the closing quote. False when unterminated.
bool ReadQuotedIdentifier(std::string_view text, size_t* pos, std::string* out);

// Splits `text` (e.g. `public."User"`, `"my schema".t`, `users`) into a folded
// QualifiedName; a missing schema is `public`. Returns false on a malformed name.
bool ParseQualifiedName(std::string_view text, QualifiedName* out);

}  // namespace drift::model
