// Per-night metrics (SPEC §5). One walk over the night's events from sleep onset to
// `up` yields the stretches, wakings and final wake; everything else is arithmetic on
// absolute instants, so a DST night counts real minutes.
#include <sleeplog/model/metrics.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

namespace sleeplog::model {

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

double minutes(Instant from, Instant to)
{
  return static_cast<double>(to - from) / 60.0;
}

LocalInstant local_of(const Event& event)
{
  return {event.start, event.offset_s};
}

// Index of the first event of `kind` after index `after` (none = from the start).
std::size_t first_after(const std::vector<Event>& events, Kind kind, std::size_t after)
{
  for (std::size_t i = after == none ? 0 : after + 1; i < events.size(); ++i) {
    if (events[i].kind == kind) {
      return i;
    }
  }
  return none;
}

// What the walk from sleep onset to `up` finds.
struct SleepWalk
{
  std::vector<SleepStretch> stretches;
  int wakings = 0;
  Instant waso_s = 0;
  const Event* final_wake = nullptr;
  bool open_stretch = false;
  bool double_woke = false;
};

// Walks events[onset..up] (up = none: to the end, the night still open). A waking
// starts at the first `woke` while asleep; a second `woke` before any `asleep` is a
// logging slip that makes the night incomplete but does not count twice.
SleepWalk walk_sleep(const std::vector<Event>& events, std::size_t onset, std::size_t up)
{
  SleepWalk walk;
  std::optional<Instant> asleep_since;
  const Event* waking = nullptr;
  const std::size_t last = up == none ? events.size() - 1 : up;
  for (std::size_t i = onset; i <= last; ++i) {
    const Event& event = events[i];
    if (event.kind == Kind::asleep) {
      if (waking != nullptr) {
        ++walk.wakings;
        walk.waso_s += event.start - waking->start;
        waking = nullptr;
      }
      if (!asleep_since) {
        asleep_since = event.start;
      }
    } else if (event.kind == Kind::woke || event.kind == Kind::up) {
      if (asleep_since) {
        walk.stretches.push_back({*asleep_since, event.start});
        asleep_since.reset();
        waking = event.kind == Kind::woke ? &event : nullptr;
      } else if (event.kind == Kind::woke && waking != nullptr) {
        walk.double_woke = true;
      }
      if (event.kind == Kind::up) {
        walk.final_wake = waking != nullptr ? waking : &event;
      }
    }
  }
  walk.open_stretch = asleep_since.has_value();
  return walk;
}

double round1(double value)
{
  return std::round(value * 10.0) / 10.0;
}

// Length in minutes of the union of closed intervals (overlapping cries count once).
double union_minutes(std::vector<std::pair<Instant, Instant>> spans)
{
  std::sort(spans.begin(), spans.end());
  Instant total = 0;
  std::optional<std::pair<Instant, Instant>> current;
  for (const auto& span : spans) {
    if (current && span.first <= current->second) {
      current->second = std::max(current->second, span.second);
      continue;
    }
    if (current) {
      total += current->second - current->first;
    }
    current = span;
  }
  if (current) {
    total += current->second - current->first;
  }
  return static_cast<double>(total) / 60.0;
}

// Cries, check-ins, feeds and naps: counts and the minutes of closed intervals.
void add_intervals(const Night& night, NightMetrics& m)
{
  std::vector<std::pair<Instant, Instant>> cries;
  for (const Event& event : night.events) {
    const auto seconds = duration_seconds(event);
    if (event.kind == Kind::cry) {
      ++m.cry_episodes;
      if (seconds) {
        cries.emplace_back(event.start, *event.end);
      }
    } else if (event.kind == Kind::checkin) {
      ++m.checkins;
      m.checkin_min += seconds ? static_cast<double>(*seconds) / 60.0 : 0.0;
    } else if (event.kind == Kind::feed) {
      ++m.feeds;
    }
  }
  m.cry_min = union_minutes(std::move(cries));
  for (const Event& nap : night.naps) {
    ++m.naps;
    const auto seconds = duration_seconds(nap);
    m.nap_min += seconds ? static_cast<double>(*seconds) / 60.0 : 0.0;
  }
}

// BISQ cut-offs: true if any known one is crossed, false only when all are known.
std::optional<bool> concern_of(const NightMetrics& m)
{
  const bool any = (m.wakings && *m.wakings > 3) || (m.waso_min && *m.waso_min > 60.0) ||
                   (m.sleep_24h_min && *m.sleep_24h_min < 540.0);
  if (any) {
    return true;
  }
  if (m.wakings && m.waso_min && m.sleep_24h_min) {
    return false;
  }
  return std::nullopt;
}

// Fills the numbers that need sleep onset: stretches, wakings, final wake and sums.
void add_sleep(const std::vector<Event>& events, std::size_t onset, std::size_t up, NightMetrics& m)
{
  SleepWalk walk = walk_sleep(events, onset, up);
  m.wakings = walk.wakings;
  m.waso_min = static_cast<double>(walk.waso_s) / 60.0;
  if (up != none) {
    m.final_wake = local_of(*walk.final_wake);
    m.twak_min = minutes(walk.final_wake->start, events[up].start);
  }
  if (up != none && !walk.open_stretch) {
    Instant tst_s = 0;
    Instant longest_s = 0;
    for (const SleepStretch& stretch : walk.stretches) {
      tst_s += stretch.end - stretch.start;
      longest_s = std::max(longest_s, stretch.end - stretch.start);
    }
    m.tst_min = static_cast<double>(tst_s) / 60.0;
    m.longest_stretch_min = static_cast<double>(longest_s) / 60.0;
  }
  m.stretches = std::move(walk.stretches);
  m.complete = m.bedtime && up != none && !walk.double_woke;
}

} // namespace

NightMetrics compute_metrics(const Night& night)
{
  NightMetrics m;
  const std::vector<Event>& events = night.events;
  const std::size_t bed = first_after(events, Kind::bed, none);
  const std::size_t onset = first_after(events, Kind::asleep, bed);
  const std::size_t up = first_after(events, Kind::up, onset != none ? onset : bed);

  if (bed != none) {
    m.bedtime = local_of(events[bed]);
  }
  if (onset != none) {
    m.asleep = local_of(events[onset]);
  }
  if (up != none) {
    m.up = local_of(events[up]);
  }
  if (m.bedtime && m.asleep) {
    m.sol_min = minutes(m.bedtime->at, m.asleep->at);
  }
  if (m.bedtime && m.up) {
    m.tib_min = minutes(m.bedtime->at, m.up->at);
  }
  if (onset != none) {
    add_sleep(events, onset, up, m);
  }
  if (m.tst_min && m.tib_min && *m.tib_min > 0.0) {
    m.se_pct = round1(100.0 * *m.tst_min / *m.tib_min);
  }
  add_intervals(night, m);
  if (m.tst_min) {
    m.sleep_24h_min = *m.tst_min + m.nap_min;
  }
  m.concern = concern_of(m);
  m.tags = night.tags;
  add_crying_response(night, m);
  return m;
}

} // namespace sleeplog::model
