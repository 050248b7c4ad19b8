// The sanity rules `check` applies, asked in-process of a temporary log: a clean log has
// no problem, a repeated waking names the commands that fix it, and a future event is one.
#include <sleeplog/app/sanity_check.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::event;

TEST_CASE("five ordinary nights make sense: every event read, no problem")
{
  test::FiveNights log;
  const auto checked = app::check_events(log.store, log.child, at(25, 12, 0), "");
  CHECK(checked.events == 15);
  CHECK(checked.problems.empty());
}

TEST_CASE("a waking twice with no asleep between is a problem that names its fix")
{
  test::TempLog log;
  log.log({event(model::Kind::bed, at(20, 19, 30)), event(model::Kind::asleep, at(20, 19, 45)),
           event(model::Kind::woke, at(20, 23, 0)), event(model::Kind::woke, at(20, 23, 30)),
           event(model::Kind::asleep, at(20, 23, 50)), event(model::Kind::up, at(21, 6, 30))});
  const auto checked = app::check_events(log.store, log.child, at(21, 12, 0), " -c Leo");
  CHECK(checked.events == 6);
  REQUIRE(checked.problems.size() == 1);
  CHECK(checked.problems[0] ==
        "#3 woke 2026-11-20 23:00 and #4 woke 2026-11-20 23:30: woke twice with no asleep "
        "between (fix with `sleeplog edit 4 -c Leo` or `sleeplog rm 4 -c Leo`)");
}

TEST_CASE("an event after now is in the future")
{
  test::FiveNights log;
  // Now is the evening of the 24th: that night's up, the next morning, has not come yet.
  const auto checked = app::check_events(log.store, log.child, at(24, 21, 0), "");
  REQUIRE(checked.problems.size() == 1);
  CHECK(checked.problems[0] == "#15 up 2026-11-25 06:30: in the future");
}
