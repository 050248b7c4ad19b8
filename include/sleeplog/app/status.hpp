// What is going on in a night (DESIGN §4): the child's state after its latest moment,
// what is still open, and the night's counts so far, as `status` prints them.
#pragma once

#include <sleeplog/app/nights.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sleeplog::app {

/// What is going on in one night.
struct NightStatus
{
  time::Date night;
  std::string state; // settling, asleep, awake, up, or "" when only naps/notes
  std::optional<model::Event> state_event;
  std::vector<model::Event> open; // open intervals
  int wakings = 0;
  int checkins = 0;
  int cries = 0;
};

/// The state a moment of the night leaves the child in; nullptr for the other kinds.
const char* state_after(model::Kind kind);

/// The night of `night_date` as it stands (empty counts when nothing is logged there).
NightStatus night_status(const NightSource& source, time::Date night_date);

} // namespace sleeplog::app
