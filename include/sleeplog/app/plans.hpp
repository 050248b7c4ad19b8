// A child's plans, disrupted nights and fading targets read once from the log, so that
// every report can ask a night's plan columns (DESIGN §5.1, §8) as it streams nights.
#pragma once

#include <sleeplog/app/nights.hpp>
#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/report/plan.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::app {

/// The plans of one child and the nights that pause them.
class PlanBook
{
public:
  explicit PlanBook(const NightSource& source);

  /// The plan covering `night`, if any.
  const model::Plan* plan_on(time::Date night) const;

  /// The plan a command is about: the one covering `night`, else the latest (nullptr
  /// when the child has none).
  const model::Plan* current(time::Date night) const;

  /// The latest plan covering any night of `range`: a report page's plan (nullptr when
  /// none covers any of them).
  const model::Plan* latest_in(const NightRange& range) const;

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

/// One night as `show` shows it: its metrics with the plan columns filled in, and the
/// night measured against its plan (empty outside one).
struct ShownNight
{
  model::Night night;
  model::NightMetrics metrics;
  model::PlanNight plan;
};

/// The night of `date` for `show`; nullopt when nothing is logged for it.
std::optional<ShownNight> night_for_show(const NightSource& source, time::Date date);

/// Fading's first bedtime when none is given (minutes since noon): the median time of
/// falling asleep of the 7 nights before `from`; nullopt when none of them has sleep.
std::optional<int> fading_start_before(const NightSource& source, time::Date from);

/// The night `now` is in, or the coming one: a night still going on (no `up`) when now
/// is in it, else the night by the boundary rule unless it has ended, else tonight.
time::Date current_night(const Clock& clock, const NightSource& source);

/// NIGHT as typed: YYYY-MM-DD, today/tonight (the current night), yesterday, a weekday,
/// last (the latest logged), -N (N nights before the latest).
/// A text that names no night throws InputError.
time::Date night_argument(const Clock& clock, const NightSource& source, const std::string& text);

/// Tonight's instruction of the plan covering the current night, and when its next
/// check-in is due (nullopt when nothing is due tonight); nullopt without a plan.
struct PlanNow
{
  report::NextInstruction line;
  std::optional<time::Instant> due;
};
std::optional<PlanNow> plan_now(const Clock& clock, const NightSource& source,
                                const PlanBook& book);

} // namespace sleeplog::app
