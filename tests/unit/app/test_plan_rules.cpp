// The rules of the plan commands, asked in-process of a temporary log: a bedtime as
// typed, a plan from `plan start`'s options and the options it refuses, a plan that
// would overlap another, which plan `plan stop` and `plan hold` act on, and how many
// nights a plan has run.
#include <sleeplog/app/plan_rules.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::clock_at;

namespace {

time::Date nov(int day)
{
  return time::Date{2026, 11, day};
}

// A ferber plan from `from` (running when `until` is not given), stored for the child.
model::Plan store_plan(test::TempLog& log, time::Date from,
                       std::optional<time::Date> until = std::nullopt)
{
  model::Plan plan;
  plan.child_id = log.child.id;
  plan.method = model::Method::ferber;
  plan.from = from;
  plan.until = until;
  log.store.write([&] { plan.id = store::insert_plan(log.store, plan, at(1, 12, 0)); });
  return plan;
}

app::PlanOptions method(const char* name)
{
  app::PlanOptions options;
  options.method = name;
  return options;
}

} // namespace

TEST_CASE("a bedtime as typed: 24-hour, am/pm, and a bare clock-face time in the evening")
{
  // Minutes since noon: 19:30 is 450.
  CHECK(app::bedtime_option("19:30", "--goal") == 450);
  CHECK(app::bedtime_option("7:30", "--goal") == 450);
  CHECK(app::bedtime_option("7:30pm", "--goal") == 450);
  CHECK(app::bedtime_option("7:30 PM", "--goal") == 450);
  CHECK(app::bedtime_option("7pm", "--goal") == 420);
  CHECK(app::bedtime_option("7", "--goal") == 420);
  CHECK(app::bedtime_option("07:30", "--goal") == 1170); // a leading zero: the morning
  CHECK(app::bedtime_option("7:30am", "--goal") == 1170);
  CHECK(app::bedtime_option("00:30", "--goal") == 750);
  for (const char* bad : {"25:00", "7:60", "13pm", "7.30", "", "pm", "19:30:00"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(app::bedtime_option(bad, "--goal"), InputError);
  }
  CHECK_THROWS_WITH_AS(app::bedtime_option("late", "--start"),
                       "--start: 'late' is not a clock time", InputError);
}

TEST_CASE("a plan from plan start's options, with each method's defaults")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  auto plan = app::plan_from_options(clock, log.source(), method("ferber"));
  CHECK(plan.method == model::Method::ferber);
  CHECK(plan.child_id == log.child.id);
  CHECK(plan.from == nov(25)); // tonight
  CHECK_FALSE(plan.timer_crying);

  auto chair = method("chair");
  chair.from = "2026-11-27";
  plan = app::plan_from_options(clock, log.source(), chair);
  CHECK(plan.from == nov(27));
  CHECK(plan.stage_nights == 3);

  auto checks = method("checks");
  checks.waits = "3,5,7;5,7,10";
  checks.timer = "crying";
  plan = app::plan_from_options(clock, log.source(), checks);
  CHECK(plan.waits.size() == 2);
  CHECK(plan.timer_crying);

  auto fading = method("fading");
  fading.start = "20:30";
  fading.goal = "19:30";
  fading.step = "10m";
  plan = app::plan_from_options(clock, log.source(), fading);
  CHECK(plan.start_min == 510);
  CHECK(plan.goal_min == 450);
  CHECK(plan.step_min == 10);
}

TEST_CASE("plan start refuses an unknown method, another method's options and values out of range")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  const auto source = log.source();
  CHECK_THROWS_WITH_AS(app::plan_from_options(clock, source, method("cry-it-out")),
                       "unknown method 'cry-it-out'", InputError);
  CHECK_THROWS_WITH_AS(app::plan_from_options(clock, source, method("checks")),
                       "checks needs --waits", InputError);
  auto options = method("ferber");
  options.waits = "3,5";
  CHECK_THROWS_WITH_AS(app::plan_from_options(clock, source, options),
                       "--waits is for checks plans", InputError);
  options = method("chair");
  options.stage_nights = 61;
  CHECK_THROWS_WITH_AS(app::plan_from_options(clock, source, options),
                       "--stage-nights 61 is out of range", InputError);
  options = method("chair");
  options.positions = "cot,,door";
  CHECK_THROWS_WITH_AS(app::plan_from_options(clock, source, options),
                       "--positions: a position is empty", InputError);
  options = method("fading");
  options.start = "19:00";
  options.goal = "20:00";
  CHECK_THROWS_WITH_AS(app::plan_from_options(clock, source, options),
                       "--goal 20:00 is later than the start 19:00", InputError);
  // Fading without --start needs nights before --from to start from.
  CHECK_THROWS_AS(app::plan_from_options(clock, source, method("fading")), InputError);
  options = method("ferber");
  options.from = "someday";
  CHECK_THROWS_AS(app::plan_from_options(clock, source, options), InputError);
}

TEST_CASE("a new plan may not overlap one the child follows")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  const auto ended = store_plan(log, nov(1), nov(10));
  auto plan = app::plan_from_options(clock, log.source(), method("chair"));
  CHECK_NOTHROW(app::refuse_overlapping_plan(log.source(), plan)); // after the ended one
  store_plan(log, nov(20));
  try {
    app::refuse_overlapping_plan(log.source(), plan);
    FAIL("an overlapping plan was allowed");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).rfind("Leo already follows a plan: ", 0) == 0);
    CHECK(error.hint() == "stop it first with `sleeplog plan stop --from 2026-11-25`");
  }
  CHECK(ended.until == nov(10));
}

TEST_CASE("plan stop ends the plan running on its first night without, keeping begun history")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  CHECK_THROWS_WITH_AS(app::plan_to_stop(clock, log.source(), nov(25), false),
                       "Leo follows no plan on the night of 2026-11-25 or after", InputError);
  const auto running = store_plan(log, nov(20));
  CHECK(app::plan_to_stop(clock, log.source(), nov(25), false).id == running.id);
  // Without --from a plan that has begun is ended; --from its first night would delete it.
  CHECK(app::plan_to_stop(clock, log.source(), nov(20), false).id == running.id);
  CHECK_THROWS_AS(app::plan_to_stop(clock, log.source(), nov(20), true), InputError);
  CHECK_THROWS_AS(app::plan_to_stop(clock, log.source(), nov(18), true), InputError);
  CHECK(app::plan_to_stop(clock, log.source(), nov(22), true).id == running.id);
  // A plan that has not begun may be removed from its first night.
  const auto later = store_plan(log, nov(30));
  CHECK(app::plan_to_stop(clock, log.source(), nov(30), true).id == later.id);
}

TEST_CASE("plan hold holds the plan covering tonight, from its second night on")
{
  test::TempLog log;
  CHECK_THROWS_WITH_AS(app::plan_to_hold(log.source(), nov(25)), "Leo follows no plan tonight",
                       InputError);
  const auto plan = store_plan(log, nov(25));
  CHECK_THROWS_WITH_AS(app::plan_to_hold(log.source(), nov(25)),
                       "tonight is the plan's first night: there is no stage to hold yet",
                       InputError);
  CHECK(app::plan_to_hold(log.source(), nov(26)).id == plan.id);
}

TEST_CASE("a plan's nights so far count up to tonight, less its paused nights")
{
  test::TempLog log;
  const auto plan = store_plan(log, nov(20));
  auto count = app::plan_nights_so_far(app::PlanBook(log.source()), plan, nov(25));
  CHECK(count.nights == 6);
  CHECK(count.paused == 0);
  log.store.write([&] { store::add_tag(log.store, log.child.id, {nov(22), "sick", ""}); });
  count = app::plan_nights_so_far(app::PlanBook(log.source()), plan, nov(25));
  CHECK(count.nights == 5);
  CHECK(count.paused == 1);
  // A plan that has not begun has run no night.
  const auto later = store_plan(log, nov(30));
  count = app::plan_nights_so_far(app::PlanBook(log.source()), later, nov(25));
  CHECK(count.paused == 0);
  CHECK(count.nights == 0);
}

TEST_CASE("plan stop ends a begun plan the night before, and removes one not begun")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  const auto running = store_plan(log, nov(20));
  app::PlanStopped stopped;
  log.store.write(
    [&] { stopped = app::stop_plan(log.store, clock, log.source(), nov(25), false); });
  CHECK(stopped.plan.id == running.id);
  REQUIRE(stopped.last_night);
  CHECK(*stopped.last_night == nov(24));
  auto plans = store::plans_of(log.store, log.child.id);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].until == nov(24));

  const auto later = store_plan(log, nov(30));
  log.store.write([&] { stopped = app::stop_plan(log.store, clock, log.source(), nov(30), true); });
  CHECK(stopped.plan.id == later.id);
  CHECK_FALSE(stopped.last_night);
  CHECK(store::plans_of(log.store, log.child.id).size() == 1); // removed
}

TEST_CASE("plan show lists the plan's nights up to tonight, or to its last night when it ended")
{
  test::FiveNights log;
  auto running = store_plan(log, nov(21));
  auto shown = app::plan_nights_to_show(running, nov(25));
  CHECK(shown.first == nov(21));
  CHECK(shown.last == nov(25));
  running.until = nov(23);
  CHECK(app::plan_nights_to_show(running, nov(25)).last == nov(23));

  const app::PlanBook book(log.source());
  const auto measured = app::measure_nights(book, log.source(), {nov(21), nov(24)});
  REQUIRE(measured.dates.size() == 4);
  REQUIRE(measured.nights.size() == 4);
  CHECK(measured.dates.front() == nov(21));
  CHECK(measured.dates.back() == nov(24));
  CHECK(measured.nights.front().night == 1); // plan night 1
  CHECK(measured.nights.back().night == 4);
}

TEST_CASE("plan review judges the nights up to the latest logged, or the plan's last")
{
  test::FiveNights log; // nights of the 20th to the 24th
  auto plan = store_plan(log, nov(21));
  CHECK(app::review_last_night(log.source(), plan) == nov(24));
  plan.until = nov(22);
  CHECK(app::review_last_night(log.source(), plan) == nov(22));
  test::TempLog empty;
  const auto unlogged = store_plan(empty, nov(21));
  CHECK(app::review_last_night(empty.source(), unlogged) == nov(21));

  const auto open = store::plans_of(log.store, log.child.id).front();
  const auto review = app::review_of(log.source(), app::PlanBook(log.source()), open, "");
  // The plan nights of the 21st to the 24th: too few for a review, so the plan goes on.
  CHECK(review.verdict == model::Verdict::advance);
  CHECK(review.reason == "4 plan nights of 7 before a review: keep following the plan");
  CHECK(review.nights == std::vector<time::Date>{nov(21), nov(22), nov(23), nov(24)});
}

TEST_CASE("plan start stores the plan its options describe, unless it overlaps one")
{
  test::TempLog log;
  const auto clock = clock_at(at(25, 20, 0));
  model::Plan started;
  log.store.write(
    [&] { started = app::start_plan(log.store, clock, log.source(), method("ferber")); });
  CHECK(started.id > 0);
  CHECK(started.from == nov(25));
  auto plans = store::plans_of(log.store, log.child.id);
  REQUIRE(plans.size() == 1);
  CHECK(plans[0].id == started.id);
  CHECK_THROWS_AS(
    log.store.write([&] { app::start_plan(log.store, clock, log.source(), method("chair")); }),
    InputError);
  CHECK(store::plans_of(log.store, log.child.id).size() == 1);
}

TEST_CASE("plan hold holds from the current night and says which stage it keeps")
{
  test::TempLog log;
  const auto plan = store_plan(log, nov(20)); // ferber from the 20th
  app::PlanHeld held;
  log.store.write(
    [&] { held = app::hold_plan(log.store, clock_at(at(21, 20, 0)), log.source(), 2); });
  CHECK(held.plan.id == plan.id);
  CHECK(held.from == nov(21));
  REQUIRE(held.plan.holds.size() == 1);
  CHECK(held.plan.holds[0].nights == 2);
  const auto stored = store::plans_of(log.store, log.child.id);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].holds.size() == 1);
  const app::PlanBook book(log.source());
  // Night 2 held: it keeps night 1's waits.
  CHECK(app::held_stage(book, held.plan, nov(21)) == "waits stay 3, 5, 10 min");

  auto chair = held.plan;
  chair.method = model::Method::chair;
  chair.stage_nights = 3;
  CHECK(app::held_stage(book, chair, nov(21)) == "sit beside the crib");
  auto fading = held.plan;
  fading.method = model::Method::fading;
  CHECK(app::held_stage(book, fading, nov(21)) == "the bedtime stays where it is");
}
