// WHEN and END (DESIGN §3.2) with a fixed now and zone: every form, the "most recent past"
// rule, ENDs that cross midnight, DST gaps and overlaps in New York and Berlin, and
// every error.
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace sleeplog::time;

namespace {

// An instant from a wall time at a given offset (civil_to_seconds is checked in test_civil).
Instant at(int year, int month, int day, int hour, int minute, int second = 0, int offset = 0)
{
  return civil_to_seconds(CivilTime{{year, month, day}, hour, minute, second}) - offset;
}

std::vector<std::string> words(const std::string& text)
{
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) {
    out.push_back(word);
  }
  return out;
}

Zone zone_named(const std::string& name)
{
  auto zone = Zone::named(name);
  REQUIRE(zone.ok());
  return *zone;
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

struct WhenCase
{
  std::string text;
  Instant expected;
  std::size_t used;
};

void check_when(const std::vector<WhenCase>& cases, Instant now, const Zone& zone)
{
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto tokens = words(c.text);
    const auto parsed = parse_when(tokens, now, zone);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(parsed->at == c.expected);
    CHECK(parsed->tokens_used == c.used);
    CHECK(parsed->warning.empty());
  }
}

// Fri 2026-11-27 19:32 UTC.
const Instant fri_now = at(2026, 11, 27, 19, 32);
const int est = -5 * 3600;
const int edt = -4 * 3600;

} // namespace

TEST_CASE("parse_when: every form at a fixed now in UTC")
{
  const std::vector<WhenCase> cases{
    {"", fri_now, 0},
    {"now", fri_now, 1},
    {"NOW", fri_now, 1},
    {"23:32", at(2026, 11, 26, 23, 32), 1}, // later today, so yesterday (20 h back: allowed)
    {"19:32", fri_now, 1},                  // exactly now is allowed
    {"19:00", at(2026, 11, 27, 19, 0), 1},
    {"9:30am", at(2026, 11, 27, 9, 30), 1},
    {"9am", at(2026, 11, 27, 9, 0), 1},
    {"9AM", at(2026, 11, 27, 9, 0), 1},
    {"7pm", at(2026, 11, 27, 19, 0), 1},
    {"6:45 am", at(2026, 11, 27, 6, 45), 2},
    {"6:45 AM", at(2026, 11, 27, 6, 45), 2},
    {"3:10 AM", at(2026, 11, 27, 3, 10), 2},
    {"6 am", at(2026, 11, 27, 6, 0), 2},
    {"6 PM", at(2026, 11, 27, 18, 0), 2},
    {"0305", at(2026, 11, 27, 3, 5), 1},
    {"1830", at(2026, 11, 27, 18, 30), 1},
    {"0000", at(2026, 11, 27, 0, 0), 1},
    {"7am", at(2026, 11, 27, 7, 0), 1},
    {"12am", at(2026, 11, 27, 0, 0), 1},
    {"12pm", at(2026, 11, 27, 12, 0), 1},
    {"12:15am", at(2026, 11, 27, 0, 15), 1},
    {"00:30:15", at(2026, 11, 27, 0, 30, 15), 1},
    {"0:05", at(2026, 11, 27, 0, 5), 1},
    {"today 18:00", at(2026, 11, 27, 18, 0), 2},
    {"Today 7pm", at(2026, 11, 27, 19, 0), 2},
    {"yesterday 21:30", at(2026, 11, 26, 21, 30), 2},
    {"yesterday 9:30 pm", at(2026, 11, 26, 21, 30), 3},
    {"yesterday 2130", at(2026, 11, 26, 21, 30), 2},
    {"mon 6 am", at(2026, 11, 23, 6, 0), 3},
    {"2026-11-27 6:00 pm", at(2026, 11, 27, 18, 0), 3},
    {"2026-11-26 2130", at(2026, 11, 26, 21, 30), 2},
    {"fri 18:00", at(2026, 11, 27, 18, 0), 2},  // today, already past
    {"fri 21:30", at(2026, 11, 20, 21, 30), 2}, // today is still to come: a week ago
    {"mon 21:30", at(2026, 11, 23, 21, 30), 2},
    {"Thursday 23:00", at(2026, 11, 26, 23, 0), 2},
    {"sun 9pm", at(2026, 11, 22, 21, 0), 2},
    {"2026-11-27 18:00", at(2026, 11, 27, 18, 0), 2},
    {"2026-11-27 6:00pm", at(2026, 11, 27, 18, 0), 2},
    {"2026-11-27T18:00", at(2026, 11, 27, 18, 0), 1},
    {"2026-11-27T18:00:15", at(2026, 11, 27, 18, 0, 15), 1},
    {"2026-11-27T18:00Z", at(2026, 11, 27, 18, 0), 1},
    {"2026-11-27T18:00+01:00", at(2026, 11, 27, 17, 0), 1},
    {"2026-11-27T13:00-05:00", at(2026, 11, 27, 18, 0), 1},
    {"2026-11-27T13:00:00-0500", at(2026, 11, 27, 18, 0), 1},
    {"2026-11-27 18:00+01:00", at(2026, 11, 27, 17, 0), 2},
    {"2026-11-27 20:00+01:00", at(2026, 11, 27, 19, 0), 2},
    {"2025-01-01 00:00", at(2025, 1, 1, 0, 0), 2},
    {"-10m", fri_now - 600, 1},
    {"-90s", fri_now - 90, 1},
    {"-1h", fri_now - 3600, 1},
    {"-5", fri_now - 300, 1}, // a bare number is minutes
    {"10m ago", fri_now - 600, 2},
    {"1h30m ago", fri_now - 5400, 2},
    {"15 AGO", fri_now - 900, 2},
    {"10 min ago", fri_now - 600, 3},
    {"10 mins ago", fri_now - 600, 3},
    {"10 minutes ago", fri_now - 600, 3},
    {"1 hour ago", fri_now - 3600, 3},
    {"2 hours ago", fri_now - 7200, 3},
    {"an hour ago", fri_now - 3600, 3},
    {"An Hour Ago", fri_now - 3600, 3},
    {"a minute ago", fri_now - 60, 3},
    {"1 hr ago", fri_now - 3600, 3},
    {"90 seconds ago", fri_now - 90, 3},
    {"1 hour 30 min ago", fri_now - 5400, 5},
    {"1h 30m ago", fri_now - 5400, 3},
    {"-10 min", fri_now - 600, 2},
    // Extra tokens after the longest form are left for the caller (WHEN then END).
    {"18:30 19:00", at(2026, 11, 27, 18, 30), 1},
    {"6:45 am 7:00 am", at(2026, 11, 27, 6, 45), 2},
    {"10 min ago 5 min ago", fri_now - 600, 3},
    {"18:30 10 min ago", at(2026, 11, 27, 18, 30), 1},
    {"yesterday 21:30 23:00", at(2026, 11, 26, 21, 30), 2},
    {"-10m now", fri_now - 600, 1},
    {"2026-11-27T18:00 19:00", at(2026, 11, 27, 18, 0), 1},
  };
  check_when(cases, fri_now, Zone::fixed(0));
}

TEST_CASE("parse_when: a clock time is the most recent past occurrence")
{
  const Instant just_after_midnight = at(2026, 11, 27, 0, 40);
  const std::vector<WhenCase> cases{
    {"23:10", at(2026, 11, 26, 23, 10), 1},
    {"00:30", at(2026, 11, 27, 0, 30), 1},
    {"mon 00:30", at(2026, 11, 23, 0, 30), 2},
  };
  check_when(cases, just_after_midnight, Zone::fixed(0));
}

TEST_CASE("parse_when: local time in named zones")
{
  const Zone berlin = zone_named("Europe/Berlin");
  const Instant berlin_now = at(2026, 11, 27, 19, 32, 0, 3600);
  check_when({{"18:30", at(2026, 11, 27, 18, 30, 0, 3600), 1},
              {"today 8:00", at(2026, 11, 27, 8, 0, 0, 3600), 2},
              {"2026-07-01 12:00", at(2026, 7, 1, 10, 0), 2},
              {"2026-11-27T19:00", at(2026, 11, 27, 18, 0), 1}},
             berlin_now, berlin);
}

TEST_CASE("parse_when: a wall time in a spring-forward gap does not exist")
{
  const Zone ny = zone_named("America/New_York");
  const Instant noon = at(2026, 3, 8, 12, 0, 0, edt);
  for (const std::string text :
       {"2026-03-08 02:30", "2026-03-08T02:30", "02:30", "today 02:30", "sun 2:30am"}) {
    CAPTURE(text);
    const auto parsed = parse_when(words(text), noon, ny);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message ==
          "02:30 does not exist on 2026-03-08 in America/New_York: the clocks jump forward "
          "over it");
    CHECK(contains(parsed.error().hint, "2026-03-08T02:30-05:00"));
  }
  // The day before has an 02:30, and an offset names an instant directly.
  check_when({{"yesterday 02:30", at(2026, 3, 7, 2, 30, 0, est), 2},
              {"2026-03-08T02:30-05:00", at(2026, 3, 8, 3, 30, 0, edt), 1}},
             noon, ny);
  // Before the jump, the most recent 02:30 is yesterday's, 22 h 30 min back: a slip.
  const auto early = parse_when(words("02:30"), at(2026, 3, 8, 1, 0, 0, est), ny);
  REQUIRE_FALSE(early.ok());
  CHECK(early.error().message == "02:30 is not yet; for yesterday's, write 'yesterday 02:30'");
  check_when({{"yesterday 02:30", at(2026, 3, 7, 2, 30, 0, est), 2}}, at(2026, 3, 8, 1, 0, 0, est),
             ny);

  const Zone berlin = zone_named("Europe/Berlin");
  const auto gap = parse_when(words("2026-03-29 02:30"), at(2026, 3, 29, 12, 0, 0, 7200), berlin);
  REQUIRE_FALSE(gap.ok());
  CHECK(gap.error().message ==
        "02:30 does not exist on 2026-03-29 in Europe/Berlin: the clocks jump forward over it");
}

TEST_CASE("parse_when: a fall-back time takes its most recent past occurrence and warns")
{
  const Zone ny = zone_named("America/New_York");
  const Instant noon = at(2026, 11, 1, 12, 0, 0, est);
  const std::string warning =
    "01:30 happens twice on 2026-11-01 in America/New_York; took the second 01:30 (-05:00), the "
    "most recent; for the first write 2026-11-01T01:30-04:00";
  for (const std::string text : {"2026-11-01 01:30", "01:30", "today 1:30am", "sun 01:30"}) {
    CAPTURE(text);
    const auto parsed = parse_when(words(text), noon, ny);
    REQUIRE(parsed.ok());
    CHECK(parsed->at == 1793514600);
    CHECK(parsed->at == at(2026, 11, 1, 1, 30, 0, est));
    CHECK(parsed->warning == warning);
  }
  // An explicit offset picks either one, silently.
  check_when({{"2026-11-01T01:30-05:00", at(2026, 11, 1, 1, 30, 0, est), 1},
              {"2026-11-01T01:30-04:00", at(2026, 11, 1, 1, 30, 0, edt), 1}},
             noon, ny);
  // At 01:10 after the fall-back only the first 01:30 is past: no ambiguity.
  check_when({{"01:30", at(2026, 11, 1, 1, 30, 0, edt), 1}}, at(2026, 11, 1, 1, 10, 0, est), ny);

  const Zone berlin = zone_named("Europe/Berlin");
  const Instant berlin_noon = at(2026, 10, 25, 12, 0, 0, 3600);
  const auto twice = parse_when(words("2026-10-25 02:30"), berlin_noon, berlin);
  REQUIRE(twice.ok());
  CHECK(twice->at == at(2026, 10, 25, 2, 30, 0, 3600));
  CHECK(twice->warning ==
        "02:30 happens twice on 2026-10-25 in Europe/Berlin; took the second 02:30 (+01:00), the "
        "most recent; for the first write 2026-10-25T02:30+02:00");
  check_when({{"2026-10-25T02:30+02:00", at(2026, 10, 25, 2, 30, 0, 7200), 1}},
             at(2026, 10, 25, 12, 0, 0, 3600), berlin);
}

TEST_CASE("parse_when: errors say what was wrong and list the forms")
{
  struct Case
  {
    std::string text;
    std::string message;
    std::string in_hint;
  };
  const std::vector<Case> cases{
    {"xyz", "cannot read time 'xyz'", "10m ago"},
    {"25:00", "cannot read time '25:00'", "9:30pm"},
    {"9:5", "cannot read time '9:5'", "accepted forms"},
    {"13pm", "cannot read time '13pm'", "accepted forms"},
    {"21", "cannot read time '21'", "write '21 ago'"},
    {"10 min", "cannot read time '10 min'", "write '10 min ago'"},
    {"2 days ago", "cannot read time '2 days ago'", "no day, week, month or year units"},
    {"2460", "cannot read time '2460'", "write '2460 ago'"},
    {"13 pm", "cannot read time '13 pm'", "accepted forms"},
    {"today", "cannot read time 'today'", "'today 21:30'"},
    {"mon", "cannot read time 'mon'", "'mon 21:30'"},
    {"today 25:00", "cannot read time 'today 25:00'", "accepted forms"},
    {"yesterday noon", "cannot read time 'yesterday noon'", "accepted forms"},
    {"2026-11-27", "cannot read time '2026-11-27'", "'2026-11-27 21:30'"},
    {"2026-11-27 xx", "cannot read time '2026-11-27 xx'", "accepted forms"},
    {"2026-11-27T7pm", "cannot read time '2026-11-27T7pm'", "accepted forms"},
    {"2026-02-30 10:00", "no such date '2026-02-30'", "month"},
    {"10m", "cannot read time '10m'", "write '10m ago'"},
    {"-3d", "cannot read time '-3d'", "no day, week, month or year units"},
    {"2mo ago", "cannot read time '2mo ago'", "no day, week, month or year units"},
    {"-10x", "cannot read time '-10x'", "accepted forms"},
    {"today 20:00", "today 20:00 is in the future", "it is now Fri 27 Nov 19:32 (UTC+00:00)"},
    {"2026-11-28 10:00", "2026-11-28 10:00 is in the future", "19:32"},
    {"2026-11-27T19:33Z", "2026-11-27T19:33Z is in the future", "19:32"},
    {"2026-11-27T19:32-00:01", "2026-11-27T19:32-00:01 is in the future", "19:32"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(words(c.text), fri_now, Zone::fixed(0));
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.message);
    CHECK(contains(parsed.error().hint, c.in_hint));
  }
}

TEST_CASE("parse_end: a clock time is the first occurrence at or after the start")
{
  const Zone utc = Zone::fixed(0);
  struct Case
  {
    Instant start;
    std::string text;
    Instant expected;
    std::size_t used;
  };
  const std::vector<Case> cases{
    {at(2026, 11, 26, 23, 50), "00:20", at(2026, 11, 27, 0, 20), 1}, // nap 23:50 00:20
    {at(2026, 11, 27, 14, 0), "15:00", at(2026, 11, 27, 15, 0), 1},
    {at(2026, 11, 26, 15, 0), "14:00", at(2026, 11, 27, 14, 0), 1}, // earlier clock: next day
    {at(2026, 11, 27, 14, 0), "14:00", at(2026, 11, 27, 14, 0), 1}, // zero length is allowed
    {at(2026, 11, 27, 19, 0), "", fri_now, 0},
    {at(2026, 11, 27, 19, 0), "now", fri_now, 1},
    {at(2026, 11, 27, 19, 0), "-10m", fri_now - 600, 1},
    {at(2026, 11, 27, 19, 0), "2m ago", fri_now - 120, 2},
    {at(2026, 11, 26, 22, 0), "today 1:00", at(2026, 11, 27, 1, 0), 2},
    {at(2026, 11, 26, 22, 0), "2026-11-27T01:00Z", at(2026, 11, 27, 1, 0), 1},
    {at(2026, 11, 27, 18, 0), "19:00 extra", at(2026, 11, 27, 19, 0), 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_end(words(c.text), c.start, fri_now, utc);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    CHECK(parsed->at == c.expected);
    CHECK(parsed->tokens_used == c.used);
  }
}

TEST_CASE("parse_end: errors for before the start, the future, over 24 h")
{
  const Zone utc = Zone::fixed(0);
  struct Case
  {
    Instant start;
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases{
    {at(2026, 11, 27, 15, 0), "today 14:00", "end 14:00 is before start 15:00"},
    {at(2026, 11, 27, 15, 0), "-5h", "end 14:32 is before start 15:00"},
    {at(2026, 11, 27, 1, 0), "yesterday 23:00",
     "end Thu 26 Nov 23:00 is before start Fri 27 Nov 01:00"},
    {at(2026, 11, 27, 19, 0), "20:00", "end 20:00 is in the future"},
    {at(2026, 11, 26, 23, 50), "2026-11-28 00:20", "end 2026-11-28 00:20 is in the future"},
    {at(2026, 11, 25, 15, 0), "today 16:00",
     "the interval from Wed 25 Nov 15:00 to Fri 27 Nov 16:00 is longer than 24 h"},
    {at(2026, 11, 26, 15, 0), "today 15:01",
     "the interval from Thu 26 Nov 15:00 to Fri 27 Nov 15:01 is longer than 24 h"},
    {at(2026, 11, 27, 15, 0), "garbage", "cannot read time 'garbage'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_end(words(c.text), c.start, fri_now, utc);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.message);
    CHECK_FALSE(parsed.error().hint.empty());
  }
  // Exactly 24 h is allowed.
  const auto day = parse_end(words("today 15:00"), at(2026, 11, 26, 15, 0), fri_now, utc);
  REQUIRE(day.ok());
  CHECK(day->at - at(2026, 11, 26, 15, 0) == 86400);
}

TEST_CASE("parse_end across DST: the overlap and the gap in New York")
{
  const Zone ny = zone_named("America/New_York");
  // Start at 01:45 EDT; "01:20" next comes round at 01:20 EST, 35 minutes later.
  const Instant start = at(2026, 11, 1, 1, 45, 0, edt);
  const auto end = parse_end(words("01:20"), start, at(2026, 11, 1, 12, 0, 0, est), ny);
  REQUIRE(end.ok());
  CHECK(end->at == at(2026, 11, 1, 1, 20, 0, est));
  CHECK(end->at - start == 35 * 60);
  CHECK(end->warning.empty());
  // Start before the overlap: both 01:30s are after it, so the first is taken, with a warning.
  const auto twice =
    parse_end(words("01:30"), at(2026, 10, 31, 23, 0, 0, edt), at(2026, 11, 1, 12, 0, 0, est), ny);
  REQUIRE(twice.ok());
  CHECK(twice->at == at(2026, 11, 1, 1, 30, 0, edt));
  CHECK(contains(twice->warning, "happens twice"));

  const auto gap =
    parse_end(words("02:30"), at(2026, 3, 8, 1, 30, 0, est), at(2026, 3, 8, 12, 0, 0, edt), ny);
  REQUIRE_FALSE(gap.ok());
  CHECK(contains(gap.error().message, "02:30 does not exist on 2026-03-08"));
}

TEST_CASE("printed clock times and ISO times type back to the same instant")
{
  const Zone berlin = zone_named("Europe/Berlin");
  const Instant now = at(2026, 11, 27, 19, 32, 0, 3600);
  for (Instant past = now; past >= now - 20 * 3600; past -= 997) {
    const Instant minute = past - (past % 60 + 60) % 60;
    const std::vector<std::string> clock{format_clock(minute, berlin.offset_at(minute))};
    const auto back = parse_when(clock, now, berlin);
    REQUIRE(back.ok());
    CHECK(back->at == minute);
    const std::vector<std::string> iso{format_iso(past, berlin.offset_at(past))};
    CHECK(parse_when(iso, now, berlin)->at == past);
  }
}

TEST_CASE("the help texts name the forms")
{
  CHECK(contains(std::string(when_forms_help()), "1h30m ago"));
  CHECK(contains(std::string(when_forms_help()), "yesterday 21:30"));
  CHECK(contains(std::string(duration_forms_help()), "45min"));
}
