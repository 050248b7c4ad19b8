// The interval rules, asked in-process of a temporary log: what asleep and up end, a
// stop that ends the open cry or says why it cannot, and an interval open over 24 h.
#include <sleeplog/app/intervals.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using model::Kind;
using test::at;
using test::event;

namespace {

/// Runs `body` inside one change of the log; its change id is passed in.
template <typename Body>
void in_change(test::TempLog& log, Body body)
{
  log.store.write([&] {
    const auto change = log.store.begin_change("test", 0);
    body(change);
    log.store.end_change();
  });
}

} // namespace

TEST_CASE("asleep ends a cry, a check-in and a feed; up ends a nap too")
{
  CHECK(app::kinds_ended_by(Kind::asleep) ==
        std::vector<Kind>{Kind::cry, Kind::checkin, Kind::feed});
  CHECK(app::kinds_ended_by(Kind::up) ==
        std::vector<Kind>{Kind::cry, Kind::checkin, Kind::feed, Kind::nap});
  CHECK(app::kinds_ended_by(Kind::woke).empty());
  CHECK(app::kinds_ended_by(Kind::bed).empty());
}

TEST_CASE("stop ends the open cry at the moment typed; none open, or a stop before it, is refused")
{
  test::TempLog log;
  auto stop = event(Kind::cry, at(20, 21, 10));
  in_change(log, [&](std::int64_t change) {
    CHECK_THROWS_WITH_AS(app::stop_interval(log.store, change, log.child, stop),
                         "no open cry to stop", InputError);
  });
  log.log({event(Kind::cry, at(20, 21, 0))});
  in_change(log, [&](std::int64_t change) {
    auto early = event(Kind::cry, at(20, 20, 50));
    CHECK_THROWS_WITH_AS(app::stop_interval(log.store, change, log.child, early),
                         "the cry began at 21:00, after 20:50", InputError);
    CHECK_THROWS_WITH_AS(app::refuse_second_open(log.store, log.child, Kind::cry, at(20, 21, 5)),
                         "a cry is already open since 21:00 (#1)", InputError);
    const auto ended = app::stop_interval(log.store, change, log.child, stop);
    CHECK(ended.id == 1);
    REQUIRE(ended.end);
    CHECK(*ended.end == at(20, 21, 10));
  });
  const auto stored = log.store.event_by_id(1);
  REQUIRE(stored);
  CHECK(stored->end == at(20, 21, 10));
  CHECK_NOTHROW(app::refuse_second_open(log.store, log.child, Kind::cry, at(20, 22, 0)));
}

TEST_CASE("an interval open over 24 h is left open with a warning, and stop refuses it")
{
  test::TempLog log;
  log.log({event(Kind::feed, at(20, 21, 0))});
  in_change(log, [&](std::int64_t change) {
    const auto ended =
      app::end_open_interval(log.store, change, log.child, Kind::feed, at(22, 6, 0));
    CHECK_FALSE(ended.event);
    CHECK(ended.warning.find("feed #1 has been open since") == 0);
    CHECK(ended.warning.find("`sleeplog edit 1 --for 20m`") != std::string::npos);
    auto stop = event(Kind::feed, at(22, 6, 0));
    CHECK_THROWS_AS(app::stop_interval(log.store, change, log.child, stop), InputError);
    // Within 24 h it is ended, with no warning.
    const auto soon =
      app::end_open_interval(log.store, change, log.child, Kind::feed, at(20, 21, 20));
    REQUIRE(soon.event);
    CHECK(soon.warning.empty());
    CHECK(soon.event->end == at(20, 21, 20));
  });
}
