// The time grammar of SPEC §3: WHEN, END, DUR and dates as typed on the command line,
// resolved against an explicit `now` and zone (never the clock).
#pragma once

#include <sleeplog/time/civil.hpp>
#include <sleeplog/time/zone.hpp>
#include <sleeplog/util/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sleeplog::time {

/// An instant read from the command line, with how many tokens it took and any
/// warning (an ambiguous fall-back time) to show the user.
struct ParsedWhen
{
  Instant at = 0;
  std::size_t tokens_used = 0;
  std::string warning;
};

/// The accepted WHEN forms, one per line, for error messages and --help.
std::string_view when_forms_help();

/// The accepted DUR forms, for error messages and --help.
std::string_view duration_forms_help();

/// Reads a WHEN from the front of `tokens` ("now", "21:30", "9pm", "yesterday 21:30",
/// "mon 21:30", "2026-11-27 21:30", "2026-11-27T21:30-05:00", "-10m", "1h30m ago"),
/// taking the most recent past occurrence of a clock time; errors for an unparseable,
/// non-existent (DST gap) or future instant. Empty tokens mean now.
Expected<ParsedWhen> parse_when(std::span<const std::string> tokens, Instant now, const Zone& zone);

/// Reads an END for an interval starting at `start`: like WHEN, except that a bare
/// clock time means its first occurrence after `start` (so "23:50 00:20" spans
/// midnight). Errors when the end is before the start, in the future, or over 24 h later.
Expected<ParsedWhen> parse_end(std::span<const std::string> tokens, Instant start, Instant now,
                               const Zone& zone);

/// The shortest WHEN that reads back as exactly `at` when typed at `now`: "02:40",
/// "yesterday 02:40", "2026-11-25 02:40" (seconds when set), else an ISO instant with its
/// offset. For hints, which must work when typed as shown.
std::string typeable_when(Instant at, Instant now, const Zone& zone);

/// Reads a DUR ("45m", "45min", "1h", "1h30m", "90s", bare number = minutes) as seconds;
/// errors for anything else, zero, or more than 24 h.
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

/// "19:32": the local 24-hour clock at a fixed offset.
std::string format_clock(Instant instant, int offset_seconds);

/// "2026-11-27T19:32:00-05:00": ISO 8601 local time with its offset.
std::string format_iso(Instant instant, int offset_seconds);

/// "1h30m", "45m", "90s" → a duration as it can be typed back as DUR.
std::string format_duration(std::int64_t seconds);

} // namespace sleeplog::time
