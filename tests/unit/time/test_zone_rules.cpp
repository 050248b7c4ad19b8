// Zone rules the old TZ-switching code could not be trusted with, against hand-computed
// values: Lord Howe's 30-minute DST, Kathmandu's +05:45 (and its 1986 move from +05:30),
// and lookups that jump back and forth inside one UTC day that holds an offset change.
#include <sleeplog/time/zone.hpp>

#include <doctest/doctest.h>

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

Instant utc(int year, int month, int day, int hour, int minute, int second = 0)
{
  return civil_to_seconds(CivilTime{{year, month, day}, hour, minute, second});
}

constexpr int h10m30 = 10 * 3600 + 1800;
constexpr int h11 = 11 * 3600;

} // namespace

TEST_CASE("Lord Howe: DST is 30 minutes, both ways")
{
  const Zone lh = must("Australia/Lord_Howe");
  // 2026-10-04 02:00 (+10:30) becomes 02:30 (+11:00): 2026-10-03 15:30Z.
  CHECK(lh.offset_at(utc(2026, 10, 3, 15, 29, 59)) == h10m30);
  CHECK(lh.offset_at(utc(2026, 10, 3, 15, 30)) == h11);
  CHECK(lh.resolve({{2026, 10, 4}, 2, 15, 0}).empty());
  CHECK(lh.resolve({{2026, 10, 4}, 2, 30, 0}) == std::vector<Instant>{utc(2026, 10, 3, 15, 30)});
  // 2026-04-05 02:00 (+11:00) becomes 01:30 (+10:30): 2026-04-04 15:00Z; 01:45 happens twice.
  CHECK(lh.offset_at(utc(2026, 4, 4, 14, 59, 59)) == h11);
  CHECK(lh.offset_at(utc(2026, 4, 4, 15, 0)) == h10m30);
  CHECK(lh.resolve({{2026, 4, 5}, 1, 45, 0}) ==
        std::vector<Instant>{utc(2026, 4, 4, 14, 45), utc(2026, 4, 4, 15, 15)});
  CHECK(lh.to_civil(utc(2026, 10, 3, 15, 30)) == CivilTime{{2026, 10, 4}, 2, 30, 0});
}

TEST_CASE("Kathmandu: +05:45, and the quarter hour that 1986 skipped")
{
  const Zone ktm = must("Asia/Kathmandu");
  CHECK(ktm.offset_at(utc(2026, 11, 27, 13, 30)) == 5 * 3600 + 45 * 60);
  CHECK(ktm.to_civil(utc(2026, 11, 27, 13, 30)) == CivilTime{{2026, 11, 27}, 19, 15, 0});
  // 1986-01-01 00:00 (+05:30) became 00:15 (+05:45): 1985-12-31 18:30Z.
  CHECK(ktm.offset_at(utc(1985, 12, 31, 18, 29, 59)) == 5 * 3600 + 30 * 60);
  CHECK(ktm.offset_at(utc(1985, 12, 31, 18, 30)) == 5 * 3600 + 45 * 60);
  CHECK(ktm.resolve({{1986, 1, 1}, 0, 10, 0}).empty());
}

TEST_CASE("lookups in any order inside a UTC day that holds a change")
{
  // The old code cached one offset per UTC day when both ends agreed; the library answers
  // per instant, and the cached [begin, end) of the last answer must never leak.
  const Zone lh = must("Australia/Lord_Howe");
  const Zone ny = must("America/New_York");
  struct Probe
  {
    const Zone* zone;
    Instant at;
    int offset;
  };
  const std::vector<Probe> probes{
    {&lh, utc(2026, 10, 3, 23, 59), h11},      {&lh, utc(2026, 10, 3, 0, 0), h10m30},
    {&lh, utc(2026, 10, 3, 15, 30), h11},      {&lh, utc(2026, 10, 3, 15, 29), h10m30},
    {&lh, utc(2026, 10, 3, 0, 0), h10m30},     {&ny, utc(2026, 3, 8, 6, 59), -5 * 3600},
    {&ny, utc(2026, 3, 8, 7, 0), -4 * 3600},   {&ny, utc(2026, 3, 8, 0, 0), -5 * 3600},
    {&ny, utc(2026, 11, 1, 5, 59), -4 * 3600}, {&ny, utc(2026, 11, 1, 6, 0), -5 * 3600},
    {&ny, utc(2026, 11, 1, 5, 0), -4 * 3600},
  };
  for (const auto& p : probes) {
    CAPTURE(p.zone->name());
    CAPTURE(p.at);
    CHECK(p.zone->offset_at(p.at) == p.offset);
  }
  // A copy answers the same, whatever the original cached.
  const Zone copy = lh;
  CHECK(copy.offset_at(utc(2026, 10, 3, 0, 0)) == h10m30);
  CHECK(copy.offset_at(utc(2026, 10, 3, 16, 0)) == h11);
}
