// `trend`: slopes by least squares, week rows, sparklines and the JSON wrapper for three
// weeks whose settling falls by 10 minutes a week.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/trend.hpp>

#include <doctest/doctest.h>

#include "night_fixture.hpp"
#include <string>

namespace {

using namespace sleeplog;
using fixture::event;

const report::Style ascii{false, false};
const report::Style unicode{false, true};

// Bed 19:00, asleep after `sol` minutes, up 06:30 the next morning.
model::Night simple_night(time::Date date, int sol)
{
  using K = model::Kind;
  model::Night night;
  night.date = date;
  night.events = {event(1, K::bed, date, 19, 0), event(2, K::asleep, date, 19, sol),
                  event(3, K::up, time::add_days(date, 1), 6, 30)};
  return night;
}

report::TrendReport three_weeks()
{
  // Weeks from Mon 9 Nov; one night on each Monday: settling 40, 30, 20 minutes.
  report::TrendBuilder builder({2026, 11, 9}, 3, {2026, 11, 23}, std::nullopt, 7);
  const int sols[] = {40, 30, 20};
  for (int i = 0; i < 3; ++i) {
    auto night = simple_night(time::add_days({2026, 11, 9}, 7 * i), sols[i]);
    const auto metrics = model::compute_metrics(night);
    if (i == 0) {
      builder.add_baseline(night, metrics);
    }
    builder.add(std::move(night), metrics);
  }
  return builder.finish();
}

} // namespace

TEST_CASE("trend: least-squares slope per week")
{
  CHECK(*report::weekly_slope({10.0, 8.0, 6.0, 4.0}) == doctest::Approx(-2.0));
  CHECK(*report::weekly_slope({1.0, 2.0, 4.0}) == doctest::Approx(1.5));
  CHECK(*report::weekly_slope({10.0, std::nullopt, 6.0}) == doctest::Approx(-2.0));
  CHECK_FALSE(report::weekly_slope({std::nullopt, 5.0}));
  CHECK_FALSE(report::weekly_slope({}));
}

TEST_CASE("trend: the builder streams only the span it asks for")
{
  report::TrendBuilder builder({2026, 11, 9}, 3, {2026, 11, 23}, std::nullopt, 7);
  CHECK(builder.span() == std::pair<time::Date, time::Date>{{2026, 11, 9}, {2026, 11, 29}});
  report::TrendBuilder late({2026, 11, 23}, 1, {2026, 11, 24}, std::nullopt, 7);
  CHECK(late.span() == std::pair<time::Date, time::Date>{{2026, 11, 18}, {2026, 11, 29}});
}

TEST_CASE("trend: week rows, slopes, sparklines, baseline and sentence")
{
  const auto text = report::render_trend(three_weeks(), "baby", ascii);
  CHECK(text == "Trend for baby: 3 weeks from Mon 9 Nov\n"
                "\n"
                "week        nights  bed    settle  wake  waso  sleep   se%  cry  chk  SRI\n"
                "Mon 9 Nov        1  19:00      40     0     0  10:50  94.2    0    0    -\n"
                "Mon 16 Nov       1  19:00      30     0     0  11:00  95.7    0    0    -\n"
                "Mon 23 Nov       1  19:00      20     0     0  11:10  97.1    0    0    -\n"
                "\n"
                "                               slope  week by week\n"
                "settling                -10 min/week  #=_\n"
                "wakings                       0/week  ---\n"
                "time awake at night       0 min/week  ---\n"
                "early waking              0 min/week  ---\n"
                "night sleep             +10 min/week  _=#\n"
                "sleep efficiency       +1.4 pts/week  _=#\n"
                "longest stretch         +10 min/week  _=#\n"
                "crying                    0 min/week  ---\n"
                "check-ins                     0/week  ---\n"
                "bedtime spread                     -\n"
                "wake-up spread                     -\n"
                "bedtime consistency       0 pts/week  ---\n"
                "SRI                                -\n"
                "\n"
                "baseline: Mon 9 Nov - Mon 9 Nov, 1 night\n"
                "latest:   Mon 23 Nov - Mon 23 Nov, 1 night\n"
                "\n"
                "                           latest  baseline\n"
                "nights logged                   1         1\n"
                "complete nights                 1         1\n"
                "bedtime (mean)              19:00     19:00\n"
                "wake-up (mean)              06:30     06:30\n"
                "settling (min)                 20        40  v  better\n"
                "wakings                         0         0  =\n"
                "time awake at night (min)       0         0  =\n"
                "early waking (min)              0         0  =\n"
                "time in bed (min)             690       690  =\n"
                "night sleep (min)             670       650  ^  better\n"
                "sleep efficiency (%)         97.1      94.2  ^  better\n"
                "longest stretch (min)         670       650  ^  better\n"
                "crying (min)                    0         0  =\n"
                "check-ins                       0         0  =\n"
                "naps (min)                      0         0  =\n"
                "sleep in 24 h (min)           670       650  ^\n"
                "bedtime spread (min)            -         -\n"
                "wake-up spread (min)            -         -\n"
                "bedtime consistency (%)       100       100  =\n"
                "SRI                             -         -\n"
                "\n"
                "Not enough logged yet to compare: 1 night now and 1 in the baseline (at least 3\n"
                "each are needed). Progress, not perfection.\n");
}

TEST_CASE("trend: Unicode sparkline rows")
{
  const auto text = report::render_trend(three_weeks(), "baby", unicode);
  CHECK(text.find("settling                −10 min/week  █▅▁\n") != std::string::npos);
  CHECK(text.find("night sleep             +10 min/week  ▁▅█\n") != std::string::npos);
}

TEST_CASE("trend: JSON wraps week objects, baseline, latest, slopes and message")
{
  const auto json = report::trend_json(three_weeks());
  const std::string week1 =
    "{\"week_start\":\"2026-11-09\",\"first_night\":\"2026-11-09\",\"last_night\":\"2026-11-09\","
    "\"nights\":1,\"complete_nights\":1,\"bedtime_mean\":\"19:00\",\"bedtime_sd_min\":null,"
    "\"up_mean\":\"06:30\",\"up_sd_min\":null,\"consistency_pct\":100,\"sri\":null,\"sol_min\":40,"
    "\"wakings\":0,\"waso_min\":0,\"twak_min\":0,\"tib_min\":690,\"tst_min\":650,\"se_pct\":94.2,"
    "\"longest_stretch_min\":650,\"cry_min\":0,\"checkins\":0,\"nap_min\":0,\"sleep_24h_min\":650}";
  CHECK(json.starts_with("{\"weeks\":[" + week1 + ",{\"week_start\":\"2026-11-16\""));
  CHECK(json.find("],\"baseline\":{\"first_night\":\"2026-11-09\",") != std::string::npos);
  CHECK(json.find(",\"latest\":{\"first_night\":\"2026-11-23\",") != std::string::npos);
  CHECK(json.find(",\"slopes\":{\"sol_min\":-10,\"wakings\":0,\"waso_min\":0,\"twak_min\":0,"
                  "\"tst_min\":10,\"se_pct\":1.4,\"longest_stretch_min\":10,\"cry_min\":0,"
                  "\"checkins\":0,\"bedtime_sd_min\":null,\"up_sd_min\":null,"
                  "\"consistency_pct\":0,\"sri\":null},") != std::string::npos);
  CHECK(
    json.ends_with(",\"message\":\"Not enough logged yet to compare: 1 night now and 1 in "
                   "the baseline (at least 3 each are needed). Progress, not perfection.\"}\n"));
}
