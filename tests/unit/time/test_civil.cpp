// Calendar arithmetic against dates worked out by hand (and cross-checked with Python's
// datetime), plus exhaustive round trips over ±2000 years.
#include <sleeplog/time/civil.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sleeplog::time;

TEST_CASE("days_from_date and date_from_days agree with known dates")
{
  struct Case
  {
    Date date;
    std::int64_t days;
  };
  const std::vector<Case> cases{
    {{1970, 1, 1}, 0},       {{1969, 12, 31}, -1},  {{1970, 3, 1}, 59},
    {{2000, 2, 29}, 11016},  {{2000, 3, 1}, 11017}, {{2026, 11, 27}, 20784},
    {{1900, 3, 1}, -25508},  {{1, 1, 1}, -719162},  {{2400, 2, 29}, 157113},
    {{2024, 12, 31}, 20088}, {{2025, 1, 1}, 20089}, {{1600, 1, 1}, -135140},
  };
  for (const auto& c : cases) {
    CAPTURE(format_date(c.date));
    CHECK(days_from_date(c.date) == c.days);
    CHECK(date_from_days(c.days) == c.date);
  }
}

TEST_CASE("consecutive days walk the calendar one day at a time, weekdays in step")
{
  // From 0001-01-01 to beyond 2400: each day number maps to the next calendar date.
  Date expected{1, 1, 1};
  int expected_weekday = weekday(expected);
  CHECK(expected_weekday == 0); // 0001-01-01 was a Monday (proleptic Gregorian)
  for (std::int64_t days = -719162; days < 160000; ++days) {
    const Date date = date_from_days(days);
    if (date != expected || days_from_date(date) != days || weekday(date) != expected_weekday) {
      FAIL("mismatch at day " << days << ": got " << format_date(date) << ", expected "
                              << format_date(expected));
    }
    if (is_valid_date(date.year, date.month, date.day + 1)) {
      expected = Date{date.year, date.month, date.day + 1};
    } else {
      expected = date.month == 12 ? Date{date.year + 1, 1, 1} : Date{date.year, date.month + 1, 1};
    }
    expected_weekday = (expected_weekday + 1) % 7;
  }
  CHECK(expected == Date{2408, 1, 25});
}

TEST_CASE("add_days crosses months, leap days and years")
{
  CHECK(add_days({2026, 11, 27}, 5) == Date{2026, 12, 2});
  CHECK(add_days({2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(add_days({2026, 2, 28}, 1) == Date{2026, 3, 1});
  CHECK(add_days({2026, 1, 1}, -1) == Date{2025, 12, 31});
  CHECK(add_days({2026, 3, 1}, -365) == Date{2025, 3, 1});
  CHECK(add_days({2024, 3, 1}, -366) == Date{2023, 3, 1});
}

TEST_CASE("weekday and its names, Monday = 0")
{
  struct Case
  {
    Date date;
    int day;
    std::string name;
  };
  const std::vector<Case> cases{
    {{2026, 11, 27}, 4, "Fri"}, {{1970, 1, 1}, 3, "Thu"},  {{2026, 3, 8}, 6, "Sun"},
    {{2026, 11, 23}, 0, "Mon"}, {{2000, 2, 29}, 1, "Tue"}, {{1969, 12, 31}, 2, "Wed"},
    {{2026, 11, 28}, 5, "Sat"},
  };
  for (const auto& c : cases) {
    CAPTURE(format_date(c.date));
    CHECK(weekday(c.date) == c.day);
    CHECK(weekday_name(c.date) == c.name);
  }
}

TEST_CASE("is_valid_date knows month lengths and the leap-year rule")
{
  CHECK(is_valid_date(2024, 2, 29));
  CHECK(is_valid_date(2000, 2, 29));
  CHECK_FALSE(is_valid_date(1900, 2, 29));
  CHECK_FALSE(is_valid_date(2026, 2, 29));
  CHECK(is_valid_date(2026, 12, 31));
  CHECK_FALSE(is_valid_date(2026, 4, 31));
  CHECK_FALSE(is_valid_date(2026, 13, 1));
  CHECK_FALSE(is_valid_date(2026, 0, 10));
  CHECK_FALSE(is_valid_date(2026, 5, 0));
}

TEST_CASE("civil times and seconds since the epoch")
{
  const CivilTime evening{{2026, 11, 27}, 19, 32, 0};
  CHECK(civil_to_seconds(evening) == 1795807920);
  CHECK(seconds_to_civil(1795807920) == evening);
  CHECK(seconds_to_civil(-1) == CivilTime{{1969, 12, 31}, 23, 59, 59});
  CHECK(civil_to_seconds({{1969, 12, 31}, 23, 59, 59}) == -1);
  CHECK(seconds_to_civil(86399) == CivilTime{{1970, 1, 1}, 23, 59, 59});
  CHECK(local_civil(1795807920, -5 * 3600) == CivilTime{{2026, 11, 27}, 14, 32, 0});
  CHECK(local_civil(1795807920, 5 * 3600 + 1800) == CivilTime{{2026, 11, 28}, 1, 2, 0});
  for (std::int64_t s = -200000; s < 200000; s += 997) {
    CHECK(civil_to_seconds(seconds_to_civil(s)) == s);
  }
}

TEST_CASE("dates format as ISO and as the short heading form")
{
  CHECK(format_date({2026, 11, 27}) == "2026-11-27");
  CHECK(format_date({987, 1, 5}) == "0987-01-05");
  CHECK(format_date_short({2026, 11, 27}) == "Fri 27 Nov");
  CHECK(format_date_short({2026, 3, 1}) == "Sun 1 Mar");
  CHECK(format_date_short({2026, 1, 5}) == "Mon 5 Jan");
}

TEST_CASE("parse_iso_date accepts exactly real YYYY-MM-DD dates")
{
  CHECK(parse_iso_date("2026-11-27") == Date{2026, 11, 27});
  CHECK(parse_iso_date("2024-02-29") == Date{2024, 2, 29});
  const std::vector<std::string> bad{"2026-02-29", "2026-13-01",  "2026-11-7",  "26-11-27",
                                     "2026/11/27", "2026-11-27x", "2026-1a-27", "",
                                     "today",      "2026-11-00"};
  for (const auto& text : bad) {
    CAPTURE(text);
    CHECK_FALSE(parse_iso_date(text).has_value());
  }
}
