// The slip guard of DESIGN §3.2 and the END that wraps to a day not yet come: a bare clock
// more than 20 h back is refused with both readings, each typeable as shown.
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace sleeplog::time;

namespace {

Instant at(int year, int month, int day, int hour, int minute, int offset = 0)
{
  return civil_to_seconds(CivilTime{{year, month, day}, hour, minute, 0}) - offset;
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

} // namespace

TEST_CASE("slip guard: a bare clock whose most recent past is over 20 h back is refused")
{
  const Zone ny = zone_named("America/New_York");
  const int est = -5 * 3600;
  struct Case
  {
    Instant now;
    std::string text;
    std::string message;
    std::string in_hint;
  };
  const std::vector<Case> cases{
    // At 19:02, `bed 19:20` meant tonight, 18 minutes on.
    {at(2026, 11, 27, 19, 2, est), "19:20",
     "19:20 is in 18 min, not yet; for yesterday's, write 'yesterday 19:20'",
     "that was Thu 26 Nov 19:20, 23 h 42 min ago"},
    // At 00:10, `woke 2am` meant tonight's 2am.
    {at(2026, 11, 28, 0, 10, est), "2am",
     "2am is in 1 h 50 min, not yet; for yesterday's, write 'yesterday 2am'", "Fri 27 Nov 02:00"},
    {at(2026, 11, 28, 0, 10, est), "3:10 AM",
     "3:10 AM is in 3 h, not yet; for yesterday's, write 'yesterday 3:10 AM'", "21 h"},
    {at(2026, 11, 28, 2, 0, est), "0305",
     "0305 is in 1 h 5 min, not yet; for yesterday's, write 'yesterday 0305'", "22 h 55 min ago"},
    {at(2026, 11, 27, 19, 32, est), "23:31",
     "23:31 is in 3 h 59 min, not yet; for yesterday's, write 'yesterday 23:31'", "20 h 1 min"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto parsed = parse_when(words(c.text), c.now, ny);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == c.message);
    CHECK(parsed.error().hint.find(c.in_hint) != std::string::npos);
    // The reading the message offers parses, to the instant the guard refused.
    const std::string offered = c.message.substr(c.message.find("write '") + 7);
    const auto yesterday = parse_when(words(offered.substr(0, offered.size() - 1)), c.now, ny);
    REQUIRE(yesterday.ok());
    CHECK(c.now - yesterday->at > 20 * 3600);
  }
  // Exactly 20 h back is still a bare clock's most recent past.
  const auto edge = parse_when(words("23:32"), at(2026, 11, 27, 19, 32, est), ny);
  REQUIRE(edge.ok());
  CHECK(edge->at == at(2026, 11, 26, 23, 32, est));
  // Dates, day words, weekdays and relative times are never slips.
  for (const std::string text :
       {"yesterday 19:20", "thu 19:20", "2026-11-26 19:20", "23 hours ago"}) {
    CAPTURE(text);
    CHECK(parse_when(words(text), at(2026, 11, 27, 19, 2, est), ny).ok());
  }
}

TEST_CASE("slip guard: the 'in N min' counts real minutes across a DST change")
{
  const Zone berlin = zone_named("Europe/Berlin");
  // 2026-03-29: clocks jump 02:00 → 03:00. At 01:30 CET, 04:00 is 1 h 30 min of real time away.
  const auto parsed = parse_when(words("04:00"), at(2026, 3, 29, 1, 30, 3600), berlin);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message ==
        "04:00 is in 1 h 30 min, not yet; for yesterday's, write 'yesterday 04:00'");
}

TEST_CASE("parse_end: an END before the start whose next-day reading is still to come")
{
  const Zone utc = Zone::fixed(0);
  // cry 21:30 21:10 at 21:40: not "in the future" but before its start.
  const auto end =
    parse_end(words("21:10"), at(2026, 11, 27, 21, 30), at(2026, 11, 27, 21, 40), utc);
  REQUIRE_FALSE(end.ok());
  CHECK(end.error().message ==
        "end 21:10 is before the start 21:30, and the next day's 21:10 has not come yet");
  CHECK(end.error().hint.find("give an end after 21:30, or a length with --for DUR") !=
        std::string::npos);
  // The same END the next evening is the next day's, as DESIGN §3.2 says.
  const auto next =
    parse_end(words("21:10"), at(2026, 11, 26, 21, 30), at(2026, 11, 27, 21, 40), utc);
  REQUIRE(next.ok());
  CHECK(next->at == at(2026, 11, 27, 21, 10));
  // Ends in words and with am/pm.
  const auto words_end =
    parse_end(words("5 min ago"), at(2026, 11, 27, 21, 30), at(2026, 11, 27, 21, 40), utc);
  REQUIRE(words_end.ok());
  CHECK(words_end->at == at(2026, 11, 27, 21, 35));
  const auto am =
    parse_end(words("12:20 am"), at(2026, 11, 26, 23, 50), at(2026, 11, 27, 21, 40), utc);
  REQUIRE(am.ok());
  CHECK(am->at == at(2026, 11, 27, 0, 20));
  CHECK(am->tokens_used == 2);
}
