// The demo log, written in-process into a temporary log: its nights end with the last
// finished night, a sick night and a Ferber plan come with a long enough history, and
// it refuses a log that holds events or a number of nights out of range.
#include <sleeplog/app/demo.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::clock_at;

namespace {

/// Writes a demo of `nights` nights at 2026-11-25 12:00 as one change; its event count.
std::int64_t fill(test::TempLog& log, int nights)
{
  std::int64_t added = 0;
  log.store.write([&] {
    const auto change = log.store.begin_change("demo", 0);
    added = app::write_demo(log.store, change, clock_at(at(25, 12, 0)), log.child.id,
                            app::DemoRequest{nights, 1});
    log.store.end_change();
  });
  return added;
}

} // namespace

TEST_CASE("a demo of 42 nights ends last night, with a sick night tagged and Ferber from night 8")
{
  test::TempLog log;
  const auto added = fill(log, 42);
  CHECK(added == log.store.event_count());
  CHECK(added > 42 * 3);
  const auto source = log.source();
  CHECK(app::latest_night(source) == time::Date{2026, 11, 24});
  CHECK(app::first_night(source) == time::Date{2026, 10, 14});
  const auto tags = store::all_tags(log.store, log.child.id);
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].night == time::Date{2026, 11, 20}); // night 38 of 42
  CHECK(tags[0].word == "sick");
  const auto plans = store::plans_of(log.store, log.child.id);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].method == model::Method::ferber);
  CHECK(plans[0].from == time::Date{2026, 10, 21}); // the 8th night
}

TEST_CASE("a short demo has no sick night, and one under 8 nights no plan")
{
  test::TempLog log;
  fill(log, 7);
  CHECK(store::all_tags(log.store, log.child.id).empty());
  CHECK(store::plans_of(log.store, log.child.id).empty());
  CHECK(app::first_night(log.source()) == time::Date{2026, 11, 18});
}

TEST_CASE("a demo wants an empty log and 1 to 200000 nights")
{
  CHECK_THROWS_AS(app::check_demo_nights(0), InputError);
  CHECK_THROWS_AS(app::check_demo_nights(200001), InputError);
  CHECK_NOTHROW(app::check_demo_nights(1));
  CHECK_NOTHROW(app::check_demo_nights(200000));
  test::FiveNights log;
  CHECK_THROWS_AS(app::check_demo_log_empty(log.store), InputError);
  test::TempLog empty;
  CHECK_NOTHROW(app::check_demo_log_empty(empty.store));
}
