// Token readers for the time grammar. Each one accepts a whole token or nothing, so the
// grammar above them never has to guess where a piece ends.
#include "lexer.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>

namespace sleeplog::time::lexer {

namespace {

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// A run of 1..max_digits digits as a number; nullopt for anything else.
std::optional<int> read_number(std::string_view text, std::size_t max_digits)
{
  if (text.empty() || text.size() > max_digits ||
      !std::all_of(text.begin(), text.end(), is_digit)) {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : text) {
    value = value * 10 + (c - '0');
  }
  return value;
}

// Splits "a:b:c" into at most three parts; nullopt when there are more.
std::optional<std::array<std::string_view, 3>> split_colons(std::string_view text,
                                                            std::size_t& count)
{
  std::array<std::string_view, 3> parts{};
  count = 0;
  while (true) {
    if (count == parts.size()) {
      return std::nullopt;
    }
    const std::size_t colon = text.find(':');
    parts[count++] = text.substr(0, colon);
    if (colon == std::string_view::npos) {
      return parts;
    }
    text.remove_prefix(colon + 1);
  }
}

// Seconds per unit for the units a DUR may use; 0 for a calendar unit, nullopt otherwise.
std::optional<std::int64_t> unit_seconds(std::string_view unit, int& rank)
{
  const auto is_one_of = [unit](std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), unit) != names.end();
  };
  if (is_one_of({"h", "hr", "hrs", "hour", "hours"})) {
    rank = 0;
    return 3600;
  }
  if (is_one_of({"m", "min", "mins", "minute", "minutes"})) {
    rank = 1;
    return 60;
  }
  if (is_one_of({"s", "sec", "secs", "second", "seconds"})) {
    rank = 2;
    return 1;
  }
  constexpr std::array<std::string_view, 18> calendar{
    "d",   "day", "days",  "w",      "wk", "wks", "week", "weeks", "mo",
    "mon", "mos", "month", "months", "y",  "yr",  "yrs",  "year",  "years"};
  if (std::find(calendar.begin(), calendar.end(), unit) != calendar.end()) {
    return 0;
  }
  return std::nullopt;
}

} // namespace

std::string lower(std::string_view token)
{
  std::string text(token);
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

std::optional<Clock> read_clock(std::string_view token, bool allow_am_pm)
{
  std::optional<bool> pm;
  if (allow_am_pm && token.size() > 2 && (token.ends_with("am") || token.ends_with("pm"))) {
    pm = token.ends_with("pm");
    token.remove_suffix(2);
  }
  std::size_t count = 0;
  const auto parts = split_colons(token, count);
  if (!parts || (count == 1 && !pm)) {
    return std::nullopt;
  }
  const auto& part = *parts;
  const auto hour = read_number(part[0], 2);
  std::optional<int> minute = 0;
  std::optional<int> second = 0;
  if (count >= 2) {
    minute = part[1].size() == 2 ? read_number(part[1], 2) : std::nullopt;
  }
  if (count == 3) {
    second = part[2].size() == 2 ? read_number(part[2], 2) : std::nullopt;
  }
  if (!hour || !minute || !second || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  if (!pm) {
    if (*hour > 23) {
      return std::nullopt;
    }
    const bool face = *hour >= 1 && *hour <= 12 && part[0][0] != '0';
    return Clock{*hour, *minute, *second, face};
  }
  if (*hour < 1 || *hour > 12) {
    return std::nullopt;
  }
  const int hour24 = *hour % 12 + (*pm ? 12 : 0); // 12am is midnight, 12pm is noon
  return Clock{hour24, *minute, *second};
}

std::optional<Clock> read_bare_hour(std::string_view token)
{
  const auto hour = read_number(token, 2);
  if (!hour || token[0] == '0' || *hour < 1 || *hour > 12) {
    return std::nullopt;
  }
  return Clock{*hour, 0, 0, true};
}

Clock other_reading(const Clock& clock)
{
  Clock other = clock;
  other.hour = clock.hour >= 12 ? clock.hour - 12 : clock.hour + 12;
  return other;
}

std::optional<Clock> read_four_digit_clock(std::string_view token)
{
  if (token.size() != 4) {
    return std::nullopt;
  }
  const auto hour = read_number(token.substr(0, 2), 2);
  const auto minute = read_number(token.substr(2), 2);
  if (!hour || !minute || *hour > 23 || *minute > 59) {
    return std::nullopt;
  }
  return Clock{*hour, *minute, 0};
}

std::optional<int> read_offset(std::string_view text)
{
  if (text == "z" || text == "Z") {
    return 0;
  }
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) {
    return std::nullopt;
  }
  const int sign = text[0] == '-' ? -1 : 1;
  const std::string_view body = text.substr(1);
  std::optional<int> hours;
  std::optional<int> minutes = 0;
  std::optional<int> seconds = 0;
  if (body.size() == 8 && body[2] == ':' && body[5] == ':') {
    // Local mean time offsets have seconds (New York before 1883: -04:56:02).
    hours = read_number(body.substr(0, 2), 2);
    minutes = read_number(body.substr(3, 2), 2);
    seconds = read_number(body.substr(6), 2);
  } else if (body.size() == 2) {
    hours = read_number(body, 2);
  } else if (body.size() == 4) {
    hours = read_number(body.substr(0, 2), 2);
    minutes = read_number(body.substr(2), 2);
  } else if (body.size() == 5 && body[2] == ':') {
    hours = read_number(body.substr(0, 2), 2);
    minutes = read_number(body.substr(3), 2);
  }
  if (!hours || !minutes || !seconds || *hours > 18 || *minutes > 59 || *seconds > 59) {
    return std::nullopt;
  }
  return sign * (*hours * 3600 + *minutes * 60 + *seconds);
}

std::optional<ClockWithOffset> read_clock_with_offset(std::string_view token, bool allow_am_pm)
{
  std::string_view clock_part = token;
  std::optional<int> offset;
  const std::size_t split =
    token.ends_with('z') || token.ends_with('Z') ? token.size() - 1 : token.find_first_of("+-");
  if (split != std::string_view::npos) {
    clock_part = token.substr(0, split);
    offset = read_offset(token.substr(split));
    if (!offset) {
      return std::nullopt;
    }
  }
  const auto clock = read_clock(clock_part, allow_am_pm);
  if (!clock) {
    return std::nullopt;
  }
  return ClockWithOffset{*clock, offset};
}

DurationRead read_duration(std::string_view token)
{
  constexpr std::size_t max_digits = 7;
  if (const auto minutes = read_number(token, max_digits)) {
    return DurationRead{static_cast<std::int64_t>(*minutes) * 60, DurationProblem::none};
  }
  DurationRead result;
  int last_rank = -1;
  std::size_t pos = 0;
  while (pos < token.size()) {
    const std::size_t digits_end = token.find_first_not_of("0123456789", pos);
    const std::size_t letters_end =
      digits_end == std::string_view::npos
        ? std::string_view::npos
        : token.find_first_not_of("abcdefghijklmnopqrstuvwxyz", digits_end);
    const auto number = read_number(token.substr(pos, digits_end - pos), max_digits);
    const std::string_view unit = digits_end == std::string_view::npos
                                    ? std::string_view{}
                                    : token.substr(digits_end, letters_end - digits_end);
    int rank = -1;
    const auto per_unit = unit_seconds(unit, rank);
    if (number && per_unit && *per_unit == 0) {
      return DurationRead{0, DurationProblem::calendar_unit};
    }
    if (!number || !per_unit || rank <= last_rank) {
      return DurationRead{0, DurationProblem::garbage};
    }
    result.seconds += static_cast<std::int64_t>(*number) * *per_unit;
    last_rank = rank;
    pos = letters_end == std::string_view::npos ? token.size() : letters_end;
  }
  if (last_rank < 0) {
    result.problem = DurationProblem::garbage;
  }
  return result;
}

std::optional<int> read_weekday(std::string_view token)
{
  constexpr std::array<std::string_view, 7> names{"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (token == names[i] || token == names[i].substr(0, 3)) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

bool looks_like_date(std::string_view token)
{
  if (token.size() != 10) {
    return false;
  }
  for (std::size_t i = 0; i < token.size(); ++i) {
    const bool dash_place = i == 4 || i == 7;
    if (dash_place ? token[i] != '-' : !is_digit(token[i])) {
      return false;
    }
  }
  return true;
}

CivilTime at_clock(const Date& date, const Clock& clock)
{
  return CivilTime{date, clock.hour, clock.minute, clock.second};
}

std::string format_offset(int offset_seconds)
{
  const int magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  const int minutes = magnitude / 60;
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%c%02d:%02d", offset_seconds < 0 ? '-' : '+',
                minutes / 60 % 100, minutes % 60);
  std::string text = buffer.data();
  if (magnitude % 60 != 0) { // seconds only when there are some (local mean time)
    std::snprintf(buffer.data(), buffer.size(), ":%02d", magnitude % 60);
    text += buffer.data();
  }
  return text;
}

std::string format_wall_clock(const CivilTime& civil)
{
  std::array<char, 16> buffer{};
  if (civil.second != 0) {
    std::snprintf(buffer.data(), buffer.size(), "%02d:%02d:%02d", civil.hour, civil.minute,
                  civil.second);
  } else {
    std::snprintf(buffer.data(), buffer.size(), "%02d:%02d", civil.hour, civil.minute);
  }
  return buffer.data();
}

} // namespace sleeplog::time::lexer
