// A night measured against its plan (DESIGN §8.3): each check-in's planned and actual wait,
// on time, early, late or long; the night's adherence; the check-in due now; and the
// crying numbers of DESIGN §5.4 that say whether the child settled alone.
#pragma once

#include <sleeplog/model/plan.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sleeplog::model {

/// When a check-in started against its planned wait.
enum class Timing { on_time, early, late };

/// "on time", "early", "late".
std::string_view timing_name(Timing timing);

/// One check-in of a plan night.
struct CheckinResult
{
  Event checkin;
  int k = 1;          // its number since the put-down or the waking
  Instant anchor = 0; // where its wait counted from
  int planned_min = 0;
  double actual_min = 0;
  Timing timing = Timing::on_time;
  bool too_long = false; // lasted over --checkin-max

  /// On time and not long: what adherence counts.
  bool followed() const { return timing == Timing::on_time && !too_long; }
};

/// Every check-in of the night against stage night `stage_night` of a ferber or checks
/// plan, in start order.
std::vector<CheckinResult> checkin_results(const Plan& plan, int stage_night, const Night& night);

/// Share of followed check-ins, 0–100 with one decimal; nullopt with none.
std::optional<double> adherence_of(const std::vector<CheckinResult>& results);

/// The next check-in of an awake spell still going on at `now`.
struct CheckinDue
{
  int k = 1;
  Instant anchor = 0;
  Instant due = 0;
  int wait_min = 0;
  std::optional<Event> under_way; // a check-in open now
};

/// The check-in due next in tonight's current awake spell (after `bed` or `woke`, before
/// `asleep` or `up`), counting only events before `now`; nullopt when the child is not
/// awake in bed.
std::optional<CheckinDue> next_checkin(const Plan& plan, int stage_night, const Night& night,
                                       Instant now);

/// A night's plan columns (DESIGN §5.1): the method, the plan night and adherence.
struct PlanNight
{
  std::string plan;         // method name; empty outside a plan
  std::optional<int> night; // empty on a paused night
  std::optional<double> adherence_pct;
  std::optional<int> target_min; // fading: the night's target bedtime
  std::vector<CheckinResult> checkins;
};

/// Measures one night of a plan. `target_min` is fading's target for the night.
PlanNight evaluate_night(const Plan& plan, const PlanDay& day, const Night& night,
                         const NightMetrics& metrics, std::optional<int> target_min);

/// Copies the plan columns into the night's metrics.
void apply_plan_night(const PlanNight& plan_night, NightMetrics& metrics);

/// A plan over a range of nights, for reports: method, plan nights, check-ins,
/// the on-time share and the mean adherence.
struct PlanSummary
{
  std::string method;
  std::optional<int> first_night; // plan night numbers covered
  std::optional<int> last_night;
  int paused_nights = 0;
  int checkins = 0;
  int on_time = 0;
  std::optional<double> on_time_pct;
  std::optional<double> adherence_pct; // followed check-ins / check-ins (fading: nights on plan)
};

/// Sums up the evaluated nights of one plan as they come (any range, date order), keeping
/// counts only: a report over years of nights holds no night.
class PlanTally
{
public:
  explicit PlanTally(const Plan& plan);
  void add(const PlanNight& night);
  PlanSummary result() const;

private:
  Method m_method;
  PlanSummary m_summary;
  double m_adherence_sum = 0;
  int m_adherence_nights = 0;
  int m_followed = 0;
};

/// Summarises the evaluated nights of one plan (any range, date order).
PlanSummary summarise_plan(const Plan& plan, const std::vector<PlanNight>& nights);

} // namespace sleeplog::model
