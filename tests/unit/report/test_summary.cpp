// `summary`: the worked night against the night before it, text with arrows in ASCII and
// Unicode, the DESIGN §5 JSON keys and the CSV rows; and the shared period helpers.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/summary.hpp>

#include <doctest/doctest.h>

#include "night_fixture.hpp"
#include <string>

namespace {

using namespace sleeplog;

report::SummaryReport worked_against_before()
{
  report::SummaryBuilder builder({2026, 11, 27}, {2026, 11, 27}, std::nullopt);
  CHECK(builder.span() == std::pair<time::Date, time::Date>{{2026, 11, 26}, {2026, 11, 27}});
  for (auto night : {fixture::night_before(), fixture::worked_night()}) {
    const auto metrics = model::compute_metrics(night);
    builder.add(std::move(night), metrics);
  }
  return builder.finish("the night before");
}

} // namespace

TEST_CASE("summary: clock means wrap at midnight, not at noon")
{
  CHECK(report::clock_from_noon(420) == "19:00");
  CHECK(report::clock_from_noon(750) == "00:30");
  CHECK(report::clock_from_noon(1110.4) == "06:30");
  CHECK(report::clock_from_noon(719.6) == "00:00");
}

TEST_CASE("summary: the sentence wraps at 80 columns on spaces")
{
  CHECK(report::wrap_text("aa bb cc", 5) == "aa bb\ncc\n");
  CHECK(report::wrap_text("settling fell", 80) == "settling fell\n");
  CHECK(report::wrap_text("", 80).empty());
}

TEST_CASE("summary: text, ASCII")
{
  const auto text = report::render_summary(worked_against_before(), "baby", {false, false});
  CHECK(text == "Summary for baby\n"
                "  now:    Fri 27 Nov - Fri 27 Nov (1 night logged, 1 complete)\n"
                "  before: Thu 26 Nov - Thu 26 Nov (1 night logged, 1 complete)\n"
                "\n"
                "                           now  before\n"
                "nights logged                1       1\n"
                "complete nights              1       1\n"
                "bedtime (mean)           19:00   19:30\n"
                "wake-up (mean)           06:30   06:00\n"
                "settling                  20.0    40.0  v  better\n"
                "wakings                    2.0     1.0  ^  worse\n"
                "time awake at night       55.0    30.0  ^  worse\n"
                "early waking              20.0     0.0  ^  worse\n"
                "time in bed              11:30   10:30  ^\n"
                "night sleep               9:55    9:20  ^  better\n"
                "sleep efficiency (%)      86.2    88.9  v  worse\n"
                "longest stretch           3:50    4:50  v  worse\n"
                "crying                     9.0     0.0  ^  worse\n"
                "check-ins                  1.0     0.0  ^  worse\n"
                "naps                      2:15     0.0  ^\n"
                "sleep in 24 h            12:10    9:20  ^\n"
                "bedtime spread               -       -\n"
                "wake-up spread               -       -\n"
                "bedtime consistency (%)  100.0   100.0  =\n"
                "SRI                          -       -\n"
                "durations: minutes, or h:mm from an hour\n"
                "\n"
                "Not enough logged yet to compare: 1 night now and 1 in the night before (at\n"
                "least 3 each are needed). Progress, not perfection.\n"
                "What each number means: sleeplog help metrics\n");
}

TEST_CASE("summary: Unicode arrows and coloured verdicts")
{
  const auto text = report::render_summary(worked_against_before(), "baby", {true, true});
  CHECK(text.find("settling                  20.0    40.0  ↓  \x1b[32mbetter\x1b[0m\n") !=
        std::string::npos);
  CHECK(text.find("wakings                    2.0     1.0  ↑  \x1b[31mworse\x1b[0m\n") !=
        std::string::npos);
  CHECK(text.find("  now:    Fri 27 Nov – Fri 27 Nov (1 night logged, 1 complete)\n") !=
        std::string::npos);
}

TEST_CASE("summary: JSON with the keys of DESIGN §5")
{
  const auto json = report::summary_json(worked_against_before());
  CHECK(json ==
        "{\"range\":{\"first\":\"2026-11-27\",\"last\":\"2026-11-27\",\"previous_first\":\"2026-11-"
        "26\",\"previous_last\":\"2026-11-26\"},"
        "\"current\":{\"first_night\":\"2026-11-27\",\"last_night\":\"2026-11-27\",\"nights\":1,"
        "\"complete_nights\":1,\"bedtime_mean\":\"19:00\",\"bedtime_sd_min\":null,\"up_mean\":\"06:"
        "30\",\"up_sd_min\":null,\"consistency_pct\":100,\"sri\":null,"
        "\"sol_min\":20,\"wakings\":2,\"waso_min\":55,\"twak_min\":20,\"tib_min\":690,\"tst_min\":"
        "595,\"se_pct\":86.2,\"longest_stretch_min\":230,\"cry_min\":9,\"checkins\":1,\"nap_min\":"
        "135,\"sleep_24h_min\":730},"
        "\"previous\":{\"first_night\":\"2026-11-26\",\"last_night\":\"2026-11-26\",\"nights\":1,"
        "\"complete_nights\":1,\"bedtime_mean\":\"19:30\",\"bedtime_sd_min\":null,\"up_mean\":\"06:"
        "00\",\"up_sd_min\":null,\"consistency_pct\":100,\"sri\":null,"
        "\"sol_min\":40,\"wakings\":1,\"waso_min\":30,\"twak_min\":0,\"tib_min\":630,\"tst_min\":"
        "560,\"se_pct\":88.9,\"longest_stretch_min\":290,\"cry_min\":0,\"checkins\":0,\"nap_min\":"
        "0,\"sleep_24h_min\":560},"
        "\"message\":\"Not enough logged yet to compare: 1 night now and 1 in the night before (at "
        "least 3 each are needed). Progress, not perfection.\"}\n");
}

TEST_CASE("summary: CSV, one row per period")
{
  const auto csv = report::summary_csv(worked_against_before());
  CHECK(
    csv ==
    "period,first_night,last_night,nights,complete_nights,bedtime_mean,bedtime_sd_min,up_mean,up_"
    "sd_min,consistency_pct,sri,sol_min,wakings,waso_min,twak_min,tib_min,tst_min,se_pct,longest_"
    "stretch_min,cry_min,checkins,nap_min,sleep_24h_min\n"
    "current,2026-11-27,2026-11-27,1,1,19:00,,06:30,,100,,20,2,55,20,690,595,86.2,230,9,1,135,730\n"
    "previous,2026-11-26,2026-11-26,1,1,19:30,,06:00,,100,,40,1,30,0,630,560,88.9,290,0,0,0,560\n");
}
