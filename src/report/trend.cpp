// The trend report: week accumulators filled in one pass, then slopes and sparklines
// over the weeks' means.
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/sparkline.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/table.hpp>
#include <sleeplog/report/trend.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sleeplog::report {

namespace {

constexpr std::size_t latest_nights = 7;
constexpr std::size_t max_spark_weeks = 40; // what fits 80 columns beside label and slope

std::string mean_or_dash(std::optional<double> value)
{
  return value ? format_mean(value) : "-";
}

std::string minutes_or_dash(std::optional<double> minutes)
{
  return minutes ? format_minutes(minutes, true) : "-";
}

// "−4.1 min/week", "+0.3/week", "0 pts/week".
std::string slope_text(const model::PeriodMetric& metric, std::optional<double> slope,
                       const Style& style)
{
  if (!slope) {
    return style.unicode ? "–" : "-";
  }
  std::string number = format_number(slope);
  if (number.starts_with('-')) {
    number = (style.unicode ? "−" : "-") + number.substr(1);
  } else if (number != "0") {
    number = "+" + number;
  }
  const std::string_view unit = metric.key.ends_with("_min")   ? " min/week"
                                : metric.key.ends_with("_pct") ? " pts/week"
                                                               : "/week";
  return number + std::string(unit);
}

std::string week_table(const TrendReport& r)
{
  using A = TextTable::Align;
  TextTable table(
    {"week", "nights", "bed", "settle", "wake", "waso", "sleep", "se%", "cry", "chk", "SRI"},
    {A::left, A::right, A::left, A::right, A::right, A::right, A::right, A::right, A::right,
     A::right, A::right});
  for (const WeekStats& w : r.weeks) {
    const model::PeriodStats& s = w.stats;
    table.add_row({time::format_date_short(w.start), std::to_string(s.nights),
                   s.bedtime_mean ? clock_from_noon(*s.bedtime_mean) : "-",
                   minutes_or_dash(s.sol_min), mean_or_dash(s.wakings), minutes_or_dash(s.waso_min),
                   minutes_or_dash(s.tst_min), mean_or_dash(s.se_pct), minutes_or_dash(s.cry_min),
                   mean_or_dash(s.checkins), mean_or_dash(s.sri)});
  }
  return table.render();
}

std::string slope_lines(const TrendReport& r, const Style& style)
{
  std::string out = fmt::format("{:<20} {:>15}  {:<13}{}\n", "", "slope", "", "week by week");
  bool missing = false;
  for (const model::PeriodMetric& metric : trend_metrics()) {
    auto series = week_series(r, metric);
    const auto slope = trend_slope(r, metric);
    missing = missing || !slope;
    if (series.size() > max_spark_weeks) {
      series.erase(series.begin(), series.end() - static_cast<long>(max_spark_weeks));
    }
    // The arrow and verdict come from the slope as printed, by the same rule as the
    // comparison tables, so they always agree.
    auto [arrow, verdict] = slope ? change_direction(0.0, *slope, metric.better, style)
                                  : std::pair<std::string, std::string>{};
    // Padding counts columns, not bytes, so it is done by hand.
    const std::string slope_shown = slope_text(metric, slope, style);
    const auto pad = [](const std::string& text, std::size_t width) {
      return std::string(width > display_width(text) ? width - display_width(text) : 0, ' ');
    };
    const std::string change = arrow.empty() ? "" : arrow + " " + verdict;
    std::string line =
      fmt::format("{:<20} {}{}  {}{}{}", metric.label, pad(slope_shown, 15), slope_shown, change,
                  pad(change, 13), sparkline(series, style.unicode));
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  if (missing) {
    out += fmt::format("{} no slope: it needs {} weeks with at least {} nights each\n",
                       style.unicode ? "–" : "-", slope_min_weeks, slope_min_nights);
  }
  return out;
}

std::string period_range(const model::PeriodStats& s, const Style& style)
{
  if (!s.first_night || !s.last_night) {
    return "no nights";
  }
  return fmt::format("{} {} {}, {} night{}", time::format_date_short(*s.first_night),
                     style.unicode ? "–" : "-", time::format_date_short(*s.last_night), s.nights,
                     s.nights == 1 ? "" : "s");
}

} // namespace

std::optional<double> weekly_slope(const std::vector<std::optional<double>>& values)
{
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      continue;
    }
    const double x = static_cast<double>(i);
    n += 1;
    sx += x;
    sy += *values[i];
    sxx += x * x;
    sxy += x * *values[i];
  }
  const double denominator = n * sxx - sx * sx;
  if (n < 2 || denominator == 0.0) {
    return std::nullopt;
  }
  return (n * sxy - sx * sy) / denominator;
}

std::vector<std::optional<double>> week_series(const TrendReport& report,
                                               const model::PeriodMetric& metric)
{
  std::vector<std::optional<double>> series;
  for (const WeekStats& week : report.weeks) {
    series.push_back(week.stats.*metric.field);
  }
  return series;
}

std::optional<double> trend_slope(const TrendReport& report, const model::PeriodMetric& metric)
{
  std::vector<std::optional<double>> series;
  int full_weeks = 0;
  for (const WeekStats& week : report.weeks) {
    const bool full = week.stats.nights >= slope_min_nights;
    full_weeks += full ? 1 : 0;
    series.push_back(full ? week.stats.*metric.field : std::nullopt);
  }
  int known = 0;
  for (const auto& value : series) {
    known += value ? 1 : 0;
  }
  if (full_weeks < slope_min_weeks || known < slope_min_weeks) {
    return std::nullopt;
  }
  return weekly_slope(series);
}

std::vector<model::PeriodMetric> trend_metrics()
{
  std::vector<model::PeriodMetric> metrics;
  for (const auto& metric : model::period_metrics()) {
    if (metric.better != model::Better::neither) {
      metrics.push_back(metric);
    }
  }
  return metrics;
}

TrendBuilder::TrendBuilder(time::Date first_week_start, int weeks, time::Date latest_night,
                           std::optional<double> target_bedtime, std::optional<int> baseline_limit)
  : m_first_week_start(first_week_start), m_latest_first(time::add_days(latest_night, -6)),
    m_latest_last(latest_night), m_week_count(static_cast<std::size_t>(std::max(weeks, 0))),
    m_target(target_bedtime), m_week(target_bedtime), m_latest(target_bedtime),
    m_baseline(target_bedtime), m_baseline_limit(baseline_limit)
{}

std::pair<time::Date, time::Date> TrendBuilder::span() const
{
  const auto weeks_end =
    time::add_days(m_first_week_start, 7 * static_cast<long>(m_week_count) - 1);
  return {std::min(m_first_week_start, m_latest_first), std::max(weeks_end, m_latest_last)};
}

void TrendBuilder::add(model::Night&& night, const model::NightMetrics& metrics)
{
  const auto day = time::days_from_date(night.date) - time::days_from_date(m_first_week_start);
  if (day >= 0 && static_cast<std::size_t>(day / 7) < m_week_count) {
    const auto week = static_cast<std::size_t>(day / 7);
    while (m_current_week < week) { // close the weeks before this night's
      m_done_weeks.push_back(m_week.result());
      m_week = model::PeriodAccumulator(m_target);
      ++m_current_week;
    }
    m_week.add(night, metrics);
  }
  if (night.date < m_latest_first || night.date > m_latest_last) {
    return;
  }
  m_latest.add(night, metrics);
  if (!night.events.empty()) {
    m_tough.emplace_back(std::move(night), metrics);
    if (m_tough.size() > latest_nights) {
      m_tough.pop_front();
    }
  }
}

void TrendBuilder::add_baseline(const model::Night& night, const model::NightMetrics& metrics)
{
  // The baseline never reaches into the latest 7 nights it is compared with.
  if (night.date >= m_latest_first ||
      (m_baseline_limit && m_baseline_nights >= *m_baseline_limit)) {
    return;
  }
  m_baseline.add(night, metrics);
  m_baseline_nights += night.events.empty() ? 0 : 1;
}

TrendReport TrendBuilder::finish() const
{
  TrendReport report;
  for (std::size_t i = 0; i < m_week_count; ++i) {
    const auto start = time::add_days(m_first_week_start, 7 * static_cast<long>(i));
    WeekStats week{start, {}};
    if (i < m_done_weeks.size()) {
      week.stats = m_done_weeks[i];
    } else if (i == m_current_week) {
      week.stats = m_week.result();
    } else {
      week.stats = model::PeriodAccumulator(m_target).result();
    }
    // The trend starts at the first week with a logged night.
    if (!report.weeks.empty() || week.stats.nights > 0) {
      report.weeks.push_back(week);
    }
  }
  // A default baseline is the first 7 logged nights, all before the latest 7; with fewer
  // there is none (with fewer than 14 nights logged, that is always so).
  report.has_baseline =
    m_baseline_limit ? m_baseline_nights >= *m_baseline_limit : m_baseline_nights > 0;
  report.baseline = report.has_baseline ? m_baseline.result() : model::PeriodStats{};
  report.latest_first = m_latest_first;
  report.latest_last = m_latest_last;
  report.latest = m_latest.result();
  const std::vector<std::pair<model::Night, model::NightMetrics>> latest(m_tough.begin(),
                                                                         m_tough.end());
  const auto tough = model::tough_nights(latest, report.latest);
  report.message = model::progress_sentence(report.baseline, report.latest, tough, "the baseline");
  return report;
}

std::string render_trend(const TrendReport& r, std::string_view child, const Style& style)
{
  std::string out;
  if (!r.weeks.empty()) {
    out +=
      fmt::format("Trend for {}: {} week{} from {}\n\n", escape_controls(child), r.weeks.size(),
                  r.weeks.size() == 1 ? "" : "s", time::format_date_short(r.weeks.front().start));
  }
  out += week_table(r);
  out += duration_legend;
  out += "\n" + slope_lines(r, style) + "\n";
  if (!r.has_baseline) {
    out += fmt::format("latest:   {}\n", period_range(r.latest, style));
    out += wrap_text("No baseline yet: it needs 7 logged nights before the latest 7 (14 in "
                     "all), so nothing is compared.");
    out += "\n" + wrap_text(r.message);
    out += metrics_pointer;
    return out;
  }
  out += fmt::format("baseline: {}\nlatest:   {}\n\n", period_range(r.baseline, style),
                     period_range(r.latest, style));
  out += comparison_table(r.baseline, r.latest, "baseline", "latest", style);
  out += duration_legend;
  out += "\n" + wrap_text(r.message);
  out += metrics_pointer;
  return out;
}

std::string trend_json(const TrendReport& r)
{
  std::string weeks = "[";
  for (std::size_t i = 0; i < r.weeks.size(); ++i) {
    weeks += (i == 0 ? "" : ",") + period_json(r.weeks[i].stats, r.weeks[i].start);
  }
  weeks += "]";
  std::ostringstream slopes;
  {
    JsonObject obj(slopes);
    for (const model::PeriodMetric& metric : trend_metrics()) {
      obj.number(metric.key, trend_slope(r, metric));
    }
  }
  std::ostringstream out;
  {
    JsonObject obj(out);
    obj.raw("weeks", weeks)
      .raw("baseline", r.has_baseline ? period_json(r.baseline) : "null")
      .raw("latest", period_json(r.latest))
      .raw("slopes", slopes.str())
      .text("message", r.message);
  }
  out << '\n';
  return out.str();
}

std::string trend_csv(const TrendReport& r)
{
  std::ostringstream out;
  CsvWriter csv(out);
  std::vector<std::string> header{"period", "week_start"};
  header.insert(header.end(), period_columns().begin(), period_columns().end());
  csv.row(header);
  const auto row = [&](std::string period, std::string week, const model::PeriodStats& stats) {
    std::vector<std::string> cells{std::move(period), std::move(week)};
    const auto values = period_cells(stats);
    cells.insert(cells.end(), values.begin(), values.end());
    csv.row(cells);
  };
  for (const WeekStats& week : r.weeks) {
    row("week", time::format_date(week.start), week.stats);
  }
  if (r.has_baseline) {
    row("baseline", "", r.baseline);
  }
  row("latest", "", r.latest);
  return out.str();
}

} // namespace sleeplog::report
