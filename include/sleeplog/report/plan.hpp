// Plans in words (DESIGN §8): tonight's instruction as `next` and `status` print it, a
// plan's description, and a night's check-ins with their planned and actual waits.
#pragma once

#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/model/plan_review.hpp>
#include <sleeplog/report/terminal.hpp>

#include <optional>
#include <string>

namespace sleeplog::report {

/// What `next` says, decided by the command from the plan and the log.
struct NextInstruction
{
  enum class What { checkin_due, checkin_now, checkin_under_way, waits, chair, fading, paused };
  What what = What::waits;
  std::string method;
  int plan_night = 0;
  int k = 1;              // checkin_due, checkin_under_way
  std::string due_clock;  // "20:14"; under way: since
  int in_min = 0;         // minutes until due
  int wait_min = 0;       // planned wait
  int waited_min = 0;     // checkin_now
  std::vector<int> waits; // waits: tonight's waits
  std::string position;   // chair
  std::string bedtime;    // fading target
  std::string goal;       // fading goal, or ""
  std::string paused_by;  // paused: the tag
  int checkin_max_min = 2;
};

/// The one line of `next` (no newline): "check-in 2 due at 20:14 (in 3 min): wait 5
/// min, night 2 of ferber", "check-in due now (waited 6 min; plan 5)", "tonight: sit in
/// the doorway (chair, night 8)", "bedtime tonight 20:15 (fading; goal 19:30)",
/// "plan paused: sick".
std::string next_line(const NextInstruction& next);

/// One line describing a plan and its options: "ferber from 2026-11-20", "checks from
/// 2026-11-20, waits 3,5,7;5,7,10", "chair from … every 3 nights: beside the crib → …".
std::string describe_plan(const model::Plan& plan);

/// The night's check-ins against the plan: number, time, planned and actual wait, and
/// on time / early / late / long; "" when there are none.
std::string checkin_table(const model::PlanNight& night, const Style& style);

} // namespace sleeplog::report
