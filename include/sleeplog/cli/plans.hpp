// A child's plans, disrupted nights and fading targets read once from the log, so that
// every report can ask a night's plan columns (SPEC §5, §8) as it streams nights.
#pragma once

#include <sleeplog/cli/nights.hpp>
#include <sleeplog/model/plan_night.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::cli {

/// The plans of one child and the nights that pause them.
class PlanBook
{
public:
  explicit PlanBook(const NightSource& source);

  /// The plan covering `night`, if any.
  const model::Plan* plan_on(time::Date night) const;

  /// The plans, oldest first.
  const std::vector<model::Plan>& plans() const { return m_plans; }

  /// Every disrupted night of the child.
  const std::vector<time::Date>& paused() const { return m_paused; }

  /// The disruption word of a night, or "".
  std::string disruption_on(time::Date night) const;

  /// Where `night` stands in `plan`.
  model::PlanDay day(const model::Plan& plan, time::Date night) const;

  /// Fading's target bedtime (minutes since noon) of a night of a fading plan.
  std::optional<int> fading_target(const model::Plan& plan, time::Date night) const;

  /// The night measured against its plan (empty outside one).
  model::PlanNight evaluate(const model::Night& night, const model::NightMetrics& metrics) const;

  /// compute_metrics with the plan columns filled in.
  model::NightMetrics metrics(const model::Night& night) const;

private:
  NightSource m_source;
  std::vector<model::Plan> m_plans;
  std::vector<time::Date> m_paused;
  std::map<time::Date, std::string> m_disrupted;
  mutable std::map<std::int64_t, std::map<time::Date, int>> m_targets; // by plan id
};

} // namespace sleeplog::cli
