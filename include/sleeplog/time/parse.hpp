// The time grammar of DESIGN §3: WHEN, END, DUR and dates as typed on the command line,
// resolved against an explicit `now` and zone (never the clock).
#pragma once

#include <sleeplog/time/civil.hpp>
#include <sleeplog/time/zone.hpp>
#include <sleeplog/util/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sleeplog::time {

/// An instant read from the command line, with how many tokens it took and any
/// warning (an ambiguous fall-back time) to show the user. `bare` marks a clock time
/// given without a date, day word or offset; `other_reading` is then the most recent past
/// of its other clock-face reading (20:05 for 08:05 and back), when there is one.
struct ParsedWhen
{
  Instant at = 0;
  std::size_t tokens_used = 0;
  std::string warning;
  bool bare = false;
  std::optional<Instant> other_reading;
};

/// The accepted WHEN forms, one per line, for error messages and --help.
std::string_view when_forms_help();

/// The whole time grammar in plain words, with examples: `sleeplog help time`.
std::string_view time_grammar_help();

/// The accepted DUR forms, for error messages and --help.
std::string_view duration_forms_help();

/// Reads a WHEN from the front of `tokens` ("now", "21:30", "9pm", "yesterday 21:30",
/// "mon 21:30", "2026-11-27 21:30", "2026-11-27T21:30-05:00", "-10m", "1h30m ago", any of
/// them after "at"), taking the most recent past occurrence of a clock time, and for a
/// clock-face time ("8:05": an hour 1-12 without am/pm or a leading zero) the most recent
/// past of its two readings; errors for an unparseable, non-existent (DST gap) or future
/// instant, and for a bare clock more than 20 h back (the slip guard). Empty tokens mean now.
Expected<ParsedWhen> parse_when(std::span<const std::string> tokens, Instant now, const Zone& zone);

/// Reads an END for an interval starting at `start`: like WHEN, except that a bare
/// clock time means its first occurrence after `start` (so "23:50 00:20" spans
/// midnight; a clock-face time the first of its two readings). Errors when the end is before the
/// start, in the future, or over 24 h later.
Expected<ParsedWhen> parse_end(std::span<const std::string> tokens, Instant start, Instant now,
                               const Zone& zone);

/// The shortest WHEN that reads back as exactly `at` when typed at `now`: "02:40",
/// "yesterday 02:40", "2026-11-25 02:40" (seconds when set), else an ISO instant with its
/// offset. For hints, which must work when typed as shown.
std::string typeable_when(Instant at, Instant now, const Zone& zone);

/// Like typeable_when, but never a bare clock time: "today 08:05", "yesterday 08:05",
/// "2026-11-25 08:05", else an ISO instant. For hints that must name one day on purpose.
std::string explicit_when(Instant at, Instant now, const Zone& zone);

/// Reads a DUR ("45m", "45min", "1h", "1h30m", "90s", "1h 20m", "24 min", "1 h 20 min",
/// bare number = minutes) as seconds; errors for anything else, zero, or more than 24 h.
Expected<std::int64_t> parse_duration(std::string_view text);

/// Reads an ISO 8601 instant with offset or Z ("2026-11-27T19:32:00-05:00"), as used by
/// SLEEPLOG_NOW and sleeplog's own CSV; the offset found is returned too.
struct IsoInstant
{
  Instant at = 0;
  int offset_seconds = 0;
};
Expected<IsoInstant> parse_iso_instant(std::string_view text);

/// Reads a DATE ("2026-11-27", "today", "yesterday", a weekday name = most recent such
/// day, today included) relative to the local date of `now`.
Expected<Date> parse_date(std::string_view text, Instant now, const Zone& zone);

/// Reads a clock time of day for a setting ("19:30", "7:30pm", "7pm", "0730", "7:30")
/// as minutes after midnight. `evening` reads a clock-face time ("7:30") as its pm
/// reading, as a bedtime setting wants; otherwise as typed.
Expected<int> parse_clock_setting(std::string_view text, bool evening);

/// "19:32": the local 24-hour clock at a fixed offset.
std::string format_clock(Instant instant, int offset_seconds);

/// "2026-11-27T19:32:00-05:00": ISO 8601 local time with its offset.
std::string format_iso(Instant instant, int offset_seconds);

/// "1h30m", "45m", "90s" → a duration as it can be typed back as DUR.
std::string format_duration(std::int64_t seconds);

} // namespace sleeplog::time
