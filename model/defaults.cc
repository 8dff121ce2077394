#include "model/defaults.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <vector>

#include "absl/strings/ascii.h"
#include "model/expressions.h"
#include "model/identifiers.h"
#include "model/jsonb_text.h"
#include "model/sql_strings.h"
#include "model/string_hash.h"
#include "model/types.h"

namespace drift::model {

std::optional<std::string> NumericText(std::string_view s) {
  std::string digits;
  int frac = 0;
  bool seen_dot = false, any = false;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      any = true;
      if (seen_dot) ++frac;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      break;
    }
  }
  if (!any) return std::nullopt;
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i >= s.size() || i + 6 < s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
      exp = exp * 10 + (s[i] - '0');
    }
    if (neg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  long scale = frac - exp;  // digits after the point, may be negative
  if (scale < 0) {
    digits.append(static_cast<size_t>(-scale), '0');
    scale = 0;
  }
  while (static_cast<long>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
  std::string int_part = digits.substr(0, digits.size() - static_cast<size_t>(scale));
  std::string frac_part = digits.substr(digits.size() - static_cast<size_t>(scale));
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  return frac_part.empty() ? int_part : int_part + "." + frac_part;
}

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Length of the '...' literal starting at s[0] (with '' escapes), or 0 if unterminated.
size_t StringLiteralLength(std::string_view s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i + 1;
    }
  }
  return 0;
}

// Whitespace collapsed to one space outside string literals and quoted names.
std::string CollapseOutsideLiterals(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < s.size() && !(s[j] == c && (j + 1 >= s.size() || s[j + 1] != c))) {
        j += (s[j] == c) ? 2 : 1;
      }
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out.append(s.substr(i, std::min(j + 1, s.size()) - i));
      i = j;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = true;
    } else {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

// Strips parentheses that enclose the whole expression: "(now())" -> "now()".
std::string StripOuterParens(std::string s) {
  while (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    int depth = 0;
    bool encloses = true;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\'') {
        size_t n = StringLiteralLength(std::string_view(s).substr(i));
        if (n == 0) return s;
        i += n - 1;
        continue;
      }
      if (s[i] == '(') ++depth;
      if (s[i] == ')' && --depth == 0 && i + 1 != s.size()) {
        encloses = false;
        break;
      }
    }
    if (!encloses) break;
    s = Trim(std::string_view(s).substr(1, s.size() - 2));
  }
  return s;
}

// The type a bare string literal takes when coerced to the column: varchar and char
// lose their length (the cast to length is a separate function, not shown).
std::string LiteralTypeFor(std::string_view column_type) {
  std::string t(column_type);
  bool array = t.ends_with("[]");
  if (array) t.resize(t.size() - 2);
  if (t.starts_with("character varying(")) t = "character varying";
  if (t.starts_with("character(")) t = "bpchar";
  if (t.starts_with("bit(")) t = "\"bit\"";
  if (t.starts_with("bit varying(")) t = "bit varying";
  return array ? t + "[]" : t;
}

// format_type() of a type without its modifier: "character(3)" -> "bpchar",
// "bit(1)" -> "\"bit\"", "timestamp(3) without time zone" -> "timestamp without time zone".
std::string TypeWithoutModifier(const std::string& t) {
  size_t open = t.find('(');
  if (open == std::string::npos) return t;
  size_t close = t.find(')', open);
  std::string bare = t.substr(0, open) + (close == std::string::npos ? "" : t.substr(close + 1));
  if (bare == "character") return "bpchar";
  if (bare == "bit") return "\"bit\"";
  return bare;
}

// `value` as a standard string literal: quotes doubled, nothing else escaped.
std::string QuoteLiteral(std::string_view value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

int HexDigit(char h) {
  if (std::isdigit(static_cast<unsigned char>(h))) return h - '0';
  if (std::isxdigit(static_cast<unsigned char>(h))) return std::tolower(h) - 'a' + 10;
  return -1;
}

// A string literal of type jsonb as the server stores and prints it; other types as is.
std::string JsonbLiteral(const std::string& literal, std::string_view type) {
  if (type != "jsonb" || literal.size() < 2) return literal;
  std::string text;
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    text += literal[i];
    if (literal[i] == '\'') ++i;  // '' inside the literal
  }
  std::optional<std::string> printed = JsonbText(text);
  return printed ? QuoteLiteral(*printed) : literal;
}

bool IsIntegerType(std::string_view t) {
  return t == "integer" || t == "bigint" || t == "smallint";
}

// days_from_civil / civil_from_days (proleptic Gregorian), for moving a timestamp by its
// UTC offset across day, month and year boundaries.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

// A date/time string literal default on a date or timestamp column, as PostgreSQL stores
// and prints it: timestamps without time zone drop the offset, timestamps with time zone
// are shown in UTC (drift reads catalogs with TimeZone = UTC), dates keep the date.
// Accepts "YYYY-MM-DD[( |T)HH:MM:SS[.fff]][ ][Z|±HH[:MM]]"; nullopt for anything else.
std::optional<std::string> CanonicalDateTime(std::string_view v, std::string_view type) {
  auto digits = [&](size_t at, size_t n) -> int {
    if (at + n > v.size()) return -1;
    int x = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(v[i]))) return -1;
      x = x * 10 + (v[i] - '0');
    }
    return x;
  };
  int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || v[4] != '-' || v[7] != '-') {
    return std::nullopt;
  }
  int hour = 0, minute = 0, second = 0;
  std::string fraction;
  size_t i = 10;
  if (i < v.size() && (v[i] == ' ' || v[i] == 'T')) {
    hour = digits(i + 1, 2);
    minute = digits(i + 4, 2);
    if (hour < 0 || minute < 0 || v[i + 3] != ':') return std::nullopt;
    if (i + 6 < v.size() && v[i + 6] == ':') {  // seconds are optional: '12:30'
      second = digits(i + 7, 2);
      if (second < 0) return std::nullopt;
      i += 9;
    } else {
      i += 6;
    }
    if (i < v.size() && v[i] == '.') {
      ++i;
      while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) fraction += v[i++];
      while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
  }
  while (i < v.size() && v[i] == ' ') ++i;
  int offset_minutes = 0;
  if (i < v.size()) {
    if (v[i] == 'Z' || v[i] == 'z') {
      ++i;
    } else if (v[i] == '+' || v[i] == '-') {
      int sign = v[i] == '-' ? -1 : 1;
      int oh = digits(i + 1, 2);
      if (oh < 0) return std::nullopt;
      i += 3;
      int om = 0;
      if (i < v.size() && v[i] == ':') {
        om = digits(i + 1, 2);
        if (om < 0) return std::nullopt;
        i += 3;
      }
      offset_minutes = sign * (oh * 60 + om);
    }
  }
  if (i != v.size()) return std::nullopt;
  std::string t(type);
  if (t == "date") return fmt::format("'{:04}-{:02}-{:02}'::date", year, month, day);
  bool with_zone = t.find("with time zone") != std::string::npos;
  if (with_zone) {
    int64_t minutes =
        DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 1440 +
        hour * 60 + minute - offset_minutes;
    int64_t days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    int64_t rest = minutes - days * 1440;
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    return fmt::format("'{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}+00'::timestamp with time zone", y, m,
                       d, rest / 60, rest % 60, second, fraction.empty() ? "" : "." + fraction);
  }
  return fmt::format("'{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}'::timestamp without time zone", year,
                     month, day, hour, minute, second, fraction.empty() ? "" : "." + fraction);
}

// A numeric literal (with optional sign) as the parser types it and ruleutils prints it.
std::optional<std::string> CanonicalNumber(std::string_view text) {
  bool negative = false;
  std::string unsigned_text;  // owns the text after a sign (Trim returns a new string)
  std::string_view body = text;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    unsigned_text = Trim(body.substr(1));
    body = unsigned_text;
    if (body.empty()) return std::nullopt;
  }
  bool integral = body.find_first_not_of("0123456789") == std::string_view::npos;
  if (integral) {
    std::string value = NumericText(body).value_or("");
    if (value.empty()) return std::nullopt;
    std::string signed_value = (negative && value != "0" ? "-" : "") + value;
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(signed_value.c_str(), &end, 10);
    if (errno == 0 && v >= INT32_MIN && v <= INT32_MAX) {
      return negative && v != 0 ? "'" + signed_value + "'::integer" : signed_value;
    }
    if (errno == 0) return "'" + signed_value + "'::bigint";
    return "'" + signed_value + "'::numeric";
  }
  std::optional<std::string> value = NumericText(body);
  if (!value) return std::nullopt;
  bool looks_float = value->find('.') != std::string::npos;
  if (!negative && looks_float) return *value;
  return "'" + std::string(negative ? "-" : "") + *value + "'::numeric";
}

std::optional<std::string> CanonicalBoolean(std::string_view word) {
  std::string w = Lower(Trim(word));
  if (w == "true" || w == "t" || w == "yes" || w == "y" || w == "on" || w == "1") return "true";
  if (w == "false" || w == "f" || w == "no" || w == "n" || w == "off" || w == "0") return "false";
  return std::nullopt;
}

bool IsPlainWord(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// Literals, casts of literals, value functions and calls without arguments: the
// shapes whose printed form does not depend on operator deparsing.
// The elements of ARRAY[...] with an element type `element` ("" when uncast), printed
// as PostgreSQL prints them: literals cast to the element type, numbers bare when they
// already have it. nullopt for anything but plain literals.
std::optional<std::string> CanonicalArrayElements(std::string_view inside,
                                                  const std::string& element) {
  std::vector<std::string> items;
  size_t start = 0;
  bool in_string = false;
  for (size_t i = 0; i <= inside.size(); ++i) {
    if (i < inside.size() && inside[i] == '\'') in_string = !in_string;
    if (i == inside.size() || (!in_string && inside[i] == ',')) {
      items.push_back(Trim(inside.substr(start, i - start)));
      start = i + 1;
    }
  }
  std::string out;
  for (const std::string& item : items) {
    std::string printed;
    std::string lower = Lower(item);
    if (!item.empty() && item.front() == '\'' && StringLiteralLength(item) == item.size()) {
      // The cast reaches each literal whole, type modifier included.
      std::optional<std::string> when;
      if (element == "date" || element.starts_with("timestamp"))
        when = CanonicalDateTime(item.substr(1, item.size() - 2), element);
      printed = when ? *when : item + "::" + (element.empty() ? "text" : element);
    } else if (lower == "true" || lower == "false") {
      printed = lower;
    } else if (std::optional<std::string> number = CanonicalNumber(item)) {
      std::string natural = item.find_first_of(".eE") != std::string::npos ? "numeric" : "integer";
      if (number->ends_with("::bigint")) natural = "bigint";
      bool negative = number->front() == '\'';
      if (element.empty() || element == natural) {
        printed = *number;
      } else if (natural == "numeric" && element.starts_with("numeric(")) {
        // numeric -> numeric(p,s) is folded into the constant.
        printed = negative ? number->substr(0, number->find("::")) + "::" + element
                           : *number + "::" + element;
      } else {
        printed = "(" + *number + ")::" + element;
      }
    } else {
      return std::nullopt;
    }
    out += (out.empty() ? "" : ", ") + printed;
  }
  return out;
}

bool IsNumericType(std::string_view t) { return t == "numeric" || t.starts_with("numeric("); }

// bytea_out's hex form of the bytes a bytea literal's text stands for: '\x00FF' (hex) or
// the escape form (\\ a backslash, \ooo an octal byte, anything else itself).
std::optional<std::string> ByteaHex(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  if (text.starts_with("\\x")) {
    std::string digits;
    for (char c : text.substr(2)) {
      if (std::isspace(static_cast<unsigned char>(c))) continue;
      if (HexDigit(c) < 0) return std::nullopt;
      digits += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (digits.size() % 2 != 0) return std::nullopt;
    return out + digits;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char byte = static_cast<unsigned char>(text[i]);
    if (text[i] == '\\') {
      if (i + 1 < text.size() && text[i + 1] == '\\') {
        ++i;
      } else if (i + 3 < text.size() &&
                 std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                             text.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                             [](char c) { return c >= '0' && c <= '7'; })) {
        byte = static_cast<unsigned char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                                          (text[i + 3] - '0'));
        i += 3;
      } else {
        return std::nullopt;
      }
    }
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

// A string constant of a type whose output form differs from what was written: numeric
// (numeric_out, and ruleutils' rule that a float-looking numeric prints bare and an
// integer-looking one labelled) and bytea (its hex form). `type` is what the literal is
// read as (a cast, or the column's type when bare); nullopt for other types.
std::optional<std::string> TypedConstant(std::string_view text, std::string_view type,
                                         std::string_view column_type) {
  if (IsNumericType(type) && IsNumericType(column_type)) {
    const std::string trimmed = Trim(text);
    std::string_view digits = trimmed;
    bool negative = !digits.empty() && digits[0] == '-';
    if (negative || (!digits.empty() && digits[0] == '+')) digits.remove_prefix(1);
    std::optional<std::string> value = NumericText(digits);
    if (!value) return std::nullopt;
    if (negative && *value != "0" && value->find_first_not_of("0.") != std::string::npos)
      return "'-" + *value + "'::numeric";
    if (value->find('.') != std::string::npos) return *value;
    return "'" + *value + "'::numeric";
  }
  if (type == "bytea" && column_type == "bytea") {
    std::optional<std::string> hex = ByteaHex(text);
    if (hex) return QuoteLiteral(*hex) + "::bytea";
  }
  return std::nullopt;
}

std::optional<std::string> CanonicalSimpleDefault(const std::string& e,
                                                  std::string_view column_type) {
  std::string lower = Lower(e);
  // ARRAY [ … ] is ARRAY[ … ].
  if (lower.starts_with("array") && lower.size() > 5 &&
      std::isspace(static_cast<unsigned char>(lower[5]))) {
    size_t bracket = lower.find_first_not_of(" \t\r\n", 5);
    if (bracket != std::string::npos && lower[bracket] == '[')
      return CanonicalSimpleDefault("ARRAY" + e.substr(bracket), column_type);
  }

  // SQL value functions, optionally with a precision.
  for (std::string_view kw :
       {"current_timestamp", "current_date", "current_time", "localtimestamp", "localtime",
        "current_user", "session_user", "current_role", "current_catalog", "current_schema"}) {
    if (lower == kw) {
      return absl::AsciiStrToUpper(absl::string_view(kw.data(), kw.size()));
    }
  }
  if (lower == "true" || lower == "false") return lower;
  if (column_type == "boolean" && e.size() >= 2 && e.front() == '\'' &&
      StringLiteralLength(e) == e.size()) {
    if (auto b = CanonicalBoolean(std::string_view(e).substr(1, e.size() - 2))) return *b;
  }

  // Numbers.
  if (auto number = CanonicalNumber(e)) return *number;

  // A string literal, bare or with a cast: 'x', 'x'::T, CAST('x' AS T).
  if (!e.empty() && e.front() == '\'') {
    size_t n = StringLiteralLength(e);
    if (n > 0) {
      std::string literal = e.substr(0, n);
      std::string rest = Trim(std::string_view(e).substr(n));
      const std::string cast_to = rest.starts_with("::") && rest.find("::", 2) == std::string::npos
                                      ? CanonicalType(rest.substr(2))
                                  : rest.empty() ? std::string(column_type)
                                                 : "";
      if (auto value = TypedConstant(literal.substr(1, literal.size() - 2), cast_to, column_type))
        return *value;
      if (rest.empty()) {
        std::string inner = literal.substr(1, literal.size() - 2);
        if (column_type == "date" || column_type.starts_with("timestamp")) {
          if (auto when = CanonicalDateTime(inner, column_type)) return *when;
        }
        if (IsIntegerType(column_type)) {
          if (auto number = CanonicalNumber(Trim(inner))) return *number;
        }
        if (column_type == "uuid") literal = absl::AsciiStrToLower(literal);  // uuid_out
        return JsonbLiteral(literal, column_type) + "::" + LiteralTypeFor(column_type);
      }
      if (rest.starts_with("::") && rest.find("::", 2) == std::string::npos) {
        std::string type = CanonicalType(rest.substr(2));
        // A literal cast to the column's own type is the same constant as a bare one.
        // (Not a bit(n) one: that cast is printed, as the length cast it is.)
        if (type == column_type && !type.starts_with("bit("))
          return CanonicalSimpleDefault(literal, column_type);
        if (type == "date" || type.starts_with("timestamp")) {
          if (auto when = CanonicalDateTime(literal.substr(1, literal.size() - 2), type))
            return *when;
        }
        return JsonbLiteral(literal, type) + "::" + type;
      }
    }
  }
  if (lower.starts_with("cast(") && e.back() == ')') {
    std::string inside = Trim(std::string_view(e).substr(5, e.size() - 6));
    if (!inside.empty() && inside.front() == '\'') {
      size_t n = StringLiteralLength(inside);
      std::string rest = n ? Trim(std::string_view(inside).substr(n)) : "";
      if (n && Lower(rest).starts_with("as ")) {
        return inside.substr(0, n) + "::" + CanonicalType(rest.substr(3));
      }
    }
  }

  // ARRAY[...]::T[]: PostgreSQL pushes the cast into the elements.
  if (lower.starts_with("array[")) {
    // The ']' that closes ARRAY[ (not the one of a "::type[]" after it).
    size_t close = std::string::npos;
    int depth = 0;
    bool in_string = false;
    for (size_t i = 5; i < e.size(); ++i) {
      if (e[i] == '\'') in_string = !in_string;
      if (in_string) continue;
      if (e[i] == '[') ++depth;
      if (e[i] == ']' && --depth == 0) {
        close = i;
        break;
      }
    }
    std::string rest =
        close == std::string::npos ? "x" : Trim(std::string_view(e).substr(close + 1));
    if (close != std::string::npos && (rest.empty() || rest.starts_with("::"))) {
      std::string cast = rest.empty() ? "" : CanonicalType(rest.substr(2));
      std::string inside = Trim(std::string_view(e).substr(6, close - 6));
      if (inside.empty()) {
        if (cast.empty()) return "ARRAY[]";
        // A type modifier is applied by a second cast, from the array of the bare type.
        std::string element = cast.ends_with("[]") ? cast.substr(0, cast.size() - 2) : cast;
        std::string bare = TypeWithoutModifier(element);
        if (bare != element) return "(ARRAY[]::" + bare + "[])::" + cast;
        return "ARRAY[]::" + cast;
      }
      std::optional<std::string> elements = CanonicalArrayElements(
          inside, cast.ends_with("[]") ? cast.substr(0, cast.size() - 2) : cast);
      if (elements) return "ARRAY[" + *elements + "]";
    }
  }

  // nextval('seq') / nextval('seq'::regclass)
  if (lower.starts_with("nextval(") && e.back() == ')') {
    std::string inside = Trim(std::string_view(e).substr(8, e.size() - 9));
    size_t n = inside.empty() || inside.front() != '\'' ? 0 : StringLiteralLength(inside);
    std::string rest = n ? Lower(Trim(std::string_view(inside).substr(n))) : "x";
    if (n && (rest.empty() || rest == "::regclass")) {
      QualifiedName seq;
      if (ParseQualifiedName(inside.substr(1, n - 2), &seq)) {
        std::string text = QualifiedText(seq);
        std::string quoted;
        for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        return "nextval('" + quoted + "'::regclass)";
      }
    }
  }

  // A call without arguments: NOW() -> now(), gen_random_uuid().
  if (lower.ends_with("()")) {
    std::string name = Trim(std::string_view(e).substr(0, e.size() - 2));
    if (IsPlainWord(name)) return Lower(name) + "()";
  }
  return std::nullopt;
}

std::string CanonicalDefaultUncached(std::string_view expr, std::string_view column_type);

}  // namespace

std::string CanonicalDefault(std::string_view expr, std::string_view column_type) {
  // Defaults repeat ("0", "CURRENT_TIMESTAMP", "'{}'"): remember the last few thousand.
  thread_local std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache;
  thread_local std::string key;
  key.assign(column_type).push_back('\0');
  key.append(expr);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  std::string result = CanonicalDefaultUncached(expr, column_type);
  if (cache.size() < 4096) cache.emplace(key, result);
  return result;
}

namespace {

// An escape string literal (E'…', as older Prisma versions wrote defaults) with whatever
// follows it, rewritten as the standard literal of the same value: E'it\'s' -> 'it''s'.
// nullopt when `e` does not start with one or it does not end.
std::optional<std::string> StandardFromEscapeString(std::string_view e) {
  if (e.size() < 3 || (e[0] != 'E' && e[0] != 'e') || e[1] != '\'') return std::nullopt;
  size_t end = 2;  // the closing quote: not after a backslash, not doubled
  for (; end < e.size(); ++end) {
    if (e[end] == '\\') {
      ++end;
    } else if (e[end] == '\'') {
      if (end + 1 < e.size() && e[end + 1] == '\'') {
        ++end;
      } else {
        break;
      }
    }
  }
  if (end >= e.size()) return std::nullopt;
  return QuoteLiteral(UnescapeEString(e.substr(2, end - 2))) + std::string(e.substr(end + 1));
}

// Any other spelling of a string constant at the start of `e`, as the standard literal
// of the same value (and the type it implies): U&'d\0061t' -> 'dat', $$x$$ -> 'x',
// B'101' -> '101'::"bit", X'1F' -> '00011111'::"bit", E'…' (above). nullopt otherwise.
std::optional<std::string> StandardFromOtherLiteral(std::string_view e) {
  if (auto escape = StandardFromEscapeString(e)) return escape;
  if (!e.empty() && e[0] == '$') {  // $tag$…$tag$
    size_t tag_end = e.find('$', 1);
    if (tag_end == std::string_view::npos) return std::nullopt;
    std::string_view tag = e.substr(0, tag_end + 1);
    for (char c : tag.substr(1, tag.size() - 2)) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return std::nullopt;
    }
    size_t close = e.find(tag, tag.size());
    if (close == std::string_view::npos) return std::nullopt;
    return QuoteLiteral(e.substr(tag.size(), close - tag.size())) +
           std::string(e.substr(close + tag.size()));
  }
  if (e.size() >= 3 && e[1] == '\'' && (e[0] == 'B' || e[0] == 'b' || e[0] == 'X' || e[0] == 'x')) {
    size_t n = StringLiteralLength(e.substr(1));
    if (n == 0) return std::nullopt;
    std::string body(e.substr(2, n - 2)), bits;
    if (e[0] == 'B' || e[0] == 'b') {
      bits = body;
    } else {
      for (char h : body) {
        int v = HexDigit(h);
        if (v < 0) return std::nullopt;
        for (int b = 3; b >= 0; --b) bits += (v >> b) & 1 ? '1' : '0';
      }
    }
    return QuoteLiteral(bits) + "::\"bit\"" + std::string(e.substr(1 + n));
  }
  if (e.size() >= 4 && (e[0] == 'U' || e[0] == 'u') && e[1] == '&' && e[2] == '\'') {
    size_t n = StringLiteralLength(e.substr(2));
    if (n == 0) return std::nullopt;
    std::string body(e.substr(3, n - 2)), value;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') {
        value += '\'';
        ++i;
      } else if (body[i] != '\\') {
        value += body[i];
      } else if (i + 1 < body.size() && body[i + 1] == '\\') {
        value += '\\';
        ++i;
      } else {
        size_t digits = i + 1 < body.size() && body[i + 1] == '+' ? 6 : 4;
        size_t start = i + 1 + (digits == 6);
        if (start + digits > body.size()) return std::nullopt;
        uint32_t cp = 0;
        for (size_t k = start; k < start + digits; ++k) {
          int v = HexDigit(body[k]);
          if (v < 0) return std::nullopt;
          cp = cp * 16 + static_cast<uint32_t>(v);
        }
        AppendUtf8(value, cp);
        i = start + digits - 1;
      }
    }
    return QuoteLiteral(value) + std::string(e.substr(2 + n));
  }
  return std::nullopt;
}

// `type 'text'`, a typed literal, as the cast it is: 'text'::type. nullopt otherwise.
std::optional<std::string> CastFromTypedLiteral(std::string_view e) {
  size_t quote = e.find('\'');
  if (quote == std::string_view::npos || quote == 0 || e[quote - 1] != ' ') return std::nullopt;
  std::string type = Trim(e.substr(0, quote));
  for (char c : type) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ')) return std::nullopt;
  }
  size_t n = StringLiteralLength(e.substr(quote));
  if (n == 0 || quote + n != e.size()) return std::nullopt;
  std::string lower = Lower(type);
  if (lower == "interval") return std::nullopt;  // interval 'x' takes fields after it
  return std::string(e.substr(quote)) + "::" + type;
}

std::string CanonicalDefaultUncached(std::string_view expr, std::string_view column_type) {
  std::string trimmed = Trim(expr);
  if (auto standard = StandardFromOtherLiteral(trimmed)) {
    // B'…'::bit(3): a bit-string constant, then a length cast, printed on the constant.
    const std::string bits = "::\"bit\"::";
    size_t at = standard->find(bits);
    if (at != std::string::npos && standard->front() == '\'' &&
        StringLiteralLength(*standard) == at &&
        standard->find("::", at + bits.size()) == std::string::npos)
      return standard->substr(0, at) + "::" + CanonicalType(standard->substr(at + bits.size()));
    trimmed = *standard;
  }
  if (auto cast = CastFromTypedLiteral(trimmed)) trimmed = *cast;
  if (auto simple = CanonicalSimpleDefault(StripOuterParens(trimmed), column_type)) {
    return *simple;
  }
  // Calls and operators, typed as the server types them: lower('A') -> lower('A'::text).
  if (auto typed = TypedExpression(trimmed, {})) return *typed;
  return CollapseOutsideLiterals(trimmed);
}

}  // namespace

std::string ImplicitName(std::string_view table, std::string_view column, std::string_view label) {
  // makeObjectName(): take bytes off the longer of the two names until
  // "table_column_label" fits, then cut each at a character boundary.
  size_t overhead = label.size() + 1 + (column.empty() ? 0 : 1);
  size_t available = kMaxIdentifierBytes > overhead ? kMaxIdentifierBytes - overhead : 0;
  size_t table_bytes = table.size(), column_bytes = column.size();
  while (table_bytes + column_bytes > available) {
    if (table_bytes > column_bytes) {
      --table_bytes;
    } else {
      --column_bytes;
    }
  }
  std::string out = ClipToCharBoundary(table, table_bytes);
  if (!column.empty()) out += "_" + ClipToCharBoundary(column, column_bytes);
  return out + "_" + std::string(label);
}

std::string SerialDefault(std::string_view schema, std::string_view table,
                          std::string_view column) {
  QualifiedName seq{std::string(schema), ImplicitName(table, column, "seq")};
  std::string text = QualifiedText(seq);
  std::string quoted;
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return "nextval('" + quoted + "'::regclass)";
}

}  // namespace drift::model
