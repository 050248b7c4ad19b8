// Ranges of nights and the current night, asked in-process of a temporary log: the
// default and explicit ranges, --week by week-start, the errors a range can make, and
// which night "now" is in as the evening, the small hours and the morning come.
#include <sleeplog/app/plans.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::clock_at;
using test::nov;

namespace {

using test::FiveNights;

app::NightRange range_of(const test::TempLog& log, const app::RangeOptions& options,
                         int default_nights = 7)
{
  const auto range =
    app::resolve_range(clock_at(at(25, 12, 0)), log.source(), options, default_nights);
  REQUIRE(range);
  return *range;
}

bool operator==(const app::NightRange& a, const app::NightRange& b)
{
  return a.first == b.first && a.last == b.last;
}

} // namespace

TEST_CASE("a range without options is the default number of nights up to the latest")
{
  FiveNights log;
  CHECK(app::latest_night(log.source()) == time::Date{2026, 11, 24});
  CHECK(app::first_night(log.source()) == time::Date{2026, 11, 20});
  CHECK(range_of(log, {}) == nov(18, 24));
  CHECK(range_of(log, {}, 1) == nov(24, 24));
  CHECK(range_of(log, {3, "", "", ""}) == nov(22, 24));
  CHECK(range_of(log, {0, "2026-11-21", "", ""}) == nov(21, 24));
  CHECK(range_of(log, {0, "2026-11-21", "2026-11-22", ""}) == nov(21, 22));
  CHECK(range_of(log, {2, "", "2026-11-22", ""}) == nov(21, 22));
  // --since past the latest night is an empty range, not an error about --until.
  CHECK(range_of(log, {0, "2026-11-30", "", ""}) == nov(30, 30));
}

TEST_CASE("--week is the week holding the date, starting as week-start says")
{
  FiveNights log;
  CHECK(range_of(log, {0, "", "", "2026-11-25"}) == nov(23, 29));
  CHECK(range_of(log, {0, "", "", "-"}) == nov(23, 29)); // this week: now is Wed 25 Nov
  log.store.set_setting("week-start", "sun");
  CHECK(range_of(log, {0, "", "", "2026-11-25"}) == nov(22, 28));
}

TEST_CASE("a range that cannot be is refused with the option that makes it so")
{
  FiveNights log;
  const auto clock = clock_at(at(25, 12, 0));
  CHECK_THROWS_WITH_AS(app::resolve_range(clock, log.source(), {2, "2026-11-21", "", ""}, 7),
                       "--last cannot be combined with --since", InputError);
  CHECK_THROWS_WITH_AS(
    app::resolve_range(clock, log.source(), {0, "2026-11-23", "2026-11-21", ""}, 7),
    "--since 2026-11-23 is after --until 2026-11-21", InputError);
  try {
    app::resolve_range(clock, log.source(), {0, "", "someday", ""}, 7);
    FAIL("--until someday was accepted");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).rfind("--until: ", 0) == 0);
  }
}

TEST_CASE("an empty log has no default range, but an explicit one")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 12, 0));
  CHECK_FALSE(app::resolve_range(clock, log.source(), {}, 7));
  CHECK_FALSE(app::latest_night(log.source()));
  const auto week = app::resolve_range(clock, log.source(), {0, "", "", "-"}, 7);
  REQUIRE(week);
  CHECK(*week == nov(23, 29));
}

TEST_CASE("the current night: the night going on, else the coming one")
{
  FiveNights log;
  const auto source = log.source();
  // The night of the 24th ended at 06:30: from then on the coming night is the 25th's.
  CHECK(app::current_night(clock_at(at(25, 7, 0)), source) == time::Date{2026, 11, 25});
  CHECK(app::current_night(clock_at(at(25, 20, 0)), source) == time::Date{2026, 11, 25});

  // Tonight under way: bed and asleep, no up yet.
  log.log({test::event(model::Kind::bed, at(25, 19, 30)),
           test::event(model::Kind::asleep, at(25, 19, 50))});
  CHECK(app::current_night(clock_at(at(25, 22, 0)), source) == time::Date{2026, 11, 25});
  CHECK(app::current_night(clock_at(at(26, 3, 0)), source) == time::Date{2026, 11, 25});
  // No up long past the usual 06:30 (three hours after it): the night is over.
  CHECK(app::current_night(clock_at(at(26, 9, 0)), source) == time::Date{2026, 11, 25});
  CHECK(app::current_night(clock_at(at(26, 9, 31)), source) == time::Date{2026, 11, 26});
}

TEST_CASE(
  "with nothing logged, small hours belong to the night before and a morning to the night ahead")
{
  test::TempLog log;
  const auto source = log.source();
  CHECK(app::current_night(clock_at(at(25, 3, 0)), source) == time::Date{2026, 11, 24});
  CHECK(app::current_night(clock_at(at(25, 9, 0)), source) == time::Date{2026, 11, 25});
  CHECK(app::current_night(clock_at(at(25, 21, 0)), source) == time::Date{2026, 11, 25});
}

TEST_CASE("the last finished night is the one before until its morning is past at 09:00")
{
  CHECK(app::last_finished_night(clock_at(at(25, 8, 59))) == time::Date{2026, 11, 23});
  CHECK(app::last_finished_night(clock_at(at(25, 9, 0))) == time::Date{2026, 11, 24});
  CHECK(app::last_finished_night(clock_at(at(25, 23, 30))) == time::Date{2026, 11, 24});
  CHECK(app::last_finished_night(clock_at(at(26, 0, 30))) == time::Date{2026, 11, 24});
}

TEST_CASE("NIGHT as typed: last, -N, tonight, a date; anything else is refused")
{
  FiveNights log;
  const auto source = log.source();
  const auto clock = clock_at(at(25, 20, 0));
  CHECK(app::night_argument(clock, source, "last") == time::Date{2026, 11, 24});
  CHECK(app::night_argument(clock, source, "-2") == time::Date{2026, 11, 22});
  CHECK(app::night_argument(clock, source, "tonight") == time::Date{2026, 11, 25});
  CHECK(app::night_argument(clock, source, "") == time::Date{2026, 11, 25});
  CHECK(app::night_argument(clock, source, "2026-11-21") == time::Date{2026, 11, 21});
  CHECK_THROWS_AS(app::night_argument(clock, source, "-x"), InputError);
  CHECK_THROWS_AS(app::night_argument(clock, source, "someday"), InputError);
  CHECK_THROWS_AS(app::night_argument(clock, source, "1850-01-01"), InputError);
}

TEST_CASE("a night's events are attributed to it through the night-boundary setting")
{
  test::TempLog log;
  // A lone note at 11:00: before the noon boundary it belongs to the night before.
  log.log({test::event(model::Kind::note, at(25, 11, 0))});
  model::Event note = test::event(model::Kind::note, at(25, 11, 0));
  note.child_id = log.child.id;
  CHECK(app::night_of_event(log.source(), note) == time::Date{2026, 11, 24});
  log.store.set_setting("night-boundary", "10:00");
  CHECK(app::night_of_event(log.source(), note) == time::Date{2026, 11, 25});
}
