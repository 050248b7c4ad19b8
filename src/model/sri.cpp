// Sleep Regularity Index (Phillips et al. 2017; DESIGN §5.6): every known minute compared
// with the same minute 24 h later. The accumulator keeps one day of epochs in a ring,
// so a timeline of years costs constant memory.
#include <sleeplog/model/period.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace sleeplog::model {

namespace {

constexpr std::int64_t day_min = 1440;

std::int64_t floor_minute(Instant t)
{
  return t >= 0 ? t / 60 : -((-t + 59) / 60);
}

// How many epochs of [begin, stop) are known, and how many of those asleep: eight at a
// time, as the bytes of one word (a history of years compares millions of minutes).
// unknown is 0xff (top and bottom bit set), awake 0x00, asleep 0x01.
std::pair<std::int64_t, std::int64_t> known_and_asleep(const Epoch* begin, const Epoch* stop)
{
  static_assert(sizeof(Epoch) == 1 && static_cast<int>(Epoch::unknown) == -1 &&
                static_cast<int>(Epoch::awake) == 0 && static_cast<int>(Epoch::asleep) == 1);
  constexpr std::uint64_t top_bits = 0x8080808080808080ULL;
  constexpr std::uint64_t low_bits = 0x0101010101010101ULL;
  // The sum of a word's bytes that are each 0 or 1 lands in its top byte.
  const auto byte_sum = [](std::uint64_t ones) {
    return static_cast<std::int64_t>((ones * low_bits) >> 56);
  };
  std::int64_t unknown = 0;
  std::int64_t low = 0; // asleep or unknown
  const Epoch* at = begin;
  for (; stop - at >= 8; at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, at, sizeof word);
    unknown += byte_sum((word & top_bits) >> 7);
    low += byte_sum(word & low_bits);
  }
  for (; at != stop; ++at) {
    unknown += *at == Epoch::unknown ? 1 : 0;
    low += *at != Epoch::awake ? 1 : 0;
  }
  return {(stop - begin) - unknown, low - unknown};
}

std::size_t ring_slot(std::int64_t minute)
{
  return static_cast<std::size_t>(((minute % day_min) + day_min) % day_min);
}

std::optional<double> sri_value(std::int64_t matches, std::int64_t pairs)
{
  if (pairs < day_min) {
    return std::nullopt;
  }
  const double sri = 200.0 * static_cast<double>(matches) / static_cast<double>(pairs) - 100.0;
  return std::round(sri * 10.0) / 10.0;
}

} // namespace

std::optional<double> sri_from_epochs(const std::vector<Epoch>& epochs)
{
  std::int64_t pairs = 0;
  std::int64_t matches = 0;
  const auto day = static_cast<std::size_t>(day_min);
  for (std::size_t t = 0; t + day < epochs.size(); ++t) {
    if (epochs[t] == Epoch::unknown || epochs[t + day] == Epoch::unknown) {
      continue;
    }
    ++pairs;
    matches += epochs[t] == epochs[t + day] ? 1 : 0;
  }
  return sri_value(matches, pairs);
}

void SriAccumulator::add(Instant from, Instant to, Epoch state)
{
  const std::int64_t first = floor_minute(from);
  const std::int64_t end = floor_minute(to);
  if (end <= first) {
    return;
  }
  if (!m_started || first - m_next_minute >= day_min) {
    // Nothing within a day before `first` is known: start over with an empty ring.
    m_ring.fill(Epoch::unknown);
    m_next_minute = first;
    m_started = true;
  }
  push(first - m_next_minute, Epoch::unknown);
  push(end - m_next_minute, state);
}

void SriAccumulator::push(std::int64_t minutes, Epoch state)
{
  // A run of minutes a stretch of the ring at a time (no division per minute): each slot
  // still holds the epoch exactly 24 h earlier.
  while (minutes > 0) {
    const std::size_t slot = ring_slot(m_next_minute);
    const auto count = static_cast<std::size_t>(
      std::min<std::int64_t>(minutes, day_min - static_cast<std::int64_t>(slot)));
    Epoch* const begin = m_ring.data() + slot;
    Epoch* const stop = begin + count;
    if (state != Epoch::unknown) {
      const auto [pairs, asleep] = known_and_asleep(begin, stop);
      m_pairs += pairs;
      m_matches += state == Epoch::asleep ? asleep : pairs - asleep;
    }
    std::fill(begin, stop, state);
    m_next_minute += static_cast<std::int64_t>(count);
    minutes -= static_cast<std::int64_t>(count);
  }
}

std::optional<double> SriAccumulator::value() const
{
  return sri_value(m_matches, m_pairs);
}

void SriTimeline::add(const Night& night, const NightMetrics& metrics)
{
  // Known inside the night from its put-down (its bed, else its first onset) to its up,
  // and from the up before it to that put-down when the day's naps are known.
  const std::optional<LocalInstant> put_down = metrics.bedtime ? metrics.bedtime : metrics.asleep;
  const bool naps_closed = std::all_of(night.naps.begin(), night.naps.end(),
                                       [](const Event& nap) { return nap.end.has_value(); });
  if (m_last_up && put_down && *m_last_up < put_down->at && night.naps_known && naps_closed &&
      time::local_civil(*m_last_up, put_down->offset_s).date == night.date) {
    std::vector<std::pair<Instant, Instant>> sleep;
    for (const Event& nap : night.naps) {
      sleep.emplace_back(nap.start, *nap.end);
    }
    for (const OutsideSleep& outside : night.outside_sleep) {
      sleep.emplace_back(outside.start, outside.end);
    }
    std::sort(sleep.begin(), sleep.end());
    Instant cursor = *m_last_up;
    for (const auto& [start, end] : sleep) {
      const Instant from = std::max(start, cursor);
      const Instant to = std::min(end, put_down->at);
      if (from < to) {
        m_acc.add(cursor, from, Epoch::awake);
        m_acc.add(from, to, Epoch::asleep);
        cursor = to;
      }
    }
    m_acc.add(cursor, put_down->at, Epoch::awake);
  }
  // A night with no onset logged is not known: its sleep was not written down.
  if (put_down && metrics.asleep && metrics.up && put_down->at < metrics.up->at) {
    Instant cursor = put_down->at;
    for (const SleepStretch& stretch : metrics.stretches) {
      m_acc.add(cursor, stretch.start, Epoch::awake);
      m_acc.add(stretch.start, stretch.end, Epoch::asleep);
      cursor = stretch.end;
    }
    m_acc.add(cursor, metrics.up->at, Epoch::awake);
  }
  m_last_up.reset();
  if (metrics.up) {
    m_last_up = metrics.up->at;
  }
}

std::optional<double> SriTimeline::value() const
{
  return m_acc.value();
}

} // namespace sleeplog::model
