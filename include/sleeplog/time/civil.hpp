// Calendar arithmetic on proleptic Gregorian dates and wall-clock times, with no
// time zone involved: the pure base that zones, parsing and nights build on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sleeplog::time {

/// Seconds since 1970-01-01T00:00:00Z; every stored instant is one of these.
using Instant = std::int64_t;

/// A calendar date.
struct Date
{
  int year = 1970;
  int month = 1; // 1..12
  int day = 1;   // 1..31

  auto operator<=>(const Date&) const = default;
};

/// A wall-clock date and time, as read on a clock in some zone.
struct CivilTime
{
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;

  auto operator<=>(const CivilTime&) const = default;
};

/// Days since 1970-01-01 for a date (negative before).
std::int64_t days_from_date(const Date& date);

/// The date that lies the given number of days after 1970-01-01.
Date date_from_days(std::int64_t days);

/// The date n days after (or before, when negative) the given date.
Date add_days(const Date& date, std::int64_t n);

/// Day of the week, 0 = Monday … 6 = Sunday.
int weekday(const Date& date);

/// True when year/month/day name a real date.
bool is_valid_date(int year, int month, int day);

/// Seconds since the epoch of a civil time read as if it were UTC.
std::int64_t civil_to_seconds(const CivilTime& civil);

/// The civil time of seconds since the epoch read as UTC.
CivilTime seconds_to_civil(std::int64_t seconds);

/// The local civil time of an instant seen at a fixed UTC offset (seconds east).
CivilTime local_civil(Instant instant, int offset_seconds);

/// Writes n (≥ 0) as `digits` zero-padded decimal digits at `at`: the fast path of the
/// formatters, which exports call millions of times.
void put_digits(char* at, int n, int digits);

/// "2026-11-27".
std::string format_date(const Date& date);

/// "Fri 27 Nov": the short form used in confirmations and report headings.
std::string format_date_short(const Date& date);

/// "Fri": the English abbreviation of the weekday.
std::string_view weekday_name(const Date& date);

/// Parses exactly "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<Date> parse_iso_date(std::string_view text);

} // namespace sleeplog::time
