// The clock-face rule of DESIGN §3.2: a bare hour 1-12 without am/pm or a leading zero means
// the more recent past of its two readings; every other clock form means what it says.
// Checked over every minute of a day as now and every bare H:MM.
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

using namespace sleeplog::time;

namespace {

Instant at(int year, int month, int day, int hour, int minute, int offset = 0)
{
  return civil_to_seconds(CivilTime{{year, month, day}, hour, minute, 0}) - offset;
}

std::string two_digits(int value)
{
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02d", value);
  return buffer.data();
}

Zone zone_named(const std::string& name)
{
  auto zone = Zone::named(name);
  REQUIRE(zone.ok());
  return *zone;
}

} // namespace

TEST_CASE("clock-face rule: every minute of a day as now, every bare H:MM")
{
  const Zone utc = Zone::fixed(0);
  const Instant midnight = at(2026, 11, 27, 0, 0);
  std::int64_t checked = 0;
  for (int now_min = 0; now_min < 24 * 60; ++now_min) {
    const Instant now = midnight + now_min * 60;
    for (int hour = 0; hour < 24; ++hour) {
      for (int minute = 0; minute < 60; ++minute) {
        const std::string typed = std::to_string(hour) + ":" + two_digits(minute);
        const auto parsed = parse_when(std::vector<std::string>{typed}, now, utc);
        const bool face = hour >= 1 && hour <= 12;
        if (!face && !parsed) {
          continue; // an exact 24-hour time may be refused by the slip guard
        }
        REQUIRE_MESSAGE(parsed.ok(), typed, " at ", now_min);
        const Instant chosen = parsed->at;
        // In the past, and at most 12 h ago when it has two readings.
        if (chosen > now || (face && now - chosen >= 12 * 3600)) {
          FAIL_CHECK(typed << " at minute " << now_min << " gave " << (now - chosen) << " s ago");
        }
        // Equal to the explicit form it claims: its 24-hour reading with a leading zero.
        const CivilTime civil = utc.to_civil(chosen);
        if (civil.minute != minute || civil.hour % 12 != hour % 12 ||
            (!face && civil.hour != hour)) {
          FAIL_CHECK(typed << " at minute " << now_min << " read as " << civil.hour << ":"
                           << civil.minute);
        }
        const std::string claimed = two_digits(civil.hour) + ":" + two_digits(civil.minute);
        const auto explicit_form = parse_when(std::vector<std::string>{claimed}, now, utc);
        if (!explicit_form || explicit_form->at != chosen) {
          FAIL_CHECK(typed << " at minute " << now_min << " differs from " << claimed);
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 24 * 60 * 12 * 60);
}

TEST_CASE("clock-face rule: the cases of a half-asleep evening and morning")
{
  const Zone utc = Zone::fixed(0);
  const auto read = [&](const std::string& text, Instant now) {
    const auto parsed = parse_when(std::vector<std::string>{text}, now, utc);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    return parsed->at;
  };
  const Instant evening = at(2026, 11, 12, 20, 10);
  CHECK(read("8:05", evening) == at(2026, 11, 12, 20, 5));
  CHECK(read("08:05", evening) == at(2026, 11, 12, 8, 5)); // a leading zero means 08:05
  CHECK(read("20:05", evening) == at(2026, 11, 12, 20, 5));
  CHECK(read("3", evening) == at(2026, 11, 12, 15, 0));
  CHECK(read("8:05am", evening) == at(2026, 11, 12, 8, 5));
  CHECK(parse_when(std::vector<std::string>{"8:05", "am"}, evening, utc)->at ==
        at(2026, 11, 12, 8, 5));
  CHECK(read("7:15", at(2026, 11, 12, 19, 22)) == at(2026, 11, 12, 19, 15));
  CHECK(read("6:40", at(2026, 11, 12, 7, 5)) == at(2026, 11, 12, 6, 40));
  CHECK(read("7:15", at(2026, 11, 12, 7, 5)) == at(2026, 11, 11, 19, 15));
  CHECK(read("12:30", at(2026, 11, 12, 1, 0)) == at(2026, 11, 12, 0, 30));
  // The other reading is reported for hints; a leading "at" is allowed.
  const auto parsed = parse_when(std::vector<std::string>{"at", "8:05"}, evening, utc);
  REQUIRE(parsed.ok());
  CHECK(parsed->tokens_used == 2);
  CHECK(parsed->bare);
  CHECK(parsed->other_reading == at(2026, 11, 12, 8, 5));
  // An END takes the first of its readings after the start.
  const auto end = parse_end(std::vector<std::string>{"2:30"}, at(2026, 11, 12, 13, 0),
                             at(2026, 11, 12, 15, 0), utc);
  REQUIRE(end.ok());
  CHECK(end->at == at(2026, 11, 12, 14, 30));
}

TEST_CASE("fall-back: a bare time that happens twice means its most recent past")
{
  const Zone ny = zone_named("America/New_York");
  const int edt = -4 * 3600;
  const int est = -5 * 3600;
  // At 01:40 after the clocks went back, both 01:35s are past: the second is taken.
  const Instant now = at(2026, 11, 1, 1, 40, est);
  const auto parsed = parse_when(std::vector<std::string>{"1:35"}, now, ny);
  REQUIRE(parsed.ok());
  CHECK(parsed->at == at(2026, 11, 1, 1, 35, est));
  CHECK(parsed->warning.find("took the second 01:35 (-05:00)") != std::string::npos);
  CHECK(parsed->warning.find("2026-11-01T01:35-04:00") != std::string::npos);
  // At 01:20 (second pass) only the first 01:35 is past.
  const auto early = parse_when(std::vector<std::string>{"1:35"}, at(2026, 11, 1, 1, 20, est), ny);
  REQUIRE(early.ok());
  CHECK(early->at == at(2026, 11, 1, 1, 35, edt));
  CHECK(early->warning.empty());
}

TEST_CASE("setting clocks: every clock form, a bedtime's bare hour in the evening")
{
  CHECK(parse_clock_setting("7pm", true).value() == 19 * 60);
  CHECK(parse_clock_setting("7:30", true).value() == 19 * 60 + 30);
  CHECK(parse_clock_setting("07:30", true).value() == 7 * 60 + 30);
  CHECK(parse_clock_setting("7:30 pm", false).value() == 19 * 60 + 30);
  CHECK(parse_clock_setting("1930", true).value() == 19 * 60 + 30);
  CHECK(parse_clock_setting("12:00", false).value() == 12 * 60);
  CHECK_FALSE(parse_clock_setting("25:00", true).ok());
  CHECK_FALSE(parse_clock_setting("soon", true).ok());
}
