// The moment a command runs at and the zone that reads it: what every question about
// "tonight", "this week" or a typed date needs (DESIGN §2.3: passed in, never read).
#pragma once

#include <sleeplog/time/zone.hpp>

namespace sleeplog::app {

/// Now and the local zone, as a command was given them.
struct Clock
{
  time::Instant now = 0;
  time::Zone zone;
};

} // namespace sleeplog::app
