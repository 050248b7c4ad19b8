// Sleep Regularity Index (DESIGN §5.6): Phillips' worked form on state arrays, and the same
// checks through the log (events → nights → metrics → timeline).
#include <sleeplog/model/night.hpp>
#include <sleeplog/model/period.hpp>

#include <doctest/doctest.h>

#include <random>
#include <vector>

namespace {

using namespace sleeplog;
using model::Epoch;
using model::Event;
using model::Kind;
using time::Date;

constexpr int day_min = 1440;

// Three noon-to-noon days; each night asleep from `sleep[i]` to `wake[i]` (minutes since
// noon), everything else awake and known.
std::vector<Epoch> three_days(const int (&sleep)[3], const int (&wake)[3])
{
  std::vector<Epoch> epochs(3 * day_min, Epoch::awake);
  for (int day = 0; day < 3; ++day) {
    for (int m = sleep[day]; m < wake[day]; ++m) {
      epochs[static_cast<std::size_t>(day * day_min + m)] = Epoch::asleep;
    }
  }
  return epochs;
}

void mark(std::vector<Epoch>& epochs, int from, int to, Epoch state)
{
  for (int m = from; m < to; ++m) {
    epochs[static_cast<std::size_t>(m)] = state;
  }
}

Event at(Kind kind, Date date, int hour, int minute)
{
  Event event;
  event.kind = kind;
  event.start = time::civil_to_seconds({date, hour, minute, 0});
  return event;
}

// DESIGN §5.6 through the log: up 07:00 on day 1; nights 19:00 → 07:00, 20:00 → 07:00,
// 19:00 → 06:00 (bed and asleep together); bed 19:00 on day 4.
std::vector<Event> logged_days(bool waking_in_middle_night)
{
  const Date day1{2026, 11, 2};
  const Date day2{2026, 11, 3};
  const Date day3{2026, 11, 4};
  const Date day4{2026, 11, 5};
  std::vector<Event> events{
    at(Kind::up, day1, 7, 0), at(Kind::bed, day1, 19, 0), at(Kind::asleep, day1, 19, 0),
    at(Kind::up, day2, 7, 0), at(Kind::bed, day2, 20, 0), at(Kind::asleep, day2, 20, 0),
  };
  if (waking_in_middle_night) {
    events.push_back(at(Kind::woke, day3, 2, 0));
    events.push_back(at(Kind::asleep, day3, 3, 0));
  }
  for (const Event& event :
       {at(Kind::up, day3, 7, 0), at(Kind::bed, day3, 19, 0), at(Kind::asleep, day3, 19, 0),
        at(Kind::up, day4, 6, 0), at(Kind::bed, day4, 19, 0)}) {
    events.push_back(event);
  }
  return events;
}

std::optional<double> sri_through_log(const std::vector<Event>& events)
{
  model::SriTimeline timeline;
  for (const model::Night& night :
       model::assemble_nights(events, 12 * 60, model::NapsMode::logged)) {
    timeline.add(night, model::compute_metrics(night));
  }
  return timeline.value();
}

} // namespace

TEST_CASE("SRI on state arrays: Phillips' worked form")
{
  // Nights 19:00–07:00, 20:00–07:00, 19:00–06:00 as minutes since noon.
  std::vector<Epoch> epochs = three_days({420, 480, 420}, {1140, 1140, 1080});
  // 2880 pairs, 180 mismatching: 200 × 2700 / 2880 − 100 = 87.5
  CHECK(model::sri_from_epochs(epochs) == 87.5);
  // Awake 02:00–03:00 in the middle night: 120 more mismatches → 79.17
  mark(epochs, day_min + 840, day_min + 900, Epoch::awake);
  CHECK(model::sri_from_epochs(epochs) == 79.2);
}

TEST_CASE("SRI skips unknown epochs and needs a day of pairs")
{
  std::vector<Epoch> epochs = three_days({420, 480, 420}, {1140, 1140, 1080});
  CHECK_FALSE(model::sri_from_epochs(std::vector<Epoch>(2 * day_min - 1, Epoch::awake)));
  // Unknown first day: only day 2 vs day 3 pairs remain, 120 mismatches of 1440.
  mark(epochs, 0, day_min, Epoch::unknown);
  CHECK(model::sri_from_epochs(epochs) == 83.3); // 200 × 1320 / 1440 − 100
  mark(epochs, day_min, day_min + 1, Epoch::unknown);
  CHECK_FALSE(model::sri_from_epochs(epochs)); // 1439 pairs
}

TEST_CASE("the streaming accumulator agrees with the array form")
{
  // The same three days fed as stretches starting at an arbitrary noon.
  const time::Instant noon = time::civil_to_seconds({{2026, 11, 2}, 12, 0, 0});
  const int sleep[3] = {420, 480, 420};
  const int wake[3] = {1140, 1140, 1080};
  model::SriAccumulator acc;
  for (int day = 0; day < 3; ++day) {
    const time::Instant base = noon + day * day_min * 60;
    acc.add(base, base + sleep[day] * 60, Epoch::awake);
    acc.add(base + sleep[day] * 60, base + wake[day] * 60, Epoch::asleep);
    acc.add(base + wake[day] * 60, base + day_min * 60, Epoch::awake);
  }
  CHECK(acc.pairs() == 2880);
  CHECK(acc.value() == 87.5);
}

TEST_CASE("the streaming accumulator agrees with the array form on random stretches")
{
  // Runs of every length (odd ones too: the ring counts eight minutes at a time), all three
  // states, and gaps shorter than a day; 40 seeds.
  const time::Instant start = time::civil_to_seconds({{2026, 11, 2}, 12, 0, 0});
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 random(seed);
    model::SriAccumulator acc;
    std::vector<Epoch> epochs;
    std::int64_t minute = 0;
    while (minute < 6 * day_min) {
      const auto length = static_cast<std::int64_t>(random() % 97 + 1);
      const auto pick = random() % 5;
      const Epoch state = pick == 0 ? Epoch::unknown : pick % 2 == 0 ? Epoch::asleep : Epoch::awake;
      if (state != Epoch::unknown) {
        acc.add(start + minute * 60, start + (minute + length) * 60, state);
      }
      epochs.insert(epochs.end(), static_cast<std::size_t>(length), state);
      minute += length;
    }
    INFO("seed " << seed);
    CHECK(acc.value() == model::sri_from_epochs(epochs));
  }
}

TEST_CASE("a gap of a day or more forgets what came before")
{
  model::SriAccumulator acc;
  acc.add(0, day_min * 60, Epoch::asleep);
  acc.add(2 * day_min * 60, 3 * day_min * 60, Epoch::awake); // a whole day unknown between
  CHECK(acc.pairs() == 0);
  acc.add(3 * day_min * 60, 4 * day_min * 60, Epoch::awake);
  CHECK(acc.pairs() == 1440);
  CHECK(acc.value() == 100.0);
  // A shorter gap keeps the ring: 01:00 of the next day compares with 01:00 before.
  acc.add(4 * day_min * 60 + 3600, 4 * day_min * 60 + 7200, Epoch::asleep);
  CHECK(acc.pairs() == 1500);
  CHECK(acc.value() == 92.0); // 200 × 1440 / 1500 − 100
}

TEST_CASE("SRI through the log, as DESIGN §5.6 describes")
{
  // Known from day 1 07:00 to day 4 19:00: 3600 pairs, 180 mismatches → 90.0.
  CHECK(sri_through_log(logged_days(false)) == 90.0);
  // With the 02:00–03:00 waking in the middle night: 300 mismatches → 83.3.
  CHECK(sri_through_log(logged_days(true)) == 83.3);
}

TEST_CASE("an incomplete night leaves its own span unknown")
{
  std::vector<Event> events = logged_days(false);
  // Drop the asleep of the middle night (index 5): that night is no longer complete.
  events.erase(events.begin() + 5);
  // Known: [d1 07:00, d2 20:00) and [d3 07:00, d4 19:00); the day after the incomplete
  // night still starts at its `up`. Pairs: t in d1 07:00–20:00 (780), d2 07:00–20:00
  // against day 3 (780), d3 07:00–19:00 (720) = 2280. Mismatches: d1 19:00–20:00 and
  // d3 19:00–20:00 against their awake partner days, 120. 200 × 2160 / 2280 − 100.
  CHECK(sri_through_log(events) == 89.5);
}
