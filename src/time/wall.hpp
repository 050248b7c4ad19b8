// Turning a wall-clock time into one instant in a zone: the DST rules of DESIGN §3.1 (a time
// in a spring-forward gap is an error, a fall-back time takes its most recent past (an END its
// first after the start) and warns) and the "most recent past" / "first after the start" choices of
// the day. Internal to the time layer.
#pragma once

#include <sleeplog/time/zone.hpp>
#include <sleeplog/util/expected.hpp>

#include "lexer.hpp"
#include <string>

namespace sleeplog::time::wall {

/// An instant picked for a wall time, with the warning to show when it was ambiguous.
struct Picked
{
  Instant at = 0;
  std::string warning;
};

/// The zone's name for messages ("UTC" for an unset TZ).
std::string zone_label(const Zone& zone);

/// The wall time on a given day: an error in a gap, the earlier instant in an overlap.
Expected<Picked> on_day(const CivilTime& civil, const Zone& zone);

/// The wall time on a given day, an overlap taking its most recent past occurrence
/// (DESIGN §3.1); a time wholly in the future is returned as is, for the caller to refuse.
Expected<Picked> on_day_latest(const CivilTime& civil, Instant now, const Zone& zone);

/// The latest occurrence at or before `now` of the clock on `first_day` or on the days
/// `step` days apart before it (step 1: the most recent past; step 7: a weekday).
Expected<Picked> latest_at_or_before(const lexer::Clock& clock, const Date& first_day, int step,
                                     Instant now, const Zone& zone);

/// The first occurrence at or after `start` of the clock (an END after its start).
Expected<Picked> first_at_or_after(const lexer::Clock& clock, Instant start, const Zone& zone);

} // namespace sleeplog::time::wall
