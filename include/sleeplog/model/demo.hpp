// The demo family: a deterministic, realistic history of sleep training for `demo` and
// for benchmarks: a hard baseline week, steady improvement with setbacks (a teething
// week, a bad night after travel), naps every day, two caregivers.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/time/zone.hpp>

#include <cstdint>
#include <functional>

namespace sleeplog::model {

/// What to generate.
struct DemoOptions
{
  int nights = 42;
  std::uint64_t seed = 1;
  time::Date last_night; // the evening of the last night generated
  std::int64_t child_id = 0;
  int sick_night = -1; // index of a night the child is ill (a hard night), or -1
  int plan_from = -1;  // index of Ferber's night 1 (check-ins follow its waits), or -1
};

/// Calls emit for each generated event in start order (ids 0, uuids set, offsets from
/// the zone). The same options always give the same events.
void generate_demo(const DemoOptions& options, const time::Zone& zone,
                   const std::function<void(Event&)>& emit);

} // namespace sleeplog::model
