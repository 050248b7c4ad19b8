// The flat JSON object reader: JSON Lines and arrays, escapes, and errors naming lines.
#include <sleeplog/exchange/json_reader.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace sleeplog::exchange;

namespace {

// Every object as "line:key=value;..." and every error as "line:!message".
std::vector<std::string> read_all(const std::string& text)
{
  std::istringstream in(text);
  JsonReader reader(in);
  JsonRecord record;
  std::vector<std::string> out;
  for (int guard = 0; guard < 100; ++guard) {
    auto more = reader.next(record);
    if (!more) {
      out.push_back(std::to_string(reader.line()) + ":!" + more.error().message);
      continue;
    }
    if (!*more) {
      break;
    }
    std::string row = std::to_string(record.line) + ":";
    for (const auto& [key, value] : record.fields) {
      row += key + "=" + (value ? *value : "<null>") + ";";
    }
    out.push_back(row);
  }
  return out;
}

} // namespace

TEST_CASE("JSON Lines: one object per line, values as text")
{
  const auto rows = read_all("{\"id\":12,\"kind\":\"bed\",\"end\":null,\"ok\":true}\n"
                             "\n"
                             "{ \"note\" : \"a \\\"b\\\"\\n\\u00e9 \\ud83d\\ude34\" }\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "1:id=12;kind=bed;end=<null>;ok=true;");
  CHECK(rows[1] == "3:note=a \"b\"\n\xc3\xa9 \xf0\x9f\x98\xb4;");
}

TEST_CASE("a JSON array, pretty-printed over several lines")
{
  const auto rows = read_all("[\n  {\"id\": 1},\n  {\"id\": -2.5e3}\n]\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "2:id=1;");
  CHECK(rows[1] == "3:id=-2.5e3;");
  CHECK(read_all("[]").empty());
}

TEST_CASE("JSON Lines: a bad line is reported and the next line still read")
{
  const auto rows = read_all(
    "{\"id\":1}\n{\"id\":2,\"kind\"\n{\"note\":\"open\n{\"id\":[1]}\n{\"id\":4} x\n{\"id\":5}\n");
  REQUIRE(rows.size() == 6);
  CHECK(rows[0] == "1:id=1;");
  CHECK(rows[1] == "2:!expected : after a key");
  CHECK(rows[2] == "3:!unbalanced quote");
  CHECK(rows[3] == "4:!nested objects and arrays are not event fields");
  CHECK(rows[4] == "5:!text after the object");
  CHECK(rows[5] == "6:id=5;");
}

TEST_CASE("an array stops at its first error; NUL bytes are binary")
{
  CHECK(read_all("[{\"id\":1}\n{\"id\":2}]") ==
        std::vector<std::string>{"1:id=1;", "2:!expected , or ] between objects"});
  CHECK(read_all("[{\"id\":1},\n") ==
        std::vector<std::string>{"1:id=1;", "2:!unfinished array (no closing ])"});
  CHECK(read_all(std::string("{\"a\":\"x\0\"}", 10)) ==
        std::vector<std::string>{"1:!binary data (NUL byte)"});
}
