// Night assembly (SPEC §4). Events arrive in start order; a `bed` opens a bracket that
// keeps the night together across midnight, naps follow their calendar date and any
// other event falls on one side of the night boundary.
#include <sleeplog/model/night.hpp>

#include <limits>
#include <utility>

namespace sleeplog::model {

namespace {

constexpr Instant bracket_limit_s = 24 * 60 * 60;

// A night may still receive events whose local date is up to this many days later
// (a bracket lasts 24 h and offsets shift the local date by at most a day).
constexpr std::int64_t emit_after_days = 3;

} // namespace

time::Date night_by_boundary(const Event& event, int boundary_min)
{
  const time::CivilTime local = local_start(event);
  const int minute_of_day = local.hour * 60 + local.minute;
  return minute_of_day >= boundary_min ? local.date : time::add_days(local.date, -1);
}

NightAssembler::NightAssembler(int boundary_min, Sink sink)
  : m_boundary_min(boundary_min), m_sink(std::move(sink))
{}

void NightAssembler::add(const Event& event)
{
  const time::Date local_date = local_start(event).date;
  flush_before(time::days_from_date(local_date) - emit_after_days);

  time::Date night_date;
  if (event.kind == Kind::nap) {
    // Naps never join a bracket and do not end one: they belong to their own day.
    night_date = local_date;
  } else if (event.kind == Kind::bed) {
    night_date = night_by_boundary(event, m_boundary_min);
    m_in_bracket = true;
    m_bracket_night = night_date;
    m_bracket_limit = event.start + bracket_limit_s;
  } else if (m_in_bracket && event.start < m_bracket_limit) {
    night_date = m_bracket_night;
    m_in_bracket = event.kind != Kind::up;
  } else {
    m_in_bracket = false;
    night_date = night_by_boundary(event, m_boundary_min);
  }

  Night& night = m_pending[time::days_from_date(night_date)];
  night.date = night_date;
  night.child_id = event.child_id;
  (event.kind == Kind::nap ? night.naps : night.events).push_back(event);
  m_last_night = night_date;
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
    m_sink(std::move(night));
  }
}

std::vector<Night> assemble_nights(const std::vector<Event>& events, int boundary_min)
{
  std::vector<Night> nights;
  NightAssembler assembler(boundary_min,
                           [&nights](Night&& night) { nights.push_back(std::move(night)); });
  for (const Event& event : events) {
    assembler.add(event);
  }
  assembler.finish();
  return nights;
}

} // namespace sleeplog::model
