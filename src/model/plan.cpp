#include <sleeplog/model/plan.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>

namespace sleeplog::model {

namespace {

// Ferber's progressive waits (Ferber 2006): nights 1 to 7, the last repeating.
const std::vector<std::vector<int>>& ferber_table()
{
  static const std::vector<std::vector<int>> table{
    {3, 5, 10}, {5, 10, 12}, {10, 12, 15}, {12, 15, 17}, {15, 17, 20}, {17, 20, 25}, {20, 25, 30}};
  return table;
}

bool contains(const std::vector<time::Date>& dates, time::Date date)
{
  return std::find(dates.begin(), dates.end(), date) != dates.end();
}

bool is_held(const Plan& plan, time::Date date)
{
  return std::any_of(plan.holds.begin(), plan.holds.end(), [&](const Hold& h) {
    const auto offset = time::days_from_date(date) - time::days_from_date(h.from);
    return offset >= 0 && offset < h.nights;
  });
}

} // namespace

std::string_view method_name(Method method)
{
  switch (method) {
  case Method::ferber: return "ferber";
  case Method::checks: return "checks";
  case Method::chair: return "chair";
  case Method::fading: return "fading";
  }
  return "ferber";
}

std::optional<Method> parse_method(std::string_view name)
{
  for (auto m : {Method::ferber, Method::checks, Method::chair, Method::fading}) {
    if (method_name(m) == name) {
      return m;
    }
  }
  return std::nullopt;
}

bool Plan::covers(time::Date night) const
{
  return night >= from && (!until || night <= *until);
}

const std::vector<std::string>& default_positions()
{
  static const std::vector<std::string> positions{"beside the crib", "halfway to the door",
                                                  "in the doorway", "outside in view",
                                                  "in the hallway"};
  return positions;
}

Expected<std::vector<std::vector<int>>> parse_waits(std::string_view text)
{
  std::vector<std::vector<int>> nights(1);
  std::string number;
  std::string error;
  const auto take = [&]() {
    int value = 0;
    const auto* first = number.data();
    const auto* last = number.data() + number.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (number.empty() || ec != std::errc() || ptr != last || value < 1 || value > 120) {
      error = number.empty() ? "a wait is missing"
                             : fmt::format("'{}' is not a wait of 1 to 120 minutes", number);
      return false;
    }
    nights.back().push_back(value);
    number.clear();
    return true;
  };
  for (const char c : text) {
    if (c == ' ') {
      continue;
    }
    if (c == ',' || c == ';') {
      if (!take()) {
        return make_error(error);
      }
      if (c == ';') {
        nights.emplace_back();
      }
    } else {
      number += c;
    }
  }
  if (!take()) {
    return make_error(error);
  }
  return nights;
}

std::string format_waits(const std::vector<std::vector<int>>& waits)
{
  std::string text;
  for (std::size_t n = 0; n < waits.size(); ++n) {
    text += n ? ";" : "";
    for (std::size_t k = 0; k < waits[n].size(); ++k) {
      text += (k ? "," : "") + std::to_string(waits[n][k]);
    }
  }
  return text;
}

PlanDay plan_day(const Plan& plan, time::Date date, const std::vector<time::Date>& paused)
{
  PlanDay day;
  if (!plan.covers(date)) {
    return day;
  }
  day.in_plan = true;
  // Counted rather than walked night by night: a plan may run for years of history.
  const auto paused_in = [&](time::Date first, time::Date last) {
    return std::count_if(paused.begin(), paused.end(),
                         [&](time::Date d) { return d >= first && d <= last; });
  };
  const auto night_of = [&](time::Date d) {
    return static_cast<int>(time::days_from_date(d) - time::days_from_date(plan.from) + 1 -
                            paused_in(plan.from, d));
  };
  day.paused = contains(paused, date);
  const int night = night_of(date);
  int held = 0;
  std::vector<time::Date> seen; // a night held twice holds once
  for (const auto& h : plan.holds) {
    for (int i = 0; i < h.nights; ++i) {
      const auto d = time::add_days(h.from, i);
      if (d < plan.from || d > date || contains(paused, d) || night_of(d) <= 1 ||
          contains(seen, d)) {
        continue;
      }
      seen.push_back(d);
      ++held;
      day.held = day.held || d == date;
    }
  }
  if (!day.paused) {
    day.night = night;
  }
  day.stage_night = std::max(night - held, 1);
  return day;
}

const std::vector<int>& night_waits(const Plan& plan, int stage_night)
{
  static const std::vector<int> none;
  const auto& table = plan.method == Method::ferber ? ferber_table() : plan.waits;
  if ((plan.method != Method::ferber && plan.method != Method::checks) || table.empty()) {
    return none;
  }
  const auto index = static_cast<std::size_t>(std::clamp(stage_night, 1, 100000) - 1);
  return table[std::min(index, table.size() - 1)];
}

int wait_before(const Plan& plan, int stage_night, int k)
{
  const auto& waits = night_waits(plan, stage_night);
  if (waits.empty()) {
    return 0;
  }
  const auto index = static_cast<std::size_t>(std::max(k, 1) - 1);
  return waits[std::min(index, waits.size() - 1)];
}

std::string chair_position(const Plan& plan, int stage_night)
{
  const auto& positions = plan.positions.empty() ? default_positions() : plan.positions;
  const int stage = (std::max(stage_night, 1) - 1) / std::max(plan.stage_nights, 1);
  return positions[std::min(static_cast<std::size_t>(stage), positions.size() - 1)];
}

std::optional<int> fading_start(const std::vector<LocalInstant>& asleep)
{
  if (asleep.empty()) {
    return std::nullopt;
  }
  std::vector<double> minutes;
  for (const auto& a : asleep) {
    minutes.push_back(minutes_since_noon(a));
  }
  std::sort(minutes.begin(), minutes.end());
  const auto n = minutes.size();
  const double median = n % 2 ? minutes[n / 2] : (minutes[n / 2 - 1] + minutes[n / 2]) / 2;
  return static_cast<int>(std::lround(median / 5.0)) * 5;
}

std::vector<std::pair<time::Date, int>> fading_targets(const Plan& plan, time::Date last,
                                                       const std::vector<FadingNight>& nights,
                                                       const std::vector<time::Date>& paused)
{
  std::vector<std::pair<time::Date, int>> targets;
  int target = plan.start_min.value_or(480);
  int quick_run = 0;  // quick nights in a row since the last move
  int since_move = 0; // counted nights since the last move
  int night = 0;
  std::map<time::Date, const FadingNight*> by_date;
  for (const auto& n : nights) {
    by_date[n.date] = &n;
  }
  for (auto d = plan.from; d <= last && plan.covers(d); d = time::add_days(d, 1)) {
    targets.emplace_back(d, target);
    if (contains(paused, d)) {
      continue;
    }
    ++night;
    if (night > 1 && is_held(plan, d)) {
      continue;
    }
    const auto found = by_date.find(d);
    const bool quick = found != by_date.end() && found->second->sol_min &&
                       *found->second->sol_min <= 30.0 && found->second->cry_min <= 0.0;
    quick_run = quick ? quick_run + 1 : 0;
    ++since_move;
    if (quick_run >= 3) {
      const int earlier =
        plan.goal_min ? std::max(target - plan.step_min, *plan.goal_min) : target - plan.step_min;
      // At the goal, quick nights are the goal kept: they reset the 14-night rule too.
      target = earlier;
      quick_run = 0;
      since_move = 0;
    } else if (since_move >= 14) {
      target += plan.step_min;
      quick_run = 0;
      since_move = 0;
    }
  }
  return targets;
}

std::string clock_of(int minutes_since_noon)
{
  const int minute = ((minutes_since_noon + 720) % 1440 + 1440) % 1440;
  return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

} // namespace sleeplog::model
