// The date/tz library behind the plain door of tzdb.hpp. Built twice: into the module
// sleeplog-tzdb.so that the program loads on demand, and into test programs directly.
#include "tzdb.hpp"

#include <chrono>
#include <date/tz.h>
#include <exception>

namespace {

using Seconds = std::chrono::seconds;

const void* locate(const char* name) noexcept
{
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr; // an unknown name, or no database to find it in
  }
}

bool offset_at(const void* zone, std::int64_t instant, std::int64_t* from, std::int64_t* until,
               int* offset) noexcept
{
  try {
    const auto* tz = static_cast<const date::time_zone*>(zone);
    const date::sys_info info = tz->get_info(date::sys_seconds{Seconds{instant}});
    *from = info.begin.time_since_epoch().count();
    *until = info.end.time_since_epoch().count();
    *offset = static_cast<int>(info.offset.count());
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int resolve(const void* zone, std::int64_t wall, int offsets[2]) noexcept
{
  try {
    const auto* tz = static_cast<const date::time_zone*>(zone);
    const date::local_info info = tz->get_info(date::local_seconds{Seconds{wall}});
    switch (info.result) {
    case date::local_info::unique:
      offsets[0] = static_cast<int>(info.first.offset.count());
      return 1;
    case date::local_info::ambiguous: // the earlier instant has the larger (summer) offset
      offsets[0] = static_cast<int>(info.first.offset.count());
      offsets[1] = static_cast<int>(info.second.offset.count());
      return 2;
    default: // nonexistent: the clocks jumped over this wall time
      return 0;
    }
  } catch (const std::exception&) {
    return -1;
  }
}

constexpr SleeplogTzdb table{locate, offset_at, resolve};

} // namespace

extern "C" __attribute__((visibility("default"))) const SleeplogTzdb* sleeplog_tzdb_v1()
{
  return &table;
}
