#include <sleeplog/app/nights.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sleeplog::app {

namespace {

constexpr time::Instant day_s = 86400;

// The event without its texts: enough to place it in its night, so a long note is not
// copied for an assembler asked only for nights.
model::Event bare_event(const model::Event& e)
{
  model::Event bare;
  bare.id = e.id;
  bare.child_id = e.child_id;
  bare.kind = e.kind;
  bare.start = e.start;
  bare.end = e.end;
  bare.offset_s = e.offset_s;
  return bare;
}

// The night holding the event that starts at `at` (the events around it decide).
std::optional<time::Date> night_around(const NightSource& source, time::Instant at)
{
  std::optional<time::Date> found;
  model::NightAssembler assembler(source.settings.night_boundary_min, [](model::Night&&) {});
  source.store.for_each_event(source.child.id, at - 2 * day_s, at + 1, [&](const model::Event& e) {
    assembler.add(bare_event(e));
    if (e.start == at) {
      found = assembler.last_night();
    }
  });
  return found;
}

} // namespace

std::optional<time::Date> latest_night(const NightSource& source)
{
  const auto latest = source.store.latest_start(source.child.id);
  return latest ? night_around(source, *latest) : std::nullopt;
}

std::optional<time::Date> first_night(const NightSource& source)
{
  const auto first = source.store.earliest_start(source.child.id);
  return first ? night_around(source, *first) : std::nullopt;
}

time::Date last_finished_night(const Clock& clock)
{
  const auto local = clock.zone.to_civil(clock.now);
  return time::add_days(local.date, local.hour < 9 ? -2 : -1);
}

bool range_given(const RangeOptions& options)
{
  return options.last > 0 || !options.since.empty() || !options.until.empty() ||
         !options.week.empty();
}

time::Date date_option(const Clock& clock, const std::string& text, const char* option)
{
  return value_or_throw(time::parse_date(text, clock.now, clock.zone), option);
}

std::optional<NightRange> resolve_range(const Clock& clock, const NightSource& source,
                                        const RangeOptions& options, int default_nights)
{
  if (!options.week.empty()) {
    const time::Date day = options.week == "-" ? clock.zone.to_civil(clock.now).date
                                               : date_option(clock, options.week, "--week");
    const auto first = source.settings.week_start(day);
    return NightRange{first, time::add_days(first, 6)};
  }
  std::optional<time::Date> last;
  if (!options.until.empty()) {
    last = date_option(clock, options.until, "--until");
  }
  std::optional<time::Date> first;
  if (!options.since.empty()) {
    first = date_option(clock, options.since, "--since");
  }
  if (!last) {
    last = latest_night(source);
    if (!last) {
      return std::nullopt;
    }
  }
  if (!first) {
    const int count = options.last > 0 ? options.last : default_nights;
    first = time::add_days(*last, -(count - 1));
  } else if (options.last > 0) {
    throw InputError("--last cannot be combined with --since", "use one or the other");
  }
  if (*first > *last && options.until.empty()) {
    // The user gave only --since, past the latest night: an empty range, not an error
    // about an --until nobody typed.
    last = first;
  }
  if (*first > *last) {
    throw InputError(fmt::format("--since {} is after --until {}", time::format_date(*first),
                                 time::format_date(*last)));
  }
  return NightRange{*first, *last};
}

NightRange night_range_argument(const Clock& clock, const NightSource& source,
                                const std::string& text)
{
  const auto dots = text.find("..");
  if (dots == std::string::npos) {
    const auto date = night_argument(clock, source, text);
    return {date, date};
  }
  const auto first = night_argument(clock, source, text.substr(0, dots));
  const auto last = night_argument(clock, source, text.substr(dots + 2));
  if (first > last) {
    throw InputError(
      fmt::format("{} is after {}", time::format_date(first), time::format_date(last)));
  }
  if (time::days_from_date(last) - time::days_from_date(first) > max_range_days) {
    throw InputError("a tag range holds at most a year of nights");
  }
  return {first, last};
}

std::optional<time::Date> night_to_show(const Clock& clock, const NightSource& source,
                                        const std::string& text)
{
  const char* hint = "NIGHT is YYYY-MM-DD, last, yesterday or -N (N nights before the latest)";
  if (text.empty() || text == "last" || (text.size() > 1 && text[0] == '-')) {
    auto latest = latest_night(source);
    if (!latest || text.empty() || text == "last") {
      return latest;
    }
    const std::string digits = text.substr(1);
    if (digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
      throw InputError(fmt::format("'{}' is not a night", shown_value(text)), hint);
    }
    return time::add_days(*latest, -std::stol(digits));
  }
  auto date = time::parse_date(text, clock.now, clock.zone);
  if (!date) {
    throw InputError(fmt::format("'{}' is not a night", shown_value(text)), hint);
  }
  return *date;
}

Baseline baseline_range(const Clock& clock, const NightSource& source,
                        const BaselineOptions& options)
{
  if (options.since.empty() && options.until.empty()) {
    const auto first = first_night(source).value_or(time::Date{});
    return {{first, time::add_days(first, 20)}, 7};
  }
  const auto since = options.since.empty()
                       ? time::add_days(date_option(clock, options.until, "--baseline-until"), -6)
                       : date_option(clock, options.since, "--baseline-since");
  const auto until = options.until.empty() ? time::add_days(since, 6)
                                           : date_option(clock, options.until, "--baseline-until");
  if (since > until) {
    throw InputError(fmt::format("--baseline-since {} is after --baseline-until {}",
                                 time::format_date(since), time::format_date(until)));
  }
  return {{since, until}, std::nullopt};
}

std::pair<time::Instant, time::Instant> window_of(const NightRange& range)
{
  // Start early enough to see a bed of the night before whose bracket may reach into the
  // range (24 h, at any UTC offset) and the naps 2 days either side that make a day's
  // naps known; end late enough for the last night's morning and those naps.
  const time::Instant from = (time::days_from_date(range.first) - 4) * day_s;
  const time::Instant to = (time::days_from_date(range.last) + 4) * day_s;
  return {from, to};
}

void for_each_night(const NightSource& source, const NightRange& range,
                    const std::function<void(model::Night&&)>& fn)
{
  // Each night carries its context tags (DESIGN §9): one query for the whole range.
  std::map<time::Date, std::vector<std::string>> tags;
  std::map<time::Date, std::vector<std::string>> notes;
  for (auto& tag : store::tags_between(source.store, source.child.id, range.first, range.last)) {
    if (!tag.note.empty()) {
      notes[tag.night].push_back(tag.word + ": " + tag.note);
    }
    tags[tag.night].push_back(std::move(tag.word));
  }
  model::NightAssembler assembler(
    source.settings.night_boundary_min,
    [&](model::Night&& night) {
      if (night.date >= range.first && night.date <= range.last) {
        if (const auto found = tags.find(night.date); found != tags.end()) {
          night.tags = found->second;
        }
        if (const auto found = notes.find(night.date); found != notes.end()) {
          night.tag_notes = found->second;
        }
        fn(std::move(night));
      }
    },
    source.settings.naps);
  const auto [from, to] = window_of(range);
  // When the window holds the child's first logged moment, the days before it (and its
  // own, when it came in the evening) have unknown naps.
  if (const auto earliest = source.store.earliest_start(source.child.id);
      earliest && *earliest >= from) {
    assembler.sees_log_start();
  }
  // The store hands over each row it read: the assembler takes it, so a long note is not
  // copied once more. Nights never show an event's uuid (exports of events read them with
  // for_each_event_in): it is not read.
  source.store.for_each_event(
    source.child.id, from, to, [&](model::Event&& e) { assembler.add(std::move(e)); }, false);
  assembler.finish();
}

void for_each_event_in(const NightSource& source, const NightRange& range,
                       const std::function<void(const model::Event&, time::Date)>& fn)
{
  model::NightAssembler assembler(source.settings.night_boundary_min, [](model::Night&&) {});
  const auto [from, to] = window_of(range);
  source.store.for_each_event(source.child.id, from, to, [&](const model::Event& e) {
    // The assembler is asked only for each event's night, and keeps the events of the
    // nights still open: give it the event without its texts, so a long note is held
    // once, and no row copies a uuid, caregiver or note it never reads.
    assembler.add(bare_event(e));
    const auto night = assembler.last_night();
    if (night >= range.first && night <= range.last) {
      fn(e, night);
    }
  });
}

time::Date night_of_event(const NightSource& source, const model::Event& event)
{
  return night_around(source, event.start)
    .value_or(model::night_by_boundary(event, source.settings.night_boundary_min));
}

} // namespace sleeplog::app
