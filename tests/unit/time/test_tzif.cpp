// The local zone read from its one file answers exactly as the date/tz database does:
// every offset and every wall time (gaps, overlaps, half-hour DST, quarter-hour offsets)
// over decades, and only real TZif files are zones.
#include <sleeplog/time/tzif.hpp>
#include <sleeplog/time/zone.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace sleeplog::time;

namespace {

const std::vector<std::string> zones_compared{
  "Australia/Lord_Howe",                                       // DST of 30 minutes
  "Asia/Kathmandu",                                            // +05:45, moved from +05:30 in 1986
  "America/New_York",    "Europe/Berlin",     "Europe/Dublin", // Dublin: negative DST in the data
  "America/St_Johns",    "Pacific/Apia",                       // Apia skipped a whole day in 2011
  "Africa/Casablanca",   "America/Sao_Paulo", "UTC",
};

std::string file_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("the local zone's file gives the database's offsets and wall-time answers")
{
  const Instant from = -946771200;  // 1940-01-01
  const Instant until = 2240611200; // 2041-01-01
  for (const auto& name : zones_compared) {
    CAPTURE(name);
    const auto fast = Zone::from_tz_variable(name);
    const auto database = Zone::named(name);
    REQUIRE(fast.ok());
    REQUIRE(database.ok());
    CHECK(fast->name() == name);
    int offset_mismatches = 0;
    int wall_mismatches = 0;
    // Offsets every 7 minutes (never in step with the hour), wall times every 15 minutes.
    for (Instant at = from; at < until; at += 7 * 60) {
      offset_mismatches += fast->offset_at(at) != database->offset_at(at) ? 1 : 0;
    }
    for (Instant wall = from; wall < until; wall += 15 * 60) {
      const CivilTime civil = local_civil(wall, 0);
      wall_mismatches += fast->resolve(civil) != database->resolve(civil) ? 1 : 0;
    }
    CHECK(offset_mismatches == 0);
    CHECK(wall_mismatches == 0);
  }
}

TEST_CASE(
  "the local zone's file gives the known offsets of Lord Howe, Kathmandu and two DST nights")
{
  const Zone lord_howe = *Zone::from_tz_variable(std::string("Australia/Lord_Howe"));
  CHECK(lord_howe.offset_at(1783000000) == 10 * 3600 + 1800); // July 2026: standard time
  CHECK(lord_howe.offset_at(1795807920) == 11 * 3600);        // November: DST, 30 minutes on
  // 2026-04-05 02:00 +11 falls back to 01:30: 01:45 happens twice, 30 minutes apart.
  CHECK(lord_howe.resolve({{2026, 4, 5}, 1, 45, 0}) ==
        std::vector<Instant>{1775313900, 1775315700});
  // 2026-10-04 02:00 +10:30 springs to 02:30: 02:15 never happens.
  CHECK(lord_howe.resolve({{2026, 10, 4}, 2, 15, 0}).empty());
  const Zone kathmandu = *Zone::from_tz_variable(std::string("Asia/Kathmandu"));
  CHECK(kathmandu.offset_at(1783000000) == 5 * 3600 + 2700);
  CHECK(kathmandu.resolve({{2026, 6, 10}, 21, 15, 0}) == std::vector<Instant>{1781105400});
  const Zone ny = *Zone::from_tz_variable(std::string("America/New_York"));
  CHECK(ny.resolve({{2026, 11, 1}, 1, 30, 0}) == std::vector<Instant>{1793511000, 1793514600});
  const Zone berlin = *Zone::from_tz_variable(std::string("Europe/Berlin"));
  CHECK(berlin.resolve({{2026, 3, 29}, 2, 30, 0}).empty());
  CHECK(berlin.resolve({{2026, 3, 29}, 3, 30, 0}) == std::vector<Instant>{1774747800});
}

TEST_CASE("only a whole TZif file is a zone")
{
  using tzif::Rules;
  CHECK(Rules::load("/usr/share/zoneinfo/zone.tab") == nullptr);
  CHECK(Rules::load("/usr/share/zoneinfo/Not/AZone") == nullptr);
  CHECK(Rules::load("/usr/share/zoneinfo") == nullptr); // a folder
  // A zone counting leap seconds is refused, as the database refuses it.
  if (!file_bytes("/usr/share/zoneinfo/right/UTC").empty()) {
    CHECK(Rules::load("/usr/share/zoneinfo/right/UTC") == nullptr);
    CHECK_FALSE(Zone::from_tz_variable(std::string("right/Europe/Berlin")).ok());
  }
  CHECK(Rules::parse("") == nullptr);
  CHECK(Rules::parse("TZif2") == nullptr);
  const std::string whole = file_bytes("/usr/share/zoneinfo/Europe/Berlin");
  REQUIRE(Rules::parse(whole) != nullptr);
  // Cut anywhere inside its 64-bit data, the file is refused, never read past its end.
  for (std::size_t cut : {std::size_t{44}, whole.size() / 2, whole.size() - 40}) {
    CAPTURE(cut);
    CHECK(Rules::parse(whole.substr(0, cut)) == nullptr);
  }
  for (const std::string bad : {"zone.tab", "tzdata.zi", "Europe"}) {
    CAPTURE(bad);
    const auto zone = Zone::from_tz_variable(bad);
    REQUIRE_FALSE(zone.ok());
    CHECK(zone.error().message == "unknown time zone '" + bad + "' in TZ");
  }
}
