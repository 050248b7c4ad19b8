// WHEN and END (DESIGN §3.2). The front of the token list is read into either a bare clock
// time, whose day depends on the caller (most recent past for WHEN, first after the
// start for END), or a fully determined instant.
#include <sleeplog/time/parse.hpp>

#include "lexer.hpp"
#include "wall.hpp"
#include <array>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

namespace sleeplog::time {

namespace {

constexpr std::int64_t max_interval = 86400;        // 24 h
constexpr std::int64_t slip_guard = 20 * 3600;      // a bare clock further back is refused
constexpr std::int64_t max_reading_age = 13 * 3600; // a clock-face reading is at most this old

// What the front of the tokens says before the caller's rule for bare clocks applies.
struct Front
{
  std::size_t used = 0;
  std::optional<lexer::Clock> bare_clock; // set: `at` is not yet known
  Instant at = 0;
  std::string warning;
};

std::string join(std::span<const std::string> tokens, std::size_t count)
{
  std::string text;
  for (std::size_t i = 0; i < count && i < tokens.size(); ++i) {
    text += (i == 0 ? "" : " ") + tokens[i];
  }
  return text;
}

Error unreadable(const std::string& text, const std::string& why = {})
{
  std::string hint = why.empty() ? std::string() : why + "\n";
  hint += "accepted forms:";
  std::string_view forms = when_forms_help();
  while (!forms.empty()) {
    const std::size_t end = forms.find('\n');
    hint += "\n  " + std::string(forms.substr(0, end));
    forms.remove_prefix(end == std::string_view::npos ? forms.size() : end + 1);
  }
  return make_error("cannot read time '" + text + "'", hint);
}

// "Fri 27 Nov 21:30" for an instant in the zone; messages name instants this way.
std::string describe(Instant at, const Zone& zone)
{
  const CivilTime civil = zone.to_civil(at);
  return format_date_short(civil.date) + " " + format_clock(at, zone.offset_at(at));
}

Expected<Front> from_picked(Expected<wall::Picked> picked, std::size_t used)
{
  if (!picked) {
    return picked.error();
  }
  return Front{used, std::nullopt, picked->at, picked->warning};
}

// The unit words of "10 min ago", "an hour ago", "90 seconds ago" as DUR units.
std::optional<std::string> unit_word(const std::string& word)
{
  // Plain static tables: a nested initializer_list would not outlive the loop's range.
  struct Unit
  {
    const char* unit;
    std::array<const char*, 5> names;
  };
  static constexpr std::array<Unit, 3> units{{
    {"h", {"h", "hr", "hrs", "hour", "hours"}},
    {"m", {"m", "min", "mins", "minute", "minutes"}},
    {"s", {"s", "sec", "secs", "second", "seconds"}},
  }};
  for (const auto& u : units) {
    for (const char* name : u.names) {
      if (word == name) {
        return std::string(u.unit);
      }
    }
  }
  return std::nullopt;
}

// A clock time at tokens[i]: "21:30", "9pm", "0305", "6:45" / "6" followed by "am"/"pm",
// or a bare hour 1-12 ("3", a clock-face time).
// Sets `used` to the tokens it took (1 or 2).
std::optional<lexer::Clock> clock_at(std::span<const std::string> tokens, std::size_t i,
                                     std::size_t& used)
{
  if (i >= tokens.size()) {
    return std::nullopt;
  }
  const std::string word = lexer::lower(tokens[i]);
  const std::string next = i + 1 < tokens.size() ? lexer::lower(tokens[i + 1]) : std::string();
  if (next == "am" || next == "pm") {
    if (auto clock = lexer::read_clock(word + next)) {
      used = 2;
      return clock;
    }
  }
  used = 1;
  if (auto clock = lexer::read_clock(word)) {
    return clock;
  }
  if (auto clock = lexer::read_four_digit_clock(word)) {
    return clock;
  }
  if (unit_word(next) || next == "ago") { // "10 min", "3 hours ago": an amount, not 3 o'clock
    return std::nullopt;
  }
  return lexer::read_bare_hour(word);
}

// "today 21:30", "yesterday 9pm", "mon 6:45 am": a day word and a clock.
Expected<Front> read_day_word(std::span<const std::string> tokens, const std::string& word,
                              Instant now, const Zone& zone)
{
  const Date today = zone.to_civil(now).date;
  std::size_t clock_used = 0;
  const auto clock = clock_at(tokens, 1, clock_used);
  if (!clock) {
    return tokens.size() > 1
             ? unreadable(join(tokens, 2))
             : unreadable(tokens[0], "'" + tokens[0] + "' needs a clock time after it, e.g. '" +
                                       tokens[0] + " 21:30'");
  }
  const std::size_t used = 1 + clock_used;
  if (word == "today" || word == "yesterday") {
    const Date day = word == "today" ? today : add_days(today, -1);
    return from_picked(wall::on_day_latest(lexer::at_clock(day, *clock), now, zone), used);
  }
  const int wanted = *lexer::read_weekday(word);
  const Date latest = add_days(today, -((weekday(today) - wanted + 7) % 7));
  return from_picked(wall::latest_at_or_before(*clock, latest, 7, now, zone), used);
}

// A date and a clock with an optional offset, from one token or two.
Expected<Front> at_date(const Date& date, const lexer::ClockWithOffset& time, std::size_t used,
                        Instant now, const Zone& zone)
{
  const CivilTime civil = lexer::at_clock(date, time.clock);
  if (time.offset_seconds) {
    return Front{used, std::nullopt, civil_to_seconds(civil) - *time.offset_seconds, {}};
  }
  return from_picked(wall::on_day_latest(civil, now, zone), used);
}

// "2026-11-27 21:30", "2026-11-27 9:30 pm" or "2026-11-27T21:30[:SS][offset]".
Expected<Front> read_dated(std::span<const std::string> tokens, const std::string& first,
                           Instant now, const Zone& zone)
{
  const std::string day_part = first.substr(0, 10);
  const auto date = parse_iso_date(day_part);
  if (!date) {
    return make_error("no such date '" + tokens[0].substr(0, 10) + "'",
                      "check the month and the day");
  }
  if (date->year < 1900 || date->year > 2199) {
    return make_error("the year " + std::to_string(date->year) +
                        " is outside the years 1900 to 2199",
                      "check the date");
  }
  if (first.size() > 10) {
    const auto time = lexer::read_clock_with_offset(std::string_view(first).substr(11), false);
    return time ? at_date(*date, *time, 1, now, zone) : unreadable(tokens[0]);
  }
  if (tokens.size() < 2) {
    return unreadable(tokens[0],
                      "a date needs a clock time after it, e.g. '" + tokens[0] + " 21:30'");
  }
  std::size_t clock_used = 0;
  const auto clock = clock_at(tokens, 1, clock_used);
  if (clock && clock_used == 2) { // "9:30 pm"
    return at_date(*date, lexer::ClockWithOffset{*clock, std::nullopt}, 3, now, zone);
  }
  if (const auto time = lexer::read_clock_with_offset(lexer::lower(tokens[1]))) {
    return at_date(*date, *time, 2, now, zone);
  }
  if (clock) { // "2130"
    return at_date(*date, lexer::ClockWithOffset{*clock, std::nullopt}, 2, now, zone);
  }
  return unreadable(join(tokens, 2));
}

// "10m ago", "1h30m ago", "10 min ago", "an hour ago", "1 hour 30 min ago": the words
// before "ago" (at most six) as one DUR, with "a"/"an" read as 1. nullopt: no "ago".
std::optional<Expected<Front>> read_ago(std::span<const std::string> tokens, Instant now)
{
  constexpr std::size_t max_words = 6;
  std::size_t ago = 0;
  while (ago < tokens.size() && ago <= max_words && lexer::lower(tokens[ago]) != "ago") {
    ++ago;
  }
  const std::string first = lexer::lower(tokens[0]);
  const bool amount_first = first == "a" || first == "an" ||
                            lexer::read_duration(first).problem != lexer::DurationProblem::garbage;
  if (!amount_first || ago == 0 || ago >= tokens.size() || ago > max_words) {
    return std::nullopt;
  }
  std::string amount;
  for (std::size_t i = 0; i < ago; ++i) {
    const std::string word = lexer::lower(tokens[i]);
    if (word == "a" || word == "an") {
      amount += "1";
    } else if (const auto unit = unit_word(word); unit && i > 0) {
      amount += *unit;
    } else {
      amount += word;
    }
  }
  const lexer::DurationRead read = lexer::read_duration(amount);
  if (read.problem != lexer::DurationProblem::none) {
    return unreadable(join(tokens, ago + 1),
                      read.problem == lexer::DurationProblem::calendar_unit
                        ? "m means minutes; there are no day, week, month or year units"
                        : "");
  }
  return Front{ago + 1, std::nullopt, now - read.seconds, {}};
}

// "-10m", "-90s", "-10 min": a duration before now.
Expected<Front> read_minus(std::span<const std::string> tokens, const std::string& first,
                           Instant now)
{
  std::string amount = first.substr(1);
  std::size_t used = 1;
  if (tokens.size() > 1) {
    if (const auto unit = unit_word(lexer::lower(tokens[1]))) {
      amount += *unit;
      used = 2;
    }
  }
  const lexer::DurationRead read = lexer::read_duration(amount);
  if (read.problem != lexer::DurationProblem::none) {
    return unreadable(join(tokens, used), read.problem == lexer::DurationProblem::calendar_unit
                                            ? "m means minutes; there are no day, week, "
                                              "month or year units"
                                            : "");
  }
  return Front{used, std::nullopt, now - read.seconds, {}};
}

// A hint for words that are not a time but look like an amount ("10m", "10 min").
Error amount_without_ago(std::span<const std::string> tokens)
{
  const bool has_unit = tokens.size() > 1 && unit_word(lexer::lower(tokens[1]));
  const std::string amount = join(tokens, has_unit ? 2 : 1);
  return unreadable(amount, "for a time before now write '" + amount + " ago'");
}

Expected<Front> read_front(std::span<const std::string> tokens, Instant now, const Zone& zone)
{
  const std::string first = lexer::lower(tokens[0]);
  if (first == "at" && tokens.size() > 1) { // "asleep at 19:15"
    auto rest = read_front(tokens.subspan(1), now, zone);
    if (rest) {
      ++rest->used;
    }
    return rest;
  }
  if (first == "now") {
    return Front{1, std::nullopt, now, {}};
  }
  if (first.starts_with('-')) {
    return read_minus(tokens, first, now);
  }
  if (auto ago = read_ago(tokens, now)) {
    return *ago;
  }
  std::size_t clock_used = 0;
  if (const auto clock = clock_at(tokens, 0, clock_used)) {
    return Front{clock_used, clock, 0, {}};
  }
  if (first == "today" || first == "yesterday" || lexer::read_weekday(first)) {
    return read_day_word(tokens, first, now, zone);
  }
  if (first.size() >= 10 && lexer::looks_like_date(std::string_view(first).substr(0, 10)) &&
      (first.size() == 10 || first[10] == 't')) {
    return read_dated(tokens, first, now, zone);
  }
  const std::string second = tokens.size() > 1 ? lexer::lower(tokens[1]) : std::string();
  if (second == "am" || second == "pm") {
    return unreadable(join(tokens, 2));
  }
  if (lexer::read_duration(first).problem == lexer::DurationProblem::none) {
    return amount_without_ago(tokens);
  }
  return unreadable(tokens[0]);
}

Error in_future(const std::string& what, Instant now, const Zone& zone)
{
  return make_error(what + " is in the future",
                    "it is now " + describe(now, zone) + " (" + wall::zone_label(zone) + ")");
}

// "18 min", "3 h 5 min": how far away a moment is, for messages.
std::string span_words(std::int64_t seconds)
{
  const std::int64_t minutes = (seconds + 59) / 60;
  if (minutes < 60) {
    return std::to_string(minutes) + " min";
  }
  std::string text = std::to_string(minutes / 60) + " h";
  if (minutes % 60 != 0) {
    text += " " + std::to_string(minutes % 60) + " min";
  }
  return text;
}

// The slip guard of DESIGN §3.2: a bare clock whose most recent past is over 20 h back was
// nearly always typed a few minutes early. Names both readings, each typeable as shown.
Error slip(std::span<const std::string> tokens, std::size_t used, const lexer::Clock& clock,
           Instant past, Instant now, const Zone& zone)
{
  const std::string typed = join(tokens, used);
  const Date past_day = zone.to_civil(past).date;
  const bool yesterday = past_day == add_days(zone.to_civil(now).date, -1);
  const std::string earlier = (yesterday ? "yesterday " : format_date(past_day) + " ") + typed;
  std::string upcoming = "not yet";
  if (auto next = wall::first_at_or_after(clock, now, zone)) {
    upcoming = "in " + span_words(next->at - now) + ", not yet";
  }
  return make_error(typed + " is " + upcoming + "; for " +
                      (yesterday ? "yesterday's" : "the one on " + format_date(past_day)) +
                      ", write '" + earlier + "'",
                    "a clock time alone means its most recent past, and that was " +
                      describe(past, zone) + ", " + span_words(now - past) + " ago");
}

// The most recent past of a clock, or the error that explains why there is none.
Expected<wall::Picked> latest(const lexer::Clock& clock, Instant now, const Zone& zone)
{
  return wall::latest_at_or_before(clock, zone.to_civil(now).date, 1, now, zone);
}

// A bare clock (DESIGN §3.2): the most recent past of its readings (two for a clock-face
// time), then the slip guard on the reading chosen.
Expected<ParsedWhen> read_bare(std::span<const std::string> tokens, std::size_t used,
                               const lexer::Clock& clock, Instant now, const Zone& zone)
{
  const lexer::Clock other = lexer::other_reading(clock);
  auto picked = latest(clock, now, zone);
  auto other_picked = latest(other, now, zone);
  if (clock.clock_face && other_picked && (!picked || other_picked->at > picked->at)) {
    // A reading in a spring-forward gap stands only when it is the more recent one.
    const bool gap_is_recent = !picked && now - other_picked->at > max_reading_age;
    if (!gap_is_recent) {
      std::swap(picked, other_picked);
    }
  }
  if (!picked) {
    return picked.error();
  }
  if (now - picked->at > slip_guard) {
    return slip(tokens, used, clock, picked->at, now, zone);
  }
  ParsedWhen parsed{picked->at, used, picked->warning, true, std::nullopt};
  if (other_picked && other_picked->at != picked->at) {
    parsed.other_reading = other_picked->at;
  }
  return parsed;
}

} // namespace

Expected<ParsedWhen> parse_when(std::span<const std::string> tokens, Instant now, const Zone& zone)
{
  if (tokens.empty()) {
    return ParsedWhen{now, 0, {}, false, std::nullopt};
  }
  auto front = read_front(tokens, now, zone);
  if (!front) {
    return front.error();
  }
  if (front->bare_clock) {
    return read_bare(tokens, front->used, *front->bare_clock, now, zone);
  }
  if (front->at > now) {
    return in_future(join(tokens, front->used), now, zone);
  }
  return ParsedWhen{front->at, front->used, front->warning, false, std::nullopt};
}

Expected<ParsedWhen> parse_end(std::span<const std::string> tokens, Instant start, Instant now,
                               const Zone& zone)
{
  ParsedWhen end{now, 0, {}, false, std::nullopt};
  bool rolled_over = false; // a bare clock earlier than the start: the next day's
  if (!tokens.empty()) {
    auto front = read_front(tokens, now, zone);
    if (!front) {
      return front.error();
    }
    end = ParsedWhen{front->at, front->used, front->warning, false, std::nullopt};
    if (front->bare_clock) {
      lexer::Clock clock = *front->bare_clock;
      auto picked = wall::first_at_or_after(clock, start, zone);
      if (clock.clock_face) {
        const lexer::Clock other = lexer::other_reading(clock);
        auto other_picked = wall::first_at_or_after(other, start, zone);
        if (other_picked && (!picked || other_picked->at < picked->at)) {
          picked = other_picked;
          clock = other;
        }
      }
      if (!picked) {
        return picked.error();
      }
      end = ParsedWhen{picked->at, front->used, picked->warning, true, std::nullopt};
      rolled_over = lexer::at_clock(zone.to_civil(start).date, clock) < zone.to_civil(start);
    }
  }
  const bool same_day = zone.to_civil(start).date == zone.to_civil(end.at).date;
  const auto name = [&](Instant at) {
    return same_day ? format_clock(at, zone.offset_at(at)) : describe(at, zone);
  };
  if (end.at < start) {
    return make_error("end " + name(end.at) + " is before start " + name(start),
                      "give an end after the start, or a length with --for");
  }
  if (end.at > now && rolled_over) {
    const std::string typed = join(tokens, end.tokens_used);
    return make_error(
      "end " + typed + " is before the start " + format_clock(start, zone.offset_at(start)) +
        ", and the next day's " + typed + " has not come yet",
      "an END earlier than the start means the next day; give an end after " +
        format_clock(start, zone.offset_at(start)) + ", or a length with --for DUR");
  }
  if (end.at > now) {
    return in_future("end " + join(tokens, end.tokens_used), now, zone);
  }
  if (end.at - start > max_interval) {
    return make_error("the interval from " + describe(start, zone) + " to " +
                        describe(end.at, zone) + " is longer than 24 h",
                      "an interval lasts at most 24 h; check the end's date");
  }
  return end;
}

namespace {

// The first of the spellings of `at` that reads back as exactly it, else the ISO instant.
std::string first_typeable(Instant at, Instant now, const Zone& zone, bool bare_allowed)
{
  const CivilTime civil = zone.to_civil(at);
  const std::string clock = lexer::format_wall_clock(civil);
  const Date today = zone.to_civil(now).date;
  std::vector<std::vector<std::string>> candidates;
  if (bare_allowed) {
    candidates.push_back({clock});
  } else if (civil.date == today) {
    candidates.push_back({"today", clock});
  }
  if (civil.date == add_days(today, -1)) {
    candidates.push_back({"yesterday", clock});
  }
  candidates.push_back({format_date(civil.date), clock});
  for (const auto& words : candidates) {
    const auto back = parse_when(words, now, zone);
    if (back && back->at == at && back->warning.empty() && back->tokens_used == words.size()) {
      return join(words, words.size());
    }
  }
  return format_iso(at, zone.offset_at(at));
}

} // namespace

std::string typeable_when(Instant at, Instant now, const Zone& zone)
{
  return first_typeable(at, now, zone, true);
}

std::string explicit_when(Instant at, Instant now, const Zone& zone)
{
  return first_typeable(at, now, zone, false);
}

} // namespace sleeplog::time
