#include <sleeplog/model/plan_review.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sleeplog::model {

namespace {

std::string minutes_text(double minutes)
{
  return fmt::format("{} min", static_cast<long>(std::lround(minutes)));
}

std::optional<double> mean_of(const std::vector<ReviewNight>& nights, std::size_t from,
                              std::size_t to, bool settling)
{
  double sum = 0;
  int n = 0;
  for (std::size_t i = from; i < to; ++i) {
    if (settling && !nights[i].sol_min) {
      continue;
    }
    sum += settling ? *nights[i].sol_min : nights[i].cry_min;
    ++n;
  }
  return n ? std::optional<double>(sum / n) : std::nullopt;
}

Review review_fading(const Plan& plan, time::Date last, const std::vector<ReviewNight>& nights,
                     const std::vector<time::Date>& paused)
{
  std::vector<FadingNight> fading;
  for (const auto& n : nights) {
    fading.push_back({n.date, n.sol_min, n.cry_min});
  }
  const auto targets = fading_targets(plan, time::add_days(last, 1), fading, paused);
  Review r;
  if (targets.size() < 2) {
    r.verdict = Verdict::hold;
    r.reason =
      fmt::format("too early to judge: keep bedtime at {}",
                  clock_of(targets.empty() ? plan.start_min.value_or(480) : targets.back().second));
    return r;
  }
  const int tonight = targets.back().second;
  const int before = targets[targets.size() - 2].second;
  for (auto it = nights.rbegin(); it != nights.rend() && r.nights.size() < 3; ++it) {
    if (std::find(paused.begin(), paused.end(), it->date) == paused.end()) {
      r.nights.insert(r.nights.begin(), it->date);
    }
  }
  if (tonight < before) {
    r.verdict = Verdict::advance;
    r.reason = fmt::format("move bedtime {} min earlier, to {}: 3 nights in a row settled within "
                           "30 min without crying",
                           before - tonight, clock_of(tonight));
  } else if (tonight > before) {
    r.verdict = Verdict::reevaluate;
    r.reason = fmt::format("move bedtime {} min later, to {}: 14 nights without a move",
                           tonight - before, clock_of(tonight));
  } else {
    r.verdict = Verdict::hold;
    r.reason = plan.goal_min && tonight <= *plan.goal_min
                 ? fmt::format("keep bedtime at {}: the goal is reached", clock_of(tonight))
                 : fmt::format("keep bedtime at {}: it moves after 3 quick nights in a row "
                               "(settled within 30 min, no crying)",
                               clock_of(tonight));
  }
  return r;
}

Review review_chair(const Plan& plan, const std::vector<ReviewNight>& nights,
                    std::string_view child_option)
{
  Review r;
  if (nights.size() < 2) {
    // Nothing to compare yet: hold, never "advance" on no evidence.
    r.verdict = Verdict::hold;
    r.reason = "too early to judge (a review compares 2 plan nights): follow tonight's "
               "instruction";
    return r;
  }
  const auto& prev = nights[nights.size() - 2];
  const auto& latest = nights.back();
  r.nights = {prev.date, latest.date};
  if (latest.cry_min > prev.cry_min) {
    r.verdict = Verdict::hold;
    r.reason = fmt::format("hold this stage 2 more nights (`sleeplog plan hold --nights 2{}`): "
                           "crying rose from {} to {}",
                           child_option, minutes_text(prev.cry_min), minutes_text(latest.cry_min));
  } else {
    r.verdict = Verdict::advance;
    r.reason = fmt::format("move on as planned: crying {} after {}", minutes_text(latest.cry_min),
                           minutes_text(prev.cry_min));
  }
  (void)plan;
  return r;
}

Review review_checks(const std::vector<ReviewNight>& nights)
{
  Review r;
  for (const auto& n : nights) {
    r.nights.push_back(n.date);
  }
  const auto count = nights.size();
  if (count < 7) {
    r.verdict = Verdict::advance;
    r.reason = fmt::format("{} plan night{} of 7 before a review: keep following the plan", count,
                           count == 1 ? "" : "s");
    return r;
  }
  const auto sol_before = mean_of(nights, 0, 3, true);
  const auto sol_now = mean_of(nights, count - 3, count, true);
  const auto cry_before = mean_of(nights, 0, 3, false).value_or(0);
  const auto cry_now = mean_of(nights, count - 3, count, false).value_or(0);
  const bool settling_fell = sol_before && sol_now && *sol_now < *sol_before;
  const bool crying_fell = cry_now < cry_before;
  const std::string numbers = fmt::format(
    "settling {} → {}, crying {} → {} (first 3 plan nights against the latest 3)",
    sol_before ? minutes_text(*sol_before) : "-", sol_now ? minutes_text(*sol_now) : "-",
    minutes_text(cry_before), minutes_text(cry_now));
  if (!settling_fell && !crying_fell) {
    r.verdict = Verdict::reevaluate;
    r.reason = fmt::format("pause to re-evaluate: after {} plan nights neither settling nor "
                           "crying has fallen: {}",
                           count, numbers);
  } else {
    r.verdict = Verdict::advance;
    r.reason = fmt::format("keep going, it is working: {}", numbers);
  }
  return r;
}

} // namespace

std::string_view verdict_name(Verdict verdict)
{
  switch (verdict) {
  case Verdict::advance: return "advance";
  case Verdict::hold: return "hold";
  case Verdict::reevaluate: return "re-evaluate";
  }
  return "advance";
}

Review review_plan(const Plan& plan, time::Date last, const std::vector<ReviewNight>& nights,
                   const std::vector<time::Date>& paused, std::string_view child_option)
{
  std::vector<ReviewNight> counted;
  for (const auto& n : nights) {
    if (plan.covers(n.date) && n.date <= last &&
        std::find(paused.begin(), paused.end(), n.date) == paused.end()) {
      counted.push_back(n);
    }
  }
  std::sort(counted.begin(), counted.end(),
            [](const ReviewNight& a, const ReviewNight& b) { return a.date < b.date; });
  switch (plan.method) {
  case Method::fading: return review_fading(plan, last, counted, paused);
  case Method::chair: return review_chair(plan, counted, child_option);
  case Method::ferber:
  case Method::checks: return review_checks(counted);
  }
  return {};
}

} // namespace sleeplog::model
