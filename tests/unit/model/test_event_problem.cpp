// What an event must be to be stored: every export of it imports back exactly.
#include <sleeplog/model/event.hpp>

#include <doctest/doctest.h>

using namespace sleeplog::model;

TEST_CASE("text_problem: UTF-8 without NUL")
{
  CHECK(text_problem("note", "Zoë 😴 \x1b[2J") == "");
  CHECK(text_problem("note", std::string_view("a\0b", 3)) == "note holds a NUL character");
  CHECK(text_problem("by", "caf\xe9") == "by is not valid UTF-8 text");
  CHECK(text_problem("by", "\xed\xa0\x80") == "by is not valid UTF-8 text");
  CHECK(text_problem("by", "\xf4\x90\x80\x80") == "by is not valid UTF-8 text");
}

TEST_CASE("event_problem: local years 1900 to 2199 only")
{
  Event e;
  e.kind = Kind::bed;
  e.offset_s = 0;
  e.start = -2208988800; // 1900-01-01T00:00:00Z
  CHECK(event_problem(e) == "");
  e.start -= 1;
  CHECK(event_problem(e) == "a time outside the years 1900 to 2199");
  e.offset_s = 3600; // the same instant is 1900-01-01T00:59:59+01:00
  CHECK(event_problem(e) == "");
  e.offset_s = 0;
  e.start = 7258118400 - 1; // 2199-12-31T23:59:59Z
  CHECK(event_problem(e) == "");
  e.kind = Kind::nap;
  e.end = 7258118400; // 2200-01-01
  CHECK(event_problem(e) == "a time outside the years 1900 to 2199");
}
