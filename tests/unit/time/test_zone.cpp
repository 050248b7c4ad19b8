// Zones from the system tz database: offsets across DST, and what a wall time names in
// a spring-forward gap (nothing) and a fall-back overlap (two instants).
#include <sleeplog/time/zone.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace sleeplog::time;

namespace {

Zone must(const std::string& name)
{
  auto zone = Zone::named(name);
  REQUIRE_MESSAGE(zone.ok(), name);
  return *zone;
}

} // namespace

TEST_CASE("named zones must exist under /usr/share/zoneinfo")
{
  CHECK(must("America/New_York").name() == "America/New_York");
  CHECK(must("Europe/Berlin").name() == "Europe/Berlin");
  CHECK(must("UTC").name() == "UTC");
  const std::vector<std::string> bad{"Foo/Bar",       "",         "../etc/passwd", "/etc/localtime",
                                     "Europe/../UTC", "zone.tab", "Europe",        "europe/berlin",
                                     "Europe/Berlin "};
  for (const auto& name : bad) {
    CAPTURE(name);
    const auto zone = Zone::named(name);
    REQUIRE_FALSE(zone.ok());
    CHECK(zone.error().message == "unknown time zone '" + name + "'");
    CHECK(zone.error().hint.find("Europe/Berlin") != std::string::npos);
  }
}

TEST_CASE("offset_at follows DST in New York and Berlin")
{
  const Zone ny = must("America/New_York");
  const Zone berlin = must("Europe/Berlin");
  struct Case
  {
    const Zone* zone;
    Instant at;
    int offset;
  };
  const std::vector<Case> cases{
    {&ny, 1795807920, -5 * 3600}, // 2026-11-27 19:32Z
    {&ny, 1783000000, -4 * 3600}, // 2026-07-02
    {&ny, 1772953199, -5 * 3600}, // 2026-03-08 06:59:59Z, last second of EST
    {&ny, 1772953200, -4 * 3600}, // 07:00Z: clocks jump to 03:00 EDT
    {&ny, 1793512799, -4 * 3600}, // 2026-11-01 05:59:59Z, last second of EDT
    {&ny, 1793512800, -5 * 3600}, // 06:00Z: back to 01:00 EST
    {&berlin, 1795807920, 3600},  // winter
    {&berlin, 1783000000, 7200},  // summer
    {&berlin, 1774746000, 7200},  // 2026-03-29 01:00Z: 03:00 CEST
    {&berlin, 1774745999, 3600},
  };
  for (const auto& c : cases) {
    CAPTURE(c.zone->name());
    CAPTURE(c.at);
    CHECK(c.zone->offset_at(c.at) == c.offset);
  }
  CHECK(ny.to_civil(1795807920) == CivilTime{{2026, 11, 27}, 14, 32, 0});
  CHECK(berlin.to_civil(1795807920) == CivilTime{{2026, 11, 27}, 20, 32, 0});
}

TEST_CASE("resolve: one instant normally, none in a gap, two in an overlap")
{
  const Zone ny = must("America/New_York");
  const Zone berlin = must("Europe/Berlin");
  CHECK(ny.resolve({{2026, 11, 27}, 14, 32, 0}) == std::vector<Instant>{1795807920});
  CHECK(ny.resolve({{2026, 3, 8}, 2, 30, 0}).empty());
  CHECK(ny.resolve({{2026, 3, 8}, 2, 0, 0}).empty());
  CHECK(ny.resolve({{2026, 3, 8}, 3, 0, 0}) == std::vector<Instant>{1772953200});
  CHECK(ny.resolve({{2026, 3, 8}, 1, 59, 59}) == std::vector<Instant>{1772953199});
  CHECK(ny.resolve({{2026, 11, 1}, 1, 30, 0}) == std::vector<Instant>{1793511000, 1793514600});
  CHECK(ny.resolve({{2026, 11, 1}, 2, 0, 0}) == std::vector<Instant>{1793516400});
  CHECK(berlin.resolve({{2026, 3, 29}, 2, 30, 0}).empty());
  CHECK(berlin.resolve({{2026, 10, 25}, 2, 30, 0}) == std::vector<Instant>{1792888200, 1792891800});
  CHECK(berlin.resolve({{2026, 7, 1}, 12, 0, 0}) == std::vector<Instant>{1782900000});
}

TEST_CASE("fixed zones need no tz database")
{
  const Zone minus5 = Zone::fixed(-5 * 3600);
  CHECK(minus5.name() == "UTC-05:00");
  CHECK(Zone::fixed(0).name() == "UTC+00:00");
  CHECK(Zone::fixed(5 * 3600 + 1800).name() == "UTC+05:30");
  CHECK(minus5.offset_at(1783000000) == -5 * 3600);
  CHECK(minus5.to_civil(1795807920) == CivilTime{{2026, 11, 27}, 14, 32, 0});
  CHECK(minus5.resolve({{2026, 11, 27}, 14, 32, 0}) == std::vector<Instant>{1795807920});
}

TEST_CASE("the local zone comes from the value of TZ, never from the process environment")
{
  const auto berlin = Zone::from_tz_variable(std::string("Europe/Berlin"));
  REQUIRE(berlin.ok());
  CHECK(berlin->name() == "Europe/Berlin");
  CHECK(berlin->offset_at(1795807920) == 3600);
  const auto colon = Zone::from_tz_variable(std::string(":America/New_York"));
  REQUIRE(colon.ok());
  CHECK(colon->offset_at(1795807920) == -5 * 3600);
  const auto empty = Zone::from_tz_variable(std::string());
  REQUIRE(empty.ok());
  CHECK(empty->offset_at(1783000000) == 0);
  CHECK(empty->name() == "UTC");
  for (const std::string bad : {"Not/AZone", ":Not/AZone", "CET-1CEST", "../../etc/passwd"}) {
    CAPTURE(bad);
    const auto zone = Zone::from_tz_variable(bad);
    REQUIRE_FALSE(zone.ok());
    CHECK(zone.error().message == "unknown time zone '" + bad + "' in TZ");
  }
  // Unset: whatever /etc/localtime names, never an error on a system that has one.
  CHECK(Zone::from_tz_variable(std::nullopt).ok());
}

TEST_CASE("a default zone is UTC")
{
  const Zone utc;
  CHECK(utc.name() == "UTC");
  CHECK(utc.offset_at(1783000000) == 0);
  CHECK(utc.resolve({{2026, 7, 1}, 12, 0, 0}) == std::vector<Instant>{1782907200});
}
