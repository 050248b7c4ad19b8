// Per-night metrics (DESIGN §5) against nights whose numbers were worked out by hand.
#include <sleeplog/model/metrics.hpp>

#include <doctest/doctest.h>

#include "event_fixture.hpp"
#include <vector>

namespace {

using namespace sleeplog;
using model::Event;
using model::Kind;
using model::Night;
using test::at;
using test::est;
using test::span;
using time::Date;

constexpr Date d26{2026, 11, 26};
constexpr Date d27{2026, 11, 27};

Night night_of(std::vector<Event> events, std::vector<Event> naps = {})
{
  return Night{d26, 1, std::move(events), std::move(naps), {}, true, {}, {}, {}};
}

// DESIGN §5.1's worked example: down 19:00 … up 06:30, naps 09:30–10:15 and 13:00–14:30.
Night worked_example()
{
  return night_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 20),
                   at(Kind::woke, d26, 23, 10), at(Kind::asleep, d26, 23, 25),
                   at(Kind::woke, d27, 2, 0), at(Kind::asleep, d27, 2, 40),
                   at(Kind::woke, d27, 6, 10), at(Kind::up, d27, 6, 30)},
                  {span(Kind::nap, d26, 9, 30, 45), span(Kind::nap, d26, 13, 0, 90)});
}

time::Instant instant(Date date, int hour, int minute, int offset_s = est)
{
  return time::civil_to_seconds({date, hour, minute, 0}) - offset_s;
}

} // namespace

TEST_CASE("the worked example of DESIGN §5.1")
{
  const model::NightMetrics m = model::compute_metrics(worked_example());
  REQUIRE(m.bedtime);
  CHECK(m.bedtime->at == instant(d26, 19, 0));
  CHECK(m.bedtime->offset_s == est);
  CHECK(m.asleep->at == instant(d26, 19, 20));
  CHECK(m.sol_min == 20.0);
  CHECK(m.wakings == 2);
  CHECK(m.waso_min == 55.0);
  REQUIRE(m.final_wake);
  CHECK(m.final_wake->at == instant(d27, 6, 10));
  CHECK(m.up->at == instant(d27, 6, 30));
  CHECK(m.twak_min == 20.0);
  CHECK(m.tib_min == 690.0);
  CHECK(m.tst_min == 595.0);
  CHECK(m.se_pct == 86.2);
  CHECK(m.longest_stretch_min == 230.0);
  CHECK(m.naps == 2);
  CHECK(m.nap_min == 135.0);
  CHECK(m.sleep_24h_min == 730.0);
  CHECK(m.complete);
  CHECK(m.concern == false);
  REQUIRE(m.stretches.size() == 3);
  CHECK(m.stretches[1].start == instant(d26, 23, 25));
  CHECK(m.stretches[1].end == instant(d27, 2, 0));
  // tst = tib − sol − waso − twak
  CHECK(*m.tst_min == *m.tib_min - *m.sol_min - *m.waso_min - *m.twak_min);
}

TEST_CASE("a night with no wakings: final wake is up, twak 0")
{
  const auto m = model::compute_metrics(night_of(
    {at(Kind::bed, d26, 19, 30), at(Kind::asleep, d26, 19, 45), at(Kind::up, d27, 6, 45)}));
  CHECK(m.sol_min == 15.0);
  CHECK(m.wakings == 0);
  CHECK(m.waso_min == 0.0);
  CHECK(m.final_wake->at == instant(d27, 6, 45));
  CHECK(m.twak_min == 0.0);
  CHECK(m.tib_min == 675.0);
  CHECK(m.tst_min == 660.0);
  CHECK(m.se_pct == 97.8); // 100 × 660 / 675 = 97.78
  CHECK(m.longest_stretch_min == 660.0);
  CHECK(m.complete);
  CHECK(m.sleep_24h_min == 660.0); // no naps
  CHECK(m.concern == false);
}

TEST_CASE("a night with no bed: settling, time in bed and efficiency stay empty")
{
  const auto m =
    model::compute_metrics(night_of({at(Kind::asleep, d26, 20, 0), at(Kind::woke, d27, 1, 0),
                                     at(Kind::asleep, d27, 1, 30), at(Kind::up, d27, 6, 0)}));
  CHECK_FALSE(m.bedtime);
  CHECK(m.asleep->at == instant(d26, 20, 0));
  CHECK_FALSE(m.sol_min);
  CHECK_FALSE(m.tib_min);
  CHECK_FALSE(m.se_pct);
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 30.0);
  CHECK(m.tst_min == 570.0); // 300 + 270
  CHECK(m.longest_stretch_min == 300.0);
  CHECK_FALSE(m.complete);
}

TEST_CASE("a night still open: no up, so no tst, tib or twak")
{
  const auto m = model::compute_metrics(
    night_of({at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 10), at(Kind::woke, d26, 23, 0),
              at(Kind::asleep, d26, 23, 20), at(Kind::woke, d27, 2, 0)}));
  CHECK(m.sol_min == 10.0);
  CHECK(m.wakings == 1); // the waking at 02:00 has not ended yet
  CHECK(m.waso_min == 20.0);
  CHECK_FALSE(m.up);
  CHECK_FALSE(m.final_wake);
  CHECK_FALSE(m.twak_min);
  CHECK_FALSE(m.tib_min);
  CHECK_FALSE(m.tst_min);
  CHECK_FALSE(m.se_pct);
  CHECK_FALSE(m.sleep_24h_min);
  CHECK_FALSE(m.complete);
  CHECK_FALSE(m.concern); // nothing crossed, and sleep_24h unknown
  CHECK(m.stretches.size() == 2);
}

TEST_CASE("a night across the fall-back change counts real minutes")
{
  // bed 19:00 EDT (23:00Z), asleep 19:30 EDT, up 06:00 EST (11:00Z): 12 h, not 11.
  const Date oct31{2026, 10, 31};
  const Date nov1{2026, 11, 1};
  const auto m = model::compute_metrics(
    Night{oct31,
          1,
          {at(Kind::bed, oct31, 19, 0, -4 * 3600), at(Kind::asleep, oct31, 19, 30, -4 * 3600),
           at(Kind::up, nov1, 6, 0, -5 * 3600)},
          {},
          {},
          true,
          {},
          {},
          {}});
  CHECK(m.tib_min == 720.0);
  CHECK(m.sol_min == 30.0);
  CHECK(m.tst_min == 690.0);
  CHECK(m.se_pct == 95.8); // 100 × 690 / 720 = 95.83
  CHECK(m.bedtime->offset_s == -4 * 3600);
  CHECK(m.up->offset_s == -5 * 3600);
}

TEST_CASE("cries, check-ins and feeds: union, counts and closed durations")
{
  Event open_cry = at(Kind::cry, d27, 4, 0); // still open: counted, no minutes
  const auto m = model::compute_metrics(night_of({
    at(Kind::bed, d26, 19, 0),
    span(Kind::cry, d26, 19, 0, 20),
    span(Kind::checkin, d26, 19, 5, 3),
    span(Kind::cry, d26, 19, 10, 15), // overlaps the first: union 19:00–19:25
    at(Kind::asleep, d26, 19, 30),
    span(Kind::feed, d27, 1, 0, 15),
    span(Kind::checkin, d27, 3, 0, 4),
    open_cry,
  }));
  CHECK(m.cry_min == 25.0);
  CHECK(m.cry_episodes == 3);
  CHECK(m.checkins == 2);
  CHECK(m.checkin_min == 7.0);
  CHECK(m.feeds == 1);
  CHECK(m.naps == 0);
}

TEST_CASE("a second woke without asleep makes the night incomplete but counts once")
{
  const auto m = model::compute_metrics(night_of({
    at(Kind::bed, d26, 19, 0),
    at(Kind::asleep, d26, 19, 30),
    at(Kind::woke, d27, 1, 0),
    at(Kind::woke, d27, 1, 10),
    at(Kind::asleep, d27, 1, 40),
    at(Kind::up, d27, 6, 30),
  }));
  CHECK(m.wakings == 1);
  CHECK(m.waso_min == 40.0);
  CHECK(m.tst_min == 620.0); // 330 + 290
  CHECK_FALSE(m.complete);
}

TEST_CASE("BISQ concern: any cut-off crossed, or all known and none crossed")
{
  SUBCASE("four wakings")
  {
    std::vector<Event> events{at(Kind::bed, d26, 19, 0), at(Kind::asleep, d26, 19, 10)};
    for (int hour = 20; hour < 24; ++hour) {
      events.push_back(at(Kind::woke, d26, hour, 0));
      events.push_back(at(Kind::asleep, d26, hour, 5));
    }
    events.push_back(at(Kind::up, d27, 7, 0));
    const auto m = model::compute_metrics(night_of(events));
    CHECK(m.wakings == 4);
    CHECK(m.waso_min == 20.0);
    CHECK(m.concern == true);
  }
  SUBCASE("less than 9 h in 24 h")
  {
    const auto m = model::compute_metrics(
      night_of({at(Kind::bed, d26, 22, 0), at(Kind::asleep, d26, 22, 0), at(Kind::up, d27, 6, 0)},
               {span(Kind::nap, d26, 13, 0, 30)}));
    CHECK(m.sleep_24h_min == 510.0);
    CHECK(m.concern == true);
  }
  SUBCASE("an open night with a long waking is already a concern")
  {
    const auto m = model::compute_metrics(night_of(
      {at(Kind::asleep, d26, 20, 0), at(Kind::woke, d27, 1, 0), at(Kind::asleep, d27, 2, 5)}));
    CHECK(m.waso_min == 65.0);
    CHECK_FALSE(m.sleep_24h_min);
    CHECK(m.concern == true);
  }
}
