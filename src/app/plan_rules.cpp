#include <sleeplog/app/children.hpp>
#include <sleeplog/app/plan_rules.hpp>
#include <sleeplog/model/event.hpp>
#include <sleeplog/report/plan.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sleeplog::app {

namespace {

int minutes_option(const std::string& text, const char* option)
{
  return static_cast<int>(value_or_throw(time::parse_duration(text), option));
}

void refuse_option(bool given, const char* option, const char* methods)
{
  if (given) {
    throw InputError(fmt::format("{} is for {} plans", option, methods),
                     "see `sleeplog plan start --help`");
  }
}

std::vector<std::string> split_positions(const std::string& text)
{
  std::vector<std::string> positions;
  std::string item;
  for (const char c : text + ",") {
    if (c == ',') {
      const auto first = item.find_first_not_of(' ');
      const auto last = item.find_last_not_of(' ');
      if (first == std::string::npos) {
        throw InputError("--positions: a position is empty",
                         "give positions separated by commas: \"by the cot,mid-room,door\"");
      }
      auto position = item.substr(first, last - first + 1);
      if (auto problem = model::stored_text_problem("--positions: a position", position);
          !problem.empty()) {
        throw InputError(problem, "give positions as one line, separated by commas");
      }
      positions.push_back(std::move(position));
      item.clear();
    } else {
      item += c;
    }
  }
  return positions;
}

} // namespace

int bedtime_option(const std::string& given, const char* option)
{
  std::string text;
  for (const char c : given) {
    if (c != ' ') {
      text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  int meridiem = 0; // 1 = am, 2 = pm
  if (text.size() > 2 && (text.ends_with("am") || text.ends_with("pm"))) {
    meridiem = text.ends_with("am") ? 1 : 2;
    text.resize(text.size() - 2);
  }
  int h = -1;
  int m = 0;
  char colon = 0;
  char extra = 0;
  const int read = std::sscanf(text.c_str(), "%d%c%d%c", &h, &colon, &m, &extra);
  const bool digits_only = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == ':';
  });
  const bool bare_hour = read == 1 && text.size() <= 2;
  if (!digits_only || !(bare_hour || (read == 3 && colon == ':')) || h < 0 || h > 23 || m < 0 ||
      m > 59 || (meridiem != 0 && (h < 1 || h > 12))) {
    throw InputError(fmt::format("{}: '{}' is not a clock time", option, shown_value(given)),
                     "use HH:MM, e.g. 19:30 (a bare 7:30 is the evening's 19:30)");
  }
  if (meridiem != 0) {
    h = h % 12 + (meridiem == 2 ? 12 : 0);
  } else if (text[0] != '0' && h >= 1 && h <= 12) {
    h = h % 12 + 12; // the clock-face rule for a bedtime: the evening reading
  }
  const int minute = h * 60 + m;
  return minute >= 720 ? minute - 720 : minute + 720;
}

model::Plan plan_from_options(const Clock& clock, const NightSource& source, const PlanOptions& a)
{
  model::Plan plan;
  const auto method = model::parse_method(a.method);
  if (!method) {
    throw InputError(fmt::format("unknown method '{}'", shown_value(a.method)),
                     "methods: ferber, checks, chair, fading");
  }
  plan.method = *method;
  plan.child_id = source.child.id;
  plan.from = night_argument(clock, source, a.from);
  const bool checks = plan.method == model::Method::checks;
  const bool timed = checks || plan.method == model::Method::ferber;
  const bool chair = plan.method == model::Method::chair;
  const bool fading = plan.method == model::Method::fading;
  refuse_option(!a.waits.empty() && !checks, "--waits", "checks");
  refuse_option((a.stage_nights != -1 || !a.positions.empty()) && !chair,
                a.stage_nights != -1 ? "--stage-nights" : "--positions", "chair");
  refuse_option((!a.start.empty() || !a.goal.empty() || !a.step.empty()) && !fading,
                !a.start.empty()  ? "--start"
                : !a.goal.empty() ? "--goal"
                                  : "--step",
                "fading");
  refuse_option((!a.checkin_max.empty() || !a.timer.empty()) && !timed,
                !a.timer.empty() ? "--timer" : "--checkin-max", "ferber and checks");
  if (checks) {
    if (a.waits.empty()) {
      throw InputError("checks needs --waits", "e.g. --waits \"3,5,7;5,7,10\": minutes, one list "
                                               "per night, nights separated by ';'");
    }
    auto waits = model::parse_waits(a.waits);
    if (!waits) {
      throw InputError(fmt::format("--waits: {}", waits.error().message),
                       "e.g. --waits \"3,5,7;5,7,10\": minutes, one list per night");
    }
    plan.waits = std::move(*waits);
  }
  if (chair) {
    plan.stage_nights = a.stage_nights == -1 ? 3 : a.stage_nights;
    if (plan.stage_nights < 1 || plan.stage_nights > 60) {
      throw InputError(fmt::format("--stage-nights {} is out of range", a.stage_nights),
                       "give 1 to 60 nights");
    }
    if (!a.positions.empty()) {
      plan.positions = split_positions(a.positions);
    }
  }
  if (timed) {
    if (!a.checkin_max.empty()) {
      plan.checkin_max_s = minutes_option(a.checkin_max, "--checkin-max");
    }
    if (!a.timer.empty() && a.timer != "waking" && a.timer != "crying") {
      throw InputError(fmt::format("--timer: '{}' is not waking or crying", shown_value(a.timer)),
                       "waits count from the put-down or waking (waking) or from the start of "
                       "the crying (crying)");
    }
    plan.timer_crying = a.timer == "crying";
  }
  if (fading) {
    if (!a.step.empty()) {
      plan.step_min = minutes_option(a.step, "--step") / 60;
      if (plan.step_min < 1 || plan.step_min > 120) {
        throw InputError("--step must be 1 to 120 minutes");
      }
    }
    if (!a.goal.empty()) {
      plan.goal_min = bedtime_option(a.goal, "--goal");
    }
    if (!a.start.empty()) {
      plan.start_min = bedtime_option(a.start, "--start");
    } else {
      plan.start_min = fading_start_before(source, plan.from);
      if (!plan.start_min) {
        throw InputError("fading starts at the median time of falling asleep of the 7 nights "
                         "before --from, and none is logged",
                         "give the first bedtime with --start HH:MM");
      }
    }
    if (plan.goal_min && *plan.start_min < *plan.goal_min) {
      throw InputError(fmt::format("--goal {} is later than the start {}",
                                   model::clock_of(*plan.goal_min),
                                   model::clock_of(*plan.start_min)),
                       "the goal is the earliest bedtime fading moves to");
    }
  }
  return plan;
}

model::Plan start_plan(store::Store& store, const Clock& clock, const NightSource& source,
                       const PlanOptions& options)
{
  auto plan = plan_from_options(clock, source, options);
  refuse_overlapping_plan(source, plan);
  plan.id = store::insert_plan(store, plan, clock.now);
  return plan;
}

void refuse_overlapping_plan(const NightSource& source, const model::Plan& plan)
{
  for (const auto& other : store::plans_of(source.store, source.child.id)) {
    if (!other.until || *other.until >= plan.from) {
      throw InputError(fmt::format("{} already follows a plan: {}", source.child.name,
                                   report::describe_plan(other)),
                       fmt::format("stop it first with `sleeplog plan stop --from {}{}`",
                                   time::format_date(std::max(plan.from, other.from)),
                                   child_option(source.store, source.child)));
    }
  }
}

model::Plan plan_to_stop(const Clock& clock, const NightSource& source, time::Date first_without,
                         bool from_given)
{
  const auto& child = source.child;
  const auto plans = store::plans_of(source.store, child.id);
  const auto running = std::find_if(plans.rbegin(), plans.rend(), [&](const model::Plan& p) {
    return !p.until || *p.until >= first_without;
  });
  if (running == plans.rend()) {
    throw InputError(
      fmt::format("{} follows no plan on the night of {} or after", child.name,
                  time::format_date(first_without)),
      fmt::format("see the plans with `sleeplog plan list{}`", child_option(source.store, child)));
  }
  const model::Plan& stopped = *running;
  // Stopping from a night at or before the plan's first removes the plan; once it has
  // plan nights behind it, that would delete its history, so only its end may move.
  const auto tonight = current_night(clock, source);
  if (from_given && first_without <= stopped.from && stopped.from < tonight) {
    throw InputError(
      fmt::format("{} began on {}: stopping it from {} would delete its plan nights",
                  report::describe_plan(stopped), time::format_date(stopped.from),
                  time::format_date(first_without)),
      fmt::format("run `sleeplog plan stop{}` without --from to end it now; its history is kept",
                  child_option(source.store, child)));
  }
  return stopped;
}

PlanStopped stop_plan(store::Store& store, const Clock& clock, const NightSource& source,
                      time::Date first_without, bool from_given)
{
  PlanStopped stopped;
  stopped.plan = plan_to_stop(clock, source, first_without, from_given);
  const auto last = time::add_days(first_without, -1);
  store::end_plan(store, stopped.plan.id, last, stopped.plan.from);
  if (first_without > stopped.plan.from) {
    stopped.last_night = last;
  }
  return stopped;
}

model::Plan plan_to_hold(const NightSource& source, time::Date tonight)
{
  const auto plan = store::plan_on(source.store, source.child.id, tonight);
  if (!plan) {
    throw InputError(fmt::format("{} follows no plan tonight", source.child.name),
                     fmt::format("start one with `sleeplog plan start METHOD{}`",
                                 child_option(source.store, source.child)));
  }
  if (tonight == plan->from) {
    throw InputError("tonight is the plan's first night: there is no stage to hold yet");
  }
  return *plan;
}

PlanHeld hold_plan(store::Store& store, const Clock& clock, const NightSource& source, int nights)
{
  PlanHeld held;
  held.from = current_night(clock, source);
  held.plan = plan_to_hold(source, held.from);
  store::add_hold(store, held.plan.id, {held.from, nights}, clock.now);
  held.plan.holds.push_back({held.from, nights});
  return held;
}

std::string held_stage(const PlanBook& book, const model::Plan& plan, time::Date night)
{
  const auto day = book.day(plan, night);
  switch (plan.method) {
  case model::Method::chair: return "sit " + model::chair_position(plan, day.stage_night);
  case model::Method::fading: return "the bedtime stays where it is";
  default: break;
  }
  std::string waits;
  for (const int w : model::night_waits(plan, day.stage_night)) {
    waits += (waits.empty() ? "" : ", ") + std::to_string(w);
  }
  return "waits stay " + waits + " min";
}

PlanNightCount plan_nights_so_far(const PlanBook& book, const model::Plan& plan, time::Date tonight)
{
  const auto last = std::min(plan.until.value_or(tonight), std::max(tonight, plan.from));
  const auto day = book.day(plan, last);
  PlanNightCount count;
  count.paused =
    static_cast<int>(std::count_if(book.paused().begin(), book.paused().end(),
                                   [&](time::Date d) { return d >= plan.from && d <= last; }));
  count.nights = day.night.value_or(0) +
                 (day.paused ? static_cast<int>(time::days_from_date(last) -
                                                time::days_from_date(plan.from) + 1 - count.paused)
                             : 0);
  return count;
}

NightRange plan_nights_to_show(const model::Plan& plan, time::Date tonight)
{
  return {plan.from, std::min(plan.until.value_or(tonight), tonight)};
}

MeasuredNights measure_nights(const PlanBook& book, const NightSource& source,
                              const NightRange& range)
{
  MeasuredNights measured;
  for_each_night(source, range, [&](model::Night&& night) {
    const auto metrics = model::compute_metrics(night);
    measured.nights.push_back(book.evaluate(night, metrics));
    measured.dates.push_back(night.date);
  });
  return measured;
}

time::Date review_last_night(const NightSource& source, const model::Plan& plan)
{
  const auto last_logged = latest_night(source).value_or(plan.from);
  return std::min(plan.until.value_or(last_logged), last_logged);
}

model::Review review_of(const NightSource& source, const PlanBook& book, const model::Plan& plan,
                        std::string_view child_option)
{
  const auto last = review_last_night(source, plan);
  std::vector<model::ReviewNight> nights;
  if (last >= plan.from) {
    for_each_night(source, {plan.from, last}, [&](model::Night&& night) {
      const auto metrics = model::compute_metrics(night);
      nights.push_back({night.date, metrics.sol_min, metrics.cry_min});
    });
  }
  return model::review_plan(plan, last, nights, book.paused(), child_option);
}

} // namespace sleeplog::app
