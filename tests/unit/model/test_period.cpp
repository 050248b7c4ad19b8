// Period statistics (DESIGN §5.5): clock times on a noon-based scale, sample
// SDs, means over defined nights, consistency and the metric table.
#include <sleeplog/model/night.hpp>
#include <sleeplog/model/period.hpp>

#include <doctest/doctest.h>

#include "event_fixture.hpp"
#include <vector>

namespace {

using namespace sleeplog;
using model::Event;
using model::Kind;
using model::LocalInstant;
using test::at;
using test::est;
using test::span;
using time::Date;

constexpr Date d1{2026, 11, 2};
constexpr Date d2{2026, 11, 3};
constexpr Date d3{2026, 11, 4};
constexpr Date d4{2026, 11, 5};

LocalInstant local(Date date, int hour, int minute)
{
  const Event event = at(Kind::note, date, hour, minute);
  return {event.start, event.offset_s};
}

model::PeriodStats stats_of(const std::vector<Event>& events,
                            std::optional<double> target = std::nullopt)
{
  model::PeriodAccumulator acc(target);
  for (const model::Night& night : model::assemble_nights(events, 12 * 60)) {
    acc.add(night, model::compute_metrics(night));
  }
  return acc.result();
}

// One night per bedtime, each on its own date starting at d1, bed = asleep, up 06:30.
std::vector<Event> bedtimes(const std::vector<std::pair<int, int>>& clock)
{
  std::vector<Event> events;
  for (std::size_t i = 0; i < clock.size(); ++i) {
    const Date date = time::add_days(d1, static_cast<std::int64_t>(i));
    const auto [hour, minute] = clock[i];
    const Date bed_date = hour < 12 ? time::add_days(date, 1) : date;
    events.push_back(at(Kind::bed, bed_date, hour, minute));
    events.push_back(at(Kind::asleep, bed_date, hour, minute));
    events.push_back(at(Kind::up, time::add_days(date, 1), 6, 30));
  }
  return events;
}

} // namespace

TEST_CASE("clock times count from noon so that midnight does not wrap")
{
  CHECK(model::minutes_since_noon(local(d1, 19, 0)) == 420.0);
  CHECK(model::minutes_since_noon(local(d1, 0, 30)) == 750.0);
  CHECK(model::minutes_since_noon(local(d1, 6, 30)) == 1110.0);
  CHECK(model::minutes_since_noon(local(d1, 12, 0)) == 0.0);
  CHECK(model::minutes_since_noon(local(d1, 11, 59)) == 1439.0);
}

TEST_CASE("bedtime across midnight: mean 00:00 and sample SD 42.4")
{
  const model::PeriodStats s = stats_of(bedtimes({{23, 30}, {0, 30}}));
  CHECK(s.nights == 2);
  CHECK(s.bedtime_mean == 720.0);
  REQUIRE(s.bedtime_sd_min);
  CHECK(*s.bedtime_sd_min == doctest::Approx(42.426).epsilon(1e-4)); // √(2 × 30² / 1)
  CHECK(s.up_mean == 1110.0);
  CHECK(s.up_sd_min == 0.0);
}

TEST_CASE("one night has a mean but no SD")
{
  const model::PeriodStats s = stats_of(bedtimes({{19, 0}}));
  CHECK(s.bedtime_mean == 420.0);
  CHECK_FALSE(s.bedtime_sd_min);
  CHECK_FALSE(s.up_sd_min);
}

TEST_CASE("consistency: within ±15 min of the median, or of the target when set")
{
  // Bedtimes 420, 430, 440, 455, 510 minutes since noon; median 440.
  const auto events = bedtimes({{19, 0}, {19, 10}, {19, 20}, {19, 35}, {20, 30}});
  CHECK(stats_of(events).consistency_pct == 60.0);        // 430, 440, 455
  CHECK(stats_of(events, 420.0).consistency_pct == 40.0); // 420, 430
  CHECK(stats_of(events, 480.0).consistency_pct == 0.0);  // 20:00: none
  CHECK(stats_of(bedtimes({{19, 0}, {19, 20}, {19, 40}})).consistency_pct == 33.3);
}

TEST_CASE("means cover the nights where each number is defined")
{
  const std::vector<Event> events{
    span(Kind::nap, d1, 13, 0, 60), at(Kind::bed, d1, 19, 0),    at(Kind::asleep, d1, 19, 20),
    at(Kind::up, d2, 7, 0),         at(Kind::bed, d2, 19, 30),   at(Kind::asleep, d2, 19, 40),
    at(Kind::woke, d3, 1, 0),       at(Kind::asleep, d3, 1, 30), at(Kind::up, d3, 6, 30),
    at(Kind::asleep, d3, 20, 0),    at(Kind::up, d4, 6, 0), // no bed
    span(Kind::nap, d4, 13, 0, 90),                         // today's nap, no night yet
  };
  const model::PeriodStats s = stats_of(events);
  CHECK(s.nights == 3);
  CHECK(s.complete_nights == 2);
  CHECK(s.first_night == d1);
  CHECK(s.last_night == d3);
  CHECK(s.sol_min == 15.0);  // (20 + 10) / 2
  CHECK(s.tib_min == 690.0); // (720 + 660) / 2
  CHECK(s.tst_min == 640.0); // (700 + 620 + 600) / 3
  CHECK(s.waso_min == 10.0); // (0 + 30 + 0) / 3
  CHECK(*s.wakings == doctest::Approx(1.0 / 3.0));
  CHECK(s.nap_min == 20.0); // (60 + 0 + 0) / 3
  CHECK(s.cry_min == 0.0);
  CHECK(s.bedtime_mean == 435.0);
  CHECK(*s.bedtime_sd_min == doctest::Approx(21.2132).epsilon(1e-4));
  CHECK(s.up_mean == 1110.0); // 07:00, 06:30, 06:00
  CHECK(s.up_sd_min == 30.0);
  // Known from the first bed (d1 19:00) to the last up (d4 06:00): the night with no bed
  // from its onset, the days between as their naps are known. 2100 pairs, 1970 alike.
  CHECK(s.sri == 87.6);
}

TEST_CASE("an empty period has nothing defined")
{
  const model::PeriodStats s = model::PeriodAccumulator().result();
  CHECK(s.nights == 0);
  CHECK_FALSE(s.first_night);
  CHECK_FALSE(s.bedtime_mean);
  CHECK_FALSE(s.consistency_pct);
  CHECK_FALSE(s.sol_min);
  CHECK_FALSE(s.sri);
}

TEST_CASE("the period metric table knows which way is better")
{
  const auto& metrics = model::period_metrics();
  CHECK(metrics.size() == 16);
  model::PeriodStats s;
  s.sol_min = 14.0;
  s.sri = 83.0;
  int lower = 0;
  int higher = 0;
  for (const model::PeriodMetric& metric : metrics) {
    lower += metric.better == model::Better::lower ? 1 : 0;
    higher += metric.better == model::Better::higher ? 1 : 0;
    if (metric.key == "sol_min") {
      CHECK(metric.better == model::Better::lower);
      CHECK(s.*metric.field == 14.0);
    }
    if (metric.key == "sri") {
      CHECK(metric.better == model::Better::higher);
      CHECK(s.*metric.field == 83.0);
    }
    if (metric.key == "tib_min") {
      CHECK(metric.better == model::Better::neither);
    }
  }
  CHECK(lower == 8);
  CHECK(higher == 5);
}
