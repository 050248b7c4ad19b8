// Time zones: the UTC offset in force at an instant, and the instants a wall-clock
// time names (none in a spring-forward gap, two in a fall-back overlap). Zones come from
// the system's IANA database through Howard Hinnant's date/tz library; a zone is a value
// passed in like `now`, and nothing here reads or changes the process environment.
#pragma once

#include <sleeplog/time/civil.hpp>
#include <sleeplog/util/expected.hpp>

#include <future>
#include <optional>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace sleeplog::time {

/// An IANA time zone, or a fixed UTC offset.
class Zone
{
public:
  /// UTC, which a default-constructed zone is.
  Zone() = default;

  /// The local zone as the TZ variable names it: unset → the zone /etc/localtime links to
  /// (UTC when there is none), "" → UTC, "Name" or ":Name" → that IANA zone; an error
  /// for any other value, so a typo is never silently UTC.
  static Expected<Zone> from_tz_variable(const std::optional<std::string>& tz);

  /// A zone by IANA name such as "Europe/Berlin"; an error when the name is unknown.
  static Expected<Zone> named(const std::string& name);

  /// Starts reading the tz database on another thread and returns its completion: the
  /// library scans /usr/share/zoneinfo (some 650 files) before it hands out any zone, and
  /// a command can parse its arguments meanwhile. Zones named later wait for it.
  static std::future<void> preload();

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
  std::string m_name = "UTC";
  const date::time_zone* m_zone = nullptr; // owned by the library's database; null: fixed
  int m_fixed_offset = 0;
  // The last offset looked up and the instants [from, until) it holds for: logging and
  // reports ask about nearby instants over and over.
  mutable Instant m_cached_from = 0;
  mutable Instant m_cached_until = 0;
  mutable int m_cached_offset = 0;
};

} // namespace sleeplog::time
