#include "model/jsonb_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>
#include <vector>

#include "model/defaults.h"
#include "model/json_writer.h"
#include "model/sql_strings.h"

namespace drift::model {

namespace {

class JsonbPrinter {
 public:
  explicit JsonbPrinter(std::string_view in) : in_(in) {}

  std::optional<std::string> Run() {
    std::string out;
    if (!Value(&out, 0)) return std::nullopt;
    SkipSpace();
    if (pos_ != in_.size()) return std::nullopt;
    return out;
  }

 private:
  void SkipSpace() {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
      ++pos_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool Value(std::string* out, int depth) {
    if (depth > 200) return false;
    SkipSpace();
    if (pos_ >= in_.size()) return false;
    char c = in_[pos_];
    if (c == '{') return Object(out, depth);
    if (c == '[') return Array(out, depth);
    if (c == '"') {
      std::string s;
      if (!String(&s)) return false;
      Quote(s, out);
      return true;
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (in_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        *out += word;
        return true;
      }
    }
    return Number(out);
  }

  bool Number(std::string* out) {
    size_t start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
    size_t digits = pos_;
    while (pos_ < in_.size() && (std::isdigit(static_cast<unsigned char>(in_[pos_])) ||
                                 in_[pos_] == '.' || in_[pos_] == 'e' || in_[pos_] == 'E' ||
                                 ((in_[pos_] == '+' || in_[pos_] == '-') &&
                                  (in_[pos_ - 1] == 'e' || in_[pos_ - 1] == 'E'))))
      ++pos_;
    std::optional<std::string> n = NumericText(in_.substr(digits, pos_ - digits));
    if (!n) return false;
    bool negative = digits > start && n->find_first_not_of("0.") != std::string::npos;
    *out += (negative ? "-" : "") + *n;
    return true;
  }

  // The decoded contents of a JSON string; pos_ at its opening quote.
  bool String(std::string* s) {
    ++pos_;
    while (pos_ < in_.size() && in_[pos_] != '"') {
      char c = in_[pos_++];
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        *s += c;
        continue;
      }
      if (pos_ >= in_.size()) return false;
      char e = in_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          *s += e;
          break;
        case 'b':
          *s += '\b';
          break;
        case 'f':
          *s += '\f';
          break;
        case 'n':
          *s += '\n';
          break;
        case 'r':
          *s += '\r';
          break;
        case 't':
          *s += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
            uint32_t low = 0;
            if (in_.substr(pos_, 2) != "\\u") return false;
            pos_ += 2;
            if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if (cp == 0) return false;  // jsonb cannot hold \u0000
          AppendUtf8(*s, cp);
          break;
        }
        default:
          return false;
      }
    }
    if (pos_ >= in_.size()) return false;
    ++pos_;
    return true;
  }

  bool Hex4(uint32_t* cp) {
    if (pos_ + 4 > in_.size()) return false;
    for (int i = 0; i < 4; ++i) {
      char h = in_[pos_++];
      int v = std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
              : (h >= 'a' && h <= 'f')                    ? h - 'a' + 10
              : (h >= 'A' && h <= 'F')                    ? h - 'A' + 10
                                                          : -1;
      if (v < 0) return false;
      *cp = *cp * 16 + static_cast<uint32_t>(v);
    }
    return true;
  }

  // escape_json(): quotes, backslashes and control characters escaped, the rest as is
  // (the same rules as our JSON output; bytes that are not UTF-8 the server refuses first).
  static void Quote(const std::string& s, std::string* out) { AppendJsonString(s, out); }

  bool Array(std::string* out, int depth) {
    ++pos_;
    *out += '[';
    if (Eat(']')) return *out += ']', true;
    for (bool first = true;; first = false) {
      if (!first) *out += ", ";
      if (!Value(out, depth + 1)) return false;
      if (Eat(']')) return *out += ']', true;
      if (!Eat(',')) return false;
    }
  }

  bool Object(std::string* out, int depth) {
    ++pos_;
    std::vector<std::pair<std::string, std::string>> members;  // (key, printed value)
    if (!Eat('}')) {
      while (true) {
        SkipSpace();
        std::string key, value;
        if (pos_ >= in_.size() || in_[pos_] != '"' || !String(&key)) return false;
        if (!Eat(':') || !Value(&value, depth + 1)) return false;
        members.emplace_back(std::move(key), std::move(value));
        if (Eat('}')) break;
        if (!Eat(',')) return false;
      }
    }
    // Shorter keys first, then bytewise; of equal keys the last one stays.
    std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
      if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
      return a.first < b.first;
    });
    *out += '{';
    bool first = true;
    for (size_t i = 0; i < members.size(); ++i) {
      if (i + 1 < members.size() && members[i + 1].first == members[i].first) continue;
      if (!first) *out += ", ";
      first = false;
      Quote(members[i].first, out);
      *out += ": " + members[i].second;
    }
    *out += '}';
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> JsonbText(std::string_view json) { return JsonbPrinter(json).Run(); }

}  // namespace drift::model
