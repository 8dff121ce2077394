// File: json_writer.h
//
// Writes JSON as it goes, straight into a string, in exactly the layout of
// nlohmann::json::dump(2): two-space indent, "key": value, empty containers as {} and
// [], strings escaped the same way (control characters as \u00xx, UTF-8 kept as is;
// an invalid byte becomes U+FFFD). For big documents (drift inspect --format json)
// where building a DOM first costs more than reading the catalog.
//
// Example:
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject();
//   w.Key("name"); w.String("User");
//   w.EndObject();   // out == "{\n  \"name\": \"User\"\n}"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drift::model {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // In an object, before each value.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // The string, or null when absent.
  void OptionalString(const std::optional<std::string>& value);
  // The string, or null when empty.
  void StringOrNull(std::string_view value);
  void StringArray(const std::vector<std::string>& values);

 private:
  struct Level {
    bool object;
    bool empty = true;
  };
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();  // the separator and indent an array element needs
  void Indent(size_t depth);

  std::string* out_;
  std::vector<Level> levels_;
};

// Appends `text` as a JSON string literal, quotes included, escaped as dump() does.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace drift::model
