// The periods a report page sets side by side (DESIGN §10): the part of a range that
// holds logged nights, and the two columns of its outcomes.
#pragma once

#include <sleeplog/app/nights.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/report/page.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sleeplog::app {

/// The range less the days before the first logged night and after the last (no empty
/// rows); the range itself when no logged night falls in it.
NightRange logged_part(const NightSource& source, NightRange range);

/// The two columns of the outcomes, before and now: before the plan and on it (the plan's
/// first night splits the page's nights; a plan begun before them is set against as many
/// nights before it), or without a plan the period of the same length before the page's.
std::pair<NightRange, NightRange> comparison_columns(const NightRange& sheet,
                                                     std::optional<time::Date> plan_first);

/// How a report names the period of the same length just before `range`: "the week
/// before" for 7 nights, else "the N nights before".
std::string previous_period_name(const NightRange& range);

/// The periods a report page reads beside its sheet (the logged part of its range).
struct PagePeriods
{
  /// The outcomes' first column (comparison_columns).
  NightRange before;
  /// The outcomes' second column.
  NightRange now;
  /// The sheet's rows and one night past them: that night's morning naps belong on the
  /// sheet's last row.
  NightRange rows;
  /// Whether nights lie between `before` and the sheet: they count in nothing, so they
  /// are not read (with a plan begun long ago, that is most of the log).
  bool apart = false;
  /// How the page's sentence names `before`: "the nights before the plan", "the week
  /// before", or "the N nights before".
  std::string before_name;
};

/// The periods of a page whose sheet is `sheet`; `plan_first`: the first night of the
/// plan its outcomes are set against (nullopt: against the period before).
PagePeriods page_periods(const NightRange& sheet, std::optional<time::Date> plan_first);

/// The plan of a report page: the latest plan covering any of its nights, summarised over
/// the nights of the page it covers (paused nights counted apart).
class PeriodPlan
{
public:
  /// The plan of the nights of `sheet`, as `book` knows them.
  PeriodPlan(const PlanBook& book, const NightRange& sheet);

  /// The first night of the page's plan, if there is one.
  std::optional<time::Date> first() const;

  /// Adds one night of the page measured against its plan (every night, disrupted or
  /// not: they pause the plan); a night of another plan, or of none, is not counted.
  void add(const model::Night& night, const model::PlanNight& measured);

  /// The plan as the page shows it; nullopt when the page has none.
  std::optional<report::PagePlan> finish() const;

private:
  const PlanBook& m_book;
  const model::Plan* m_plan = nullptr;
  std::optional<model::PlanTally> m_tally;
};

} // namespace sleeplog::app
