// JsonWriter writes what nlohmann::json::dump(2) writes for the same document: layout,
// empty containers, every escape; and U+FFFD where dump() would throw on a byte that is
// not UTF-8.
#include "model/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace drift::model {
namespace {

using Json = nlohmann::ordered_json;

const std::vector<std::string> kStrings = {"",
                                           "plain",
                                           "quote \" and backslash \\",
                                           "tab\tnew\nline\rcr\bbs\fff",
                                           std::string("nul \0 and \x01\x1f\x7f", 14),
                                           "é ü 漢字 🙂",
                                           "'single' {braces} [x]"};

TEST(JsonWriter, WritesWhatDumpWrites) {
  std::string out;
  JsonWriter w(&out);
  Json expected;
  w.BeginObject();
  w.Key("empty_object");
  w.BeginObject();
  w.EndObject();
  expected["empty_object"] = Json::object();
  w.Key("empty_array");
  w.BeginArray();
  w.EndArray();
  expected["empty_array"] = Json::array();
  w.Key("strings");
  w.StringArray(kStrings);
  expected["strings"] = kStrings;
  w.Key("numbers");
  w.BeginArray();
  for (int64_t n : {int64_t{0}, int64_t{-1}, int64_t{42}, INT64_MAX, INT64_MIN}) {
    w.Int(n);
    expected["numbers"].push_back(n);
  }
  w.EndArray();
  w.Key("nested");
  w.BeginArray();
  w.BeginObject();
  w.Key("a");
  w.Bool(true);
  w.Key("b");
  w.Null();
  w.Key("c");
  w.OptionalString(std::nullopt);
  w.Key("d");
  w.StringOrNull("");
  w.Key("e \"key\"");
  w.Bool(false);
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  expected["nested"] = Json::array(
      {Json{{"a", true}, {"b", nullptr}, {"c", nullptr}, {"d", nullptr}, {"e \"key\"", false}},
       Json::array()});
  w.EndObject();
  EXPECT_EQ(out, expected.dump(2));
}

TEST(JsonWriter, TopLevelScalarsAndEmptyDocument) {
  std::string out;
  JsonWriter w(&out);
  w.String("x\n");
  EXPECT_EQ(out, Json("x\n").dump(2));
  std::string obj;
  JsonWriter o(&obj);
  o.BeginObject();
  o.EndObject();
  EXPECT_EQ(obj, "{}");
}

TEST(JsonWriter, AByteThatIsNotUtf8BecomesTheReplacementCharacter) {
  std::string out;
  AppendJsonString(
      "a\xff"
      "b\xc3"
      "c\xe0\x80\x80"
      "d\xed\xa0\x80"
      "e\xf4\x90\x80\x80",
      &out);
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "e\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  // Valid sequences at every length are kept as they are.
  std::string ok;
  AppendJsonString("\x7f\xc2\x80\xe0\xa0\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", &ok);
  EXPECT_EQ(ok, "\"\x7f\xc2\x80\xe0\xa0\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"");
}

}  // namespace
}  // namespace drift::model
