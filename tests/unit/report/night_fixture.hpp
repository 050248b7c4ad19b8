// Hand-built nights at -05:00 for the report tests: DESIGN §5.1's worked night and a
// simpler night before it.
#pragma once

#include <sleeplog/model/night.hpp>
#include <sleeplog/time/civil.hpp>

#include <optional>

namespace fixture {

using namespace sleeplog;

inline constexpr int est = -5 * 3600;

/// The instant of a local time on a date at the given offset.
inline model::Instant at(time::Date date, int hour, int minute, int offset = est)
{
  return time::civil_to_seconds({date, hour, minute, 0}) - offset;
}

/// An event; `end_date` with `end_hour` < 0 means no end.
inline model::Event event(std::int64_t id, model::Kind kind, time::Date date, int hour, int minute,
                          std::optional<model::Instant> end = std::nullopt, int offset = est)
{
  model::Event e;
  e.id = id;
  e.kind = kind;
  e.start = at(date, hour, minute, offset);
  e.end = end;
  e.offset_s = offset;
  return e;
}

/// DESIGN §5.1's worked night of Fri 27 Nov 2026, with a cry at the first waking and a
/// check-in at the second.
inline model::Night worked_night()
{
  using K = model::Kind;
  const time::Date d{2026, 11, 27};
  const time::Date n{2026, 11, 28};
  model::Night night;
  night.date = d;
  night.naps = {event(1, K::nap, d, 9, 30, at(d, 10, 15)),
                event(2, K::nap, d, 13, 0, at(d, 14, 30))};
  night.events = {event(3, K::bed, d, 19, 0),
                  event(4, K::asleep, d, 19, 20),
                  event(5, K::woke, d, 23, 10),
                  event(6, K::cry, d, 23, 11, at(d, 23, 20)),
                  event(7, K::asleep, d, 23, 25),
                  event(8, K::woke, n, 2, 0),
                  event(9, K::checkin, n, 2, 5, at(n, 2, 8)),
                  event(10, K::asleep, n, 2, 40),
                  event(11, K::woke, n, 6, 10),
                  event(12, K::up, n, 6, 30)};
  night.events[6].note = "quiet\nvoice";
  night.events[6].by = "Sam";
  return night;
}

/// Thu 26 Nov: bed 19:30, asleep 20:10, woke 01:00, asleep 01:30, up 06:00; no naps.
inline model::Night night_before()
{
  using K = model::Kind;
  const time::Date d{2026, 11, 26};
  const time::Date n{2026, 11, 27};
  model::Night night;
  night.date = d;
  night.events = {event(20, K::bed, d, 19, 30), event(21, K::asleep, d, 20, 10),
                  event(22, K::woke, n, 1, 0), event(23, K::asleep, n, 1, 30),
                  event(24, K::up, n, 6, 0)};
  return night;
}

} // namespace fixture
