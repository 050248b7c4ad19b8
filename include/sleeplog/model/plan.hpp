// Sleep-training plans (DESIGN §8.1) as values: the four methods, which plan night a date
// is (paused nights skipped, held nights repeating), the wait before each check-in,
// where to sit, tonight's faded bedtime. Pure: the log and the clock come in as
// arguments.
#pragma once

#include <sleeplog/model/period.hpp>
#include <sleeplog/time/civil.hpp>
#include <sleeplog/util/expected.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::model {

/// The methods of DESIGN §8.1.
enum class Method { ferber, checks, chair, fading };

/// The method's name as typed ("ferber").
std::string_view method_name(Method method);

/// The method named by `name`, or nullopt.
std::optional<Method> parse_method(std::string_view name);

/// `plan hold`: from `from`, `nights` plan nights repeat the stage of the night before.
struct Hold
{
  time::Date from;
  int nights = 1;
};

/// One plan of one child, with everything its method needs.
struct Plan
{
  std::int64_t id = 0;
  std::int64_t child_id = 0;
  Method method = Method::ferber;
  time::Date from;                     // plan night 1
  std::optional<time::Date> until;     // the last night of the plan, once stopped
  std::vector<std::vector<int>> waits; // checks: minutes, one list per night
  int stage_nights = 3;                // chair
  std::vector<std::string> positions;  // chair: empty = the default five
  std::optional<int> start_min;        // fading: target of night 1, minutes since noon
  std::optional<int> goal_min;         // fading: never earlier than this
  int step_min = 15;                   // fading
  int checkin_max_s = 120;
  bool timer_crying = false; // waits count from the start of the crying
  std::vector<Hold> holds;   // `plan hold`, in the order given

  /// True when `night` lies within [from, until].
  bool covers(time::Date night) const;
};

/// The default chair positions, nearest first.
const std::vector<std::string>& default_positions();

/// Parses `--waits "3,5,7;5,7,10"`; an Error when malformed (empty, not whole minutes,
/// zero, over 120).
Expected<std::vector<std::vector<int>>> parse_waits(std::string_view text);

/// "3,5,7;5,7,10": the waits as typed.
std::string format_waits(const std::vector<std::vector<int>>& waits);

/// Where a date stands in a plan.
struct PlanDay
{
  bool in_plan = false;     // the date is within the plan
  bool paused = false;      // a disrupted night: no plan night
  std::optional<int> night; // plan night number (1 = from), skipping paused nights
  int stage_night = 0;      // the night number the method follows: held nights repeat
  bool held = false;        // tonight repeats the stage of the night before
};

/// The plan day of `date`; `paused` holds the disrupted nights (any order).
PlanDay plan_day(const Plan& plan, time::Date date, const std::vector<time::Date>& paused);

/// The waits (minutes) of stage night `n` for ferber or checks; empty for other methods.
const std::vector<int>& night_waits(const Plan& plan, int stage_night);

/// The wait in minutes before check-in `k` (1-based) of stage night `n`: the night's
/// last wait repeats.
int wait_before(const Plan& plan, int stage_night, int k);

/// The chair position of stage night `n`.
std::string chair_position(const Plan& plan, int stage_night);

/// The median of the `asleep` clock times, as minutes since noon rounded to 5 min: the
/// default start of fading. nullopt without any.
std::optional<int> fading_start(const std::vector<LocalInstant>& asleep);

/// What fading needs of one night.
struct FadingNight
{
  time::Date date;
  std::optional<double> sol_min;
  double cry_min = 0;
};

/// Fading's target bedtime (minutes since noon) of every plan date from `from` to
/// `last`, in date order; paused and held nights keep the target and count for
/// nothing. `nights` (any order) holds what was logged; a date missing is not quick.
std::vector<std::pair<time::Date, int>> fading_targets(const Plan& plan, time::Date last,
                                                       const std::vector<FadingNight>& nights,
                                                       const std::vector<time::Date>& paused);

/// "19:30" for minutes since noon.
std::string clock_of(int minutes_since_noon);

} // namespace sleeplog::model
