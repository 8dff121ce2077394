#include "model/identifiers.h"

#include <algorithm>
#include <array>
#include <vector>

namespace drift::model {
namespace {

// Keywords of PostgreSQL 15 that are not unreserved (pg_get_keywords() where
// catcode <> 'U'), sorted; quote_ident() quotes each of them.
constexpr std::array<std::string_view, 151> kQuotedKeywords = {"all",
                                                               "analyse",
                                                               "analyze",
                                                               "and",
                                                               "any",
                                                               "array",
                                                               "as",
                                                               "asc",
                                                               "asymmetric",
                                                               "authorization",
                                                               "between",
                                                               "bigint",
                                                               "binary",
                                                               "bit",
                                                               "boolean",
                                                               "both",
                                                               "case",
                                                               "cast",
                                                               "char",
                                                               "character",
                                                               "check",
                                                               "coalesce",
                                                               "collate",
                                                               "collation",
                                                               "column",
                                                               "concurrently",
                                                               "constraint",
                                                               "create",
                                                               "cross",
                                                               "current_catalog",
                                                               "current_date",
                                                               "current_role",
                                                               "current_schema",
                                                               "current_time",
                                                               "current_timestamp",
                                                               "current_user",
                                                               "dec",
                                                               "decimal",
                                                               "default",
                                                               "deferrable",
                                                               "desc",
                                                               "distinct",
                                                               "do",
                                                               "else",
                                                               "end",
                                                               "except",
                                                               "exists",
                                                               "extract",
                                                               "false",
                                                               "fetch",
                                                               "float",
                                                               "for",
                                                               "foreign",
                                                               "freeze",
                                                               "from",
                                                               "full",
                                                               "grant",
                                                               "greatest",
                                                               "group",
                                                               "grouping",
                                                               "having",
                                                               "ilike",
                                                               "in",
                                                               "initially",
                                                               "inner",
                                                               "inout",
                                                               "int",
                                                               "integer",
                                                               "intersect",
                                                               "interval",
                                                               "into",
                                                               "is",
                                                               "isnull",
                                                               "join",
                                                               "lateral",
                                                               "leading",
                                                               "least",
                                                               "left",
                                                               "like",
                                                               "limit",
                                                               "localtime",
                                                               "localtimestamp",
                                                               "national",
                                                               "natural",
                                                               "nchar",
                                                               "none",
                                                               "normalize",
                                                               "not",
                                                               "notnull",
                                                               "null",
                                                               "nullif",
                                                               "numeric",
                                                               "offset",
                                                               "on",
                                                               "only",
                                                               "or",
                                                               "order",
                                                               "out",
                                                               "outer",
                                                               "overlaps",
                                                               "overlay",
                                                               "placing",
                                                               "position",
                                                               "precision",
                                                               "primary",
                                                               "real",
                                                               "references",
                                                               "returning",
                                                               "right",
                                                               "row",
                                                               "select",
                                                               "session_user",
                                                               "setof",
                                                               "similar",
                                                               "smallint",
                                                               "some",
                                                               "substring",
                                                               "symmetric",
                                                               "table",
                                                               "tablesample",
                                                               "then",
                                                               "time",
                                                               "timestamp",
                                                               "to",
                                                               "trailing",
                                                               "treat",
                                                               "trim",
                                                               "true",
                                                               "union",
                                                               "unique",
                                                               "user",
                                                               "using",
                                                               "values",
                                                               "varchar",
                                                               "variadic",
                                                               "verbose",
                                                               "when",
                                                               "where",
                                                               "window",
                                                               "with",
                                                               "xmlattributes",
                                                               "xmlconcat",
                                                               "xmlelement",
                                                               "xmlexists",
                                                               "xmlforest",
                                                               "xmlnamespaces",
                                                               "xmlparse",
                                                               "xmlpi",
                                                               "xmlroot",
                                                               "xmlserialize",
                                                               "xmltable"};

bool IsUtf8Continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string ClipToCharBoundary(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && IsUtf8Continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return std::string(text.substr(0, cut));
}

std::string TruncateIdentifier(std::string_view name) {
  return ClipToCharBoundary(name, kMaxIdentifierBytes);
}

std::string FoldIdentifier(std::string_view text, bool quoted) {
  std::string out(text);
  if (!quoted) {
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return TruncateIdentifier(out);
}

bool IsQuotedKeyword(std::string_view name) {
  return std::binary_search(kQuotedKeywords.begin(), kQuotedKeywords.end(), name);
}

std::string QuoteIdentifier(std::string_view name) {
  bool safe = !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  }
  if (safe && !IsQuotedKeyword(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string QualifiedText(const QualifiedName& name) {
  if (name.schema == "public" || name.schema.empty()) return QuoteIdentifier(name.name);
  return QuoteIdentifier(name.schema) + "." + QuoteIdentifier(name.name);
}

bool ReadQuotedIdentifier(std::string_view text, size_t* pos, std::string* out) {
  size_t i = *pos + 1;
  out->clear();
  while (i < text.size()) {
    if (text[i] == '"') {
      if (i + 1 < text.size() && text[i + 1] == '"') {
        *out += '"';
        i += 2;
        continue;
      }
      *pos = i + 1;
      return true;
    }
    *out += text[i++];
  }
  return false;
}

bool ParseQualifiedName(std::string_view text, QualifiedName* out) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (true) {
    if (i >= text.size()) return false;
    std::string part;
    if (text[i] == '"') {
      if (!ReadQuotedIdentifier(text, &i, &part)) return false;
      if (part.empty()) return false;
      parts.push_back(FoldIdentifier(part, true));
    } else {
      while (i < text.size() && text[i] != '.') part += text[i++];
      if (part.empty() || part.find('"') != std::string::npos) return false;
      parts.push_back(FoldIdentifier(part, false));
    }
    if (i == text.size()) break;
    if (text[i] != '.') return false;
    ++i;
  }
  if (parts.size() == 1) {
    *out = {"public", parts[0]};
  } else if (parts.size() == 2) {
    *out = {parts[0], parts[1]};
  } else {
    return false;
  }
  return true;
}

}  // namespace drift::model
