// `plan review` (DESIGN §8.3): each method's published rule applied to the log, saying
// whether to advance, hold or stop to re-evaluate, with the nights behind the advice.
#pragma once

#include <sleeplog/model/plan.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::model {

/// What the rule advises.
enum class Verdict { advance, hold, reevaluate };

/// "advance", "hold", "re-evaluate".
std::string_view verdict_name(Verdict verdict);

/// What review needs of one plan night.
struct ReviewNight
{
  time::Date date;
  std::optional<double> sol_min;
  double cry_min = 0;
};

/// The advice and the nights it rests on.
struct Review
{
  Verdict verdict = Verdict::advance;
  std::string reason;
  std::vector<time::Date> nights;
};

/// Reviews a plan from its nights up to `last` (the latest logged night): fading moves
/// as its rule says; chair holds a stage 2 more nights when the last night's crying was
/// longer than the night before's; ferber and checks after 7 plan nights with neither
/// settling nor crying falling (first 3 against latest 3) advise pausing to re-evaluate.
/// `nights` holds the logged plan nights (any order); paused nights are left out. A
/// command the advice names ends with `child_option` (" -c Leo" once the log holds two
/// children), so it works as printed.
Review review_plan(const Plan& plan, time::Date last, const std::vector<ReviewNight>& nights,
                   const std::vector<time::Date>& paused, std::string_view child_option = {});

} // namespace sleeplog::model
