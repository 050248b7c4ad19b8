// The summary report: streaming two periods into PeriodStats, and printing them side by
// side with the direction of each change.
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/table.hpp>

#include <fmt/format.h>

#include <cmath>
#include <sstream>

namespace sleeplog::report {

namespace {

constexpr std::size_t tough_window = 7;

std::string date_text(const std::optional<time::Date>& date)
{
  return date ? time::format_date(*date) : std::string();
}

std::string clock_text(const std::optional<double>& minutes)
{
  return minutes ? clock_from_noon(*minutes) : std::string();
}

std::optional<std::string_view> or_null(const std::string& text)
{
  return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}

// "sleep efficiency (%)": the period metric's label with its unit; durations carry theirs
// in the cell (minutes, or h:mm from an hour; see duration_legend).
std::string label_with_unit(const model::PeriodMetric& metric)
{
  std::string label(metric.label);
  if (metric.key.ends_with("_pct")) {
    label += " (%)";
  }
  return label;
}

std::string or_dash(std::string text)
{
  return text.empty() ? "-" : text;
}

std::string range_text(time::Date first, time::Date last, const Style& style)
{
  return fmt::format("{} {} {}", time::format_date_short(first), style.unicode ? "–" : "-",
                     time::format_date_short(last));
}

std::string count_text(const model::PeriodStats& s)
{
  return fmt::format("{} night{} logged, {} complete", s.nights, s.nights == 1 ? "" : "s",
                     s.complete_nights);
}

} // namespace

// The arrow and verdict of a change as printed: equal printed numbers are unchanged.
std::pair<std::string, std::string> change_direction(std::optional<double> before,
                                                     std::optional<double> now,
                                                     model::Better better, const Style& style)
{
  if (!before || !now) {
    return {"", ""};
  }
  if (format_mean(before) == format_mean(now)) {
    return {"=", ""};
  }
  const bool up = *now > *before;
  std::string arrow = style.unicode ? (up ? "↑" : "↓") : (up ? "^" : "v");
  if (better == model::Better::neither) {
    return {arrow, ""};
  }
  const bool improved = (better == model::Better::higher) == up;
  return {arrow, improved ? paint(style, "green", "better") : paint(style, "red", "worse")};
}

std::string period_value(const model::PeriodMetric& metric, std::optional<double> value)
{
  return metric.key.ends_with("_min") ? format_minutes(value, true) : format_mean(value);
}

std::string clock_from_noon(double minutes_since_noon)
{
  const long minute_of_day = (std::lround(minutes_since_noon) + 720) % 1440;
  const long wrapped = minute_of_day < 0 ? minute_of_day + 1440 : minute_of_day;
  return fmt::format("{:02}:{:02}", wrapped / 60, wrapped % 60);
}

std::string wrap_text(std::string_view text, std::size_t width)
{
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string word(text.substr(start, end - start));
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) {
    out += line + "\n";
  }
  return out;
}

const std::vector<std::string>& period_columns()
{
  static const std::vector<std::string> columns{"first_night",     "last_night",
                                                "nights",          "complete_nights",
                                                "bedtime_mean",    "bedtime_sd_min",
                                                "up_mean",         "up_sd_min",
                                                "consistency_pct", "sri",
                                                "sol_min",         "wakings",
                                                "waso_min",        "twak_min",
                                                "tib_min",         "tst_min",
                                                "se_pct",          "longest_stretch_min",
                                                "cry_min",         "checkins",
                                                "nap_min",         "sleep_24h_min"};
  return columns;
}

std::vector<std::string> period_cells(const model::PeriodStats& s)
{
  return {date_text(s.first_night),
          date_text(s.last_night),
          std::to_string(s.nights),
          std::to_string(s.complete_nights),
          clock_text(s.bedtime_mean),
          format_number(s.bedtime_sd_min),
          clock_text(s.up_mean),
          format_number(s.up_sd_min),
          format_number(s.consistency_pct),
          format_number(s.sri),
          format_number(s.sol_min),
          format_number(s.wakings),
          format_number(s.waso_min),
          format_number(s.twak_min),
          format_number(s.tib_min),
          format_number(s.tst_min),
          format_number(s.se_pct),
          format_number(s.longest_stretch_min),
          format_number(s.cry_min),
          format_number(s.checkins),
          format_number(s.nap_min),
          format_number(s.sleep_24h_min)};
}

std::string period_json(const model::PeriodStats& s, std::optional<time::Date> week_start)
{
  std::ostringstream out;
  {
    JsonObject obj(out);
    if (week_start) {
      obj.text("week_start", time::format_date(*week_start));
    }
    const std::string first = date_text(s.first_night);
    const std::string last = date_text(s.last_night);
    const std::string bedtime = clock_text(s.bedtime_mean);
    const std::string up = clock_text(s.up_mean);
    obj.text("first_night", or_null(first))
      .text("last_night", or_null(last))
      .number("nights", s.nights)
      .number("complete_nights", s.complete_nights)
      .text("bedtime_mean", or_null(bedtime))
      .number("bedtime_sd_min", s.bedtime_sd_min)
      .text("up_mean", or_null(up))
      .number("up_sd_min", s.up_sd_min)
      .number("consistency_pct", s.consistency_pct)
      .number("sri", s.sri);
    for (const std::string_view key :
         {"sol_min", "wakings", "waso_min", "twak_min", "tib_min", "tst_min", "se_pct",
          "longest_stretch_min", "cry_min", "checkins", "nap_min", "sleep_24h_min"}) {
      for (const auto& metric : model::period_metrics()) {
        if (metric.key == key) {
          obj.number(key, s.*metric.field);
        }
      }
    }
  }
  return out.str();
}

std::string comparison_table(const model::PeriodStats& before, const model::PeriodStats& now,
                             std::string_view before_title, std::string_view now_title,
                             const Style& style)
{
  using A = TextTable::Align;
  TextTable table({"", std::string(now_title), std::string(before_title), "", ""},
                  {A::left, A::right, A::right, A::left, A::left});
  table.add_row({"nights logged", std::to_string(now.nights), std::to_string(before.nights)});
  table.add_row({"complete nights", std::to_string(now.complete_nights),
                 std::to_string(before.complete_nights)});
  table.add_row({"bedtime (mean)", or_dash(clock_text(now.bedtime_mean)),
                 or_dash(clock_text(before.bedtime_mean))});
  table.add_row(
    {"wake-up (mean)", or_dash(clock_text(now.up_mean)), or_dash(clock_text(before.up_mean))});
  for (const auto& metric : model::period_metrics()) {
    const auto& b = before.*metric.field;
    const auto& n = now.*metric.field;
    auto [arrow, verdict] = change_direction(b, n, metric.better, style);
    table.add_row({label_with_unit(metric), or_dash(period_value(metric, n)),
                   or_dash(period_value(metric, b)), arrow, verdict});
  }
  return table.render();
}

SummaryBuilder::SummaryBuilder(time::Date first, time::Date last,
                               std::optional<double> target_bedtime)
  : m_first(first), m_last(last),
    m_previous_first(
      time::add_days(first, -(time::days_from_date(last) - time::days_from_date(first) + 1))),
    m_previous_last(time::add_days(first, -1)), m_current(target_bedtime),
    m_previous(target_bedtime)
{}

SummaryBuilder::SummaryBuilder(time::Date first, time::Date last, time::Date previous_first,
                               time::Date previous_last, std::optional<double> target_bedtime)
  : m_first(first), m_last(last), m_previous_first(previous_first), m_previous_last(previous_last),
    m_current(target_bedtime), m_previous(target_bedtime)
{}

void SummaryBuilder::add(model::Night&& night, const model::NightMetrics& metrics)
{
  if (night.date < m_previous_first || night.date > m_last) {
    return;
  }
  if (night.date <= m_previous_last) {
    m_previous.add(night, metrics);
    return;
  }
  if (night.date < m_first) {
    return;
  }
  m_current.add(night, metrics);
  if (!night.events.empty()) {
    m_latest.emplace_back(std::move(night), metrics);
    if (m_latest.size() > tough_window) {
      m_latest.pop_front();
    }
  }
}

SummaryReport SummaryBuilder::finish(std::string_view reference) const
{
  SummaryReport report{
    m_first, m_last, m_previous_first, m_previous_last, m_current.result(), m_previous.result(),
    ""};
  const std::vector<std::pair<model::Night, model::NightMetrics>> latest(m_latest.begin(),
                                                                         m_latest.end());
  const auto tough = model::tough_nights(latest, report.current);
  report.message = model::progress_sentence(report.previous, report.current, tough, reference);
  return report;
}

std::string render_summary(const SummaryReport& r, std::string_view child, const Style& style)
{
  std::string out = fmt::format("Summary for {}\n", escape_controls(child));
  out +=
    fmt::format("  now:    {} ({})\n", range_text(r.first, r.last, style), count_text(r.current));
  out += fmt::format("  before: {} ({})\n\n", range_text(r.previous_first, r.previous_last, style),
                     count_text(r.previous));
  out += comparison_table(r.previous, r.current, "before", "now", style);
  out += duration_legend;
  out += "\n" + wrap_text(r.message);
  out += metrics_pointer;
  return out;
}

std::string summary_json(const SummaryReport& r)
{
  std::ostringstream range;
  {
    JsonObject obj(range);
    obj.text("first", time::format_date(r.first))
      .text("last", time::format_date(r.last))
      .text("previous_first", time::format_date(r.previous_first))
      .text("previous_last", time::format_date(r.previous_last));
  }
  std::ostringstream out;
  {
    JsonObject obj(out);
    obj.raw("range", range.str())
      .raw("current", period_json(r.current))
      .raw("previous", period_json(r.previous))
      .text("message", r.message);
  }
  out << '\n';
  return out.str();
}

std::string summary_csv(const SummaryReport& r)
{
  std::ostringstream out;
  CsvWriter csv(out);
  std::vector<std::string> header{"period"};
  header.insert(header.end(), period_columns().begin(), period_columns().end());
  csv.row(header);
  using Named = std::pair<const char*, const model::PeriodStats*>;
  for (const auto& [name, stats] : {Named{"current", &r.current}, Named{"previous", &r.previous}}) {
    std::vector<std::string> row{name};
    const auto cells = period_cells(*stats);
    row.insert(row.end(), cells.begin(), cells.end());
    csv.row(row);
  }
  return out.str();
}

} // namespace sleeplog::report
