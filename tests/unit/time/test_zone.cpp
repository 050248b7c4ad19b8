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

TEST_CASE("Zone::local reads TZ once, and named zones leave TZ as it was")
{
  const char* saved = std::getenv("TZ");
  const std::string saved_value = saved != nullptr ? saved : "";

  setenv("TZ", "Europe/Berlin", 1);
  const Zone berlin = Zone::local();
  CHECK(berlin.name() == "Europe/Berlin");
  setenv("TZ", "America/New_York", 1);
  CHECK(berlin.offset_at(1795807920) == 3600); // still Berlin: TZ was read at creation
  CHECK(std::string(std::getenv("TZ")) == "America/New_York");
  CHECK(must("Asia/Kolkata").offset_at(1795807920) == 5 * 3600 + 1800);
  CHECK(std::string(std::getenv("TZ")) == "America/New_York");

  unsetenv("TZ");
  const Zone unset = Zone::local();
  CHECK(unset.name().empty());
  CHECK(unset.offset_at(1783000000) == 0);
  CHECK(must("Europe/Berlin").offset_at(1783000000) == 7200);
  CHECK(std::getenv("TZ") == nullptr);

  setenv("TZ", "", 1);
  CHECK(Zone::local().offset_at(1783000000) == 0);

  if (saved != nullptr) {
    setenv("TZ", saved_value.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
}

TEST_CASE("offsets read with TZ switched agree with offsets read under that TZ")
{
  // The first pass switches TZ (and remembers steady days); the second reads TZ directly.
  const char* saved = std::getenv("TZ");
  const std::string saved_value = saved != nullptr ? saved : "";
  for (const std::string name : {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe"}) {
    CAPTURE(name);
    const Zone zone = must(name);
    setenv("TZ", "UTC", 1);
    std::vector<int> switched;
    for (Instant t = 1767225600; t < 1830297600; t += 1800) // 2026-01-01 .. 2028-01-01
    {
      switched.push_back(zone.offset_at(t));
    }
    setenv("TZ", name.c_str(), 1);
    std::size_t i = 0;
    for (Instant t = 1767225600; t < 1830297600; t += 1800, ++i) {
      if (zone.offset_at(t) != switched[i]) {
        FAIL("offsets differ at " << t);
      }
    }
  }
  if (saved != nullptr) {
    setenv("TZ", saved_value.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
}
