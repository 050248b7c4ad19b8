// Per-night metrics (DESIGN §5.1). One walk over the night's events from sleep onset to
// `up` yields the stretches, wakings and final wake; everything else is arithmetic on
// absolute instants, so a DST night counts real minutes.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/model/sleep_blocks.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

namespace sleeplog::model {

namespace {

double minutes(Instant from, Instant to)
{
  return static_cast<double>(to - from) / 60.0;
}

LocalInstant local_of(const Event& event)
{
  return {event.start, event.offset_s};
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

// Cries, check-ins, feeds and naps: counts and the minutes of closed intervals. Those
// of the night count from its put-down to its `up`; those around the day's naps apart.
void add_intervals(const Night& night, const NightBounds& bounds, NightMetrics& m)
{
  std::vector<std::pair<Instant, Instant>> cries;
  for (const Event& event : night.events) {
    if (!bounds.holds(event.start)) {
      continue;
    }
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
  std::vector<std::pair<Instant, Instant>> nap_cries;
  for (const Event& event : night.around_naps) {
    if (event.kind == Kind::cry && event.end) {
      nap_cries.emplace_back(event.start, *event.end);
    }
    m.nap_checkins += event.kind == Kind::checkin ? 1 : 0;
  }
  m.nap_cry_min = union_minutes(std::move(nap_cries));
  if (!night.naps_known) {
    return;
  }
  m.naps = static_cast<int>(night.naps.size() + night.outside_sleep.size());
  m.nap_min = 0.0;
  for (const Event& nap : night.naps) {
    const auto seconds = duration_seconds(nap);
    *m.nap_min += seconds ? static_cast<double>(*seconds) / 60.0 : 0.0;
  }
  for (const OutsideSleep& sleep : night.outside_sleep) {
    *m.nap_min += sleep.minutes;
  }
}

// BISQ cut-offs over what is known: true if a known one is crossed; false when none is
// and wakings and waso are known, plus sleep_24h unless the day's naps are unknown.
void add_concern(const Night& night, NightMetrics& m)
{
  if (m.wakings && *m.wakings > 3) {
    m.concern_reasons.emplace_back("wakings>3");
  }
  if (m.waso_min && *m.waso_min > 60.0) {
    m.concern_reasons.emplace_back("waso>60");
  }
  if (m.sleep_24h_min && *m.sleep_24h_min < 540.0) {
    m.concern_reasons.emplace_back("sleep_24h<540");
  }
  if (!m.concern_reasons.empty()) {
    m.concern = true;
  } else if (m.wakings && m.waso_min && (m.sleep_24h_min || !night.naps_known)) {
    m.concern = false;
  }
}

// Fills what the main sleep gives: onset, stretches, wakings, final wake, up and sums.
void add_main_sleep(const std::vector<Event>& events, const SleepStructure& sleep,
                    const NightBounds& bounds, NightMetrics& m)
{
  const SleepBlock& main = sleep.blocks[sleep.main];
  const StretchAt& first = sleep.stretches[main.first];
  const StretchAt& last = sleep.stretches[main.last];
  m.asleep = local_of(events[first.asleep]);
  Instant waso_s = 0;
  Instant tst_s = 0;
  Instant longest_s = 0;
  for (std::size_t i = main.first; i <= main.last; ++i) {
    const StretchAt& stretch = sleep.stretches[i];
    if (i > main.first) {
      waso_s += stretch.start - sleep.stretches[i - 1].end_at;
    }
    if (stretch.end != no_event) {
      m.stretches.push_back({stretch.start, stretch.end_at});
      tst_s += stretch.end_at - stretch.start;
      longest_s = std::max(longest_s, stretch.end_at - stretch.start);
    }
  }
  m.wakings = static_cast<int>(main.last - main.first);
  m.waso_min = static_cast<double>(waso_s) / 60.0;
  const std::size_t up = bounds.up;
  if (up != no_event) {
    m.up = local_of(events[up]);
    m.final_wake = local_of(events[last.end]);
    m.twak_min = minutes(events[last.end].start, events[up].start);
    m.tst_min = static_cast<double>(tst_s) / 60.0;
    m.longest_stretch_min = static_cast<double>(longest_s) / 60.0;
  }
  m.complete = bounds.bed != no_event && up != no_event && !sleep.double_woke;
}

} // namespace

NightMetrics compute_metrics(const Night& night)
{
  NightMetrics m;
  const std::vector<Event>& events = night.events;
  const SleepStructure sleep = sleep_structure(events);
  const NightBounds bounds = night_bounds(events, sleep);
  if (sleep.main == no_event) {
    if (bounds.up != no_event) {
      m.up = local_of(events[bounds.up]);
    }
  } else {
    add_main_sleep(events, sleep, bounds, m);
  }
  if (bounds.bed != no_event) {
    m.bedtime = local_of(events[bounds.bed]);
  }
  if (m.bedtime && m.asleep) {
    m.sol_min = minutes(m.bedtime->at, m.asleep->at);
  }
  if (m.bedtime && m.up) {
    m.tib_min = minutes(m.bedtime->at, m.up->at);
  }
  if (m.tst_min && m.tib_min && *m.tib_min > 0.0) {
    m.se_pct = round1(100.0 * *m.tst_min / *m.tib_min);
  }
  add_intervals(night, bounds, m);
  if (m.tst_min && m.nap_min) {
    m.sleep_24h_min = *m.tst_min + *m.nap_min;
  }
  add_concern(night, m);
  m.tags = night.tags;
  m.tag_notes = night.tag_notes;
  add_crying_response(night, bounds, m);
  return m;
}

std::string concern_reasons_cell(const NightMetrics& m)
{
  std::string cell;
  for (const auto& reason : m.concern_reasons) {
    cell += (cell.empty() ? "" : ";") + reason;
  }
  return cell;
}

std::string concern_text(const NightMetrics& m)
{
  std::string text;
  const auto add = [&text](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  for (const auto& reason : m.concern_reasons) {
    if (reason == "wakings>3" && m.wakings) {
      add(fmt::format("{} wakings", *m.wakings));
    } else if (reason == "waso>60" && m.waso_min) {
      add(fmt::format("{} min awake", std::lround(*m.waso_min)));
    } else if (reason == "sleep_24h<540" && m.sleep_24h_min) {
      const long total = std::lround(*m.sleep_24h_min);
      add(fmt::format("{}:{:02} sleep in 24 h", total / 60, total % 60));
    }
  }
  return text;
}

} // namespace sleeplog::model
