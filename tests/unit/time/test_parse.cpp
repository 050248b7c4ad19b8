// DUR, ISO instants, DATE and the formatters, as tables of typed text and the values
// worked out by hand; everything formatted must parse back to the same value.
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sleeplog::time;

namespace {

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

constexpr Instant fri_1932_utc = 1795807920; // Fri 2026-11-27 19:32:00Z

} // namespace

TEST_CASE("parse_duration reads the DUR forms; m is always minutes")
{
  struct Case
  {
    std::string text;
    std::int64_t seconds;
  };
  const std::vector<Case> cases{
    {"45m", 2700},       {"45min", 2700},  {"1h", 3600},
    {"1h30m", 5400},     {"90s", 90},      {"2h5m30s", 7530},
    {"90", 5400},        {"1M", 60},       {"1H30M", 5400},
    {"24h", 86400},      {"1440", 86400},  {"1h30min", 5400},
    {"5m30s", 330},      {"1h15s", 3615},  {"1s", 1},
    {"45 min", 2700},    {"5 m", 300},     {"1h 30m", 5400},
    {"10 minutes", 600}, {"1 hour", 3600}, {"2 hours 5 mins", 7500},
    {"90 seconds", 90},  {"1 hr", 3600},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_duration(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(*parsed == c.seconds);
  }
}

TEST_CASE("parse_duration rejects garbage, calendar units, zero, negatives and > 24 h")
{
  struct Case
  {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases{
    {"", "cannot read duration ''"},
    {"abc", "cannot read duration 'abc'"},
    {"1.5h", "cannot read duration '1.5h'"},
    {"m", "cannot read duration 'm'"},
    {"30m1h", "cannot read duration '30m1h'"},
    {"1h1h", "cannot read duration '1h1h'"},
    {"10x", "cannot read duration '10x'"},
    {"1mo", "cannot read duration '1mo': there are no day, week, month or year units"},
    {"2months", "cannot read duration '2months': there are no day, week, month or year units"},
    {"1y", "cannot read duration '1y': there are no day, week, month or year units"},
    {"3d", "cannot read duration '3d': there are no day, week, month or year units"},
    {"1w", "cannot read duration '1w': there are no day, week, month or year units"},
    {"-5m", "duration '-5m' must be positive"},
    {"0", "duration '0' is zero"},
    {"0m", "duration '0m' is zero"},
    {"25h", "duration '25h' is longer than 24 h"},
    {"1441", "duration '1441' is longer than 24 h"},
    {"24h1s", "duration '24h1s' is longer than 24 h"},
    {"99999999", "cannot read duration '99999999'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_duration(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.message);
    CHECK_FALSE(parsed.error().hint.empty());
  }
  CHECK(contains(parse_duration("abc").error().hint, "1h30m"));
}

TEST_CASE("format_duration prints what parse_duration reads back")
{
  struct Case
  {
    std::int64_t seconds;
    std::string text;
  };
  const std::vector<Case> cases{
    {5400, "1h30m"},   {2700, "45m"},  {90, "1m30s"}, {3600, "1h"},    {0, "0m"},
    {7530, "2h5m30s"}, {86400, "24h"}, {59, "59s"},   {3615, "1h15s"}, {-600, "-10m"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.seconds);
    CHECK(format_duration(c.seconds) == c.text);
  }
  for (std::int64_t seconds = 1; seconds <= 86400; ++seconds) {
    const auto back = parse_duration(format_duration(seconds));
    if (!back.ok() || *back != seconds) {
      FAIL("round trip failed for " << seconds << " (" << format_duration(seconds) << ")");
    }
  }
}

TEST_CASE("parse_iso_instant reads offsets and Z")
{
  struct Case
  {
    std::string text;
    Instant at;
    int offset;
  };
  const std::vector<Case> cases{
    {"2026-11-27T19:32:00-05:00", 1795825920, -18000},
    {"2026-11-28T00:32:00Z", 1795825920, 0},
    {"2026-11-28T00:32:00z", 1795825920, 0},
    {"2026-11-27T19:32-05:00", 1795825920, -18000},
    {"2026-11-27T19:32:00-0500", 1795825920, -18000},
    {"2026-11-27T20:32:00+01:00", fri_1932_utc, 3600},
    {"2026-11-28T01:02:00+05:30", fri_1932_utc, 19800},
    {"2026-11-27T19:32:00+00:00", fri_1932_utc, 0},
    {"1969-12-31T23:59:59Z", -1, 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_iso_instant(c.text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(parsed->at == c.at);
    CHECK(parsed->offset_seconds == c.offset);
  }
  const std::vector<std::string> bad{"2026-11-27T19:32:00",
                                     "2026-11-27 19:32:00Z",
                                     "2026-13-27T19:32:00Z",
                                     "2026-11-27T25:00:00Z",
                                     "2026-11-27T19:32:00+19:00",
                                     "garbage",
                                     "",
                                     "2026-11-27T9pm+01:00",
                                     "2026-11-27T19:32:00+5"};
  for (const auto& text : bad) {
    CAPTURE(text);
    const auto parsed = parse_iso_instant(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "cannot read instant '" + text + "'");
    CHECK(contains(parsed.error().hint, "2026-11-27T19:32:00-05:00"));
  }
}

TEST_CASE("format_iso and format_clock print local time at the offset; ISO reads back")
{
  CHECK(format_clock(fri_1932_utc, 0) == "19:32");
  CHECK(format_clock(fri_1932_utc, -18000) == "14:32");
  CHECK(format_clock(fri_1932_utc + 59, 0) == "19:32");
  CHECK(format_iso(fri_1932_utc, -18000) == "2026-11-27T14:32:00-05:00");
  CHECK(format_iso(fri_1932_utc, 0) == "2026-11-27T19:32:00+00:00");
  CHECK(format_iso(fri_1932_utc, 19800) == "2026-11-28T01:02:00+05:30");
  CHECK(format_iso(fri_1932_utc + 15, 3600) == "2026-11-27T20:32:15+01:00");
  for (const int offset : {-36000, -18000, -12600, 0, 3600, 19800, 45900}) {
    for (Instant at = 1700000000; at < 1800000000; at += 3333331) {
      const auto back = parse_iso_instant(format_iso(at, offset));
      REQUIRE(back.ok());
      CHECK(back->at == at);
      CHECK(back->offset_seconds == offset);
    }
  }
}

TEST_CASE("parse_date reads dates, today, yesterday and weekdays (today included)")
{
  const Zone utc = Zone::fixed(0);
  struct Case
  {
    std::string text;
    Date date;
  };
  const std::vector<Case> cases{
    {"2026-11-27", {2026, 11, 27}}, {"2025-02-28", {2025, 2, 28}}, {"today", {2026, 11, 27}},
    {"Today", {2026, 11, 27}},      {"yesterday", {2026, 11, 26}}, {"fri", {2026, 11, 27}},
    {"Friday", {2026, 11, 27}},     {"thu", {2026, 11, 26}},       {"mon", {2026, 11, 23}},
    {"sat", {2026, 11, 21}},        {"sunday", {2026, 11, 22}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_date(c.text, fri_1932_utc, utc);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(*parsed == c.date);
  }
  // 00:40Z is still Thursday evening in New York.
  const auto ny = Zone::named("America/New_York");
  REQUIRE(ny.ok());
  CHECK(*parse_date("today", 1795740000, *ny) == Date{2026, 11, 26});
  CHECK(*parse_date("fri", 1795740000, *ny) == Date{2026, 11, 20});

  CHECK(parse_date("tomorrow", fri_1932_utc, utc).error().message == "cannot read date 'tomorrow'");
  CHECK(contains(parse_date("tomorrow", fri_1932_utc, utc).error().hint, "YYYY-MM-DD"));
  CHECK(parse_date("2026-02-30", fri_1932_utc, utc).error().message == "no such date '2026-02-30'");
  CHECK(parse_date("", fri_1932_utc, utc).error().message == "cannot read date ''");
}
