// Wall-clock times as other apps write them ("12/12/20 7:47 PM", "2020-12-12 19:47",
// "12/12/2020 7:47:00 PM", "1/5/20, 19:30"), and the instants they name in a zone.
#pragma once

#include <sleeplog/time/civil.hpp>
#include <sleeplog/time/zone.hpp>

#include <optional>
#include <string_view>

namespace sleeplog::exchange {

/// A wall-clock time, with the UTC offset when the text gave one.
struct WallTime
{
  time::CivilTime civil;
  std::optional<int> offset_s;
};

/// Reads a date (Y-M-D, or M/D/YY or M/D/YYYY), then a time H:MM[:SS] with an optional
/// AM/PM and an optional Z or ±HH:MM, separated by spaces, a comma or a T.
std::optional<WallTime> parse_wall_time(std::string_view text);

/// An instant with the UTC offset in force there.
struct ZonedInstant
{
  time::Instant at = 0;
  int offset_s = 0;
};

/// The instant a wall time names: by its own offset if it has one, else in `zone`. In a
/// fall-back overlap the earliest at or after `not_before` (the earliest when none is);
/// in a spring-forward gap the clock is read with the offset from before the gap.
ZonedInstant resolve_wall_time(const WallTime& wall, const time::Zone& zone,
                               std::optional<time::Instant> not_before = std::nullopt);

} // namespace sleeplog::exchange
