// Events for model tests, written as wall-clock times at a fixed offset (EST unless
// given), so that each test reads like the diary it checks.
#pragma once

#include <sleeplog/model/event.hpp>

namespace sleeplog::test {

/// UTC-05:00, New York in winter.
constexpr int est = -5 * 3600;

/// A point event at hour:minute on date, at the offset.
inline model::Event at(model::Kind kind, time::Date date, int hour, int minute, int offset_s = est)
{
  model::Event event;
  event.kind = kind;
  event.offset_s = offset_s;
  event.start = time::civil_to_seconds({date, hour, minute, 0}) - offset_s;
  return event;
}

/// An interval event starting at hour:minute on date and lasting minutes_long minutes.
inline model::Event span(model::Kind kind, time::Date date, int hour, int minute, int minutes_long)
{
  model::Event event = at(kind, date, hour, minute);
  event.end = event.start + minutes_long * 60;
  return event;
}

} // namespace sleeplog::test
