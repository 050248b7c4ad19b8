// Other apps' wall-clock times, and the instants they name across DST changes.
#include <sleeplog/exchange/wall_time.hpp>

#include <doctest/doctest.h>

using namespace sleeplog;
using namespace sleeplog::exchange;

namespace {

std::string civil_text(std::string_view text)
{
  const auto wall = parse_wall_time(text);
  if (!wall) {
    return "none";
  }
  const auto& c = wall->civil;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d%s", c.date.year, c.date.month,
                c.date.day, c.hour, c.minute, c.second,
                wall->offset_s ? (" " + std::to_string(*wall->offset_s)).c_str() : "");
  return buffer;
}

} // namespace

TEST_CASE("each app's time form")
{
  CHECK(civil_text("12/12/20 7:47 PM") == "2020-12-12 19:47:00"); // babyconnect
  CHECK(civil_text("12/13/20 12:05 AM") == "2020-12-13 00:05:00");
  CHECK(civil_text("2020-12-12 19:47") == "2020-12-12 19:47:00");    // huckleberry
  CHECK(civil_text("2020-12-12 19:47:30") == "2020-12-12 19:47:30"); // babybuddy
  CHECK(civil_text("2020-12-12T19:47:30.123-08:00") == "2020-12-12 19:47:30 -28800");
  CHECK(civil_text("1/5/20, 19:30") == "2020-01-05 19:30:00");         // babytracker
  CHECK(civil_text("03/08/2020 1:15:00 am") == "2020-03-08 01:15:00"); // glow
  CHECK(civil_text("12/12/20 12:00 PM") == "2020-12-12 12:00:00");
}

TEST_CASE("malformed times are refused")
{
  for (const char* bad : {"", "yesterday", "13/1/20 7:00 PM", "2/30/20 7:00 PM",
                          "12/12/20 13:00 PM", "12/12/20 7:60 PM", "2020-12-12 25:00", "2020-12-12",
                          "12/12/20 7:47 PM junk", "12/12/201 7:47 PM"}) {
    CAPTURE(bad);
    CHECK(civil_text(bad) == "none");
  }
}

TEST_CASE("resolving in a zone: normal, fall-back overlap, spring-forward gap, own offset")
{
  const auto zone = time::Zone::named("America/New_York");
  REQUIRE(zone);
  const auto at = [&](const char* text, std::optional<time::Instant> not_before = std::nullopt) {
    return resolve_wall_time(*parse_wall_time(text), *zone, not_before);
  };
  // 2020-11-01 01:30 happens twice in New York: EDT (05:30Z) then EST (06:30Z).
  CHECK(at("2020-11-01 01:30").at == 1604208600);
  CHECK(at("2020-11-01 01:30").offset_s == -4 * 3600);
  CHECK(at("2020-11-01 01:30", 1604208600 + 60).at == 1604212200);
  CHECK(at("2020-11-01 01:30", 1604208600 + 60).offset_s == -5 * 3600);
  // 2020-03-08 02:30 does not exist; read with EST it is 07:30Z, shown as 03:30 EDT.
  CHECK(at("2020-03-08 02:30").at == 1583652600);
  CHECK(at("2020-03-08 02:30").offset_s == -4 * 3600);
  CHECK(at("2020-12-12 19:47").at == 1607820420);
  CHECK(at("2020-12-12T19:47:00Z").at == 1607802420);
  CHECK(at("2020-12-12T19:47:00Z").offset_s == 0);
}
