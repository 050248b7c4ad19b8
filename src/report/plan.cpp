#include <sleeplog/report/number.hpp>
#include <sleeplog/report/plan.hpp>
#include <sleeplog/report/table.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <cmath>

namespace sleeplog::report {

namespace {

std::string list_of(const std::vector<int>& waits)
{
  std::string text;
  for (const int w : waits) {
    text += (text.empty() ? "" : ", ") + std::to_string(w);
  }
  return text;
}

} // namespace

std::string next_line(const NextInstruction& n)
{
  using W = NextInstruction::What;
  switch (n.what) {
  case W::checkin_due:
    return fmt::format("check-in {} due at {} (in {} min): wait {} min, night {} of {}", n.k,
                       n.due_clock, n.in_min, n.wait_min, n.plan_night, n.method);
  case W::checkin_now:
    return fmt::format("check-in due now (waited {} min; plan {})", n.waited_min, n.wait_min);
  case W::checkin_under_way:
    return fmt::format("check-in {} under way since {}: keep it under {} min, night {} of {}", n.k,
                       n.due_clock, n.checkin_max_min, n.plan_night, n.method);
  case W::waits:
    return fmt::format("tonight: wait {} min before each check-in ({}, night {})", list_of(n.waits),
                       n.method, n.plan_night);
  case W::chair: return fmt::format("tonight: sit {} (chair, night {})", n.position, n.plan_night);
  case W::fading:
    return n.goal.empty() ? fmt::format("bedtime tonight {} (fading)", n.bedtime)
                          : fmt::format("bedtime tonight {} (fading; goal {})", n.bedtime, n.goal);
  case W::paused: return fmt::format("plan paused: {}", n.paused_by);
  }
  return {};
}

std::string describe_plan(const model::Plan& plan)
{
  std::string text =
    fmt::format("{} from {}", model::method_name(plan.method), time::format_date(plan.from));
  if (plan.until) {
    text += fmt::format(" to {}", time::format_date(*plan.until));
  }
  switch (plan.method) {
  case model::Method::ferber:
  case model::Method::checks: {
    if (plan.method == model::Method::checks) {
      text += ", waits " + model::format_waits(plan.waits);
    }
    text += fmt::format(", check-ins up to {}", time::format_duration(plan.checkin_max_s));
    if (plan.timer_crying) {
      text += ", waits from the start of crying";
    }
    break;
  }
  case model::Method::chair: {
    const auto& positions = plan.positions.empty() ? model::default_positions() : plan.positions;
    std::string steps;
    for (const auto& p : positions) {
      steps += (steps.empty() ? "" : " → ") + p;
    }
    text += fmt::format(", {} nights a stage: {}", plan.stage_nights, steps);
    break;
  }
  case model::Method::fading:
    text += fmt::format(", start {}, step {} min", model::clock_of(plan.start_min.value_or(480)),
                        plan.step_min);
    if (plan.goal_min) {
      text += ", goal " + model::clock_of(*plan.goal_min);
    }
    break;
  }
  for (const auto& h : plan.holds) {
    text += fmt::format("; held {} night{} from {}", h.nights, h.nights == 1 ? "" : "s",
                        time::format_date(h.from));
  }
  return text;
}

std::string checkin_table(const model::PlanNight& night, const Style& style)
{
  if (night.checkins.empty()) {
    return {};
  }
  using A = TextTable::Align;
  TextTable table({"id", "check-in", "at", "planned", "waited", "", ""},
                  {A::right, A::right, A::left, A::right, A::right, A::left, A::left});
  for (const auto& c : night.checkins) {
    const std::string timing(model::timing_name(c.timing));
    table.add_row({fmt::format("#{}", c.checkin.id), std::to_string(c.k),
                   time::format_clock(c.checkin.start, c.checkin.offset_s),
                   fmt::format("{} min", c.planned_min),
                   fmt::format("{} min", format_number(std::round(c.actual_min * 10) / 10)),
                   c.timing == model::Timing::on_time ? timing : paint(style, "yellow", timing),
                   c.too_long ? paint(style, "yellow", "long") : ""});
  }
  std::string out =
    fmt::format("Plan: {}, night {}; adherence {}\n", night.plan,
                night.night ? std::to_string(*night.night) : "-",
                night.adherence_pct ? format_number(night.adherence_pct) + "%" : "-");
  return out + table.render();
}

} // namespace sleeplog::report
