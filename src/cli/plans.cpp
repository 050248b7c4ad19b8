#include <sleeplog/cli/plans.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>

#include <algorithm>

namespace sleeplog::cli {

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

} // namespace sleeplog::cli
