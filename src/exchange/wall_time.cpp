#include <sleeplog/exchange/wall_time.hpp>

#include <cctype>

namespace sleeplog::exchange {

namespace {

// A small cursor over the text; every read skips nothing unless asked.
struct Cursor
{
  std::string_view text;
  std::size_t pos = 0;

  bool at_end() const { return pos >= text.size(); }
  char peek() const { return at_end() ? '\0' : text[pos]; }
  bool take(char c)
  {
    if (peek() != c) {
      return false;
    }
    ++pos;
    return true;
  }
  // 1 to max_digits digits; the count read goes to `digits`.
  std::optional<int> number(int max_digits, int* digits = nullptr)
  {
    int value = 0;
    int count = 0;
    while (count < max_digits && std::isdigit(static_cast<unsigned char>(peek()))) {
      value = value * 10 + (text[pos++] - '0');
      ++count;
    }
    if (digits != nullptr) {
      *digits = count;
    }
    return count == 0 ? std::nullopt : std::optional<int>(value);
  }
  void skip_spaces()
  {
    while (peek() == ' ') {
      ++pos;
    }
  }
};

std::optional<time::Date> read_date(Cursor& in)
{
  int digits = 0;
  const auto first = in.number(4, &digits);
  if (!first) {
    return std::nullopt;
  }
  std::optional<int> year, month, day;
  if (digits == 4 && in.take('-')) {
    year = first;
    month = in.number(2);
    day = in.take('-') ? in.number(2) : std::nullopt;
  } else if (digits <= 2 && in.take('/')) {
    month = first;
    day = in.number(2);
    year = in.take('/') ? in.number(4, &digits) : std::nullopt;
    if (year && digits == 2) {
      *year += 2000;
    } else if (year && digits != 4) {
      return std::nullopt;
    }
  }
  if (!year || !month || !day || !time::is_valid_date(*year, *month, *day)) {
    return std::nullopt;
  }
  return time::Date{*year, *month, *day};
}

// " AM" / "pm" after the clock: 0 = none, 1 = AM, 2 = PM, -1 = malformed.
int read_meridiem(Cursor& in)
{
  in.skip_spaces();
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(in.peek())));
  if (c != 'a' && c != 'p') {
    return 0;
  }
  ++in.pos;
  if (std::tolower(static_cast<unsigned char>(in.peek())) != 'm') {
    return -1;
  }
  ++in.pos;
  return c == 'a' ? 1 : 2;
}

std::optional<int> read_offset(Cursor& in, bool& malformed)
{
  in.skip_spaces();
  if (in.take('Z') || in.take('z')) {
    return 0;
  }
  const char sign = in.peek();
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  ++in.pos;
  const auto hours = in.number(2);
  in.take(':');
  const auto minutes = in.number(2);
  if (!hours || !minutes || *hours > 14 || *minutes > 59) {
    malformed = true;
    return std::nullopt;
  }
  const int seconds = *hours * 3600 + *minutes * 60;
  return sign == '-' ? -seconds : seconds;
}

} // namespace

std::optional<WallTime> parse_wall_time(std::string_view text)
{
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  Cursor in{text};
  in.skip_spaces();
  WallTime wall;
  const auto date = read_date(in);
  if (!date) {
    return std::nullopt;
  }
  wall.civil.date = *date;
  const std::size_t before = in.pos;
  in.take(',');
  in.skip_spaces();
  if (in.pos == before && !in.take('T')) {
    return std::nullopt;
  }
  const auto hour = in.number(2);
  const auto minute = in.take(':') ? in.number(2) : std::nullopt;
  std::optional<int> second = 0;
  if (in.take(':')) {
    second = in.number(2);
    if (in.take('.')) {
      in.number(9); // fractions of a second are dropped
    }
  }
  if (!hour || !minute || !second || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const int meridiem = read_meridiem(in);
  int h = *hour;
  if (meridiem < 0 || (meridiem > 0 && (h < 1 || h > 12)) || (meridiem == 0 && h > 23)) {
    return std::nullopt;
  }
  if (meridiem > 0) {
    h = h % 12 + (meridiem == 2 ? 12 : 0);
  }
  wall.civil.hour = h;
  wall.civil.minute = *minute;
  wall.civil.second = *second;
  bool malformed = false;
  wall.offset_s = read_offset(in, malformed);
  if (malformed || !in.at_end()) {
    return std::nullopt;
  }
  return wall;
}

ZonedInstant resolve_wall_time(const WallTime& wall, const time::Zone& zone,
                               std::optional<time::Instant> not_before)
{
  const time::Instant naive = time::civil_to_seconds(wall.civil);
  if (wall.offset_s) {
    return {naive - *wall.offset_s, *wall.offset_s};
  }
  const auto candidates = zone.resolve(wall.civil);
  if (candidates.empty()) { // a spring-forward gap: read with the offset before it
    const time::Instant at = naive - zone.offset_at(naive - 86400);
    return {at, zone.offset_at(at)};
  }
  time::Instant at = candidates.front();
  if (not_before) {
    for (const time::Instant candidate : candidates) {
      if (candidate >= *not_before) {
        at = candidate;
        break;
      }
    }
  }
  return {at, zone.offset_at(at)};
}

} // namespace sleeplog::exchange
