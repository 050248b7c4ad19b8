// The `trend` report (DESIGN §5.5, §10): week by week statistics, a sparkline and least-squares
// slope per metric, and the baseline against the latest 7 nights, ending with the
// progress sentence. Built from nights streamed once; only week statistics are kept.
#pragma once

#include <sleeplog/model/progress.hpp>
#include <sleeplog/report/terminal.hpp>

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sleeplog::report {

/// One week of the trend.
struct WeekStats
{
  time::Date start;
  model::PeriodStats stats;
};

/// Everything `trend` prints.
struct TrendReport
{
  std::vector<WeekStats> weeks; // oldest first
  bool has_baseline = false;    // false: too few nights before the latest 7
  model::PeriodStats baseline;  // its first_night/last_night say which nights
  time::Date latest_first;      // the latest 7 nights, as a range of dates
  time::Date latest_last;
  model::PeriodStats latest;
  std::string message;
};

/// Least-squares slope of a series against its index (per week); missing values are
/// left out; nullopt with fewer than two values.
std::optional<double> weekly_slope(const std::vector<std::optional<double>>& values);

/// The series of one period metric across the weeks.
std::vector<std::optional<double>> week_series(const TrendReport& report,
                                               const model::PeriodMetric& metric);

/// A slope needs this many weeks ...
inline constexpr int slope_min_weeks = 3;
/// ... each with at least this many nights logged.
inline constexpr int slope_min_nights = 4;

/// The slope trend prints for a metric: least squares over the weeks with at least
/// slope_min_nights nights; nullopt unless slope_min_weeks such weeks have a value.
std::optional<double> trend_slope(const TrendReport& report, const model::PeriodMetric& metric);

/// The metrics that trend draws: those of period_metrics() with a better direction.
std::vector<model::PeriodMetric> trend_metrics();

/// Streams nights into week statistics, the latest 7 nights and the baseline.
class TrendBuilder
{
public:
  /// `weeks` weeks, the first starting on `first_week_start`; `latest_night` is the
  /// child's latest night; `baseline_limit` caps the baseline at its first N nights with
  /// events (7 for "the first 7 logged nights"; nullopt keeps every night given).
  TrendBuilder(time::Date first_week_start, int weeks, time::Date latest_night,
               std::optional<double> target_bedtime, std::optional<int> baseline_limit);

  /// The nights to stream through add(): the weeks and the latest 7 nights.
  std::pair<time::Date, time::Date> span() const;

  /// Adds one night of span() (date order).
  void add(model::Night&& night, const model::NightMetrics& metrics);

  /// Adds one baseline night (date order).
  void add_baseline(const model::Night& night, const model::NightMetrics& metrics);

  /// The report, with the progress sentence against the baseline.
  TrendReport finish() const;

private:
  time::Date m_first_week_start;
  time::Date m_latest_first;
  time::Date m_latest_last;
  // Only the week being filled is accumulated; finished weeks keep just their numbers,
  // so memory grows by one PeriodStats per week, not by a whole accumulator.
  std::size_t m_week_count = 0;
  std::vector<model::PeriodStats> m_done_weeks;
  std::size_t m_current_week = 0;
  std::optional<double> m_target;
  model::PeriodAccumulator m_week;
  model::PeriodAccumulator m_latest;
  model::PeriodAccumulator m_baseline;
  std::optional<int> m_baseline_limit;
  int m_baseline_nights = 0;
  std::deque<std::pair<model::Night, model::NightMetrics>> m_tough; // latest 7 nights
};

/// The text of `trend`, at most 80 columns.
std::string render_trend(const TrendReport& report, std::string_view child, const Style& style);

/// `trend --format json`: {"weeks":[…],"baseline":{…},"latest":{…},"slopes":{…},
/// "message":"…"}; each week is a period object with "week_start" first.
std::string trend_json(const TrendReport& report);

/// `trend --format csv`: period,week_start and the period keys; a row per week, then
/// the baseline and the latest 7 nights.
std::string trend_csv(const TrendReport& report);

} // namespace sleeplog::report
