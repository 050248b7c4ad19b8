// The plan book's questions, asked in-process of a temporary log: which plan a command
// is about, and where fading starts when no first bedtime is given.
#include <sleeplog/app/plans.hpp>
#include <sleeplog/store/plans.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;

TEST_CASE("the plan a command is about: the one covering the night, else the latest")
{
  test::TempLog log;
  CHECK(app::PlanBook(log.source()).current(time::Date{2026, 11, 25}) == nullptr);
  log.store.write([&] {
    model::Plan first;
    first.child_id = log.child.id;
    first.method = model::Method::ferber;
    first.from = time::Date{2026, 11, 1};
    first.until = time::Date{2026, 11, 10};
    store::insert_plan(log.store, first, at(1, 12, 0));
    model::Plan second = first;
    second.method = model::Method::chair;
    second.from = time::Date{2026, 11, 15};
    second.until = time::Date{2026, 11, 20};
    store::insert_plan(log.store, second, at(15, 12, 0));
  });
  const app::PlanBook book(log.source());
  REQUIRE(book.plans().size() == 2);
  const auto* covering = book.current(time::Date{2026, 11, 5});
  REQUIRE(covering != nullptr);
  CHECK(covering->method == model::Method::ferber);
  const auto* latest = book.current(time::Date{2026, 11, 25}); // after both: the latest
  REQUIRE(latest != nullptr);
  CHECK(latest->method == model::Method::chair);
  CHECK(book.plan_on(time::Date{2026, 11, 25}) == nullptr);

  // A report page's plan: the latest covering any of its nights.
  const auto* page = book.latest_in({time::Date{2026, 11, 8}, time::Date{2026, 11, 16}});
  REQUIRE(page != nullptr);
  CHECK(page->method == model::Method::chair);
  page = book.latest_in({time::Date{2026, 11, 2}, time::Date{2026, 11, 12}});
  REQUIRE(page != nullptr);
  CHECK(page->method == model::Method::ferber);
  CHECK(book.latest_in({time::Date{2026, 11, 11}, time::Date{2026, 11, 14}}) == nullptr);
  CHECK(book.latest_in({time::Date{2026, 11, 21}, time::Date{2026, 11, 30}}) == nullptr);
}

TEST_CASE("fading starts at the median falling-asleep time of the 7 nights before, to 5 min")
{
  test::TempLog log;
  CHECK_FALSE(app::fading_start_before(log.source(), time::Date{2026, 11, 25}));
  // Asleep at 19:45 on the 20th to the 24th, and one late night at 21:10 on the 17th
  // (8 nights before the 25th: left out).
  for (int day = 20; day <= 24; ++day) {
    log.log_night(day);
  }
  log.log({test::event(model::Kind::bed, at(17, 21, 0)),
           test::event(model::Kind::asleep, at(17, 21, 10)),
           test::event(model::Kind::up, at(18, 6, 30))});
  // 19:45 is 465 minutes after noon.
  CHECK(app::fading_start_before(log.source(), time::Date{2026, 11, 25}) == 465);
  CHECK_FALSE(app::fading_start_before(log.source(), time::Date{2026, 11, 10}));
}

TEST_CASE("show's night: its metrics and its plan night, or nothing when none is logged")
{
  test::FiveNights log; // the nights of the 20th to the 24th
  CHECK_FALSE(app::night_for_show(log.source(), time::Date{2026, 11, 25}));
  auto plain = app::night_for_show(log.source(), time::Date{2026, 11, 22});
  REQUIRE(plain);
  CHECK(plain->night.date == time::Date{2026, 11, 22});
  CHECK(plain->night.events.size() == 3);
  CHECK(plain->plan.plan.empty());
  log.store.write([&] {
    model::Plan ferber;
    ferber.child_id = log.child.id;
    ferber.method = model::Method::ferber;
    ferber.from = time::Date{2026, 11, 21};
    store::insert_plan(log.store, ferber, at(21, 12, 0));
  });
  const auto on_plan = app::night_for_show(log.source(), time::Date{2026, 11, 22});
  REQUIRE(on_plan);
  CHECK_FALSE(on_plan->plan.plan.empty());
  CHECK(on_plan->plan.night == 2);
}
