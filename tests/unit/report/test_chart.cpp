// Night timelines against cells worked out by hand (15-minute cells from 18:00).
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/chart.hpp>

#include <doctest/doctest.h>

#include "night_fixture.hpp"
#include <string>

namespace {

using namespace sleeplog;
using fixture::at;
using fixture::event;

const report::Style unicode{false, true};
const report::Style ascii{false, false};

std::string repeat(const std::string& glyph, int n)
{
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += glyph;
  }
  return out;
}

} // namespace

TEST_CASE("chart: the worked night, cell by cell")
{
  // bed 19:00 = cell 4; asleep 19:20 rounds to cell 5; the 23:10–23:25 waking is cell 21,
  // covered by its cry; 02:00–02:40 awake = cells 32–34 with the 02:05 check-in on 32;
  // asleep 02:40 → cell 35; woke 06:10 → cell 49; up 06:30 = cell 50.
  const auto night = fixture::worked_night();
  const auto now = at({2026, 11, 28}, 12, 0);
  const std::string expected_unicode =
    "    ░" + repeat("█", 16) + "▓" + repeat("█", 10) + "!░░" + repeat("█", 14) + "░      ";
  CHECK(report::night_timeline(night, unicode, now) == expected_unicode);
  CHECK(report::night_timeline(night, ascii, now) ==
        "    .################~##########!..##############.      ");
  CHECK(report::chart_row(night, model::compute_metrics(night), ascii, now) ==
        "Fri 27 Nov      .################~##########!..##############.          9:55\n");
}

TEST_CASE("chart: header and legend fit 80 columns")
{
  CHECK(report::chart_header() ==
        "            18  19  20  21  22  23  00  01  02  03  04  05  06  07  08 sleep\n");
  CHECK(report::chart_legend(ascii) ==
        "# asleep  . awake in bed  ~ crying  ! check-in  f feed  blank: up; sleep: h:mm\n");
  CHECK(report::display_width(report::chart_legend(unicode)) == 79); // with "\n"
}

TEST_CASE("chart: an open night is drawn up to now")
{
  using K = model::Kind;
  const time::Date d{2026, 11, 27};
  model::Night night;
  night.date = d;
  night.events = {event(1, K::bed, d, 19, 0), event(2, K::asleep, d, 19, 20),
                  event(3, K::woke, d, 23, 10)};
  // Awake from 23:10 until now, 23:40: cells 21 and 22.
  const auto row = report::chart_row(night, model::compute_metrics(night), ascii, at(d, 23, 40));
  CHECK(row == "Fri 27 Nov      .################.." + std::string(40, ' ') + "-\n");
}

TEST_CASE("chart: a DST night lines up with the wall clock and counts real sleep")
{
  using K = model::Kind;
  const time::Date d{2026, 10, 31};
  const time::Date n{2026, 11, 1};
  model::Night night;
  night.date = d;
  night.events = {event(1, K::bed, d, 19, 0, std::nullopt, -4 * 3600),
                  event(2, K::asleep, d, 19, 30, std::nullopt, -4 * 3600),
                  event(3, K::up, n, 6, 30)};
  // 19:30 EDT to 06:30 EST is 12 h of sleep, drawn on the 11-hour wall-clock span.
  const auto row = report::chart_row(night, model::compute_metrics(night), unicode, at(n, 12, 0));
  CHECK(row == "Sat 31 Oct      ░░" + repeat("█", 44) + "         12:00\n");
}

TEST_CASE("chart: colour paints runs, not single cells")
{
  using K = model::Kind;
  const time::Date d{2026, 11, 27};
  model::Night night;
  night.date = d;
  night.events = {event(1, K::bed, d, 18, 0), event(2, K::cry, d, 18, 0, at(d, 18, 30)),
                  event(3, K::up, d, 18, 45)};
  const report::Style color{true, false};
  CHECK(report::night_timeline(night, color, at(d, 20, 0)) ==
        "\x1b[33m~~\x1b[0m\x1b[2m.\x1b[0m" + std::string(53, ' '));
}
