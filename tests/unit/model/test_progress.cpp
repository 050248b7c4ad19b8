// The progress sentence and tough nights: every number in the text must come from the
// inputs, and only changes above noise are named.
#include <sleeplog/model/progress.hpp>

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using namespace sleeplog;
using model::NightMetrics;
using model::PeriodStats;
using time::Date;

PeriodStats period(int nights, double sol, double wakings, double tst, double sri)
{
  PeriodStats s;
  s.nights = nights;
  s.sol_min = sol;
  s.wakings = wakings;
  s.tst_min = tst;
  s.sri = sri;
  return s;
}

std::pair<model::Night, NightMetrics> night(Date date, int wakings, double sol, double cry)
{
  model::Night n;
  n.date = date;
  n.events.push_back(model::Event{});
  NightMetrics m;
  m.wakings = wakings;
  m.waso_min = 10.0 * wakings;
  m.sol_min = sol;
  m.cry_min = cry;
  m.sleep_24h_min = 700.0;
  m.concern = wakings > 3;
  return {n, m};
}

} // namespace

TEST_CASE("an improving period names its largest real improvements")
{
  PeriodStats before = period(7, 42, 3.1, 560, 61);
  PeriodStats now = period(7, 14, 0.9, 600, 83); // tst +40 is under 10 %: not named
  before.waso_min = 50;
  now.waso_min = 48; // −2 min: noise
  const std::vector<model::ToughNight> tough{{{2026, 11, 24}, "4 wakings"}};
  CHECK(model::progress_sentence(before, now, tough, "the baseline") ==
        "Since the baseline, wakings fell from 3.1 to 0.9 a night, settling from 42 to "
        "14 min and SRI rose from 61 to 83. A tough night: Tue 24 Nov (4 wakings). "
        "Progress, not perfection.");
}

TEST_CASE("at most three improvements, and a worsening said plainly")
{
  PeriodStats before = period(7, 42, 3.1, 560, 61);
  PeriodStats now = period(7, 14, 0.9, 600, 83);
  before.se_pct = 80;
  now.se_pct = 95; // +18.75 %: smaller than the three above
  before.cry_min = 5;
  now.cry_min = 18;
  const std::string text = model::progress_sentence(before, now, {});
  CHECK(text ==
        "Since the period before, wakings fell from 3.1 to 0.9 a night, settling from 42 to "
        "14 min and SRI rose from 61 to 83. Harder than before: crying rose from 5 to "
        "18 min. Progress, not perfection.");
}

TEST_CASE("a worsening period says so without inventing progress")
{
  PeriodStats before = period(7, 14, 0.9, 600, 83);
  PeriodStats now = period(7, 25, 0.9, 600, 83);
  before.cry_min = 5;
  now.cry_min = 18;
  const std::vector<model::ToughNight> tough{{{2026, 11, 24}, "55 min crying"},
                                             {{2026, 11, 26}, "45 min to settle"}};
  CHECK(model::progress_sentence(before, now, tough) ==
        "Since the period before, no clear improvement yet: crying rose from 5 to 18 min "
        "and settling from 14 to 25 min. Tough nights: Tue 24 Nov (55 min crying) and "
        "Thu 26 Nov (45 min to settle). Progress, not perfection.");
}

TEST_CASE("a flat period is called about the same, with where things stand")
{
  const PeriodStats before = period(7, 15, 1.0, 600, 80);
  const PeriodStats now = period(7, 14, 1.1, 610, 82);
  CHECK(model::progress_sentence(before, now, {}) ==
        "About the same as the period before: settling 14 min, wakings 1.1 a night, "
        "night sleep 10:10 and SRI 82. Progress, not perfection.");
}

TEST_CASE("too few nights to compare")
{
  const PeriodStats before = period(7, 42, 3.1, 560, 61);
  const PeriodStats now = period(2, 14, 0.9, 600, 83);
  const std::string text = model::progress_sentence(before, now, {}, "the baseline");
  CHECK(text == "Not enough logged yet to compare: 2 nights now and 7 in the baseline "
                "(at least 3 each are needed). Progress, not perfection.");
  CHECK(text.find("fell") == std::string::npos);
}

TEST_CASE("tough nights: only the BISQ cut-offs, never a night merely worse than the mean")
{
  PeriodStats s = period(5, 12, 1.0, 600, 80);
  s.cry_min = 10;
  const std::vector<std::pair<model::Night, NightMetrics>> nights{
    night({2026, 11, 23}, 1, 10, 5),  // ordinary
    night({2026, 11, 24}, 4, 10, 5),  // concern: more than 3 wakings
    night({2026, 11, 25}, 3, 10, 5),  // mean + 2
    night({2026, 11, 26}, 0, 45, 55), // settling and crying both far above the mean
    night({2026, 11, 27}, 0, 25, 19), // under the absolute floors (30 min, 20 min)
  };
  const auto tough = model::tough_nights(nights, s);
  REQUIRE(tough.size() == 1);
  CHECK(tough[0].date == Date{2026, 11, 24});
  CHECK(tough[0].why == "4 wakings");
}

TEST_CASE("a short day of sleep and a long waso are named by their numbers")
{
  auto [n, m] = night({2026, 11, 24}, 1, 10, 0);
  m.waso_min = 75;
  m.sleep_24h_min = 500;
  const auto tough = model::tough_nights({{n, m}}, period(5, 12, 1.0, 600, 80));
  REQUIRE(tough.size() == 1);
  CHECK(tough[0].why == "75 min awake, 8 h 20 min of sleep in 24 h");
}
