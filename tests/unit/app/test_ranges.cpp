// Nights named on the command line, asked in-process of a temporary log: NIGHT..NIGHT
// ranges (good, reversed, bad ends, open ends), the NIGHT of `show`, and the baseline
// nights of `trend`.
#include <sleeplog/app/plans.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::clock_at;

namespace {

// The fixture's five nights; now is the evening of the 25th.
struct FiveNights : test::FiveNights
{
  app::Clock clock = clock_at(at(25, 20, 0));
};

time::Date nov(int day)
{
  return time::Date{2026, 11, day};
}

bool same(const app::NightRange& range, time::Date first, time::Date last)
{
  return range.first == first && range.last == last;
}

} // namespace

TEST_CASE("NIGHT..NIGHT names the nights from the first to the last, each end a NIGHT")
{
  FiveNights log;
  const auto source = log.source();
  CHECK(
    same(app::night_range_argument(log.clock, source, "2026-11-21..2026-11-23"), nov(21), nov(23)));
  CHECK(same(app::night_range_argument(log.clock, source, "-3..last"), nov(21), nov(24)));
  CHECK(
    same(app::night_range_argument(log.clock, source, "2026-11-22..2026-11-22"), nov(22), nov(22)));
  // A single NIGHT is a range of one.
  CHECK(same(app::night_range_argument(log.clock, source, "2026-11-22"), nov(22), nov(22)));
  CHECK(same(app::night_range_argument(log.clock, source, "tonight"), nov(25), nov(25)));
}

TEST_CASE("an open end of NIGHT..NIGHT is the current night")
{
  FiveNights log;
  const auto source = log.source();
  CHECK(same(app::night_range_argument(log.clock, source, "2026-11-23.."), nov(23), nov(25)));
  // An open first end is tonight too: before a last logged night it is reversed.
  CHECK(same(app::night_range_argument(log.clock, source, "..2026-11-27"), nov(25), nov(27)));
  CHECK_THROWS_WITH_AS(app::night_range_argument(log.clock, source, "..2026-11-23"),
                       "2026-11-25 is after 2026-11-23", InputError);
}

TEST_CASE("a reversed range is refused, naming both ends")
{
  FiveNights log;
  CHECK_THROWS_WITH_AS(app::night_range_argument(log.clock, log.source(), "2026-11-23..2026-11-21"),
                       "2026-11-23 is after 2026-11-21", InputError);
}

TEST_CASE("a range holds at most a year of nights")
{
  FiveNights log;
  const auto source = log.source();
  CHECK(same(app::night_range_argument(log.clock, source, "2025-11-24..2026-11-25"),
             time::Date{2025, 11, 24}, nov(25)));
  CHECK_THROWS_WITH_AS(app::night_range_argument(log.clock, source, "2025-11-23..2026-11-25"),
                       "a tag range holds at most a year of nights", InputError);
}

TEST_CASE("a range with an end that names no night is refused with that end")
{
  FiveNights log;
  const auto source = log.source();
  CHECK_THROWS_WITH_AS(app::night_range_argument(log.clock, source, "2026-11-21..someday"),
                       "'someday' is not a night", InputError);
  CHECK_THROWS_WITH_AS(app::night_range_argument(log.clock, source, "2026-13-01..2026-11-21"),
                       "'2026-13-01' is not a night", InputError);
  CHECK_THROWS_AS(app::night_range_argument(log.clock, source, "1850-01-01..2026-11-21"),
                  InputError);
  CHECK_THROWS_AS(app::night_range_argument(log.clock, source, "-x..last"), InputError);
}

TEST_CASE("a range needs something logged when an end counts back from the latest night")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  CHECK_THROWS_WITH_AS(app::night_range_argument(clock, log.source(), "-2..2026-11-25"),
                       "'-2': nothing is logged yet", InputError);
}

TEST_CASE("any RANGE option counts as a range given")
{
  CHECK_FALSE(app::range_given({}));
  CHECK(app::range_given({2, "", "", ""}));
  CHECK(app::range_given({0, "2026-11-01", "", ""}));
  CHECK(app::range_given({0, "", "2026-11-01", ""}));
  CHECK(app::range_given({0, "", "", "-"}));
}

TEST_CASE("show's NIGHT: the latest by default, -N back from it, or a date")
{
  FiveNights log;
  const auto source = log.source();
  CHECK(app::night_to_show(log.clock, source, "") == nov(24));
  CHECK(app::night_to_show(log.clock, source, "last") == nov(24));
  CHECK(app::night_to_show(log.clock, source, "-1") == nov(23));
  CHECK(app::night_to_show(log.clock, source, "yesterday") == nov(24));
  CHECK(app::night_to_show(log.clock, source, "2026-11-02") == nov(2));
  CHECK_THROWS_WITH_AS(app::night_to_show(log.clock, source, "-1x"), "'-1x' is not a night",
                       InputError);
  CHECK_THROWS_WITH_AS(app::night_to_show(log.clock, source, "soon"), "'soon' is not a night",
                       InputError);

  test::TempLog empty;
  CHECK_FALSE(app::night_to_show(log.clock, empty.source(), ""));
  CHECK_FALSE(app::night_to_show(log.clock, empty.source(), "-2"));
  CHECK(app::night_to_show(log.clock, empty.source(), "2026-11-02") == nov(2));
}

TEST_CASE("trend's baseline: the first 7 kept nights of the first three weeks by default")
{
  FiveNights log;
  const auto baseline = app::baseline_range(log.clock, log.source(), {});
  CHECK(same(baseline.range, nov(20), time::Date{2026, 12, 10}));
  CHECK(baseline.limit == 7);
}

TEST_CASE("trend's baseline options: one alone names 7 nights, both name their nights")
{
  FiveNights log;
  const auto source = log.source();
  auto baseline = app::baseline_range(log.clock, source, {"2026-11-10", ""});
  CHECK(same(baseline.range, nov(10), nov(16)));
  CHECK_FALSE(baseline.limit);
  baseline = app::baseline_range(log.clock, source, {"", "2026-11-16"});
  CHECK(same(baseline.range, nov(10), nov(16)));
  baseline = app::baseline_range(log.clock, source, {"2026-11-01", "2026-11-20"});
  CHECK(same(baseline.range, nov(1), nov(20)));
  CHECK_FALSE(baseline.limit);
}

TEST_CASE("trend's baseline options are refused when reversed or not dates")
{
  FiveNights log;
  const auto source = log.source();
  CHECK_THROWS_WITH_AS(app::baseline_range(log.clock, source, {"2026-11-20", "2026-11-10"}),
                       "--baseline-since 2026-11-20 is after --baseline-until 2026-11-10",
                       InputError);
  try {
    app::baseline_range(log.clock, source, {"soon", ""});
    FAIL("--baseline-since soon was accepted");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).rfind("--baseline-since: ", 0) == 0);
  }
  try {
    app::baseline_range(log.clock, source, {"", "soon"});
    FAIL("--baseline-until soon was accepted");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).rfind("--baseline-until: ", 0) == 0);
  }
}
