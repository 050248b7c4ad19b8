// UTC offsets with seconds (local mean time: Monrovia -00:44:30 until 1972, New York
// -04:56:02 before 1883) print with their seconds and read back exactly.
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

using namespace sleeplog::time;

TEST_CASE("an offset with seconds prints them and reads back")
{
  const Instant at = -625983330; // 1950-03-01T19:44:30Z
  CHECK(format_iso(at, -2670) == "1950-03-01T19:00:00-00:44:30");
  const auto back = parse_iso_instant("1950-03-01T19:00:00-00:44:30");
  REQUIRE(back);
  CHECK(back->at == at);
  CHECK(back->offset_seconds == -2670);
  CHECK(format_iso(at, 19 * 60 + 32) == "1950-03-01T20:04:02+00:19:32");
}

TEST_CASE("whole-minute offsets keep their usual form")
{
  CHECK(format_iso(1795824000, -5 * 3600) == "2026-11-27T19:00:00-05:00");
  CHECK(format_iso(1795824000, 5 * 3600 + 45 * 60) == "2026-11-28T05:45:00+05:45");
  CHECK_FALSE(parse_iso_instant("2026-11-27T19:00:00-05:00:60"));
  CHECK_FALSE(parse_iso_instant("2026-11-27T19:00:00-05:00:5"));
}
