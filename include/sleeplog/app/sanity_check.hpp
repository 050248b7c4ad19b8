// The sanity rules of a sleep log that `check` applies (DESIGN §4.5): a second put-down,
// an `up` followed by `asleep`, an evening catnap and a rebuilt night are real life; a
// moment that repeats the state, an overlap, a future event and an interval over 24 h
// are problems, each named by its events' ids.
#pragma once

#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sleeplog::app {

/// What check_events() found in one child's events.
struct EventCheck
{
  /// One line per problem, naming the events ("#12 woke 2026-11-20 23:10 and ...").
  std::vector<std::string> problems;
  /// How many events were read.
  std::int64_t events = 0;
};

/// Walks every event of `child` in start order, at `now`, and collects what does not make
/// sense; `child_option` ends the commands a problem names (" -c Leo" once there are two).
EventCheck check_events(const store::Store& store, const store::Child& child, time::Instant now,
                        std::string child_option);

} // namespace sleeplog::app
