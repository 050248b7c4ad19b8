// JSON writer: escapes and the exact compact object form.
#include <sleeplog/report/json.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <sstream>

using sleeplog::report::json_string;
using sleeplog::report::JsonObject;

TEST_CASE("json_string escapes quotes, backslashes and control characters")
{
  CHECK(json_string("") == R"("")");
  CHECK(json_string("plain") == R"("plain")");
  CHECK(json_string("say \"hi\"") == R"("say \"hi\"")");
  CHECK(json_string("C:\\path") == R"("C:\\path")");
  CHECK(json_string("a\nb\rc\td") == R"("a\nb\rc\td")");
  CHECK(json_string("\b\f") == R"("\b\f")");
  CHECK(json_string(std::string_view("\x01\x1f\0", 3)) == R"("\u0001\u001f\u0000")");
  CHECK(json_string("\x1b[31m") == R"("\u001b[31m")");
  CHECK(json_string("\x7f") == "\"\x7f\"");
}

TEST_CASE("json_string passes UTF-8 through")
{
  CHECK(json_string("Zoë 😴 ▁█") == "\"Zoë 😴 ▁█\"");
}

TEST_CASE("JsonObject writes a compact object with null for missing values")
{
  std::ostringstream out;
  {
    JsonObject object(out);
    object.number("id", 1.0)
      .text("kind", "bed")
      .text("note", std::nullopt)
      .number("se_pct", 86.25)
      .number("sol_min", std::nullopt)
      .boolean("complete", true)
      .boolean("concern", false)
      .boolean("unknown", std::nullopt);
  }
  CHECK(out.str() == R"({"id":1,"kind":"bed","note":null,"se_pct":86.3,"sol_min":null,)"
                     R"("complete":true,"concern":false,"unknown":null})");
}

TEST_CASE("JsonObject: close() writes the brace once; raw values nest")
{
  std::ostringstream out;
  {
    JsonObject outer(out);
    std::ostringstream inner_text;
    {
      JsonObject inner(inner_text);
      inner.number("nights", 7.0);
    }
    outer.text("range", "last 7").raw("current", inner_text.str());
    outer.close();
    out << '\n';
  }
  CHECK(out.str() == "{\"range\":\"last 7\",\"current\":{\"nights\":7}}\n");
}

TEST_CASE("JsonObject: an empty object and escaped keys; NaN becomes null")
{
  std::ostringstream empty;
  {
    JsonObject object(empty);
  }
  CHECK(empty.str() == "{}");

  std::ostringstream out;
  {
    JsonObject object(out);
    object.text("a\"b", "x\ny").number("n", std::numeric_limits<double>::quiet_NaN());
  }
  CHECK(out.str() == R"({"a\"b":"x\ny","n":null})");
}
