// Time zones: the UTC offset in force at an instant, and the instants a wall-clock
// time names (none in a spring-forward gap, two in a fall-back overlap).
#pragma once

#include <sleeplog/time/civil.hpp>
#include <sleeplog/util/expected.hpp>

#include <string>
#include <vector>

namespace sleeplog::time {

/// An IANA time zone (or whatever TZ names); read from the system's tz database.
class Zone
{
public:
  /// The zone of the TZ environment variable (UTC when unset or empty).
  static Zone local();

  /// A zone by IANA name such as "Europe/Berlin"; an error when the name is unknown.
  static Expected<Zone> named(const std::string& name);

  /// A fixed offset with no DST, seconds east of UTC (used by tests and explicit offsets).
  static Zone fixed(int offset_seconds);

  /// The zone's name as given ("" for local from an unset TZ).
  const std::string& name() const { return m_name; }

  /// The UTC offset in force at an instant, seconds east of UTC.
  int offset_at(Instant instant) const;

  /// The wall-clock time of an instant in this zone.
  CivilTime to_civil(Instant instant) const;

  /// Every instant whose wall-clock time is `civil`, earliest first: none in a gap,
  /// one normally, two in an overlap.
  std::vector<Instant> resolve(const CivilTime& civil) const;

private:
  std::string m_name;
  bool m_fixed = false;
  int m_fixed_offset = 0;
};

} // namespace sleeplog::time
