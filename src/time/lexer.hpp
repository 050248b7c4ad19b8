// The pieces the time grammar is made of (clock times, offsets, durations, day words),
// each read from one lower-cased token. Internal to the time layer.
#pragma once

#include <sleeplog/time/civil.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sleeplog::time::lexer {

/// A time of day as typed. `clock_face` marks an hour 1-12 written without am/pm and
/// without a leading zero ("8:05", "12:30", "3"): it names both readings of the clock
/// face (DESIGN §3.2, the clock-face rule), `hour` being the morning one as typed.
struct Clock
{
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool clock_face = false;
};

/// A clock time that may carry an explicit UTC offset ("21:30-05:00", "21:30Z").
struct ClockWithOffset
{
  Clock clock;
  std::optional<int> offset_seconds;
};

/// Why a duration could not be read.
enum class DurationProblem { none, garbage, calendar_unit };

/// A duration as read: seconds, or what was wrong with it.
struct DurationRead
{
  std::int64_t seconds = 0;
  DurationProblem problem = DurationProblem::none;
};

/// The token in ASCII lower case, so words and units match case-insensitively.
std::string lower(std::string_view token);

/// "21:30", "21:30:15", "9:30pm", "9pm"; am/pm only when `allow_am_pm`.
std::optional<Clock> read_clock(std::string_view token, bool allow_am_pm = true);

/// "3", "12": a bare hour 1-12 without a leading zero, read as a clock-face time.
std::optional<Clock> read_bare_hour(std::string_view token);

/// The clock's other reading on the clock face: 08:05 for 20:05 and back, 00:30 for 12:30.
Clock other_reading(const Clock& clock);

/// "0305", "2130": four digits as HHMM (a clock typed without its colon).
std::optional<Clock> read_four_digit_clock(std::string_view token);

/// "Z", "+05:00", "-0500", "+05" as seconds east of UTC (at most ±18 h).
std::optional<int> read_offset(std::string_view text);

/// A clock time optionally followed by Z or ±HH:MM (the time part of an ISO instant).
std::optional<ClockWithOffset> read_clock_with_offset(std::string_view token,
                                                      bool allow_am_pm = true);

/// "45m", "45min", "1h30m", "90s", "2h5m30s"; a bare number is minutes. No sign, no limit.
DurationRead read_duration(std::string_view token);

/// 0 = Monday … 6 = Sunday for "mon".."sun" or full English names.
std::optional<int> read_weekday(std::string_view token);

/// True for text shaped like YYYY-MM-DD, whether or not it is a real date.
bool looks_like_date(std::string_view token);

/// The civil time of a clock on a date.
CivilTime at_clock(const Date& date, const Clock& clock);

/// "+05:00" / "-04:00" / "+00:00".
std::string format_offset(int offset_seconds);

/// "01:30", or "01:30:15" when seconds are set: a wall time as the user would type it.
std::string format_wall_clock(const CivilTime& civil);

} // namespace sleeplog::time::lexer
