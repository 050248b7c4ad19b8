// Slips (DESIGN §4): which moment a woke/asleep/up repeats, how long an interval may stay
// open and still be closed implicitly, and when a night has ended.
#include <sleeplog/model/slips.hpp>

#include <doctest/doctest.h>

#include "event_fixture.hpp"
#include <vector>

namespace {

using namespace sleeplog;
using model::Event;
using model::Kind;
using test::at;
using test::span;
using time::Date;

constexpr Date d27{2026, 11, 27};
constexpr Date d28{2026, 11, 28};

Event with_id(Event e, std::int64_t id)
{
  e.id = id;
  return e;
}

std::vector<Event> night()
{
  return {with_id(at(Kind::bed, d27, 19, 0), 1), with_id(at(Kind::asleep, d27, 19, 20), 2),
          with_id(at(Kind::woke, d28, 2, 0), 3), with_id(span(Kind::feed, d28, 2, 5, 15), 4)};
}

} // namespace

TEST_CASE("a woke while awake repeats the open waking, whatever lies between")
{
  const auto open = model::repeated_moment(night(), at(Kind::woke, d28, 2, 30));
  REQUIRE(open);
  CHECK(open->id == 3);
  // An asleep after the waking ends it: the next woke is a new waking.
  auto events = night();
  events.push_back(with_id(at(Kind::asleep, d28, 2, 40), 5));
  CHECK_FALSE(model::repeated_moment(events, at(Kind::woke, d28, 4, 0)));
  // A woke logged before the open one, with nothing between, repeats it too.
  const auto later = model::repeated_moment(night(), at(Kind::woke, d28, 1, 50));
  REQUIRE(later);
  CHECK(later->id == 3);
}

TEST_CASE("asleep while asleep and up while up; bed, notes and far-apart moments are not repeats")
{
  const auto asleep = model::repeated_moment(night(), at(Kind::asleep, d27, 23, 0));
  REQUIRE(asleep);
  CHECK(asleep->id == 2);
  std::vector<Event> morning{with_id(at(Kind::asleep, d27, 19, 20), 1),
                             with_id(at(Kind::up, d28, 6, 30), 2)};
  const auto up = model::repeated_moment(morning, at(Kind::up, d28, 6, 45));
  REQUIRE(up);
  CHECK(up->id == 2);
  // The next day's up, 24 h later, is another night's.
  CHECK_FALSE(model::repeated_moment(morning, at(Kind::up, Date{2026, 11, 29}, 6, 30)));
  CHECK_FALSE(model::repeated_moment(night(), at(Kind::bed, d27, 19, 5)));
  CHECK_FALSE(model::repeated_moment(night(), at(Kind::note, d28, 2, 30)));
  // Editing an event is not a repeat of itself.
  Event same = with_id(at(Kind::woke, d28, 2, 10), 3);
  CHECK_FALSE(model::repeated_moment(night(), same));
}

TEST_CASE("a repeat found after the candidate: the open moment follows it")
{
  std::vector<Event> events{with_id(at(Kind::asleep, d27, 19, 20), 1),
                            with_id(at(Kind::up, d28, 6, 30), 2)};
  // up at 06:10 with the up at 06:30 next and the asleep before: asleep then up, no repeat of
  // the before; but the one after is an up with nothing between.
  const auto after = model::repeated_moment(events, at(Kind::up, d28, 6, 10));
  REQUIRE(after);
  CHECK(after->id == 2);
}

TEST_CASE("an interval may be closed implicitly for 24 h, not a second more")
{
  const Event open = at(Kind::feed, d27, 2, 0);
  CHECK(model::may_close(open, open.start + 86400));
  CHECK_FALSE(model::may_close(open, open.start + 86401));
  CHECK(model::may_close(open, open.start + 600));
}

TEST_CASE("a night has ended when its sleep has an up with no asleep after it")
{
  model::Night n;
  n.date = d27;
  n.events = night();
  CHECK_FALSE(model::night_has_ended(n));
  n.events.push_back(with_id(at(Kind::up, d28, 6, 30), 9));
  REQUIRE(model::night_has_ended(n));
  CHECK(model::night_end(n)->id == 9);
  // Back to sleep after the up: the night goes on.
  n.events.push_back(with_id(at(Kind::asleep, d28, 6, 40), 10));
  CHECK_FALSE(model::night_has_ended(n));
  n.events.push_back(with_id(at(Kind::up, d28, 7, 30), 11));
  CHECK(model::night_end(n)->id == 11);
}

TEST_CASE("a write after the end: not for a put-back within 3 h of the up")
{
  model::Night n;
  n.date = d27;
  n.events = night();
  CHECK_FALSE(model::written_after_end(n, at(Kind::note, d28, 3, 0)));
  n.events.push_back(with_id(at(Kind::up, d28, 5, 0), 9));
  const auto note = model::written_after_end(n, at(Kind::note, d27, 22, 0));
  REQUIRE(note);
  CHECK(note->id == 9);
  CHECK_FALSE(model::written_after_end(n, at(Kind::asleep, d28, 5, 10)));
  CHECK_FALSE(model::written_after_end(n, at(Kind::bed, d28, 7, 59)));
  CHECK(model::written_after_end(n, at(Kind::asleep, d28, 8, 0)));
  CHECK(model::written_after_end(n, at(Kind::woke, d28, 5, 10)));
}
