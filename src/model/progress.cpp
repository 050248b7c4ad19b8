// The progress sentence (DESIGN §5.7): only changes larger than noise, phrased from the
// numbers themselves, with the tough nights named plainly.
#include <sleeplog/model/progress.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace sleeplog::model {

namespace {

// A change below 10 % of the earlier value is noise, whatever the metric.
constexpr double min_relative_change = 0.10;
constexpr int min_nights = 3;
constexpr std::size_t max_improvements = 3;
constexpr std::size_t max_worsenings = 2;
constexpr std::size_t max_tough_named = 3;

struct Change
{
  const PeriodMetric* metric = nullptr;
  double before = 0;
  double now = 0;
  double relative = 0;
};

// The smallest absolute change worth a mention, in the metric's own unit.
double min_absolute_change(std::string_view key)
{
  if (key == "wakings") {
    return 0.3;
  }
  if (key == "checkins") {
    return 0.5;
  }
  if (key == "se_pct") {
    return 2.0;
  }
  if (key == "tst_min" || key == "longest_stretch_min") {
    return 15.0;
  }
  if (key == "consistency_pct" || key == "sri") {
    return 5.0;
  }
  return 5.0; // other minute metrics: settling, waso, twak, crying, spreads
}

bool is_minutes(std::string_view key)
{
  return key.ends_with("_min");
}

std::string one_decimal(double value)
{
  std::string text = fmt::format("{:.1f}", value);
  if (text.ends_with(".0")) {
    text.resize(text.size() - 2);
  }
  return text == "-0" ? "0" : text;
}

std::string whole(double value)
{
  return fmt::format("{}", std::lround(value));
}

// "14 min", or h:mm from an hour ("10:26"), as every text table prints durations.
std::string duration(double minutes)
{
  const long total = std::lround(minutes);
  return total >= 60 ? fmt::format("{}:{:02}", total / 60, total % 60)
                     : fmt::format("{} min", total);
}

// "14 min", "10:26", "0.9 a night", "86.2%", "83".
std::string with_unit(std::string_view key, double value)
{
  if (is_minutes(key)) {
    return duration(value);
  }
  if (key == "wakings" || key == "checkins") {
    return one_decimal(value) + " a night";
  }
  if (key.ends_with("_pct")) {
    return one_decimal(value) + "%";
  }
  return one_decimal(value);
}

// "from 42 to 14 min": the unit is said once, after the second number.
std::string from_to(std::string_view key, double before, double now)
{
  if (is_minutes(key) && (std::lround(before) >= 60 || std::lround(now) >= 60)) {
    return fmt::format("from {} to {}", duration(before), duration(now)); // "from 4:10 to 10:26"
  }
  const std::string first = is_minutes(key) ? whole(before) : one_decimal(before);
  return fmt::format("from {} to {}", first, with_unit(key, now));
}

std::string join(const std::vector<std::string>& parts)
{
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += i + 1 == parts.size() ? " and " : ", ";
    }
    out += parts[i];
  }
  return out;
}

// "settling fell from 42 to 14 min and wakings from 3.1 to 0.9 a night": a verb is
// not repeated when the change before it used the same one.
std::string describe(const std::vector<Change>& changes)
{
  std::vector<std::string> parts;
  std::string_view last_verb;
  for (const Change& c : changes) {
    const std::string_view verb = c.now < c.before ? "fell" : "rose";
    const std::string shown_verb = verb == last_verb ? "" : std::string(verb) + " ";
    parts.push_back(
      fmt::format("{} {}{}", c.metric->label, shown_verb, from_to(c.metric->key, c.before, c.now)));
    last_verb = verb;
  }
  return join(parts);
}

// Meaningful changes between the periods, split into better and worse, largest first.
void find_changes(const PeriodStats& before, const PeriodStats& now, std::vector<Change>& better,
                  std::vector<Change>& worse)
{
  for (const PeriodMetric& metric : period_metrics()) {
    const auto& b = before.*metric.field;
    const auto& n = now.*metric.field;
    if (metric.better == Better::neither || !b || !n) {
      continue;
    }
    const double delta = *n - *b;
    const double relative =
      *b != 0.0 ? std::abs(delta) / std::abs(*b) : std::numeric_limits<double>::infinity();
    if (std::abs(delta) < min_absolute_change(metric.key) || relative < min_relative_change) {
      continue;
    }
    const bool improved = (metric.better == Better::lower) == (delta < 0);
    (improved ? better : worse).push_back({&metric, *b, *n, relative});
  }
  const auto by_size = [](const Change& x, const Change& y) { return x.relative > y.relative; };
  std::stable_sort(better.begin(), better.end(), by_size);
  std::stable_sort(worse.begin(), worse.end(), by_size);
  better.resize(std::min(better.size(), max_improvements));
  worse.resize(std::min(worse.size(), max_worsenings));
}

// "settling 14 min, wakings 0.9 a night and SRI 83": where things stand when flat.
std::string current_levels(const PeriodStats& now)
{
  std::vector<std::string> parts;
  for (const PeriodMetric& metric : period_metrics()) {
    const auto& value = now.*metric.field;
    const bool wanted = metric.key == "sol_min" || metric.key == "wakings" ||
                        metric.key == "tst_min" || metric.key == "sri";
    if (wanted && value) {
      parts.push_back(fmt::format("{} {}", metric.label, with_unit(metric.key, *value)));
    }
  }
  return join(parts);
}

std::string tough_part(const std::vector<ToughNight>& tough)
{
  if (tough.empty()) {
    return "";
  }
  std::vector<std::string> named;
  for (std::size_t i = 0; i < tough.size() && i < max_tough_named; ++i) {
    named.push_back(fmt::format("{} ({})", time::format_date_short(tough[i].date), tough[i].why));
  }
  if (tough.size() > max_tough_named) {
    named.push_back(fmt::format("{} more", tough.size() - max_tough_named));
  }
  return fmt::format(" {}: {}.", tough.size() == 1 ? "A tough night" : "Tough nights", join(named));
}

std::string plural(long n, std::string_view one, std::string_view many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Why a night was tough, in its own numbers; empty when it was not. The one meaning of
// "tough" (DESIGN §5.3): the BISQ cut-offs of Sadeh 2004, as `nights` and `help metrics` use.
std::vector<std::string> tough_reasons(const NightMetrics& m)
{
  std::vector<std::string> why;
  if (m.wakings && *m.wakings > 3) {
    why.push_back(plural(*m.wakings, "waking", "wakings"));
  }
  if (m.waso_min && *m.waso_min > 60.0) {
    why.push_back(fmt::format("{} min awake", whole(*m.waso_min)));
  }
  if (m.sleep_24h_min && *m.sleep_24h_min < 540.0) {
    const long total = std::lround(*m.sleep_24h_min);
    why.push_back(fmt::format("{} h {} min of sleep in 24 h", total / 60, total % 60));
  }
  return why;
}

} // namespace

std::vector<ToughNight> tough_nights(const std::vector<std::pair<Night, NightMetrics>>& nights,
                                     const PeriodStats& /*period*/)
{
  std::vector<ToughNight> tough;
  for (const auto& [night, metrics] : nights) {
    if (night.events.empty()) {
      continue;
    }
    std::vector<std::string> why = tough_reasons(metrics);
    if (!why.empty()) {
      std::string text = why.front();
      for (std::size_t i = 1; i < why.size(); ++i) {
        text += ", " + why[i];
      }
      tough.push_back({night.date, text});
    }
  }
  return tough;
}

std::string progress_sentence(const PeriodStats& before, const PeriodStats& now,
                              const std::vector<ToughNight>& tough, std::string_view reference)
{
  constexpr std::string_view motto = " Progress, not perfection.";
  if (before.nights < min_nights || now.nights < min_nights) {
    return fmt::format("Not enough logged yet to compare: {} now and {} in {} "
                       "(at least {} each are needed).{}{}",
                       plural(now.nights, "night", "nights"), before.nights, reference, min_nights,
                       tough_part(tough), motto);
  }
  std::vector<Change> better;
  std::vector<Change> worse;
  find_changes(before, now, better, worse);
  std::string text;
  if (!better.empty()) {
    text = fmt::format("Since {}, {}.", reference, describe(better));
    if (!worse.empty()) {
      text += fmt::format(" Harder than before: {}.", describe(worse));
    }
  } else if (!worse.empty()) {
    text = fmt::format("Since {}, no clear improvement yet: {}.", reference, describe(worse));
  } else {
    const std::string levels = current_levels(now);
    text = levels.empty() ? fmt::format("About the same as {}.", reference)
                          : fmt::format("About the same as {}: {}.", reference, levels);
  }
  return text + tough_part(tough) + std::string(motto);
}

} // namespace sleeplog::model
