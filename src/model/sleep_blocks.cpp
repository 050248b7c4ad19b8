// Blocks of sleep and the main sleep (DESIGN §4.2). Every `asleep` while awake opens a
// stretch and every `woke` or `up` while asleep closes it, so a night put back to bed
// after an `up` simply continues with its next stretch.
#include <sleeplog/model/sleep_blocks.hpp>

namespace sleeplog::model {

namespace {

std::vector<StretchAt> find_stretches(const std::vector<Event>& events, bool& double_woke)
{
  std::vector<StretchAt> stretches;
  bool asleep = false;
  bool waking = false; // awake after a `woke`, no `asleep` or `up` yet
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    if (event.kind == Kind::asleep) {
      if (!asleep) {
        stretches.push_back({i, no_event, event.start, 0});
      }
      asleep = true;
      waking = false;
    } else if (event.kind == Kind::woke || event.kind == Kind::up) {
      if (asleep) {
        stretches.back().end = i;
        stretches.back().end_at = event.start;
      } else if (event.kind == Kind::woke && waking) {
        double_woke = true;
      }
      asleep = false;
      waking = event.kind == Kind::woke;
    }
  }
  return stretches;
}

// Index of the first event of `kind` in [from, to), or no_event.
std::size_t first_in(const std::vector<Event>& events, Kind kind, std::size_t from, std::size_t to)
{
  for (std::size_t i = from; i < to && i < events.size(); ++i) {
    if (events[i].kind == kind) {
      return i;
    }
  }
  return no_event;
}

// The first stretch after the night's leading evening catnaps (0 when there is none): a
// run of stretches with gaps under an hour, at most 90 min asleep, closed, followed by an
// hour or more awake and more sleep, and with no `bed` before it; repeated while it holds.
std::size_t catnaps_end(const std::vector<Event>& events, const std::vector<StretchAt>& stretches)
{
  const std::size_t bed = first_in(events, Kind::bed, 0, events.size());
  std::size_t from = 0;
  while (from < stretches.size() && (bed == no_event || bed > stretches[from].asleep)) {
    Instant asleep_s = 0;
    std::size_t i = from;
    for (;; ++i) {
      if (stretches[i].end == no_event || i + 1 >= stretches.size()) {
        return from; // no sleep after it: it is the night itself
      }
      asleep_s += stretches[i].end_at - stretches[i].start;
      if (stretches[i + 1].start - stretches[i].end_at >= catnap_awake_s) {
        break;
      }
    }
    if (asleep_s > catnap_max_s) {
      break;
    }
    from = i + 1;
  }
  return from;
}

// The `up` that ends a main sleep whose last stretch ended at events[end]: that event
// when it is an `up`, else the first `up` after it and before the next sleep.
std::size_t up_of_main(const std::vector<Event>& events, const SleepStructure& sleep,
                       std::size_t end)
{
  if (events[end].kind == Kind::up) {
    return end;
  }
  const SleepBlock& main = sleep.blocks[sleep.main];
  const std::size_t next =
    main.last + 1 < sleep.stretches.size() ? sleep.stretches[main.last + 1].asleep : events.size();
  return first_in(events, Kind::up, end + 1, next);
}

// The night's first onset less the crying that ends at it (a child put down crying).
Instant onset_less_crying(const std::vector<Event>& events, Instant onset)
{
  Instant put_down = onset;
  for (bool moved = true; moved;) {
    moved = false;
    for (const Event& e : events) {
      if (e.kind == Kind::cry && e.end && e.start < put_down && *e.end >= put_down &&
          *e.end <= onset) {
        put_down = e.start;
        moved = true;
      }
    }
  }
  return put_down;
}

} // namespace

SleepStructure sleep_structure(const std::vector<Event>& events)
{
  SleepStructure s;
  s.stretches = find_stretches(events, s.double_woke);
  const std::size_t catnaps = catnaps_end(events, s.stretches);
  for (std::size_t i = 0; i < s.stretches.size(); ++i) {
    const StretchAt& stretch = s.stretches[i];
    const Instant gap = i > 0 ? stretch.start - s.stretches[i - 1].end_at : 0;
    const bool joins = i > 0 && s.stretches[i - 1].end != no_event && gap < block_gap_s &&
                       !(i <= catnaps && gap >= catnap_awake_s);
    if (!joins) {
      s.blocks.push_back({i, i, 0, false, i < catnaps});
    }
    SleepBlock& block = s.blocks.back();
    block.last = i;
    if (stretch.end == no_event) {
      block.open = true;
    } else {
      block.asleep_s += stretch.end_at - stretch.start;
    }
  }
  if (s.blocks.empty()) {
    return s;
  }
  if (s.blocks.back().open) {
    s.main = s.blocks.size() - 1;
    return s;
  }
  for (std::size_t b = 0; b < s.blocks.size(); ++b) {
    if (!s.blocks[b].catnap &&
        (s.main == no_event || s.blocks[b].asleep_s > s.blocks[s.main].asleep_s)) {
      s.main = b;
    }
  }
  return s;
}

NightBounds night_bounds(const std::vector<Event>& events, const SleepStructure& sleep)
{
  NightBounds b;
  if (sleep.main == no_event) {
    b.bed = first_in(events, Kind::bed, 0, events.size());
    b.up = first_in(events, Kind::up, b.bed == no_event ? 0 : b.bed, events.size());
  } else {
    // The first bed after any earlier sleep of the night and at or before the main
    // sleep's onset: a second put-down counts in settling rather than restarting it.
    const SleepBlock& main = sleep.blocks[sleep.main];
    const std::size_t from = sleep.main == 0 ? 0 : sleep.stretches[main.first - 1].end + 1;
    b.bed = first_in(events, Kind::bed, from, sleep.stretches[main.first].asleep);
    if (!main.open) {
      b.up = up_of_main(events, sleep, sleep.stretches[main.last].end);
    }
  }
  if (b.bed != no_event) {
    b.put_down = events[b.bed].start;
  } else if (sleep.main != no_event) {
    const StretchAt& onset = sleep.stretches[sleep.blocks[sleep.main].first];
    b.put_down = onset_less_crying(events, onset.start);
  }
  if (b.up != no_event) {
    b.up_at = events[b.up].start;
  }
  return b;
}

} // namespace sleeplog::model
