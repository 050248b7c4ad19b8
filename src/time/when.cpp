// WHEN and END (SPEC §3). The front of the token list is read into either a bare clock
// time, whose day depends on the caller (most recent past for WHEN, first after the
// start for END), or a fully determined instant.
#include <sleeplog/time/parse.hpp>

#include "lexer.hpp"
#include "wall.hpp"
#include <optional>

namespace sleeplog::time {

namespace {

constexpr std::int64_t max_interval = 86400; // 24 h

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

// "today 21:30", "yesterday 9pm", "mon 21:30": a day word and a clock.
Expected<Front> read_day_word(std::span<const std::string> tokens, const std::string& word,
                              Instant now, const Zone& zone)
{
  const Date today = zone.to_civil(now).date;
  const auto clock = tokens.size() > 1 ? lexer::read_clock(lexer::lower(tokens[1])) : std::nullopt;
  if (!clock) {
    return tokens.size() > 1
             ? unreadable(join(tokens, 2))
             : unreadable(tokens[0], "'" + tokens[0] + "' needs a clock time after it, e.g. '" +
                                       tokens[0] + " 21:30'");
  }
  if (word == "today" || word == "yesterday") {
    const Date day = word == "today" ? today : add_days(today, -1);
    return from_picked(wall::on_day(lexer::at_clock(day, *clock), zone), 2);
  }
  const int wanted = *lexer::read_weekday(word);
  const Date latest = add_days(today, -((weekday(today) - wanted + 7) % 7));
  return from_picked(wall::latest_at_or_before(*clock, latest, 7, now, zone), 2);
}

// A date and a clock with an optional offset, from one token or two.
Expected<Front> at_date(const Date& date, const lexer::ClockWithOffset& time, std::size_t used,
                        const Zone& zone)
{
  const CivilTime civil = lexer::at_clock(date, time.clock);
  if (time.offset_seconds) {
    return Front{used, std::nullopt, civil_to_seconds(civil) - *time.offset_seconds, {}};
  }
  return from_picked(wall::on_day(civil, zone), used);
}

// "2026-11-27 21:30" or "2026-11-27T21:30[:SS][offset]".
Expected<Front> read_dated(std::span<const std::string> tokens, const std::string& first,
                           const Zone& zone)
{
  const std::string day_part = first.substr(0, 10);
  const auto date = parse_iso_date(day_part);
  if (!date) {
    return make_error("no such date '" + tokens[0].substr(0, 10) + "'",
                      "check the month and the day");
  }
  if (first.size() > 10) {
    const auto time = lexer::read_clock_with_offset(std::string_view(first).substr(11), false);
    return time ? at_date(*date, *time, 1, zone) : unreadable(tokens[0]);
  }
  const auto time =
    tokens.size() > 1 ? lexer::read_clock_with_offset(lexer::lower(tokens[1])) : std::nullopt;
  if (!time) {
    return tokens.size() > 1 ? unreadable(join(tokens, 2))
                             : unreadable(tokens[0], "a date needs a clock time after it, e.g. '" +
                                                       tokens[0] + " 21:30'");
  }
  return at_date(*date, *time, 2, zone);
}

// A duration before now: "-10m" or "10m ago".
Expected<Front> read_relative(std::span<const std::string> tokens, std::string_view amount,
                              std::size_t used, Instant now)
{
  const lexer::DurationRead read = lexer::read_duration(amount);
  if (read.problem != lexer::DurationProblem::none) {
    return unreadable(join(tokens, used), read.problem == lexer::DurationProblem::calendar_unit
                                            ? "m means minutes; there are no day, week, "
                                              "month or year units"
                                            : "");
  }
  return Front{used, std::nullopt, now - read.seconds, {}};
}

Expected<Front> read_front(std::span<const std::string> tokens, Instant now, const Zone& zone)
{
  const std::string first = lexer::lower(tokens[0]);
  const bool ago = tokens.size() > 1 && lexer::lower(tokens[1]) == "ago";
  if (first == "now") {
    return Front{1, std::nullopt, now, {}};
  }
  if (first.starts_with('-')) {
    return read_relative(tokens, std::string_view(first).substr(1), 1, now);
  }
  if (ago) {
    return read_relative(tokens, first, 2, now);
  }
  if (const auto clock = lexer::read_clock(first)) {
    return Front{1, clock, 0, {}};
  }
  if (first == "today" || first == "yesterday" || lexer::read_weekday(first)) {
    return read_day_word(tokens, first, now, zone);
  }
  if (first.size() >= 10 && lexer::looks_like_date(std::string_view(first).substr(0, 10)) &&
      (first.size() == 10 || first[10] == 't')) {
    return read_dated(tokens, first, zone);
  }
  const std::string second = tokens.size() > 1 ? lexer::lower(tokens[1]) : std::string();
  if (second == "am" || second == "pm") {
    return unreadable(join(tokens, 2),
                      "write the time as one word, e.g. '" + tokens[0] + tokens[1] + "'");
  }
  if (lexer::read_duration(first).problem == lexer::DurationProblem::none) {
    return unreadable(tokens[0], "for a time before now write '-" + tokens[0] + "' or '" +
                                   tokens[0] + " ago'");
  }
  return unreadable(tokens[0]);
}

Error in_future(const std::string& what, Instant now, const Zone& zone)
{
  return make_error(what + " is in the future",
                    "it is now " + describe(now, zone) + " (" + wall::zone_label(zone) + ")");
}

} // namespace

Expected<ParsedWhen> parse_when(std::span<const std::string> tokens, Instant now, const Zone& zone)
{
  if (tokens.empty()) {
    return ParsedWhen{now, 0, {}};
  }
  auto front = read_front(tokens, now, zone);
  if (!front) {
    return front.error();
  }
  if (front->bare_clock) {
    const Date today = zone.to_civil(now).date;
    auto picked = wall::latest_at_or_before(*front->bare_clock, today, 1, now, zone);
    if (!picked) {
      return picked.error();
    }
    return ParsedWhen{picked->at, front->used, picked->warning};
  }
  if (front->at > now) {
    return in_future(join(tokens, front->used), now, zone);
  }
  return ParsedWhen{front->at, front->used, front->warning};
}

Expected<ParsedWhen> parse_end(std::span<const std::string> tokens, Instant start, Instant now,
                               const Zone& zone)
{
  ParsedWhen end{now, 0, {}};
  if (!tokens.empty()) {
    auto front = read_front(tokens, now, zone);
    if (!front) {
      return front.error();
    }
    end = ParsedWhen{front->at, front->used, front->warning};
    if (front->bare_clock) {
      auto picked = wall::first_at_or_after(*front->bare_clock, start, zone);
      if (!picked) {
        return picked.error();
      }
      end = ParsedWhen{picked->at, front->used, picked->warning};
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

} // namespace sleeplog::time
