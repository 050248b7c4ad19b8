// Calendar arithmetic: dates are counted in days from 1970-01-01 using a year that
// starts in March, so the leap day falls at the end of the year and each 400-year era
// has the same shape (146097 days).
#include <sleeplog/time/civil.hpp>

#include <array>
#include <cstdio>

namespace sleeplog::time {

namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr std::int64_t days_per_era = 146097; // 400 Gregorian years
constexpr std::int64_t epoch_shift = 719468;  // days from 0000-03-01 to 1970-01-01

constexpr std::array<std::string_view, 7> weekday_names{"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Division rounding towards minus infinity, so instants before 1970 land on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool is_leap_year(int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
  constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) {
    return 29;
  }
  return lengths[static_cast<std::size_t>(month - 1)];
}

// Reads exactly `count` ASCII digits starting at `pos`.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count)
{
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

} // namespace

std::int64_t days_from_date(const Date& date)
{
  const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;           // 0..399
  const std::int64_t month_from_march = (date.month + 9) % 12; // March = 0
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
    year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * days_per_era + day_of_era - epoch_shift;
}

Date date_from_days(std::int64_t days)
{
  const std::int64_t shifted = days + epoch_shift;
  const std::int64_t era = floor_div(shifted, days_per_era);
  const std::int64_t day_of_era = shifted - era * days_per_era; // 0..146096
  // Undo the leap-day corrections (every 4 years, not every 100, every 400).
  const std::int64_t year_of_era =
    (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
    day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  const std::int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

Date add_days(const Date& date, std::int64_t n)
{
  return date_from_days(days_from_date(date) + n);
}

int weekday(const Date& date)
{
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t days = days_from_date(date) + 3;
  return static_cast<int>(days - floor_div(days, 7) * 7);
}

bool is_valid_date(int year, int month, int day)
{
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::int64_t civil_to_seconds(const CivilTime& civil)
{
  const std::int64_t in_day =
    std::int64_t{civil.hour} * 3600 + std::int64_t{civil.minute} * 60 + civil.second;
  return days_from_date(civil.date) * seconds_per_day + in_day;
}

CivilTime seconds_to_civil(std::int64_t seconds)
{
  const std::int64_t days = floor_div(seconds, seconds_per_day);
  const auto in_day = static_cast<int>(seconds - days * seconds_per_day);
  return CivilTime{date_from_days(days), in_day / 3600, in_day / 60 % 60, in_day % 60};
}

CivilTime local_civil(Instant instant, int offset_seconds)
{
  return seconds_to_civil(instant + offset_seconds);
}

void put_digits(char* at, int n, int digits)
{
  for (int i = digits - 1; i >= 0; --i) {
    at[i] = static_cast<char>('0' + n % 10);
    n /= 10;
  }
}

std::string format_date(const Date& date)
{
  if (date.year >= 0 && date.year <= 9999) { // the common case, without snprintf
    std::string text = "0000-00-00";
    put_digits(&text[0], date.year, 4);
    put_digits(&text[5], date.month, 2);
    put_digits(&text[8], date.day, 2);
    return text;
  }
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer.data();
}

std::string format_date_short(const Date& date)
{
  std::string text{weekday_name(date)};
  text += ' ';
  text += std::to_string(date.day);
  text += ' ';
  text += month_names[static_cast<std::size_t>(date.month - 1)];
  return text;
}

std::string_view weekday_name(const Date& date)
{
  return weekday_names[static_cast<std::size_t>(weekday(date))];
}

std::optional<Date> parse_iso_date(std::string_view text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = read_digits(text, 0, 4);
  const auto month = read_digits(text, 5, 2);
  const auto day = read_digits(text, 8, 2);
  if (!year || !month || !day || !is_valid_date(*year, *month, *day)) {
    return std::nullopt;
  }
  return Date{*year, *month, *day};
}

} // namespace sleeplog::time
