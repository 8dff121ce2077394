#include "model/json_writer.h"

namespace drift::model {
namespace {

// The length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one.
size_t Utf8Length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto continuation = [&](size_t k) { return k < text.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    // A run that needs no escape goes out in one piece.
    size_t run = i;
    while (run < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[run]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++run;
      } else if (size_t n = c >= 0x80 ? Utf8Length(text, run) : 0; n > 0) {
        run += n;
      } else {
        break;
      }
    }
    out->append(text.data() + i, run - i);
    if (run == text.size()) break;
    i = run;
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          *out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        }
    }
    ++i;
  }
  out->push_back('"');
}

void JsonWriter::Indent(size_t depth) { out_->append(depth * 2, ' '); }

void JsonWriter::BeforeValue() {
  if (levels_.empty() || levels_.back().object) return;  // a key placed it already
  Level& level = levels_.back();
  *out_ += level.empty ? "\n" : ",\n";
  level.empty = false;
  Indent(levels_.size());
}

void JsonWriter::Key(std::string_view key) {
  Level& level = levels_.back();
  *out_ += level.empty ? "\n" : ",\n";
  level.empty = false;
  Indent(levels_.size());
  AppendJsonString(key, out_);
  *out_ += ": ";
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_->push_back(bracket);
  levels_.push_back({bracket == '{'});
}

void JsonWriter::Close(char bracket) {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) {
    out_->push_back('\n');
    Indent(levels_.size());
  }
  out_->push_back(bracket);
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(value, out_);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  *out_ += std::to_string(value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  *out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  *out_ += "null";
}

void JsonWriter::OptionalString(const std::optional<std::string>& value) {
  if (value) {
    String(*value);
  } else {
    Null();
  }
}

void JsonWriter::StringOrNull(std::string_view value) {
  if (value.empty()) {
    Null();
  } else {
    String(value);
  }
}

void JsonWriter::StringArray(const std::vector<std::string>& values) {
  BeginArray();
  for (const std::string& v : values) String(v);
  EndArray();
}

}  // namespace drift::model
