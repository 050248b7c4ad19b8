#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unistd.h>

namespace sleeplog::app {

PlanBook::PlanBook(const NightSource& source)
  : m_source(source), m_plans(store::plans_of(source.store, source.child.id)),
    m_disrupted(store::disrupted_nights(source.store, source.child.id, time::Date{1900, 1, 1},
                                        time::Date{2199, 12, 31}))
{
  for (const auto& [night, word] : m_disrupted) {
    m_paused.push_back(night);
  }
}

const model::Plan* PlanBook::plan_on(time::Date night) const
{
  const model::Plan* found = nullptr;
  for (const auto& p : m_plans) {
    if (p.covers(night)) {
      found = &p;
    }
  }
  return found;
}

const model::Plan* PlanBook::current(time::Date night) const
{
  if (const auto* plan = plan_on(night)) {
    return plan;
  }
  return m_plans.empty() ? nullptr : &m_plans.back();
}

const model::Plan* PlanBook::latest_in(const NightRange& range) const
{
  for (auto it = m_plans.rbegin(); it != m_plans.rend(); ++it) {
    if (it->from <= range.last && (!it->until || *it->until >= range.first)) {
      return &*it;
    }
  }
  return nullptr;
}

std::string PlanBook::disruption_on(time::Date night) const
{
  const auto found = m_disrupted.find(night);
  return found == m_disrupted.end() ? std::string() : found->second;
}

model::PlanDay PlanBook::day(const model::Plan& plan, time::Date night) const
{
  return model::plan_day(plan, night, m_paused);
}

std::optional<int> PlanBook::fading_target(const model::Plan& plan, time::Date night) const
{
  if (plan.method != model::Method::fading || !plan.covers(night)) {
    return std::nullopt;
  }
  auto& targets = m_targets[plan.id];
  if (targets.empty() || targets.rbegin()->first < night) {
    // Read the plan's nights once: up to its end, or the night after the latest logged
    // (tonight), or the night asked if later still.
    auto upto = plan.until.value_or(time::add_days(latest_night(m_source).value_or(night), 1));
    upto = std::max(upto, night);
    std::vector<model::FadingNight> nights;
    for_each_night(m_source, {plan.from, upto}, [&](model::Night&& n) {
      const auto m = model::compute_metrics(n);
      nights.push_back({n.date, m.sol_min, m.cry_min});
    });
    targets.clear();
    for (const auto& [date, minutes] : model::fading_targets(plan, upto, nights, m_paused)) {
      targets[date] = minutes;
    }
  }
  const auto found = targets.find(night);
  return found == targets.end() ? std::nullopt : std::optional<int>(found->second);
}

model::PlanNight PlanBook::evaluate(const model::Night& night,
                                    const model::NightMetrics& metrics) const
{
  const auto* plan = plan_on(night.date);
  if (plan == nullptr) {
    return {};
  }
  return model::evaluate_night(*plan, day(*plan, night.date), night, metrics,
                               fading_target(*plan, night.date));
}

model::NightMetrics PlanBook::metrics(const model::Night& night) const
{
  auto m = model::compute_metrics(night);
  model::apply_plan_night(evaluate(night, m), m);
  return m;
}

std::optional<ShownNight> night_for_show(const NightSource& source, time::Date date)
{
  std::optional<model::Night> found;
  for_each_night(source, {date, date}, [&](model::Night&& night) { found = std::move(night); });
  if (!found) {
    return std::nullopt;
  }
  const PlanBook book(source);
  ShownNight shown;
  shown.metrics = model::compute_metrics(*found);
  shown.plan = book.evaluate(*found, shown.metrics);
  model::apply_plan_night(shown.plan, shown.metrics);
  shown.night = std::move(*found);
  return shown;
}

std::optional<int> fading_start_before(const NightSource& source, time::Date from)
{
  std::vector<model::LocalInstant> asleep;
  for_each_night(source, {time::add_days(from, -7), time::add_days(from, -1)},
                 [&](model::Night&& n) {
                   if (const auto m = model::compute_metrics(n); m.asleep) {
                     asleep.push_back(*m.asleep);
                   }
                 });
  return model::fading_start(asleep);
}

namespace {

/// The night of `date` as logged, if anything is.
std::optional<model::Night> night_on(const NightSource& source, time::Date date)
{
  std::optional<model::Night> found;
  for_each_night(source, {date, date}, [&](model::Night&& n) { found = std::move(n); });
  return found;
}

bool has_up(const std::optional<model::Night>& night)
{
  return night && std::any_of(night->events.begin(), night->events.end(),
                              [](const model::Event& e) { return e.kind == model::Kind::up; });
}

} // namespace

time::Date current_night(const Clock& clock, const NightSource& source)
{
  const auto local = clock.zone.to_civil(clock.now);
  const bool evening = local.hour * 60 + local.minute >= source.settings.night_boundary_min;
  const auto by_boundary = evening ? local.date : time::add_days(local.date, -1);
  if (const auto latest = latest_night(source); latest && *latest >= by_boundary) {
    // The night now is in, unless its morning came (its up is logged, or forgotten long
    // past the usual wake time): then the coming night.
    const bool over =
      has_up(night_on(source, *latest)) || forgotten_up(source, clock.now, clock.zone).has_value();
    return over ? std::max(time::add_days(*latest, 1), by_boundary) : *latest;
  }
  // Nothing logged tonight: small hours belong to the night before, a morning to the
  // night ahead.
  return evening || local.hour < 5 ? by_boundary : local.date;
}

namespace {

// A night outside the years sleeplog keeps (a tag or plan there would never show).
time::Date night_in_range(time::Date date, const std::string& text, const char* hint)
{
  if (date.year < model::first_year || date.year > model::last_year) {
    throw InputError(fmt::format("'{}' is not a night sleeplog keeps: years {} to {} only",
                                 shown_value(text), model::first_year, model::last_year),
                     hint);
  }
  return date;
}

} // namespace

time::Date night_argument(const Clock& clock, const NightSource& source, const std::string& text)
{
  const char* hint = "NIGHT is YYYY-MM-DD, tonight, yesterday, a weekday, last, or -N (N nights "
                     "before the latest)";
  if (text.empty() || text == "tonight" || text == "today") {
    return current_night(clock, source);
  }
  if (text == "last" || (text.size() > 1 && text[0] == '-')) {
    const auto latest = latest_night(source);
    if (!latest) {
      throw InputError(fmt::format("'{}': nothing is logged yet", shown_value(text)), hint);
    }
    if (text == "last") {
      return *latest;
    }
    const std::string digits = text.substr(1);
    if (digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
      throw InputError(fmt::format("'{}' is not a night", shown_value(text)), hint);
    }
    return night_in_range(time::add_days(*latest, -std::stol(digits)), text, hint);
  }
  auto date = time::parse_date(text, clock.now, clock.zone);
  if (!date) {
    throw InputError(fmt::format("'{}' is not a night", shown_value(text)), hint);
  }
  return night_in_range(*date, text, hint);
}

std::optional<PlanNow> plan_now(const Clock& clock, const NightSource& source, const PlanBook& book)
{
  using W = report::NextInstruction::What;
  const auto tonight = current_night(clock, source);
  const auto* plan = book.plan_on(tonight);
  if (plan == nullptr) {
    return std::nullopt;
  }
  const auto day = book.day(*plan, tonight);
  PlanNow result;
  auto& line = result.line;
  line.method = std::string(model::method_name(plan->method));
  line.plan_night = day.night.value_or(0);
  line.checkin_max_min = (plan->checkin_max_s + 59) / 60;
  if (day.paused) {
    line.what = W::paused;
    line.paused_by = book.disruption_on(tonight);
    return result;
  }
  switch (plan->method) {
  case model::Method::chair:
    line.what = W::chair;
    line.position = model::chair_position(*plan, day.stage_night);
    return result;
  case model::Method::fading:
    line.what = W::fading;
    line.bedtime = model::clock_of(book.fading_target(*plan, tonight).value_or(480));
    line.goal = plan->goal_min ? model::clock_of(*plan->goal_min) : "";
    return result;
  case model::Method::ferber:
  case model::Method::checks: break;
  }
  line.what = W::waits;
  line.waits = model::night_waits(*plan, day.stage_night);
  const auto night = night_on(source, tonight);
  const auto due =
    night ? model::next_checkin(*plan, day.stage_night, *night, clock.now) : std::nullopt;
  if (!due) {
    return result;
  }
  line.k = due->k;
  line.wait_min = due->wait_min;
  if (due->under_way) {
    line.what = W::checkin_under_way;
    line.due_clock = time::format_clock(due->under_way->start, due->under_way->offset_s);
    return result;
  }
  result.due = due->due;
  if (clock.now < due->due) {
    line.what = W::checkin_due;
    line.due_clock = time::format_clock(due->due, clock.zone.offset_at(due->due));
    line.in_min = static_cast<int>((due->due - clock.now + 59) / 60);
  } else {
    line.what = W::checkin_now;
    line.waited_min = static_cast<int>((clock.now - due->anchor) / 60);
  }
  return result;
}

} // namespace sleeplog::app
