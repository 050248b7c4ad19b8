// Night assembly (DESIGN §4.1). Events arrive in start order; a `bed` opens a bracket that
// keeps the night together across midnight, naps follow their calendar date and any
// other event falls on one side of the night boundary.
#include <sleeplog/model/night.hpp>
#include <sleeplog/model/sleep_blocks.hpp>

#include <limits>
#include <utility>

namespace sleeplog::model {

namespace {

constexpr Instant bracket_limit_s = 24 * 60 * 60;

// How long a night may stay asleep, and how long a waking may last, before the next
// sleep event no longer continues it.
constexpr Instant asleep_limit_s = 24 * 60 * 60;
constexpr Instant awake_limit_s = 3 * 60 * 60;

// Naps logged this many days either side of a day make its naps known (`auto`).
constexpr std::int64_t nap_known_days = 2;

// A night may still receive events whose local date is up to this many days later
// (a bracket lasts 24 h and offsets shift the local date by at most a day).
constexpr std::int64_t emit_after_days = 3;

// The first day of a log has known naps only when something was logged before this hour.
constexpr int evening_hour = 18;

} // namespace

time::Date night_by_boundary(const Event& event, int boundary_min)
{
  const time::CivilTime local = local_start(event);
  const int minute_of_day = local.hour * 60 + local.minute;
  return minute_of_day >= boundary_min ? local.date : time::add_days(local.date, -1);
}

NightAssembler::NightAssembler(int boundary_min, Sink sink, NapsMode naps)
  : m_boundary_min(boundary_min), m_sink(std::move(sink)), m_naps(naps)
{}

// The night of a bed, asleep, woke or up: the night a sleep goes on in, else the bed's
// bracket, else the boundary. Updates the bracket and the sleep state.
time::Date NightAssembler::place_sleep_event(const Event& event)
{
  time::Date night_date;
  // A bed continues only a waking (a second put-down), not a sleep with no end logged.
  const bool continues =
    m_sleep_open && event.start < m_sleep_until && (event.kind != Kind::bed || m_sleep_awake);
  if (continues) {
    night_date = m_sleep_night;
  } else if (event.kind != Kind::bed && m_in_bracket && event.start < m_bracket_limit) {
    night_date = m_bracket_night;
  } else {
    night_date = night_by_boundary(event, m_boundary_min);
  }
  if (event.kind == Kind::bed) {
    m_in_bracket = true;
    m_bracket_night = night_date;
    m_bracket_limit = event.start + bracket_limit_s;
  } else if (event.kind == Kind::up) {
    m_in_bracket = false;
  }
  m_sleep_open = event.kind == Kind::asleep || event.kind == Kind::woke;
  m_sleep_awake = event.kind == Kind::woke;
  m_sleep_night = night_date;
  m_sleep_until = event.start + (event.kind == Kind::asleep ? asleep_limit_s : awake_limit_s);
  return night_date;
}

void NightAssembler::add(Event&& event)
{
  const time::CivilTime local = local_start(event);
  const time::Date local_date = local.date;
  const std::int64_t local_day = time::days_from_date(local_date);
  if (m_sees_log_start) {
    m_sees_log_start = false;
    m_first_known_day = local_day + (local.hour >= evening_hour ? 1 : 0);
  }
  flush_before(local_day - emit_after_days);

  time::Date night_date;
  if (event.kind == Kind::nap) {
    // Naps never join a bracket and do not end one: they belong to their own day.
    night_date = local_date;
    m_nap_days.insert(local_day);
  } else if (event.kind == Kind::bed || event.kind == Kind::asleep || event.kind == Kind::woke ||
             event.kind == Kind::up) {
    night_date = place_sleep_event(event);
  } else if (m_in_bracket && event.start < m_bracket_limit) {
    night_date = m_bracket_night;
  } else if (m_sleep_open && !m_sleep_awake && event.start < m_sleep_until) {
    night_date = m_sleep_night;
  } else {
    m_in_bracket = false;
    night_date = night_by_boundary(event, m_boundary_min);
  }

  Night& night = m_pending[night_date == local_date ? local_day : time::days_from_date(night_date)];
  night.date = night_date;
  night.child_id = event.child_id;
  m_last_night = night_date;
  (event.kind == Kind::nap ? night.naps : night.events).push_back(std::move(event));
}

void NightAssembler::finish()
{
  flush_before(std::numeric_limits<std::int64_t>::max());
}

void NightAssembler::flush_before(std::int64_t day)
{
  while (!m_pending.empty() && m_pending.begin()->first < day) {
    Night night = std::move(m_pending.begin()->second);
    m_pending.erase(m_pending.begin());
    settle(std::move(night));
  }
  // A night's naps are known by the naps of the days around it, sleep moved out of the
  // nights up to 2 days later included: it waits until those nights have settled.
  while (!m_settled.empty() &&
         (day == std::numeric_limits<std::int64_t>::max() ||
          time::days_from_date(m_settled.front().date) + nap_known_days < day)) {
    Night night = std::move(m_settled.front());
    m_settled.pop_front();
    emit(std::move(night));
  }
}

// Puts a nap-time event or sleep of the night of `day` with the night of its calendar
// date: this one when that date is not later, else a night still pending.
void NightAssembler::route_to_day(const Event& event, std::int64_t day, Night& night)
{
  const time::Date date = local_start(event).date;
  const std::int64_t to_day = time::days_from_date(date);
  Night& to = to_day <= day ? night : m_pending[to_day];
  to.date = to_day <= day ? to.date : date;
  to.child_id = night.child_id;
  to.around_naps.push_back(event);
}

// Sends the night's sleep outside its main sleep, and its crying and check-ins outside
// its own part, to the night of their calendar date (this one or one still pending);
// sleep moved out makes its day one with a logged nap.
void NightAssembler::settle(Night&& night)
{
  const std::int64_t day = time::days_from_date(night.date);
  const SleepStructure sleep = sleep_structure(night.events);
  for (std::size_t b = 0; b < sleep.blocks.size(); ++b) {
    const SleepBlock& block = sleep.blocks[b];
    if (b == sleep.main || block.open) {
      continue;
    }
    const Event& first = night.events[sleep.stretches[block.first].asleep];
    const OutsideSleep outside{first.start, sleep.stretches[block.last].end_at, first.offset_s,
                               static_cast<double>(block.asleep_s) / 60.0};
    const time::Date date = local_start(first).date;
    const std::int64_t to_day = time::days_from_date(date);
    m_nap_days.insert(to_day);
    if (to_day <= day) {
      night.outside_sleep.push_back(outside);
    } else {
      Night& later = m_pending[to_day];
      later.date = date;
      later.child_id = night.child_id;
      later.outside_sleep.push_back(outside);
    }
  }
  const NightBounds bounds = night_bounds(night.events, sleep);
  for (const Event& event : night.events) {
    if ((event.kind == Kind::cry || event.kind == Kind::checkin) && !bounds.holds(event.start)) {
      route_to_day(event, day, night);
    }
  }
  m_settled.push_back(std::move(night));
}

// Decides whether the night's day has known naps, and emits it.
void NightAssembler::emit(Night&& night)
{
  const std::int64_t day = time::days_from_date(night.date);
  switch (m_naps) {
  case NapsMode::logged: night.naps_known = true; break;
  case NapsMode::untracked: night.naps_known = false; break;
  case NapsMode::automatic: {
    const auto near = m_nap_days.lower_bound(day - nap_known_days);
    night.naps_known = near != m_nap_days.end() && *near <= day + nap_known_days &&
                       !(m_first_known_day && day < *m_first_known_day);
    break;
  }
  }
  m_nap_days.erase(m_nap_days.begin(), m_nap_days.lower_bound(day - nap_known_days));
  m_sink(std::move(night));
}

std::vector<Night> assemble_nights(const std::vector<Event>& events, int boundary_min,
                                   NapsMode naps)
{
  std::vector<Night> nights;
  NightAssembler assembler(
    boundary_min, [&nights](Night&& night) { nights.push_back(std::move(night)); }, naps);
  assembler.sees_log_start();
  for (const Event& event : events) {
    assembler.add(event);
  }
  assembler.finish();
  return nights;
}

} // namespace sleeplog::model
