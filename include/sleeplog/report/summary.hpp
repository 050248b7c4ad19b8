// The `summary` report (DESIGN §5.5, §5.7): one period against the period of the same length
// before it, each number with an arrow and better/worse, and the progress sentence.
// Also the period pieces that `trend` shares: period keys, clock means, the comparison
// table and wrapping of the sentence.
#pragma once

#include <sleeplog/model/progress.hpp>
#include <sleeplog/report/terminal.hpp>

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sleeplog::report {

/// The arrow (↑ ↓ =, ASCII ^ v =) and verdict ("better", "worse" or "") of a change from
/// `before` to `now`; values that print the same are "=". Both come from one comparison,
/// so an arrow and its verdict always agree.
std::pair<std::string, std::string> change_direction(std::optional<double> before,
                                                     std::optional<double> now,
                                                     model::Better better, const Style& style);

/// The line under a table whose durations are means: how they print.
inline constexpr std::string_view duration_legend = "durations: minutes, or h:mm from an hour\n";

/// The line that ends summary, trend and nights.
inline constexpr std::string_view metrics_pointer =
  "What each number means: sleeplog help metrics\n";

/// A period metric's value as text tables print it: durations as format_minutes (one
/// decimal under an hour, else h:mm), everything else as a one-decimal mean.
std::string period_value(const model::PeriodMetric& metric, std::optional<double> value);

/// "19:05" for a mean clock time kept as minutes since noon (420 → "19:00", 750 → "00:30").
std::string clock_from_noon(double minutes_since_noon);

/// Text broken into lines of at most `width` columns at spaces, each ending in "\n".
std::string wrap_text(std::string_view text, std::size_t width = 80);

/// The keys of a period object, in DESIGN §5.5 order (first_night … sleep_24h_min).
const std::vector<std::string>& period_columns();

/// The cells of a period in period_columns() order; "" for null, clock means as "HH:MM".
std::vector<std::string> period_cells(const model::PeriodStats& stats);

/// The period as one compact JSON object; `week_start` adds that key first.
std::string period_json(const model::PeriodStats& stats,
                        std::optional<time::Date> week_start = std::nullopt);

/// The text table comparing two periods: one row per number, before and now, an arrow
/// (↑ ↓ =, ASCII ^ v =) and better/worse by the metric's direction.
std::string comparison_table(const model::PeriodStats& before, const model::PeriodStats& now,
                             std::string_view before_title, std::string_view now_title,
                             const Style& style);

/// Everything `summary` prints.
struct SummaryReport
{
  time::Date first; // the current range as asked
  time::Date last;
  time::Date previous_first; // the range before it, of the same length
  time::Date previous_last;
  model::PeriodStats current;
  model::PeriodStats previous;
  std::string message;
};

/// Builds a SummaryReport from nights streamed in date order over both ranges; holds
/// only the latest 7 nights (for the tough nights), never the whole history.
class SummaryBuilder
{
public:
  /// The current range [first, last]; the previous one is the same length before it.
  /// `target_bedtime` is the target-bedtime setting in minutes since noon, if set.
  SummaryBuilder(time::Date first, time::Date last, std::optional<double> target_bedtime);
  /// The current range [first, last] against [previous_first, previous_last] (the
  /// nights before a plan, say), which ends before `first`.
  SummaryBuilder(time::Date first, time::Date last, time::Date previous_first,
                 time::Date previous_last, std::optional<double> target_bedtime);

  /// The whole span to read: [previous_first, last].
  std::pair<time::Date, time::Date> span() const { return {m_previous_first, m_last}; }

  /// Adds one night (date order); nights outside both ranges are ignored.
  void add(model::Night&& night, const model::NightMetrics& metrics);

  /// The report, with the progress sentence against `reference` (e.g. "the week before").
  SummaryReport finish(std::string_view reference) const;

private:
  time::Date m_first;
  time::Date m_last;
  time::Date m_previous_first;
  time::Date m_previous_last;
  model::PeriodAccumulator m_current;
  model::PeriodAccumulator m_previous;
  std::deque<std::pair<model::Night, model::NightMetrics>> m_latest; // at most 7
};

/// The text of `summary`, at most 80 columns.
std::string render_summary(const SummaryReport& report, std::string_view child, const Style& style);

/// `summary --format json`: {"range":…,"current":…,"previous":…,"message":…} and "\n".
std::string summary_json(const SummaryReport& report);

/// `summary --format csv`: a header and one row per period ("current", "previous").
std::string summary_csv(const SummaryReport& report);

} // namespace sleeplog::report
