// A night as `status` sees it, and the periods the report page compares, asked
// in-process of a temporary log.
#include <sleeplog/app/periods.hpp>
#include <sleeplog/app/status.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::event;
using test::nov;
using test::same;

TEST_CASE("a night under way: awake after its latest woke, with the crying still open")
{
  test::TempLog log;
  auto cry = event(model::Kind::cry, at(21, 2, 5));
  log.log({event(model::Kind::bed, at(20, 19, 30)), event(model::Kind::asleep, at(20, 19, 45)),
           event(model::Kind::woke, at(20, 23, 0)), event(model::Kind::asleep, at(20, 23, 20)),
           event(model::Kind::woke, at(21, 2, 0)), cry});
  const auto status = app::night_status(log.source(), time::Date{2026, 11, 20});
  CHECK(status.state == "awake");
  REQUIRE(status.state_event);
  CHECK(status.state_event->start == at(21, 2, 0));
  CHECK(status.wakings == 1); // the waking still going on is not counted yet
  CHECK(status.cries == 1);
  CHECK(status.checkins == 0);
  REQUIRE(status.open.size() == 1);
  CHECK(status.open.front().kind == model::Kind::cry);

  const auto empty = app::night_status(log.source(), time::Date{2026, 11, 25});
  CHECK(empty.state.empty());
  CHECK(empty.open.empty());
}

TEST_CASE("the state a moment leaves the child in")
{
  CHECK(std::string(app::state_after(model::Kind::bed)) == "settling");
  CHECK(std::string(app::state_after(model::Kind::up)) == "up");
  CHECK(app::state_after(model::Kind::feed) == nullptr);
}

TEST_CASE("a page's nights are the logged part of its range")
{
  test::TempLog log;
  for (int day = 20; day <= 24; ++day) {
    log.log_night(day);
  }
  CHECK(same(app::logged_part(log.source(), nov(10, 30)), nov(20, 24)));
  CHECK(same(app::logged_part(log.source(), nov(22, 23)), nov(22, 23)));
  CHECK(same(app::logged_part(log.source(), nov(1, 5)), nov(1, 5))); // nothing logged there
}

TEST_CASE("the outcomes compare before and on the plan, else the period before")
{
  const auto sheet = nov(10, 23);
  const auto split = app::comparison_columns(sheet, time::Date{2026, 11, 17});
  CHECK(same(split.first, nov(10, 16)));
  CHECK(same(split.second, nov(17, 23)));
  const auto earlier_plan = app::comparison_columns(sheet, time::Date{2026, 11, 5});
  // A plan begun before the page: as many nights just before the plan began.
  CHECK(
    same(earlier_plan.first, app::NightRange{time::Date{2026, 10, 22}, time::Date{2026, 11, 4}}));
  CHECK(same(earlier_plan.second, sheet));
  const auto no_plan = app::comparison_columns(sheet, std::nullopt);
  CHECK(same(no_plan.first, app::NightRange{time::Date{2026, 10, 27}, time::Date{2026, 11, 9}}));
  CHECK(same(no_plan.second, sheet));
}
