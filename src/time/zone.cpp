// Zones through date/tz.h (Debian's libhowardhinnant-date, built with USE_OS_TZDB: it reads
// the compiled zones in /usr/share/zoneinfo, the same files the C library reads, but scans
// all of them, some 650 files, before it hands out any). The local zone skips that scan:
// its one file is read by tzif.cpp, which answers as the library does. The library answers
// "which offset at this instant" (sys_info) and "which instants have this wall time"
// (local_info: unique, nonexistent or ambiguous) for any zone, so no zone is assumed to
// change its offset at most once a day.
#include <sleeplog/time/tzif.hpp>
#include <sleeplog/time/zone.hpp>

#include "lexer.hpp"
#include <algorithm>
#include <chrono>
#include <date/tz.h>
#include <exception>
#include <filesystem>
#include <system_error>

namespace sleeplog::time {

namespace {

constexpr const char* zoneinfo_dir = "/usr/share/zoneinfo";
constexpr const char* localtime_link = "/etc/localtime";

// Names that could escape the zoneinfo folder; the library would try to open them.
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

Error unknown_zone(const std::string& name, const std::string& where)
{
  return make_error("unknown time zone '" + name + "'" + where,
                    "use an IANA zone name such as Europe/Berlin or America/New_York (see " +
                      std::string(zoneinfo_dir) + ")");
}

// The zone /etc/localtime links to ("Europe/Berlin"), or "" when it is not such a link.
std::string system_zone_name()
{
  std::error_code error;
  const auto target = std::filesystem::read_symlink(localtime_link, error);
  if (error) {
    return {};
  }
  const std::string text = target.lexically_normal().string();
  const std::string marker = "zoneinfo/";
  const std::size_t at = text.rfind(marker);
  return at == std::string::npos ? std::string() : text.substr(at + marker.size());
}

using Seconds = std::chrono::seconds;

date::sys_seconds sys_at(Instant instant)
{
  return date::sys_seconds{Seconds{instant}};
}

Instant instant_of(date::sys_seconds at)
{
  return at.time_since_epoch().count();
}

} // namespace

Expected<Zone> Zone::from_tz_variable(const std::optional<std::string>& tz)
{
  if (!tz) {
    const std::string name = system_zone_name();
    if (name.empty()) {
      return Zone{}; // no zone configured: UTC, as the C library does
    }
    return local_file(name, name, " (from " + std::string(localtime_link) + ")");
  }
  if (tz->empty()) {
    return Zone{};
  }
  const std::string name = tz->front() == ':' ? tz->substr(1) : *tz;
  return local_file(name, *tz, " in TZ");
}

Expected<Zone> Zone::local_file(const std::string& name, const std::string& shown,
                                const std::string& where)
{
  if (!is_safe_zone_name(name)) {
    return unknown_zone(shown, where);
  }
  auto rules = tzif::Rules::load(std::string(zoneinfo_dir) + "/" + name);
  if (!rules) {
    return unknown_zone(shown, where);
  }
  Zone zone;
  zone.m_name = name;
  zone.m_file = std::move(rules);
  return zone;
}

Expected<Zone> Zone::named(const std::string& name)
{
  if (!is_safe_zone_name(name)) {
    return unknown_zone(name, "");
  }
  const date::time_zone* found = nullptr;
  try {
    found = date::locate_zone(name);
  } catch (const std::exception&) {
    return unknown_zone(name, "");
  }
  Zone zone;
  zone.m_name = name;
  zone.m_zone = found;
  return zone;
}

Zone Zone::fixed(int offset_seconds)
{
  Zone zone;
  zone.m_fixed_offset = offset_seconds;
  zone.m_name = "UTC" + lexer::format_offset(offset_seconds);
  return zone;
}

int Zone::offset_at(Instant instant) const
{
  if (m_file) {
    const tzif::Span span = m_file->span_at(instant);
    return span.offset;
  }
  if (m_zone == nullptr) {
    return m_fixed_offset;
  }
  if (instant >= m_cached_from && instant < m_cached_until) {
    return m_cached_offset;
  }
  const date::sys_info info = m_zone->get_info(sys_at(instant));
  m_cached_from = instant_of(info.begin);
  m_cached_until = instant_of(info.end);
  m_cached_offset = static_cast<int>(info.offset.count());
  return m_cached_offset;
}

CivilTime Zone::to_civil(Instant instant) const
{
  return local_civil(instant, offset_at(instant));
}

std::vector<Instant> Zone::resolve(const CivilTime& civil) const
{
  const std::int64_t wall = civil_to_seconds(civil);
  if (m_file) {
    return m_file->resolve(wall);
  }
  if (m_zone == nullptr) {
    return {wall - m_fixed_offset};
  }
  const date::local_info info = m_zone->get_info(date::local_seconds{Seconds{wall}});
  switch (info.result) {
  case date::local_info::unique: return {wall - info.first.offset.count()};
  case date::local_info::ambiguous:
    return {wall - info.first.offset.count(), wall - info.second.offset.count()};
  default: // nonexistent: the clocks jumped over this wall time
    return {};
  }
}

} // namespace sleeplog::time
