// The one door to Howard Hinnant's date/tz library (Debian's libdate-tz, which reads the
// system's IANA database), in plain C types. Only a zone other than the local one goes
// through it (`import --tz`); the local zone is read from its own file by tzif.cpp.
//
// The door is C so that it can sit in a module of its own, sleeplog-tzdb.so, which the
// program loads only when such a zone is named. libdate-tz is a C++ library built against
// the shared libstdc++: linked into the program, every run, even `--version`, would load
// and relocate libstdc++.so, libdate-tz.so and libgcc_s.so before main. The program links
// libstdc++ into itself instead, and the module brings the shared one only when it is
// loaded. Nothing but these plain values crosses between the two: no C++ object, no
// exception, no memory one side frees for the other.
//
// Test programs and sanitized builds link tzdb.cpp itself; zone.cpp then finds
// sleeplog_tzdb_v1 defined and loads nothing (docs/DESIGN.md §3).
#pragma once
#include <cstdint>

extern "C" {

/// What the module answers. Every function is noexcept and never throws across.
struct SleeplogTzdb
{
  /// The zone of an IANA name such as "Europe/Berlin", or null when there is none.
  const void* (*locate)(const char* name);
  /// The offset in force at `instant` (seconds east of UTC), and the instants
  /// [*from, *until) it holds for. False when the library failed.
  bool (*offset_at)(const void* zone, std::int64_t instant, std::int64_t* from, std::int64_t* until,
                    int* offset);
  /// How many instants have the wall time `wall` (seconds since the epoch as if UTC):
  /// 0 in a gap, 1, or 2 in an overlap, with their offsets in `offsets`, earliest instant
  /// first; -1 when the library failed.
  int (*resolve)(const void* zone, std::int64_t wall, int offsets[2]);
};

/// The table above. "v1" is the shape of the table: a change to it renames the symbol, so
/// a program never uses a module of another shape.
const SleeplogTzdb* sleeplog_tzdb_v1();
}
