// Main sleep (DESIGN §4): nights with more than one block of sleep, second put-downs, the
// naps setting and concern reasons, against numbers worked out by hand.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/model/sleep_blocks.hpp>

#include <doctest/doctest.h>

#include "event_fixture.hpp"
#include <vector>

namespace {

using namespace sleeplog;
using model::Event;
using model::Kind;
using model::NapsMode;
using model::Night;
using test::at;
using test::span;
using time::Date;

constexpr Date d25{2026, 11, 25};
constexpr Date d26{2026, 11, 26};
constexpr Date d27{2026, 11, 27};
constexpr Date d28{2026, 11, 28};

std::vector<Night> nights_of(const std::vector<Event>& events, NapsMode naps = NapsMode::logged)
{
  return model::assemble_nights(events, 12 * 60, naps);
}

const Night& night_on(const std::vector<Night>& nights, Date date)
{
  for (const Night& night : nights) {
    if (night.date == date) {
      return night;
    }
  }
  FAIL("no night on that date");
  return nights.front();
}

} // namespace

TEST_CASE("worked check 1: up and put back is one waking of the same night")
{
  const auto nights =
    nights_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 20), at(Kind::up, d27, 5, 0),
               at(Kind::asleep, d27, 5, 10), at(Kind::up, d27, 6, 30)});
  REQUIRE(nights.size() == 1);
  const auto m = model::compute_metrics(nights[0]);
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 10.0);
  CHECK(m.tst_min == 660.0);
  CHECK(m.up->at == at(Kind::up, d27, 6, 30).start);
  CHECK(m.final_wake->at == at(Kind::up, d27, 6, 30).start);
  CHECK(m.twak_min == 0.0);
  CHECK(m.tib_min == 690.0);
  CHECK(m.sol_min == 20.0);
  CHECK(m.complete);
  CHECK(m.stretches.size() == 2);
}

TEST_CASE("worked check 1 holds with a late night boundary too")
{
  // With the boundary at 04:00, 05:10 is past it: the sleep still goes on in its night.
  const auto nights = model::assemble_nights(
    {at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 20), at(Kind::woke, d27, 5, 0),
     at(Kind::asleep, d27, 5, 10), at(Kind::up, d27, 6, 30)},
    4 * 60, NapsMode::logged);
  REQUIRE(nights.size() == 1);
  CHECK(model::compute_metrics(nights[0]).tst_min == 660.0);
}

TEST_CASE("worked check 2: an evening catnap is a nap of that day, not the night's onset")
{
  const auto nights =
    nights_of({at(Kind::asleep, d26, 18, 5), at(Kind::up, d26, 18, 25), at(Kind::bed, d26, 21, 30),
               at(Kind::asleep, d26, 21, 49), at(Kind::up, d27, 8, 5)});
  REQUIRE(nights.size() == 1);
  const auto m = model::compute_metrics(nights[0]);
  CHECK(m.bedtime->at == at(Kind::bed, d26, 21, 30).start);
  CHECK(m.asleep->at == at(Kind::asleep, d26, 21, 49).start);
  CHECK(m.sol_min == 19.0);
  CHECK(m.tst_min == 616.0);
  CHECK(m.wakings == 0);
  CHECK(m.naps == 1);
  CHECK(m.nap_min == 20.0);
  CHECK(m.sleep_24h_min == 636.0);
  CHECK(m.complete);
}

TEST_CASE("a night with three blocks: catnap, main sleep, and a morning block for the next day")
{
  const auto nights =
    nights_of({span(Kind::nap, d26, 10, 0, 60), at(Kind::asleep, d26, 16, 40),
               at(Kind::up, d26, 17, 0), at(Kind::bed, d26, 20, 0), at(Kind::asleep, d26, 20, 15),
               at(Kind::woke, d27, 1, 0), at(Kind::asleep, d27, 1, 30), at(Kind::up, d27, 5, 30),
               at(Kind::asleep, d27, 8, 45), at(Kind::up, d27, 9, 45)});
  const Night& first = night_on(nights, d26);
  CHECK(first.events.size() == 9);
  const auto m = model::compute_metrics(first);
  CHECK(m.bedtime->at == at(Kind::bed, d26, 20, 0).start);
  CHECK(m.sol_min == 15.0);
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 30.0);
  CHECK(m.tst_min == 285.0 + 240.0);
  CHECK(m.up->at == at(Kind::up, d27, 5, 30).start);
  CHECK(m.naps == 2); // the logged nap and the 16:40 catnap
  CHECK(m.nap_min == 80.0);
  // The 08:45 block, 3 h 15 min after the main sleep, is a nap of the 27th.
  const auto next = model::compute_metrics(night_on(nights, d27));
  CHECK(next.naps == 1);
  CHECK(next.nap_min == 60.0);
  CHECK_FALSE(next.tst_min);
}

TEST_CASE("the main sleep can be the second block; the earlier block is a nap")
{
  const auto nights =
    nights_of({at(Kind::bed, d26, 17, 0), at(Kind::asleep, d26, 17, 10), at(Kind::up, d26, 17, 55),
               at(Kind::bed, d26, 21, 0), at(Kind::asleep, d26, 21, 20), at(Kind::woke, d27, 2, 0),
               at(Kind::asleep, d27, 2, 20), at(Kind::up, d27, 6, 0)});
  REQUIRE(nights.size() == 1);
  const auto m = model::compute_metrics(nights[0]);
  CHECK(m.bedtime->at == at(Kind::bed, d26, 21, 0).start);
  CHECK(m.asleep->at == at(Kind::asleep, d26, 21, 20).start);
  CHECK(m.sol_min == 20.0);
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 20.0);
  CHECK(m.tst_min == 280.0 + 220.0);
  CHECK(m.tib_min == 540.0);
  CHECK(m.naps == 1);
  CHECK(m.nap_min == 45.0);
}

TEST_CASE("two blocks of equal length: the earlier is the main sleep")
{
  // Two hours each: too long for an evening catnap.
  const auto sleep =
    model::sleep_structure({at(Kind::asleep, d26, 18, 0), at(Kind::up, d26, 20, 0),
                            at(Kind::asleep, d26, 23, 0), at(Kind::up, d27, 1, 0)});
  REQUIRE(sleep.blocks.size() == 2);
  CHECK(sleep.main == 0);
}

TEST_CASE("a block still open is the night in progress")
{
  const auto sleep =
    model::sleep_structure({at(Kind::asleep, d26, 17, 0), at(Kind::up, d26, 18, 0),
                            at(Kind::bed, d26, 21, 30), at(Kind::asleep, d26, 21, 40)});
  REQUIRE(sleep.blocks.size() == 2);
  CHECK(sleep.main == 1);
  CHECK(sleep.blocks[1].open);
}

TEST_CASE("a second put-down counts in settling and as a waking, not as a new night")
{
  const auto nights =
    nights_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 20), at(Kind::woke, d26, 23, 0),
               at(Kind::bed, d26, 23, 30), at(Kind::asleep, d26, 23, 45), at(Kind::up, d27, 6, 0)});
  REQUIRE(nights.size() == 1);
  const auto m = model::compute_metrics(nights[0]);
  CHECK(m.bedtime->at == at(Kind::bed, d26, 19, 0).start);
  CHECK(m.sol_min == 20.0);
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 45.0);
  CHECK(m.tst_min == 220.0 + 375.0);
  CHECK(m.complete);
}

TEST_CASE("two woke in a row make the night incomplete and count once")
{
  const auto nights = nights_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 20),
                                 at(Kind::woke, d26, 23, 0), at(Kind::woke, d26, 23, 10),
                                 at(Kind::asleep, d26, 23, 30), at(Kind::up, d27, 6, 0)});
  const auto m = model::compute_metrics(nights.at(0));
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 30.0);
  CHECK_FALSE(m.complete);
}

TEST_CASE("naps setting: auto knows a day when a nap is logged within 2 days")
{
  // Nights of the 25th to the 28th; one nap on the 27th.
  std::vector<Event> events;
  for (const Date day : {d25, d26, d27, d28}) {
    if (day == d27) {
      events.push_back(span(Kind::nap, day, 13, 0, 50));
    }
    events.push_back(at(Kind::bed, day, 19, 0));
    events.push_back(at(Kind::asleep, day, 19, 10));
    events.push_back(at(Kind::up, time::add_days(day, 1), 6, 10));
  }
  const std::vector<Event> later{at(Kind::bed, Date{2026, 12, 2}, 19, 0)};
  std::vector<Event> all = events;
  all.insert(all.end(), later.begin(), later.end());

  SUBCASE("auto")
  {
    const auto nights = nights_of(all, NapsMode::automatic);
    // The log starts at 19:00 on the 25th: nothing of that day before its evening was
    // logged, so its naps are unknown however near the 27th's nap is.
    CHECK_FALSE(model::compute_metrics(night_on(nights, d25)).naps);
    for (const Date day : {d26, d28}) {
      const auto m = model::compute_metrics(night_on(nights, day));
      CHECK(m.naps == 0);
      CHECK(m.nap_min == 0.0);
      CHECK(m.sleep_24h_min == 660.0);
      CHECK(m.concern == false);
      CHECK(m.concern_reasons.empty());
    }
    CHECK(model::compute_metrics(night_on(nights, d27)).nap_min == 50.0);
    const auto far = model::compute_metrics(night_on(nights, Date{2026, 12, 2}));
    CHECK_FALSE(far.naps);
    CHECK_FALSE(far.nap_min);
    CHECK_FALSE(far.sleep_24h_min);
  }
  SUBCASE("logged")
  {
    const auto m =
      model::compute_metrics(night_on(nights_of(all, NapsMode::logged), Date{2026, 12, 2}));
    CHECK(m.naps == 0);
    CHECK(m.nap_min == 0.0);
  }
  SUBCASE("untracked")
  {
    const auto nights = nights_of(all, NapsMode::untracked);
    const auto m = model::compute_metrics(night_on(nights, d27));
    CHECK_FALSE(m.naps);
    CHECK_FALSE(m.nap_min);
    CHECK_FALSE(m.sleep_24h_min);
    CHECK(m.tst_min == 660.0);
    CHECK(m.concern == false); // wakings and waso are known and fine
  }
}

TEST_CASE("concern uses only what is known and names its reasons")
{
  std::vector<Event> events{at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 15)};
  // Four wakings of 20, 20, 20 and 25 min: waso 85.
  const int minutes[] = {20, 20, 20, 25};
  for (int k = 0; k < 4; ++k) {
    events.push_back(at(Kind::woke, d26, 20 + k, 0));
    events.push_back(at(Kind::asleep, d26, 20 + k, minutes[k]));
  }
  events.push_back(at(Kind::up, d27, 6, 0));
  const auto unknown = model::compute_metrics(nights_of(events, NapsMode::untracked).at(0));
  CHECK(unknown.concern == true);
  CHECK(unknown.concern_reasons == std::vector<std::string>{"wakings>3", "waso>60"});
  CHECK(model::concern_reasons_cell(unknown) == "wakings>3;waso>60");
  CHECK(model::concern_text(unknown) == "4 wakings, 85 min awake");

  const auto known = model::compute_metrics(nights_of(events, NapsMode::logged).at(0));
  CHECK(known.tst_min == 560.0);
  CHECK(known.sleep_24h_min == 560.0);
  CHECK(known.concern_reasons == std::vector<std::string>{"wakings>3", "waso>60"});

  const auto short_night = model::compute_metrics(
    nights_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 15), at(Kind::up, d27, 3, 0)},
              NapsMode::logged)
      .at(0));
  CHECK(short_night.concern_reasons == std::vector<std::string>{"sleep_24h<540"});
  CHECK(model::concern_text(short_night) == "7:45 sleep in 24 h");
  const auto unknown_short = model::compute_metrics(
    nights_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 15), at(Kind::up, d27, 3, 0)},
              NapsMode::untracked)
      .at(0));
  CHECK(unknown_short.concern == false);
  CHECK(unknown_short.concern_reasons.empty());
}

TEST_CASE("evening catnap: a short first block and an hour awake, with no bed, is a nap")
{
  // The app rows 18:06 for 23 min, then 20:37 for 333 min: no longer a 128-min waking.
  const std::vector<Event> events{at(Kind::asleep, d26, 18, 6), at(Kind::woke, d26, 18, 29),
                                  at(Kind::asleep, d26, 20, 37), at(Kind::up, d27, 2, 10)};
  const auto sleep = model::sleep_structure(events);
  REQUIRE(sleep.blocks.size() == 2);
  CHECK(sleep.blocks[0].catnap);
  CHECK(sleep.main == 1);
  const auto nights = nights_of(events);
  REQUIRE(nights.size() == 1);
  const auto m = model::compute_metrics(nights[0]);
  CHECK(m.asleep->at == at(Kind::asleep, d26, 20, 37).start);
  CHECK(m.wakings == 0);
  CHECK(m.waso_min == 0.0);
  CHECK(m.tst_min == 333.0);
  CHECK(m.naps == 1);
  CHECK(m.nap_min == 23.0);
  CHECK(m.concern_reasons == std::vector<std::string>{"sleep_24h<540"});
}

TEST_CASE("evening catnap: the limits, the repeat, and a bed that says the night began")
{
  const auto main_onset = [](const std::vector<Event>& events) {
    return model::compute_metrics(nights_of(events).at(0)).asleep->at;
  };
  // 90 min asleep, 60 min awake: a catnap, and the rule repeats for the next one.
  CHECK(main_onset({at(Kind::asleep, d26, 17, 0), at(Kind::woke, d26, 18, 30),
                    at(Kind::asleep, d26, 19, 30), at(Kind::woke, d26, 19, 50),
                    at(Kind::asleep, d26, 20, 50), at(Kind::up, d27, 6, 0)}) ==
        at(Kind::asleep, d26, 20, 50).start);
  // 91 min asleep: the night began.
  CHECK(main_onset({at(Kind::asleep, d26, 17, 0), at(Kind::woke, d26, 18, 31),
                    at(Kind::asleep, d26, 19, 31), at(Kind::up, d27, 6, 0)}) ==
        at(Kind::asleep, d26, 17, 0).start);
  // 59 min awake after it: a waking of the night.
  CHECK(main_onset({at(Kind::asleep, d26, 18, 0), at(Kind::woke, d26, 18, 30),
                    at(Kind::asleep, d26, 19, 29), at(Kind::up, d27, 6, 0)}) ==
        at(Kind::asleep, d26, 18, 0).start);
  // A bed before the short block: the night began with it.
  const std::vector<Event> with_bed{at(Kind::bed, d26, 18, 0), at(Kind::asleep, d26, 18, 6),
                                    at(Kind::woke, d26, 18, 29), at(Kind::asleep, d26, 20, 37),
                                    at(Kind::up, d27, 2, 10)};
  const auto m = model::compute_metrics(nights_of(with_bed).at(0));
  CHECK(m.asleep->at == at(Kind::asleep, d26, 18, 6).start);
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 128.0);
  // A bed after the first catnap stops the repeat: the second short block is the night's.
  CHECK(main_onset({at(Kind::asleep, d26, 17, 0), at(Kind::woke, d26, 17, 30),
                    at(Kind::bed, d26, 18, 45), at(Kind::asleep, d26, 19, 0),
                    at(Kind::woke, d26, 19, 30), at(Kind::asleep, d26, 20, 40),
                    at(Kind::up, d27, 6, 0)}) == at(Kind::asleep, d26, 19, 0).start);
}

TEST_CASE("night bounds: the put-down is the bed, else the first onset less its crying")
{
  const std::vector<Event> no_bed{span(Kind::cry, d26, 18, 30, 10), span(Kind::cry, d26, 19, 0, 12),
                                  at(Kind::asleep, d26, 19, 12), at(Kind::up, d27, 6, 0)};
  const auto bounds = model::night_bounds(no_bed, model::sleep_structure(no_bed));
  CHECK(bounds.put_down == at(Kind::asleep, d26, 19, 0).start);
  CHECK(bounds.up_at == at(Kind::up, d27, 6, 0).start);
  CHECK_FALSE(bounds.holds(at(Kind::cry, d26, 18, 30).start));
  CHECK(bounds.holds(at(Kind::cry, d26, 19, 0).start));
  CHECK_FALSE(bounds.holds(at(Kind::cry, d27, 6, 0).start));
  const std::vector<Event> bed{at(Kind::bed, d26, 18, 50), span(Kind::cry, d26, 19, 0, 12),
                               at(Kind::asleep, d26, 19, 12), at(Kind::up, d27, 6, 0)};
  CHECK(model::night_bounds(bed, model::sleep_structure(bed)).put_down ==
        at(Kind::bed, d26, 18, 50).start);
}

TEST_CASE("sleep moved out of a night makes its day's naps known under auto")
{
  // No nap logged: the 05:28-08:00 block after the night is the 22nd's nap (DESIGN §5).
  const Date d21{2026, 11, 21};
  const Date d22{2026, 11, 22};
  const auto nights =
    nights_of({at(Kind::nap, d21, 9, 0), at(Kind::asleep, d21, 20, 0), at(Kind::woke, d22, 2, 0),
               at(Kind::asleep, d22, 5, 28), at(Kind::up, d22, 8, 0), at(Kind::asleep, d22, 19, 30),
               at(Kind::up, Date{2026, 11, 23}, 6, 30)},
              NapsMode::automatic);
  const auto m = model::compute_metrics(night_on(nights, d22));
  CHECK(m.naps == 1);
  CHECK(m.nap_min == 152.0);
  CHECK(m.sleep_24h_min == 660.0 + 152.0);
}

TEST_CASE("crying and check-ins around naps are the day's, not the night's")
{
  const auto nights = nights_of(
    {span(Kind::cry, d26, 12, 50, 15), span(Kind::checkin, d26, 12, 58, 2),
     span(Kind::nap, d26, 13, 5, 85), at(Kind::bed, d26, 19, 0), span(Kind::cry, d26, 19, 0, 10),
     span(Kind::checkin, d26, 19, 5, 2), at(Kind::asleep, d26, 19, 12), at(Kind::up, d27, 6, 30),
     span(Kind::cry, d27, 9, 0, 4), span(Kind::checkin, d27, 9, 2, 1),
     span(Kind::nap, d27, 9, 5, 55)});
  const auto m = model::compute_metrics(night_on(nights, d26));
  CHECK(m.checkins == 1);
  CHECK(m.checkin_min == 2.0);
  CHECK(m.cry_min == 10.0);
  CHECK(m.cry_episodes == 1);
  CHECK(m.response_min == 5.0);
  CHECK(m.nap_cry_min == 15.0);
  CHECK(m.nap_checkins == 1);
  const auto next = model::compute_metrics(night_on(nights, d27));
  CHECK(next.nap_cry_min == 4.0);
  CHECK(next.nap_checkins == 1);
}
