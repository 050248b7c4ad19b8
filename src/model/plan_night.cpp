#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/model/sleep_blocks.hpp>

#include <algorithm>
#include <cmath>

namespace sleeplog::model {

namespace {

double one_decimal(double v)
{
  return std::round(v * 10.0) / 10.0;
}

double minutes_between(Instant from, Instant to)
{
  return static_cast<double>(to - from) / 60.0;
}

/// Walks a night's events keeping the awake spell the child is in and where the next
/// check-in's wait counts from (DESIGN §8.2: the put-down or the waking, then the end of the
/// last check-in; with the crying timer the start of the crying).
class SpellTracker
{
public:
  explicit SpellTracker(bool timer_crying) : m_timer_crying(timer_crying) {}

  /// Takes the next event (start order) that is not a check-in.
  void see(const Event& e)
  {
    switch (e.kind) {
    case Kind::bed:
    case Kind::woke:
      m_spell = e.start;
      m_last_checkin_end.reset();
      m_cry_start.reset();
      m_count = 0;
      break;
    case Kind::asleep:
    case Kind::up:
      m_spell.reset();
      m_count = 0;
      break;
    case Kind::cry:
      if (!m_cry_start || (m_last_checkin_end && e.start >= *m_last_checkin_end)) {
        m_cry_start = e.start;
      }
      break;
    default: break;
    }
  }

  /// The number the next check-in gets.
  int next_k() const { return m_count + 1; }

  /// Where the next check-in's wait counts from; nullopt outside a spell.
  std::optional<Instant> anchor() const
  {
    if (!m_spell) {
      return m_cry_start;
    }
    if (m_last_checkin_end) {
      return m_timer_crying && m_cry_start ? std::max(*m_last_checkin_end, *m_cry_start)
                                           : *m_last_checkin_end;
    }
    return m_timer_crying && m_cry_start ? std::max(*m_spell, *m_cry_start) : *m_spell;
  }

  /// Counts a check-in.
  void checkin(const Event& e)
  {
    ++m_count;
    m_last_checkin_end = e.end.value_or(e.start);
  }

  bool in_spell() const { return m_spell.has_value(); }

private:
  bool m_timer_crying;
  std::optional<Instant> m_spell;
  std::optional<Instant> m_last_checkin_end;
  std::optional<Instant> m_cry_start;
  int m_count = 0;
};

} // namespace

std::string_view timing_name(Timing timing)
{
  switch (timing) {
  case Timing::on_time: return "on time";
  case Timing::early: return "early";
  case Timing::late: return "late";
  }
  return "on time";
}

std::vector<CheckinResult> checkin_results(const Plan& plan, int stage_night, const Night& night)
{
  std::vector<CheckinResult> results;
  if (plan.method != Method::ferber && plan.method != Method::checks) {
    return results;
  }
  // Only the night's own check-ins, from its put-down to its up: not those around naps.
  const NightBounds bounds = night_bounds(night.events, sleep_structure(night.events));
  SpellTracker spell(plan.timer_crying);
  for (const auto& e : night.events) {
    if (e.kind != Kind::checkin) {
      spell.see(e);
      continue;
    }
    if (!bounds.holds(e.start)) {
      continue;
    }
    CheckinResult r;
    r.checkin = e;
    r.k = spell.next_k();
    r.planned_min = wait_before(plan, stage_night, r.k);
    const auto anchor = spell.anchor();
    r.anchor = anchor.value_or(e.start);
    r.actual_min = minutes_between(r.anchor, e.start);
    // Going in with no awake spell or crying logged is going in early.
    if (!anchor || r.actual_min < r.planned_min - 1.0) {
      r.timing = Timing::early;
    } else if (r.actual_min > r.planned_min + 2.0) {
      r.timing = Timing::late;
    }
    const auto seconds = duration_seconds(e);
    r.too_long = seconds && *seconds > plan.checkin_max_s;
    results.push_back(r);
    spell.checkin(e);
  }
  return results;
}

std::optional<double> adherence_of(const std::vector<CheckinResult>& results)
{
  if (results.empty()) {
    return std::nullopt;
  }
  const auto followed = std::count_if(results.begin(), results.end(),
                                      [](const CheckinResult& r) { return r.followed(); });
  return one_decimal(100.0 * static_cast<double>(followed) / static_cast<double>(results.size()));
}

std::optional<CheckinDue> next_checkin(const Plan& plan, int stage_night, const Night& night,
                                       Instant now)
{
  if (plan.method != Method::ferber && plan.method != Method::checks) {
    return std::nullopt;
  }
  SpellTracker spell(plan.timer_crying);
  std::optional<Event> open;
  int open_k = 0; // the open check-in's number, as checkin_results counts it
  for (const auto& e : night.events) {
    if (e.start > now) {
      break;
    }
    if (e.kind == Kind::checkin) {
      open = e.end && *e.end <= now ? std::nullopt : std::optional<Event>(e);
      open_k = spell.next_k();
      spell.checkin(e);
    } else {
      spell.see(e);
      if (e.kind == Kind::asleep || e.kind == Kind::up) {
        open.reset();
      }
    }
  }
  if (!spell.in_spell()) {
    return std::nullopt;
  }
  CheckinDue due;
  due.k = open ? open_k : spell.next_k();
  due.anchor = spell.anchor().value_or(now);
  due.wait_min = wait_before(plan, stage_night, due.k);
  due.due = due.anchor + static_cast<Instant>(due.wait_min) * 60;
  due.under_way = open;
  return due;
}

PlanNight evaluate_night(const Plan& plan, const PlanDay& day, const Night& night,
                         const NightMetrics& metrics, std::optional<int> target_min)
{
  PlanNight result;
  if (!day.in_plan) {
    return result;
  }
  result.plan = std::string(method_name(plan.method));
  result.night = day.night;
  if (day.paused) {
    return result;
  }
  if (plan.method == Method::fading) {
    result.target_min = target_min;
    if (target_min && metrics.bedtime) {
      const double off = std::abs(minutes_since_noon(*metrics.bedtime) - *target_min);
      result.adherence_pct = off <= 10.0 ? 100.0 : 0.0;
    }
    return result;
  }
  result.checkins = checkin_results(plan, day.stage_night, night);
  result.adherence_pct = adherence_of(result.checkins);
  return result;
}

void apply_plan_night(const PlanNight& plan_night, NightMetrics& metrics)
{
  metrics.plan = plan_night.plan;
  metrics.plan_night = plan_night.night;
  metrics.adherence_pct = plan_night.adherence_pct;
}

PlanTally::PlanTally(const Plan& plan) : m_method(plan.method)
{
  m_summary.method = std::string(method_name(plan.method));
}

void PlanTally::add(const PlanNight& n)
{
  PlanSummary& s = m_summary;
  m_followed += static_cast<int>(std::count_if(
    n.checkins.begin(), n.checkins.end(), [](const CheckinResult& c) { return c.followed(); }));
  if (n.plan.empty()) {
    return;
  }
  if (!n.night) {
    ++s.paused_nights;
    return;
  }
  s.first_night = s.first_night ? std::min(*s.first_night, *n.night) : *n.night;
  s.last_night = s.last_night ? std::max(*s.last_night, *n.night) : *n.night;
  for (const auto& c : n.checkins) {
    ++s.checkins;
    s.on_time += c.timing == Timing::on_time ? 1 : 0;
  }
  if (m_method == Method::fading && n.adherence_pct) {
    m_adherence_sum += *n.adherence_pct;
    ++m_adherence_nights;
  }
}

PlanSummary PlanTally::result() const
{
  PlanSummary s = m_summary;
  if (s.checkins > 0) {
    s.on_time_pct = one_decimal(100.0 * s.on_time / s.checkins);
    s.adherence_pct = one_decimal(100.0 * m_followed / s.checkins);
  } else if (m_adherence_nights > 0) {
    s.adherence_pct = one_decimal(m_adherence_sum / m_adherence_nights);
  }
  return s;
}

PlanSummary summarise_plan(const Plan& plan, const std::vector<PlanNight>& nights)
{
  PlanTally tally(plan);
  for (const auto& n : nights) {
    tally.add(n);
  }
  return tally.result();
}

} // namespace sleeplog::model
