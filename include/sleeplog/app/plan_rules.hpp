// The rules of the plan commands (DESIGN §8): a new plan from `plan start`'s options,
// which plan `plan stop` and `plan hold` act on and when they refuse, a plan that would
// overlap another, and how many nights a plan has run. cli asks these and prints.
#pragma once

#include <sleeplog/app/plans.hpp>
#include <sleeplog/model/plan.hpp>
#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/model/plan_review.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::app {

/// `plan start`'s options as typed ("" or -1 when not given).
struct PlanOptions
{
  std::string method;
  std::string from;
  std::string waits;
  int stage_nights = -1; // -1: not given
  std::string positions;
  std::string start;
  std::string goal;
  std::string step;
  std::string checkin_max;
  std::string timer;
};

/// A bedtime option ("19:30", "7:30pm", "7:30") as minutes since noon: a bare hour 1-12
/// without a leading zero or am/pm is the evening one ("7:30" is 19:30). Throws
/// InputError naming `option` otherwise.
int bedtime_option(const std::string& given, const char* option);

/// The plan `options` describe for the child of `source`, its first night read at
/// `clock`; not yet stored. Throws InputError for an unknown method, an option of
/// another method, or a value out of range.
model::Plan plan_from_options(const Clock& clock, const NightSource& source,
                              const PlanOptions& options);

/// Stores the plan `options` describe (plan_from_options) for the child of `source`
/// unless it would overlap another (refuse_overlapping_plan); the plan with its id.
model::Plan start_plan(store::Store& store, const Clock& clock, const NightSource& source,
                       const PlanOptions& options);

/// Throws InputError when `plan` would overlap a plan the child already follows (one
/// without an end, or ending on or after the new one's first night).
void refuse_overlapping_plan(const NightSource& source, const model::Plan& plan);

/// The plan `plan stop` ends so that `first_without` is its first night without it: the
/// latest still running then. Throws InputError when none runs then, or when `from_given`
/// (--from) reaches back to or before the first night of a plan that has begun (that
/// would delete its plan nights).
model::Plan plan_to_stop(const Clock& clock, const NightSource& source, time::Date first_without,
                         bool from_given);

/// What `plan stop` did: the plan it ended, and its last night now (nullopt: the plan had
/// not begun by its first night without it, so it was removed).
struct PlanStopped
{
  model::Plan plan;
  std::optional<time::Date> last_night;
};

/// Ends the plan plan_to_stop() names so that `first_without` is its first night without
/// it (removes it when it had not begun); throws as plan_to_stop() does.
PlanStopped stop_plan(store::Store& store, const Clock& clock, const NightSource& source,
                      time::Date first_without, bool from_given);

/// The plan `plan hold` holds from `tonight`. Throws InputError when no plan covers
/// tonight, or tonight is its first night (no stage to hold yet).
model::Plan plan_to_hold(const NightSource& source, time::Date tonight);

/// What `plan hold` did: the plan held (its new hold among its holds) and the night the
/// hold begins, the current night.
struct PlanHeld
{
  model::Plan plan;
  time::Date from;
};

/// Holds the plan covering the current night at `clock` for `nights` nights from it;
/// throws as plan_to_hold() does.
PlanHeld hold_plan(store::Store& store, const Clock& clock, const NightSource& source, int nights);

/// The stage a hold keeps on `night`, as `plan hold` says it: "sit by the cot", "the
/// bedtime stays where it is" (fading) or "waits stay 3, 5, 10 min".
std::string held_stage(const PlanBook& book, const model::Plan& plan, time::Date night);

/// How far a plan has run by `tonight`: its plan nights and its paused nights.
struct PlanNightCount
{
  int nights = 0;
  int paused = 0;
};
PlanNightCount plan_nights_so_far(const PlanBook& book, const model::Plan& plan,
                                  time::Date tonight);

/// The nights `plan show` lists: from the plan's first night up to `tonight`, or up to its
/// last night when it ended before (first after last when it begins after tonight).
NightRange plan_nights_to_show(const model::Plan& plan, time::Date tonight);

/// The nights of a range measured against their plan, in date order: `dates[i]` is the
/// night of `nights[i]`.
struct MeasuredNights
{
  std::vector<time::Date> dates;
  std::vector<model::PlanNight> nights;
};
MeasuredNights measure_nights(const PlanBook& book, const NightSource& source,
                              const NightRange& range);

/// The last night `plan review` judges: the latest logged night (the plan's first when
/// nothing is logged), or the plan's last night when it ended before.
time::Date review_last_night(const NightSource& source, const model::Plan& plan);

/// `plan review`'s advice on `plan` (model::review_plan) from its logged nights up to
/// review_last_night(); a command it names ends with `child_option`.
model::Review review_of(const NightSource& source, const PlanBook& book, const model::Plan& plan,
                        std::string_view child_option);

} // namespace sleeplog::app
