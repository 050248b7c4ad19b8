// Logging rules: pure questions about a candidate event and the child's events around it,
// answered with the words to print.
#include <sleeplog/app/children.hpp>
#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/model/sleep_blocks.hpp>
#include <sleeplog/model/slips.hpp>
#include <sleeplog/store/sync.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace sleeplog::app {

namespace {

using model::Kind;

constexpr time::Instant day_s = 86400;

bool is_state_moment(Kind kind)
{
  return kind == Kind::bed || kind == Kind::asleep || kind == Kind::woke || kind == Kind::up;
}

std::string clock_of(time::Instant at, const time::Zone& zone)
{
  return time::format_clock(at, zone.offset_at(at));
}

// "2 h 9 min", "25 min": a span in words for messages.
std::string span_words(time::Instant seconds)
{
  const time::Instant minutes = seconds / 60;
  if (minutes < 60) {
    return fmt::format("{} min", minutes);
  }
  return minutes % 60 == 0 ? fmt::format("{} h", minutes / 60)
                           : fmt::format("{} h {} min", minutes / 60, minutes % 60);
}

// The child's events with a start in [from, to), in start order.
std::vector<model::Event> events_between(const NightSource& source, time::Instant from,
                                         time::Instant to)
{
  std::vector<model::Event> events;
  source.store.for_each_event(source.child.id, from, to,
                              [&](const model::Event& e) { events.push_back(e); });
  return events;
}

// The night of `date` as stored (without the candidate).
std::optional<model::Night> stored_night(const NightSource& source, time::Date date)
{
  std::optional<model::Night> found;
  for_each_night(source, NightRange{date, date}, [&](model::Night&& n) {
    if (n.date == date) {
      found = std::move(n);
    }
  });
  return found;
}

// The first onset of the night's main sleep, if it has sleep.
std::optional<time::Instant> main_onset(const model::Night& night)
{
  const auto sleep = model::sleep_structure(night.events);
  if (sleep.main == model::no_event) {
    return std::nullopt;
  }
  const auto& block = sleep.blocks[sleep.main];
  return sleep.stretches[block.first].start;
}

// The closed nap the moment falls strictly inside, if any (an open one is ended by the
// moment: `up` or `asleep` closes it).
std::optional<model::Event> nap_around(const std::vector<model::Event>& events, time::Instant at)
{
  for (const auto& e : events) {
    if (e.kind == Kind::nap && e.end && e.start < at && at < *e.end) {
      return e;
    }
  }
  return std::nullopt;
}

// What the candidate would do to a night that has ended with `up`, or "" when it leaves
// the night's sleep as it was.
std::string change_to_ended_night(const model::Night& night, const model::Event& up,
                                  const model::Event& e, time::Instant now, const time::Zone& zone)
{
  const bool puts_down = e.kind == Kind::bed || e.kind == Kind::asleep;
  if (puts_down && e.start >= up.start && e.start - up.start < model::resume_window_s &&
      now - up.start < model::resume_window_s) {
    return {}; // put back soon after the up, typed while the night may still go on
  }
  const auto onset = main_onset(night);
  if (e.kind == Kind::bed && (!onset || e.start <= *onset)) {
    return {}; // the morning backfill of a missing bedtime
  }
  const std::string at = clock_of(e.start, zone);
  const std::string up_at = fmt::format("{} (#{})", clock_of(up.start, zone), up.id);
  if (e.start > up.start) {
    return puts_down ? fmt::format("start its sleep again {} after its up at {}",
                                   span_words(e.start - up.start), up_at)
                     : fmt::format("move its end from {} to {}", up_at, at);
  }
  if (onset && e.start < *onset) {
    return e.kind == Kind::asleep
             ? fmt::format("move its first onset from {} to {}", clock_of(*onset, zone), at)
             : fmt::format("add a waking at {}, before its sleep began at {}", at,
                           clock_of(*onset, zone));
  }
  switch (e.kind) {
  case Kind::woke: return fmt::format("add a waking at {}", at);
  case Kind::up: return fmt::format("end it at {} instead of {}", at, up_at);
  case Kind::bed: return fmt::format("put the child down again at {}, inside its sleep", at);
  default: return fmt::format("change its wakings (a new onset at {} inside its sleep)", at);
  }
}

// Why the candidate may not be filed at its time, without looking at other readings.
std::optional<std::string> why_refused(const NightSource& source, const model::Event& e,
                                       time::Instant now, const time::Zone& zone)
{
  const auto events = events_between(source, e.start - 2 * day_s, e.start + 2 * day_s);
  if (const auto nap = nap_around(events, e.start)) {
    return fmt::format("{} {} lands inside nap #{} ({}-{})", model::kind_name(e.kind),
                       clock_of(e.start, zone), nap->id, clock_of(nap->start, zone),
                       clock_of(*nap->end, zone));
  }
  const time::Date date = night_of_candidate(source, e);
  const auto night = stored_night(source, date);
  if (!night) {
    return std::nullopt;
  }
  const auto up = model::night_end(*night);
  if (!up) {
    return std::nullopt;
  }
  const std::string change = change_to_ended_night(*night, *up, e, now, zone);
  if (change.empty()) {
    return std::nullopt;
  }
  return fmt::format("{} {} lands in the night of {}, which has already ended (up {}, #{}); "
                     "it would {}",
                     model::kind_name(e.kind), clock_of(e.start, zone),
                     time::format_date_short(date), clock_of(up->start, zone), up->id, change);
}

// The moment that the candidate would repeat, if any.
std::optional<model::Event> repeated(const NightSource& source, const model::Event& e)
{
  const auto nearby =
    events_between(source, e.start - model::repeat_window_s, e.start + model::repeat_window_s);
  return model::repeated_moment(nearby, e);
}

// The candidate at its other clock-face reading, when that reading is more recent than
// the one read (so likelier meant: 20:05 for an 08:05 typed at 20:10) and would be filed
// without a refusal.
std::optional<model::Event> other_reading_that_passes(const NightSource& source,
                                                      const model::Event& e,
                                                      const time::ParsedWhen& when,
                                                      time::Instant now, const time::Zone& zone)
{
  if (!when.bare || !when.other_reading || *when.other_reading > now ||
      *when.other_reading <= e.start) {
    return std::nullopt;
  }
  model::Event other = e;
  other.start = *when.other_reading;
  other.offset_s = zone.offset_at(other.start);
  if (repeated(source, other) || why_refused(source, other, now, zone)) {
    return std::nullopt;
  }
  return other;
}

} // namespace

std::string who_logged(const store::Store& store, const std::string& by_flag,
                       const std::string& env_by)
{
  if (!by_flag.empty()) {
    return by_flag;
  }
  if (!env_by.empty()) {
    return env_by;
  }
  if (auto who = read_settings(store).caregiver; !who.empty()) {
    return who;
  }
  return store::chosen_replica_name(store).value_or("");
}

std::string CommandSpelling::with(const std::string& when) const
{
  return head + " " + when + tail; // a WHEN works as several words
}

store::Child child_by_id(const store::Store& store, std::int64_t child_id)
{
  for (auto& child : store.children()) {
    if (child.id == child_id) {
      return child;
    }
  }
  return store::Child{child_id, "?", ""};
}

time::Date night_of_candidate(const NightSource& source, const model::Event& candidate)
{
  std::optional<time::Date> found;
  model::NightAssembler assembler(source.settings.night_boundary_min, [](model::Night&&) {});
  const auto add_candidate = [&] {
    assembler.add(candidate);
    found = assembler.last_night();
  };
  source.store.for_each_event(source.child.id, candidate.start - 2 * day_s, candidate.start + 1,
                              [&](const model::Event& e) {
                                if (!found && e.start > candidate.start) {
                                  add_candidate();
                                }
                                if (e.id != candidate.id) {
                                  assembler.add(e);
                                }
                              });
  if (!found) {
    add_candidate();
  }
  return *found;
}

std::optional<Refusal> repeat_refusal(const NightSource& source, const model::Event& candidate,
                                      time::Instant now, const time::Zone& zone)
{
  const auto open = repeated(source, candidate);
  if (!open) {
    return std::nullopt;
  }
  const Kind kind = candidate.kind;
  const char* state = kind == Kind::woke ? "awake" : kind == Kind::asleep ? "asleep" : "up";
  const char* missing = kind == Kind::woke     ? "asleep"
                        : kind == Kind::asleep ? "woke or up"
                                               : "bed or asleep";
  const std::string name(model::kind_name(kind));
  const std::string open_at = clock_of(open->start, zone);
  Refusal refusal;
  refusal.message = open->start <= candidate.start
                      ? fmt::format("already {}: {} #{} at {} has no {} after it", state, name,
                                    open->id, open_at, missing)
                      : fmt::format("{} #{} at {} already follows with no {} between", name,
                                    open->id, open_at, missing);
  const std::string moved = time::typeable_when(candidate.start, now, zone);
  const std::string edit =
    fmt::format("sleeplog edit {} --at {}{}", open->id,
                moved.find(' ') == std::string::npos ? moved : "\"" + moved + "\"",
                child_option(source.store, source.child));
  refusal.hint = fmt::format("if #{} is this {} at another time, move it: `{}`; if the child {} "
                             "in between, log that first",
                             open->id, name, edit,
                             kind == Kind::woke     ? "fell asleep"
                             : kind == Kind::asleep ? "woke"
                                                    : "went back to bed");
  return refusal;
}

std::optional<Refusal> finished_night_refusal(const NightSource& source,
                                              const model::Event& candidate,
                                              const time::ParsedWhen& when, time::Instant now,
                                              const time::Zone& zone,
                                              const CommandSpelling& spelling)
{
  if (!when.bare || !is_state_moment(candidate.kind)) {
    return std::nullopt;
  }
  auto why = why_refused(source, candidate, now, zone);
  if (!why) {
    return std::nullopt;
  }
  Refusal refusal;
  refusal.message = *why;
  refusal.hint =
    fmt::format("a clock time alone is never filed there by chance; to file it there on purpose, "
                "write `{}`",
                spelling.with(time::explicit_when(candidate.start, now, zone)));
  if (const auto other = other_reading_that_passes(source, candidate, when, now, zone)) {
    refusal.hint += fmt::format("; if you meant {}, write `{}`", clock_of(other->start, zone),
                                spelling.with(time::typeable_when(other->start, now, zone)));
  }
  return refusal;
}

std::optional<Refusal> slip_refusal(const NightSource& source, const model::Event& candidate,
                                    const time::ParsedWhen& when, time::Instant now,
                                    const time::Zone& zone, const CommandSpelling& spelling)
{
  if (auto refusal = repeat_refusal(source, candidate, now, zone)) {
    return refusal;
  }
  return finished_night_refusal(source, candidate, when, now, zone, spelling);
}

std::optional<model::Event> clamp_to_waking(const NightSource& source, model::Event& candidate)
{
  if (!candidate.end) {
    return std::nullopt;
  }
  std::optional<model::Event> last;
  for (const auto& e : events_between(source, *candidate.end - day_s, *candidate.end + 1)) {
    if (is_state_moment(e.kind) && e.start <= *candidate.end) {
      last = e;
    }
  }
  if (!last || last->kind != Kind::woke || candidate.start >= last->start) {
    return std::nullopt;
  }
  candidate.start = last->start;
  candidate.offset_s = last->offset_s;
  return last;
}

std::optional<ForgottenUp> forgotten_up(const NightSource& source, time::Instant now,
                                        const time::Zone& zone)
{
  const auto latest = latest_night(source);
  if (!latest) {
    return std::nullopt;
  }
  const auto has_sleep = [](const model::Night& n) {
    return std::any_of(n.events.begin(), n.events.end(),
                       [](const model::Event& e) { return e.kind == Kind::asleep; });
  };
  std::optional<model::Night> night = stored_night(source, *latest);
  if (!night || !has_sleep(*night)) {
    night = stored_night(source, time::add_days(*latest, -1));
  }
  if (!night || !has_sleep(*night) || model::night_end(*night)) {
    return std::nullopt;
  }
  std::vector<int> wakes;
  for_each_night(source,
                 NightRange{time::add_days(night->date, -14), time::add_days(night->date, -1)},
                 [&](model::Night&& n) {
                   if (const auto up = model::night_end(n)) {
                     const auto civil = model::local_start(*up);
                     wakes.push_back(civil.hour * 60 + civil.minute);
                   }
                 });
  constexpr int seven_am = 7 * 60;
  int usual = seven_am;
  if (!wakes.empty()) {
    std::sort(wakes.begin(), wakes.end());
    usual = wakes[wakes.size() / 2];
  }
  const time::CivilTime usual_civil{time::add_days(night->date, 1), usual / 60, usual % 60, 0};
  const auto instants = zone.resolve(usual_civil);
  const time::Instant usual_at =
    instants.empty() ? time::civil_to_seconds(usual_civil) - zone.offset_at(now) : instants.front();
  if (now < usual_at + forgotten_up_after_s) {
    return std::nullopt;
  }
  ForgottenUp result{night->date, usual, usual_at};
  // The last woke after the night's last onset is when the child woke for the day.
  for (const auto& e : night->events) {
    if (e.kind == Kind::asleep) {
      result.suggested = usual_at;
    } else if (e.kind == Kind::woke) {
      result.suggested = e.start;
    }
  }
  return result;
}

} // namespace sleeplog::app
