// Night assembly (DESIGN §4): brackets, the boundary rule, naps by calendar date, and the
// order in which the streaming assembler hands nights out.
#include <sleeplog/model/night.hpp>

#include <doctest/doctest.h>

#include "event_fixture.hpp"
#include <vector>

namespace {

using namespace sleeplog;
using model::Event;
using model::Kind;
using test::at;
using test::est;
using test::span;
using time::Date;

constexpr int noon = 12 * 60;

constexpr Date d26{2026, 11, 26};
constexpr Date d27{2026, 11, 27};
constexpr Date d28{2026, 11, 28};

} // namespace

TEST_CASE("a loose event before the night boundary belongs to the night before")
{
  CHECK(model::night_by_boundary(at(Kind::note, d27, 11, 59), noon) == d26);
  CHECK(model::night_by_boundary(at(Kind::note, d27, 12, 0), noon) == d27);
  CHECK(model::night_by_boundary(at(Kind::note, d27, 0, 30), noon) == d26);
  // A configured boundary of 15:00 moves 14:00 to the night before.
  CHECK(model::night_by_boundary(at(Kind::note, d27, 14, 0), 15 * 60) == d26);
}

TEST_CASE("the stored offset decides the local date, not UTC")
{
  // 2026-11-27 03:00Z is 22:00 on the 26th at -05:00: the evening of the 26th.
  Event event = at(Kind::cry, d26, 22, 0);
  CHECK(model::night_by_boundary(event, noon) == d26);
  event.offset_s = 0;
  CHECK(model::night_by_boundary(event, noon) == d26); // 03:00 on the 27th, before noon
  event.offset_s = 10 * 3600;
  CHECK(model::night_by_boundary(event, noon) == d27); // 13:00 on the 27th
}

TEST_CASE("the worked-example night holds together across midnight with its naps")
{
  const std::vector<Event> events{
    span(Kind::nap, d26, 9, 30, 45), span(Kind::nap, d26, 13, 0, 90), at(Kind::bed, d26, 19, 0),
    at(Kind::asleep, d26, 19, 20),   at(Kind::woke, d26, 23, 10),     at(Kind::asleep, d26, 23, 25),
    at(Kind::woke, d27, 2, 0),       at(Kind::asleep, d27, 2, 40),    at(Kind::woke, d27, 6, 10),
    at(Kind::up, d27, 6, 30),
  };
  const auto nights = model::assemble_nights(events, noon);
  REQUIRE(nights.size() == 1);
  CHECK(nights[0].date == d26);
  CHECK(nights[0].events.size() == 8);
  CHECK(nights[0].naps.size() == 2);
  CHECK(nights[0].events.back().kind == Kind::up);
}

TEST_CASE("an up at 12:30 after bed is still in the bracket; the next event is not")
{
  const std::vector<Event> events{
    at(Kind::bed, d26, 19, 0),
    at(Kind::asleep, d26, 19, 30),
    at(Kind::up, d27, 12, 30),
    at(Kind::note, d27, 12, 40),
  };
  const auto nights = model::assemble_nights(events, noon);
  REQUIRE(nights.size() == 2);
  CHECK(nights[0].date == d26);
  CHECK(nights[0].events.size() == 3);
  CHECK(nights[1].date == d27);
  CHECK(nights[1].events.size() == 1);
}

TEST_CASE("a nap after midnight belongs to the next date and leaves the bracket open")
{
  const std::vector<Event> events{
    at(Kind::bed, d26, 19, 0),
    span(Kind::nap, d27, 0, 30, 20),
    at(Kind::asleep, d27, 0, 55),
    at(Kind::up, d27, 7, 0),
  };
  const auto nights = model::assemble_nights(events, noon);
  REQUIRE(nights.size() == 2);
  CHECK(nights[0].date == d26);
  CHECK(nights[0].events.size() == 3);
  CHECK(nights[0].naps.empty());
  CHECK(nights[1].date == d27);
  CHECK(nights[1].events.empty()); // a night with only naps, before its bed
  CHECK(nights[1].naps.size() == 1);
}

TEST_CASE("a bracket ends at the next bed and after 24 hours")
{
  SUBCASE("a second bed opens its own night")
  {
    const std::vector<Event> events{
      at(Kind::bed, d26, 19, 0),
      at(Kind::bed, d27, 19, 0),
      at(Kind::woke, d28, 1, 0),
    };
    const auto nights = model::assemble_nights(events, noon);
    REQUIRE(nights.size() == 2);
    CHECK(nights[0].events.size() == 1);
    CHECK(nights[1].date == d27);
    CHECK(nights[1].events.size() == 2);
  }
  SUBCASE("24 h after bed an event is loose again")
  {
    const std::vector<Event> events{
      at(Kind::bed, d26, 19, 0),
      at(Kind::cry, d27, 18, 59), // 23 h 59 min after bed: still that night
      at(Kind::cry, d27, 19, 0),  // exactly 24 h: by the boundary rule
    };
    const auto nights = model::assemble_nights(events, noon);
    REQUIRE(nights.size() == 2);
    CHECK(nights[0].date == d26);
    CHECK(nights[0].events.size() == 2);
    CHECK(nights[1].date == d27);
  }
}

TEST_CASE("a night across the fall-back change keeps both offsets in one night")
{
  const Date oct31{2026, 10, 31};
  const Date nov1{2026, 11, 1};
  const std::vector<Event> events{
    at(Kind::bed, oct31, 19, 0, -4 * 3600),
    at(Kind::asleep, oct31, 19, 30, -4 * 3600),
    at(Kind::up, nov1, 6, 0, -5 * 3600),
  };
  const auto nights = model::assemble_nights(events, noon);
  REQUIRE(nights.size() == 1);
  CHECK(nights[0].date == oct31);
  CHECK(nights[0].events.size() == 3);
}

TEST_CASE("the assembler emits a night once an event is more than 5 days later")
{
  // 3 days for events that may still join it, 2 more for sleep moved out of the nights
  // after it, which makes the naps of its day known (DESIGN §5).
  std::vector<Date> emitted;
  model::NightAssembler assembler(noon,
                                  [&](model::Night&& night) { emitted.push_back(night.date); });
  const Date d29{2026, 11, 29};
  const Date d30{2026, 11, 30};
  const Date dec2{2026, 12, 2};

  assembler.add(at(Kind::bed, d26, 19, 0));
  assembler.add(at(Kind::up, d27, 6, 30));
  CHECK(assembler.last_night() == d26);
  assembler.add(span(Kind::nap, d27, 13, 0, 60));
  assembler.add(at(Kind::bed, d27, 19, 0));
  assembler.add(at(Kind::bed, d29, 19, 0));
  assembler.add(at(Kind::up, d30, 6, 0)); // bracket of the 29th; local date the 30th
  CHECK(emitted.empty());                 // the 26th is 4 days back: still held
  CHECK(assembler.last_night() == d29);
  assembler.add(span(Kind::nap, dec2, 13, 0, 60));
  REQUIRE(emitted.size() == 1);
  CHECK(emitted[0] == d26);
  assembler.finish();
  CHECK(emitted == std::vector<Date>{d26, d27, d29, dec2});
}
