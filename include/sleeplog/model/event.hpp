// Events: the one thing sleeplog stores. Everything else (nights, metrics, reports)
// is computed from events when asked.
#pragma once

#include <sleeplog/time/civil.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sleeplog::model {

using time::Instant;

/// What an event records (DESIGN §4.1).
enum class Kind { bed, asleep, woke, up, cry, checkin, feed, nap, note };

/// Every kind, in the order of DESIGN §4.1.
inline constexpr std::array<Kind, 9> all_kinds{Kind::bed,  Kind::asleep, Kind::woke,
                                               Kind::up,   Kind::cry,    Kind::checkin,
                                               Kind::feed, Kind::nap,    Kind::note};

/// The kind's name as typed and exported ("checkin").
std::string_view kind_name(Kind kind);

/// The kind named by `name`, or nullopt.
std::optional<Kind> parse_kind(std::string_view name);

/// True for kinds that span an interval (cry, checkin, feed, nap).
bool is_interval(Kind kind);

/// One logged event. `end` is set only for intervals, and empty while one is open.
struct Event
{
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t child_id = 0;
  Kind kind = Kind::note;
  Instant start = 0;
  std::optional<Instant> end;
  int offset_s = 0; // UTC offset in force at start, seconds east
  std::string by;
  std::string note;
};

/// Seconds from start to end, or nullopt while open or for point events.
std::optional<std::int64_t> duration_seconds(const Event& event);

/// The first and last years an event may fall in (local time): every export of them
/// imports back exactly.
constexpr int first_year = 1900;
constexpr int last_year = 2199;

/// Why `text` (a note, a name) cannot be stored, or "" when it can: it must be UTF-8
/// and hold no NUL. `what` names the field in the message ("note").
std::string text_problem(std::string_view what, std::string_view text);

/// text_problem, and also no control character (C0, DEL, C1): what a one-line text
/// (a tag word, a tag note, a plan position) must be.
std::string stored_text_problem(std::string_view what, std::string_view text);

/// Why the event cannot be stored, or "" when it can: start and end within
/// first_year..last_year in local time, note and by valid text.
std::string event_problem(const Event& event);

/// The local civil time of the event's start, at its own stored offset.
time::CivilTime local_start(const Event& event);

} // namespace sleeplog::model
