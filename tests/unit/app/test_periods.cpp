// A report page's periods, asked in-process: the rows it reads past its sheet, whether
// the outcomes' first column lies apart from the sheet, and how the sentence names it.
#include <sleeplog/app/periods.hpp>
#include <sleeplog/store/plans.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::nov;
using test::same;

TEST_CASE("a page without a plan: the week before, next to the sheet, rows one night past it")
{
  const auto periods = app::page_periods(nov(17, 23), std::nullopt);
  CHECK(same(periods.before, nov(10, 16)));
  CHECK(same(periods.now, nov(17, 23)));
  CHECK(same(periods.rows, nov(17, 24)));
  CHECK_FALSE(periods.apart);
  CHECK(periods.before_name == "the week before");
  CHECK(app::page_periods(nov(10, 23), std::nullopt).before_name == "the 14 nights before");
}

TEST_CASE("a page set against its plan: split on the plan's first night, or before it apart")
{
  const auto split = app::page_periods(nov(10, 23), time::Date{2026, 11, 17});
  CHECK(same(split.before, nov(10, 16)));
  CHECK(same(split.now, nov(17, 23)));
  CHECK_FALSE(split.apart);
  CHECK(split.before_name == "the nights before the plan");
  // A plan begun long before the page: its week before lies apart, the nights between unread.
  const auto early = app::page_periods(nov(17, 23), time::Date{2026, 11, 5});
  CHECK(same(early.before, {time::Date{2026, 10, 29}, time::Date{2026, 11, 4}}));
  CHECK(same(early.now, nov(17, 23)));
  CHECK(early.apart);
  CHECK(early.before_name == "the nights before the plan");
}

TEST_CASE("the period before is named as a week when it is 7 nights")
{
  CHECK(app::previous_period_name(nov(17, 23)) == "the week before");
  CHECK(app::previous_period_name(nov(17, 17)) == "the 1 nights before");
  CHECK(app::previous_period_name(nov(1, 30)) == "the 30 nights before");
}

TEST_CASE("a page's plan is the latest covering its nights, summarised over those nights")
{
  test::FiveNights log; // the nights of the 20th to the 24th
  const app::NightRange sheet = nov(20, 24);
  {
    const app::PlanBook none(log.source());
    app::PeriodPlan plan(none, sheet);
    CHECK_FALSE(plan.first());
    CHECK_FALSE(plan.finish());
  }
  log.store.write([&] {
    model::Plan ferber;
    ferber.child_id = log.child.id;
    ferber.method = model::Method::ferber;
    ferber.from = time::Date{2026, 11, 22};
    store::insert_plan(log.store, ferber, test::at(22, 12, 0));
  });
  const app::PlanBook book(log.source());
  app::PeriodPlan plan(book, sheet);
  REQUIRE(plan.first());
  CHECK(*plan.first() == time::Date{2026, 11, 22});
  app::for_each_night(log.source(), sheet, [&](model::Night&& night) {
    plan.add(night, book.evaluate(night, model::compute_metrics(night)));
  });
  const auto shown = plan.finish();
  REQUIRE(shown);
  CHECK(shown->method == "ferber");
  CHECK(shown->first == time::Date{2026, 11, 22});
  CHECK_FALSE(shown->last);
  CHECK(shown->checkins == 0); // calm nights: nobody went in
}
