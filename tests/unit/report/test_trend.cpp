// `trend`: slopes by least squares, week rows, sparklines and the JSON wrapper for three
// weeks whose settling falls by 10 minutes a week.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/summary.hpp>
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

// Bed at 19:00 + `late` minutes, asleep `sol` minutes later, up 06:30.
model::Night night_at(time::Date date, int sol, int late)
{
  using K = model::Kind;
  model::Night night;
  night.date = date;
  night.events = {event(1, K::bed, date, 19, late), event(2, K::asleep, date, 19, late + sol),
                  event(3, K::up, time::add_days(date, 1), 6, 30)};
  return night;
}

// Three full weeks from Mon 9 Nov, every night logged: settling 40, 30, 20 minutes, and
// bedtimes that wander more each week (0/10/20 minutes late on alternate nights).
report::TrendReport full_weeks(time::Date first_week = {2026, 11, 9}, int weeks = 3)
{
  report::TrendBuilder builder(first_week, weeks, {2026, 11, 29}, std::nullopt, 7);
  std::vector<std::pair<model::Night, model::NightMetrics>> nights;
  for (int day = 0; day < 21; ++day) {
    const int week = day / 7;
    auto night =
      night_at(time::add_days({2026, 11, 9}, day), 40 - 10 * week, day % 2 == 0 ? 10 * week : 0);
    nights.emplace_back(night, model::compute_metrics(night));
  }
  for (const auto& [night, metrics] : nights) {
    builder.add_baseline(night, metrics);
  }
  for (auto& [night, metrics] : nights) {
    builder.add(std::move(night), metrics);
  }
  return builder.finish();
}

// One night on each Monday of three weeks: settling 40, 30, 20 minutes.
report::TrendReport three_weeks()
{
  report::TrendBuilder builder({2026, 11, 9}, 3, {2026, 11, 23}, std::nullopt, 7);
  const int sols[] = {40, 30, 20};
  for (int i = 0; i < 3; ++i) {
    auto night = simple_night(time::add_days({2026, 11, 9}, 7 * i), sols[i]);
    const auto metrics = model::compute_metrics(night);
    builder.add_baseline(night, metrics);
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

TEST_CASE("trend: golden text of three full weeks")
{
  const auto text = report::render_trend(full_weeks(), "baby", ascii);
  CHECK(text == "Trend for baby: 3 weeks from Mon 9 Nov\n"
                "\n"
                "week        nights  bed    settle  wake  waso  sleep   se%  cry  chk    SRI\n"
                "Mon 9 Nov        7  19:00    40.0   0.0   0.0  10:50  94.2  0.0  0.0  100.0\n"
                "Mon 16 Nov       7  19:04    30.0   0.0   0.0  10:56  95.7  0.0  0.0   98.5\n"
                "Mon 23 Nov       7  19:11    20.0   0.0   0.0  10:59  97.0  0.0  0.0   97.0\n"
                "durations: minutes, or h:mm from an hour\n"
                "\n"
                "                               slope               week by week\n"
                "settling                -10 min/week  v better     #=_\n"
                "wakings                       0/week  =            ---\n"
                "time awake at night       0 min/week  =            ---\n"
                "early waking              0 min/week  =            ---\n"
                "night sleep            +4.3 min/week  ^ better     _+#\n"
                "sleep efficiency       +1.4 pts/week  ^ better     _=#\n"
                "longest stretch        +4.3 min/week  ^ better     _+#\n"
                "crying                    0 min/week  =            ---\n"
                "check-ins                     0/week  =            ---\n"
                "bedtime spread         +5.3 min/week  ^ worse      _=#\n"
                "wake-up spread            0 min/week  =            ---\n"
                "bedtime consistency   -21.5 pts/week  v worse      ##_\n"
                "SRI                        -1.5/week  v worse      #=_\n"
                "\n"
                "baseline: Mon 9 Nov - Sun 15 Nov, 7 nights\n"
                "latest:   Mon 23 Nov - Sun 29 Nov, 7 nights\n"
                "\n"
                "                         latest  baseline\n"
                "nights logged                 7         7\n"
                "complete nights               7         7\n"
                "bedtime (mean)            19:11     19:00\n"
                "wake-up (mean)            06:30     06:30\n"
                "settling                   20.0      40.0  v  better\n"
                "wakings                     0.0       0.0  =\n"
                "time awake at night         0.0       0.0  =\n"
                "early waking                0.0       0.0  =\n"
                "time in bed               11:19     11:30  v\n"
                "night sleep               10:59     10:50  ^  better\n"
                "sleep efficiency (%)       97.0      94.2  ^  better\n"
                "longest stretch           10:59     10:50  ^  better\n"
                "crying                      0.0       0.0  =\n"
                "check-ins                   0.0       0.0  =\n"
                "naps                        0.0       0.0  =\n"
                "sleep in 24 h             10:59     10:50  ^\n"
                "bedtime spread             10.7       0.0  ^  worse\n"
                "wake-up spread              0.0       0.0  =\n"
                "bedtime consistency (%)    57.1     100.0  v  worse\n"
                "SRI                        97.0     100.0  v  worse\n"
                "durations: minutes, or h:mm from an hour\n"
                "\n"
                "Since the baseline, settling fell from 40 to 20 min. Harder than before: bedtime\n"
                "spread rose from 0 to 11 min and bedtime consistency fell from 100 to 57.1%.\n"
                "Progress, not perfection.\n"
                "What each number means: sleeplog help metrics\n");
}

TEST_CASE("trend: starts at the first week with a logged night")
{
  const auto report = full_weeks({2026, 10, 26}, 5);
  REQUIRE(report.weeks.size() == 3);
  CHECK(report.weeks.front().start == time::Date{2026, 11, 9});
  CHECK(report::render_trend(report, "baby", ascii)
          .starts_with("Trend for baby: 3 weeks from Mon 9 Nov\n"));
}

TEST_CASE("trend: no slope from weeks with fewer than 4 nights, and a footnote says why")
{
  const auto report = three_weeks();
  for (const auto& metric : report::trend_metrics()) {
    CHECK_FALSE(report::trend_slope(report, metric));
  }
  const auto text = report::render_trend(report, "baby", unicode);
  CHECK(text.find("settling                           –               █▅▁\n") != std::string::npos);
  CHECK(text.find("– no slope: it needs 3 weeks with at least 4 nights each\n") !=
        std::string::npos);
  CHECK(report::trend_json(report).find("\"slopes\":{\"sol_min\":null,") != std::string::npos);
}

TEST_CASE("trend: with fewer than 14 nights there is no baseline, and it says so")
{
  const auto report = three_weeks();
  CHECK_FALSE(report.has_baseline);
  const auto text = report::render_trend(report, "baby", ascii);
  CHECK(text.find("No baseline yet: it needs 7 logged nights before the latest 7 (14 in all)") !=
        std::string::npos);
  CHECK(text.find("baseline:") == std::string::npos);
  CHECK(report::trend_json(report).find("\"baseline\":null") != std::string::npos);
}

TEST_CASE("trend: baseline and latest never overlap")
{
  // 10 nights: the first 7 would reach into the latest 7, so none is taken.
  report::TrendBuilder builder({2026, 11, 16}, 2, {2026, 11, 25}, std::nullopt, 7);
  for (int day = 0; day < 10; ++day) {
    auto night = night_at(time::add_days({2026, 11, 16}, day), 30, 0);
    const auto metrics = model::compute_metrics(night);
    builder.add_baseline(night, metrics);
    builder.add(std::move(night), metrics);
  }
  const auto report = builder.finish();
  CHECK_FALSE(report.has_baseline);
  CHECK(report.baseline.nights == 0);
  // 21 nights: the baseline is the first 7, all before the latest 7.
  const auto full = full_weeks();
  REQUIRE(full.has_baseline);
  CHECK(*full.baseline.last_night < full.latest_first);
  CHECK(*full.baseline.first_night == time::Date{2026, 11, 9});
  CHECK(full.baseline.nights == 7);
}

TEST_CASE("trend: a metric's arrow and its verdict agree, spreads included")
{
  const report::Style style{false, false};
  for (const auto& metric : report::trend_metrics()) {
    for (const double change : {-5.0, 5.0}) {
      const auto [arrow, verdict] =
        report::change_direction(10.0, 10.0 + change, metric.better, style);
      const bool up = change > 0;
      CHECK(arrow == (up ? "^" : "v"));
      const bool lower_is_better = metric.better == model::Better::lower;
      CHECK(verdict == ((up != lower_is_better) ? "better" : "worse"));
    }
  }
  // In the rendered trend: bedtime spread grows week by week, so its slope is up and
  // worse, as in the table below it.
  const auto text = report::render_trend(full_weeks(), "baby", ascii);
  CHECK(text.find("bedtime spread") != std::string::npos);
  const auto slope_line = text.substr(text.find("bedtime spread"), 60);
  CHECK(slope_line.find("^ worse") != std::string::npos);
  const auto table_line = text.substr(text.rfind("bedtime spread"), 60);
  CHECK(table_line.find("^  worse") != std::string::npos);
}
