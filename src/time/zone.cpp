// Zones through the C library: libstdc++ 12 has no std::chrono zone support, so a named
// zone briefly becomes the process TZ while localtime_r reads its offset. The switch is
// skipped when TZ already names the zone, which is the usual case (Zone::local()), and
// remembered per day otherwise.
#include <sleeplog/time/zone.hpp>

#include "lexer.hpp"
#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace sleeplog::time {

namespace {

constexpr const char* zoneinfo_dir = "/usr/share/zoneinfo";

// Serialises TZ switches: TZ and tzset() are process-wide state.
std::mutex& tz_mutex()
{
  static std::mutex mutex;
  return mutex;
}

// Makes TZ name the given zone for the guard's lifetime, restoring the old value after.
class TzSwitch
{
public:
  explicit TzSwitch(const std::string& zone_name)
  {
    const char* current = std::getenv("TZ");
    if (current != nullptr && zone_name == current) {
      return;
    }
    if (current != nullptr) {
      m_saved = std::string{current};
    }
    setenv("TZ", zone_name.c_str(), 1);
    tzset();
    m_switched = true;
  }

  ~TzSwitch()
  {
    if (!m_switched) {
      return;
    }
    if (m_saved) {
      setenv("TZ", m_saved->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

  TzSwitch(const TzSwitch&) = delete;
  TzSwitch& operator=(const TzSwitch&) = delete;

private:
  std::optional<std::string> m_saved;
  bool m_switched = false;
};

// Names that could escape the zoneinfo folder or that the C library reads specially.
bool is_safe_zone_name(const std::string& name)
{
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

// True when the file is a compiled zone (the folder also holds tables such as zone.tab).
bool is_tzif_file(const std::filesystem::path& path)
{
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return false;
  }
  std::ifstream file(path, std::ios::binary);
  std::array<char, 4> magic{};
  file.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  return file && std::string_view(magic.data(), magic.size()) == "TZif";
}

// The offset at an instant in whatever zone TZ names now; tz_mutex() must be held.
int offset_in_current_tz(Instant instant)
{
  const auto seconds = static_cast<std::time_t>(instant);
  std::tm local{};
  if (localtime_r(&seconds, &local) == nullptr) {
    return 0;
  }
  return static_cast<int>(local.tm_gmtoff);
}

// The offset in a zone other than TZ's. Switching TZ re-reads the zone file (~30 us), so
// whole UTC days with one offset at both ends are remembered per zone: no zone changes
// its offset twice within a day and back. tz_mutex() must be held.
int offset_switching_tz(const std::string& zone_name, Instant instant)
{
  constexpr std::int64_t day_seconds = 86400;
  constexpr std::size_t max_days_kept = 200000;
  static std::map<std::string, std::unordered_map<std::int64_t, int>> steady_days;
  auto& days = steady_days[zone_name];
  const std::int64_t day = instant / day_seconds - (instant % day_seconds < 0 ? 1 : 0);
  if (const auto found = days.find(day); found != days.end()) {
    return found->second;
  }
  const TzSwitch tz(zone_name);
  const int at_start = offset_in_current_tz(day * day_seconds);
  if (at_start != offset_in_current_tz(day * day_seconds + day_seconds - 1)) {
    return offset_in_current_tz(instant);
  }
  if (days.size() >= max_days_kept) {
    days.clear();
  }
  days.emplace(day, at_start);
  return at_start;
}

} // namespace

Zone Zone::local()
{
  Zone zone;
  const char* tz = std::getenv("TZ");
  zone.m_name = tz != nullptr ? tz : "";
  return zone;
}

Expected<Zone> Zone::named(const std::string& name)
{
  if (!is_safe_zone_name(name) || !is_tzif_file(std::filesystem::path(zoneinfo_dir) / name)) {
    return make_error("unknown time zone '" + name + "'",
                      "use an IANA zone name such as Europe/Berlin or America/New_York (see " +
                        std::string(zoneinfo_dir) + ")");
  }
  Zone zone;
  zone.m_name = name;
  return zone;
}

Zone Zone::fixed(int offset_seconds)
{
  Zone zone;
  zone.m_fixed = true;
  zone.m_fixed_offset = offset_seconds;
  zone.m_name = "UTC" + lexer::format_offset(offset_seconds);
  return zone;
}

int Zone::offset_at(Instant instant) const
{
  if (m_fixed) {
    return m_fixed_offset;
  }
  if (m_name.empty()) // an unset or empty TZ means UTC (the header's promise)
  {
    return 0;
  }
  const std::lock_guard lock(tz_mutex());
  const char* current = std::getenv("TZ");
  if (current != nullptr && m_name == current) {
    tzset(); // cheap when TZ is unchanged; catches a TZ set since the library last read it
    return offset_in_current_tz(instant);
  }
  return offset_switching_tz(m_name, instant);
}

CivilTime Zone::to_civil(Instant instant) const
{
  return local_civil(instant, offset_at(instant));
}

std::vector<Instant> Zone::resolve(const CivilTime& civil) const
{
  // Any offset that can apply to this wall time is in force within a day of it.
  constexpr std::int64_t day = 86400;
  const std::int64_t wall = civil_to_seconds(civil);
  std::vector<Instant> found;
  for (const int offset : {offset_at(wall - day), offset_at(wall), offset_at(wall + day)}) {
    const Instant candidate = wall - offset;
    if (to_civil(candidate) == civil) {
      found.push_back(candidate);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

} // namespace sleeplog::time
