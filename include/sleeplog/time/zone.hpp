// Time zones: the UTC offset in force at an instant, and the instants a wall-clock
// time names (none in a spring-forward gap, two in a fall-back overlap). The local zone is
// read from its one compiled file; a zone named otherwise comes from the system's IANA
// database through Howard Hinnant's date/tz library, which reads every zone before it
// hands out one and is loaded (as the module sleeplog-tzdb.so) only then. A zone is a
// value passed in like `now`, and nothing here reads or changes the process environment.
#pragma once

#include <sleeplog/time/civil.hpp>
#include <sleeplog/util/expected.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::time {

namespace tzif {
class Rules;
}

/// An IANA time zone, or a fixed UTC offset.
class Zone
{
public:
  /// UTC, which a default-constructed zone is.
  Zone() = default;

  /// The local zone as the TZ variable names it: unset → the zone /etc/localtime links to
  /// (UTC when there is none), "" → UTC, "Name" or ":Name" → that IANA zone; an error
  /// for any other value, so a typo is never silently UTC. Reads only that zone's file
  /// (never the whole database) and answers exactly as `named` would.
  static Expected<Zone> from_tz_variable(const std::optional<std::string>& tz);

  /// A zone by IANA name such as "Europe/Berlin"; an error when the name is unknown.
  static Expected<Zone> named(const std::string& name);

  /// A fixed offset with no DST, seconds east of UTC (used by tests and explicit offsets).
  static Zone fixed(int offset_seconds);

  /// The zone's name: the IANA name, "UTC±HH:MM" for a fixed offset, "UTC" by default.
  const std::string& name() const { return m_name; }

  /// The UTC offset in force at an instant, seconds east of UTC.
  int offset_at(Instant instant) const;

  /// The wall-clock time of an instant in this zone.
  CivilTime to_civil(Instant instant) const;

  /// Every instant whose wall-clock time is `civil`, earliest first: none in a gap,
  /// one normally, two in an overlap.
  std::vector<Instant> resolve(const CivilTime& civil) const;

private:
  // The local zone from its own file under zoneinfo; errors name `shown` and `where`.
  static Expected<Zone> local_file(const std::string& name, const std::string& shown,
                                   const std::string& where);

  std::string m_name = "UTC";
  const void* m_zone = nullptr;              // a zone of the date/tz door (tzdb/tzdb.hpp)
  std::shared_ptr<const tzif::Rules> m_file; // the local zone's own file
  // Neither: a fixed offset.
  int m_fixed_offset = 0;
  // The last offset looked up and the instants [from, until) it holds for: logging and
  // reports ask about nearby instants over and over.
  mutable Instant m_cached_from = 0;
  mutable Instant m_cached_until = 0;
  mutable int m_cached_offset = 0;
};

} // namespace sleeplog::time
