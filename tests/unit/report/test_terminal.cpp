// Terminal decisions (DESIGN §1.2 colour rules) and safe display of user text.
#include <sleeplog/report/terminal.hpp>

#include <doctest/doctest.h>

using namespace sleeplog::report;

TEST_CASE("decide_color: always and never win over everything")
{
  CHECK(decide_color("always", false, true, "dumb"));
  CHECK_FALSE(decide_color("never", true, false, "xterm-256color"));
}

TEST_CASE("decide_color: auto needs a terminal, no NO_COLOR and a non-dumb TERM")
{
  CHECK(decide_color("auto", true, false, "xterm-256color"));
  CHECK(decide_color("auto", true, false, ""));
  CHECK_FALSE(decide_color("auto", false, false, "xterm-256color"));
  CHECK_FALSE(decide_color("auto", true, true, "xterm-256color"));
  CHECK_FALSE(decide_color("auto", true, false, "dumb"));
}

TEST_CASE("locale_is_utf8: the first non-empty variable decides")
{
  CHECK(locale_is_utf8("", "", "en_US.UTF-8"));
  CHECK(locale_is_utf8("", "", "de_DE.utf8"));
  CHECK(locale_is_utf8("", "C.Utf-8", "C"));
  CHECK_FALSE(locale_is_utf8("C", "", "en_US.UTF-8"));
  CHECK_FALSE(locale_is_utf8("", "POSIX", "en_US.UTF-8"));
  CHECK(locale_is_utf8("en_GB.UTF-8", "C", "C"));
  CHECK_FALSE(locale_is_utf8("", "", "C"));
  CHECK_FALSE(locale_is_utf8("", "", ""));
  CHECK_FALSE(locale_is_utf8("", "", "en_US.ISO-8859-1"));
}

TEST_CASE("escape_controls shows control bytes and keeps UTF-8 and backslashes")
{
  CHECK(escape_controls("plain text") == "plain text");
  CHECK(escape_controls("a\nb\tc\rd") == "a\\nb\\tc\\rd");
  CHECK(escape_controls("\x1b[2J") == "\\x1b[2J");
  CHECK(escape_controls(std::string_view("\0\x7f", 2)) == "\\x00\\x7f");
  CHECK(escape_controls("back\\slash") == "back\\slash");
  CHECK(escape_controls("Zoë 😴") == "Zoë 😴");
}

TEST_CASE("paint wraps text in SGR codes only when colour is on")
{
  const Style colour{true, true};
  const Style plain{false, true};
  CHECK(paint(colour, "green", "better") == "\x1b[32mbetter\x1b[0m");
  CHECK(paint(colour, "red", "worse") == "\x1b[31mworse\x1b[0m");
  CHECK(paint(colour, "yellow", "x") == "\x1b[33mx\x1b[0m");
  CHECK(paint(colour, "dim", "x") == "\x1b[2mx\x1b[0m");
  CHECK(paint(colour, "bold", "x") == "\x1b[1mx\x1b[0m");
  CHECK(paint(colour, "cyan", "x") == "\x1b[36mx\x1b[0m");
  CHECK(paint(colour, "mauve", "x") == "x");
  CHECK(paint(plain, "green", "better") == "better");
}

TEST_CASE("display_width counts code points and skips colour codes")
{
  CHECK(display_width("") == 0);
  CHECK(display_width("19:32") == 5);
  CHECK(display_width("▁▂▃█") == 4);
  CHECK(display_width("Zoë") == 3);
  CHECK(display_width("\x1b[32mbetter\x1b[0m") == 6);
  CHECK(display_width("\x1b[1m\x1b[31m↓ 12\x1b[0m") == 4);
}
