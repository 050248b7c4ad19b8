// DUR, ISO instants, DATE and the formatting that prints times so they can be typed back.
// WHEN and END live in when.cpp.
#include <sleeplog/time/parse.hpp>

#include "lexer.hpp"
#include <array>
#include <cstdio>

namespace sleeplog::time {

namespace {

constexpr std::int64_t max_duration = 86400; // 24 h

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
std::string quoted(std::string_view text)
{
  std::string result(1, '\'');
  result += text;
  result += '\'';
  return result;
}

} // namespace

std::string_view when_forms_help()
{
  return "now (or nothing)\n"
         "21:30, 9:30pm, 9pm, 21:30:15, 6:45 am, 6 am, 0305  (the most recent past;\n"
         "  one more than 20 h back is refused: write 'yesterday 21:30')\n"
         "today 21:30, yesterday 21:30, mon 21:30\n"
         "2026-11-27 21:30, 2026-11-27T21:30[:SS], optionally with Z or +HH:MM/-HH:MM\n"
         "-10m, 10m ago, 1h30m ago, -90s, 10 min ago, 1 hour ago, an hour ago\n"
         "8:05, 7:15, 3  (an hour 1-12 without am/pm: the more recent of 08:05 and 20:05)\n"
         "any of these after 'at': asleep at 19:15";
}

std::string_view time_grammar_help()
{
  return "Times (WHEN, END) and lengths (DUR)\n"
         "\n"
         "WHEN is one of:\n"
         "  now (or nothing)\n"
         "  21:30, 9:30pm, 9pm, 21:30:15, 6:45 am, 6 am, 0305\n"
         "      the most recent past occurrence: at 00:40, 23:10 is yesterday 23:10.\n"
         "  8:05, 7:15, 3   (the clock-face rule)\n"
         "      an hour 1-12 written without am/pm and without a leading zero names both\n"
         "      readings of the clock face and means the more recent past of the two:\n"
         "      at 20:10 '8:05' is 20:05; at 07:05 '6:40' is 06:40; at 19:22 '7:15' is\n"
         "      19:15. 08:05, 20:05, 8:05 am and 8:05pm mean exactly what they say.\n"
         "  today 21:30, yesterday 21:30, mon 21:30\n"
         "  2026-11-27 21:30, 2026-11-27T21:30[:SS], optionally with Z or +HH:MM/-HH:MM\n"
         "  -10m, 10m ago, 1h30m ago, -90s, 10 min ago, 1 hour ago, an hour ago\n"
         "  a leading 'at' is allowed: asleep at 19:15\n"
         "Every form works as one quoted argument or as several words.\n"
         "\n"
         "Slip guard: a bare clock time (no date, weekday or 'yesterday') whose reading is\n"
         "more than 20 h ago is refused: at 19:02 '19:20' is in 18 min, not yet; for\n"
         "yesterday's, write 'yesterday 19:20'.\n"
         "A logging command with a bare clock time that would change the sleep of a night\n"
         "that has already ended (its up is logged) is refused; the hint gives the explicit\n"
         "form that files it there (asleep today 08:05) and the likely intended reading.\n"
         "\n"
         "Clock changes: a time in the spring-forward gap is an error; one that happens\n"
         "twice (fall-back) means its most recent past occurrence, and the warning names\n"
         "which (took the second 01:35 (-05:00)); an explicit offset picks either.\n"
         "\n"
         "END: like WHEN, but a clock time means its first occurrence after the start\n"
         "(nap 23:50 00:20 crosses midnight; nap 1:00 2:30 at 15:00 is 13:00-14:30).\n"
         "\n"
         "DUR: 45m, 45min, 45 min, 1h, 1h30m, 1h 20m, 1 h 20 min, 90s; a bare number is\n"
         "minutes; m always means minutes; at most 24h. Several words work unquoted:\n"
         "cry --for 1h 20m.\n"
         "\n"
         "Settings that hold a time of day (target-bedtime, night-boundary) take every\n"
         "clock form; for target-bedtime a bare 7:30 means 19:30.\n";
}

std::string_view duration_forms_help()
{
  return "45m, 45min, 45 min, 1h, 1h30m, 90s, 2h5m30s; a bare number is minutes; m always means "
         "minutes; at most 24h";
}

Expected<std::int64_t> parse_duration(std::string_view text)
{
  std::string token; // "45 min" and "1h 30m" read as "45min" and "1h30m"
  for (const char c : lexer::lower(text)) {
    if (c != ' ' && c != '\t') {
      token += c;
    }
  }
  const std::string hint = "DUR can be " + std::string(duration_forms_help());
  if (token.starts_with('-') && lexer::read_duration(std::string_view(token).substr(1)).problem ==
                                  lexer::DurationProblem::none) {
    return make_error("duration " + quoted(text) + " must be positive", hint);
  }
  const lexer::DurationRead read = lexer::read_duration(token);
  if (read.problem == lexer::DurationProblem::calendar_unit) {
    return make_error("cannot read duration " + quoted(text) +
                        ": there are no day, week, month or year units",
                      hint);
  }
  if (read.problem != lexer::DurationProblem::none) {
    return make_error("cannot read duration " + quoted(text), hint);
  }
  if (read.seconds == 0) {
    return make_error("duration " + quoted(text) + " is zero", "give a length such as 5m");
  }
  if (read.seconds > max_duration) {
    return make_error("duration " + quoted(text) + " is longer than 24 h",
                      "an interval lasts at most 24h; log longer stretches as separate events");
  }
  return read.seconds;
}

Expected<IsoInstant> parse_iso_instant(std::string_view text)
{
  const auto fail = [&text] {
    return make_error("cannot read instant " + quoted(text),
                      "use ISO 8601 with an offset, e.g. 2026-11-27T19:32:00-05:00 or "
                      "2026-11-28T00:32:00Z");
  };
  if (text.size() < 11 || (text[10] != 'T' && text[10] != 't')) {
    return fail();
  }
  const auto date = parse_iso_date(text.substr(0, 10));
  const auto clock = lexer::read_clock_with_offset(text.substr(11), false);
  if (!date || !clock || !clock->offset_seconds) {
    return fail();
  }
  const CivilTime civil = lexer::at_clock(*date, clock->clock);
  return IsoInstant{civil_to_seconds(civil) - *clock->offset_seconds, *clock->offset_seconds};
}

Expected<Date> parse_date(std::string_view text, Instant now, const Zone& zone)
{
  const std::string token = lexer::lower(text);
  const Date today = zone.to_civil(now).date;
  if (token == "today") {
    return today;
  }
  if (token == "yesterday") {
    return add_days(today, -1);
  }
  if (const auto day = lexer::read_weekday(token)) {
    return add_days(today, -((weekday(today) - *day + 7) % 7));
  }
  if (const auto date = parse_iso_date(token)) {
    return *date;
  }
  if (lexer::looks_like_date(token)) {
    return make_error("no such date " + quoted(text), "check the month and the day");
  }
  return make_error("cannot read date " + quoted(text),
                    "DATE can be YYYY-MM-DD (2026-11-27), today, yesterday or a weekday "
                    "(mon … sun: the most recent one, today included)");
}

Expected<int> parse_clock_setting(std::string_view text, bool evening)
{
  std::string token; // "7:30 pm" reads as "7:30pm"
  for (const char c : lexer::lower(text)) {
    if (c != ' ' && c != '\t') {
      token += c;
    }
  }
  auto clock = lexer::read_clock(token);
  if (!clock) {
    clock = lexer::read_four_digit_clock(token);
  }
  if (!clock) {
    clock = lexer::read_bare_hour(token);
  }
  if (!clock || clock->second != 0) {
    return make_error("cannot read clock time " + quoted(text),
                      "give a time of day: 19:30, 7:30pm, 7pm, 1930" +
                        std::string(evening ? " (a bare 7:30 means 19:30)" : ""));
  }
  if (evening && clock->clock_face && clock->hour < 12) {
    clock->hour += 12;
  }
  return clock->hour * 60 + clock->minute;
}

std::string format_clock(Instant instant, int offset_seconds)
{
  const CivilTime civil = local_civil(instant, offset_seconds);
  // Without snprintf: a long report formats a few clock times for every night.
  std::string text = "00:00";
  text[0] = static_cast<char>('0' + civil.hour / 10);
  text[1] = static_cast<char>('0' + civil.hour % 10);
  text[3] = static_cast<char>('0' + civil.minute / 10);
  text[4] = static_cast<char>('0' + civil.minute % 10);
  return text;
}

std::string format_iso(Instant instant, int offset_seconds)
{
  const CivilTime civil = local_civil(instant, offset_seconds);
  const int offset_minutes = (offset_seconds < 0 ? -offset_seconds : offset_seconds) / 60;
  if (civil.date.year >= 0 && civil.date.year <= 9999 && offset_minutes < 100 * 60 &&
      offset_seconds % 60 == 0) {
    std::string text = "0000-00-00T00:00:00+00:00";
    put_digits(&text[0], civil.date.year, 4);
    put_digits(&text[5], civil.date.month, 2);
    put_digits(&text[8], civil.date.day, 2);
    put_digits(&text[11], civil.hour, 2);
    put_digits(&text[14], civil.minute, 2);
    put_digits(&text[17], civil.second, 2);
    text[19] = offset_seconds < 0 ? '-' : '+';
    put_digits(&text[20], offset_minutes / 60, 2);
    put_digits(&text[23], offset_minutes % 60, 2);
    return text;
  }
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "T%02d:%02d:%02d", civil.hour, civil.minute,
                civil.second);
  return format_date(civil.date) + buffer.data() + lexer::format_offset(offset_seconds);
}

std::string format_duration(std::int64_t seconds)
{
  if (seconds < 0) {
    std::string text(1, '-');
    text += format_duration(-seconds);
    return text;
  }
  if (seconds == 0) {
    return "0m";
  }
  std::string text;
  const std::int64_t hours = seconds / 3600;
  const std::int64_t minutes = seconds / 60 % 60;
  const std::int64_t rest = seconds % 60;
  if (hours != 0) {
    text += std::to_string(hours) + "h";
  }
  if (minutes != 0) {
    text += std::to_string(minutes) + "m";
  }
  if (rest != 0) {
    text += std::to_string(rest) + "s";
  }
  return text;
}

} // namespace sleeplog::time
