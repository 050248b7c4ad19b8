// Zones. The local zone's one file is read by tzif.cpp. A zone named otherwise comes from
// the date/tz library (Debian's libhowardhinnant-date, built with USE_OS_TZDB: it reads the
// compiled zones in /usr/share/zoneinfo, the same files the C library reads, but scans all
// of them, some 650 files, before it hands out any) through the plain door of
// tzdb/tzdb.hpp: in the program, the module sleeplog-tzdb.so, loaded the first time such a
// zone is named. The library answers "which offset at this instant" (sys_info) and "which
// instants have this wall time" (local_info: unique, nonexistent or ambiguous) for any
// zone, so no zone is assumed to change its offset at most once a day.
#include <sleeplog/time/tzif.hpp>
#include <sleeplog/time/zone.hpp>

#include "lexer.hpp"
#include "tzdb/tzdb.hpp"
#include <algorithm>
#include <dlfcn.h>
#include <filesystem>
#include <stdexcept>
#include <system_error>

// Defined when tzdb.cpp is linked in (test programs, sanitized builds); null in the
// program, which loads it from the module instead.
extern "C" __attribute__((weak)) const SleeplogTzdb* sleeplog_tzdb_v1();

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

constexpr const char* tzdb_module = "sleeplog-tzdb.so";

// Where the module may be: beside the program (the build folder), then where `cmake
// --install` puts it relative to the program (SLEEPLOG_TZDB_FROM_BINDIR, say
// "../lib/sleeplog"). Never a search of LD_LIBRARY_PATH: the module is sleeplog's own.
std::vector<std::string> tzdb_module_paths()
{
  std::error_code error;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return {};
  }
  const std::filesystem::path folder = program.parent_path();
  std::vector<std::string> paths{(folder / tzdb_module).string()};
#ifdef SLEEPLOG_TZDB_FROM_BINDIR
  paths.push_back((folder / SLEEPLOG_TZDB_FROM_BINDIR / tzdb_module).lexically_normal().string());
#endif
  return paths;
}

struct LoadedTzdb
{
  const SleeplogTzdb* table = nullptr;
  std::string why; // when table is null: what went wrong, for the message
};

LoadedTzdb load_tzdb_module()
{
  std::string looked; // the paths with no file
  for (const std::string& path : tzdb_module_paths()) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      looked += (looked.empty() ? "" : " or ") + path;
      continue;
    }
    void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (module == nullptr) {
      const char* reason = dlerror();
      return {nullptr, reason != nullptr ? reason : path};
    }
    using Entry = const SleeplogTzdb* (*)();
    // dlsym hands out every symbol as void*; POSIX guarantees a function converts back.
    auto entry = reinterpret_cast<Entry>(dlsym(module, "sleeplog_tzdb_v1"));
    if (entry == nullptr) {
      dlclose(module);
      return {nullptr, path + " is not a sleeplog-tzdb module of this version"};
    }
    return {entry(), {}}; // kept loaded: its zones live as long as the process
  }
  if (looked.empty()) { // no /proc (a bare chroot): the program's folder is unknown
    return {nullptr, "the program's own folder is unknown (/proc/self/exe cannot be read)"};
  }
  return {nullptr, "no " + std::string(tzdb_module) + " at " + looked};
}

// The date/tz door: linked in, or the module loaded once.
Expected<const SleeplogTzdb*> tzdb()
{
  if (sleeplog_tzdb_v1 != nullptr) {
    return sleeplog_tzdb_v1();
  }
  static const LoadedTzdb loaded = load_tzdb_module();
  if (loaded.table == nullptr) {
    return make_error("cannot load the time zone database: " + loaded.why,
                      "a zone named with --tz needs the module installed with sleeplog; "
                      "reinstall sleeplog. The local zone (TZ) needs no module");
  }
  return loaded.table;
}

const SleeplogTzdb& tzdb_of_a_named_zone()
{
  auto table = tzdb();
  if (!table) { // a zone with a handle was made through it, so it has loaded before
    throw std::logic_error("time zone database lost");
  }
  return **table;
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
  auto table = tzdb();
  if (!table) {
    return table.error();
  }
  const void* found = (*table)->locate(name.c_str());
  if (found == nullptr) {
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
  if (!tzdb_of_a_named_zone().offset_at(m_zone, instant, &m_cached_from, &m_cached_until,
                                        &m_cached_offset)) {
    throw std::runtime_error("the time zone database failed for " + m_name);
  }
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
  int offsets[2] = {0, 0};
  switch (tzdb_of_a_named_zone().resolve(m_zone, wall, offsets)) {
  case 0: return {}; // the clocks jumped over this wall time
  case 1: return {wall - offsets[0]};
  case 2: return {wall - offsets[0], wall - offsets[1]};
  default: throw std::runtime_error("the time zone database failed for " + m_name);
  }
}

} // namespace sleeplog::time
