// Blocks of sleep (DESIGN §4.2): a night's sleep stretches joined by gaps
// shorter than 3 h, and which of them is the night's main sleep. Night assembly uses it
// to send sleep outside the main sleep to the naps of its own day; metrics use it to
// describe the main sleep alone.
#pragma once

#include <sleeplog/model/event.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace sleeplog::model {

/// Gaps between sleep stretches shorter than this join them into one block.
inline constexpr Instant block_gap_s = 3 * 3600;

/// Evening catnap (DESIGN §4.3): a leading block of at most this much sleep, followed by at
/// least catnap_awake_s awake and with no `bed` before it, is a nap, not the night's start.
inline constexpr Instant catnap_max_s = 90 * 60;
inline constexpr Instant catnap_awake_s = 60 * 60;

/// Index value meaning "no such event".
inline constexpr std::size_t no_event = static_cast<std::size_t>(-1);

/// One sleep stretch found in a night's events: `asleep` to the next `woke`/`up`.
struct StretchAt
{
  std::size_t asleep = no_event; // index of its `asleep`
  std::size_t end = no_event;    // index of the `woke`/`up` that ends it; no_event = open
  Instant start = 0;
  Instant end_at = 0; // meaningful only when end != no_event
};

/// Consecutive stretches [first, last] joined by gaps shorter than block_gap_s.
struct SleepBlock
{
  std::size_t first = 0; // index into SleepStructure::stretches
  std::size_t last = 0;
  Instant asleep_s = 0; // seconds asleep in its closed stretches
  bool open = false;    // its last stretch has no end yet
  bool catnap = false;  // an evening catnap: never the main sleep
};

/// The sleep of one night's events (naps excluded), in start order.
struct SleepStructure
{
  std::vector<StretchAt> stretches;
  std::vector<SleepBlock> blocks;
  std::size_t main = no_event; // index into blocks; no_event when there is no sleep
  bool double_woke = false;    // a `woke` while already awake from a `woke` (a slip)
};

/// Finds the stretches, blocks and main sleep of a night's start-ordered events. Leading
/// evening catnaps are blocks of their own; the main sleep is the longest other block by
/// minutes asleep (the earlier on a tie); a block still open at the end is the night in
/// progress and is the main sleep.
SleepStructure sleep_structure(const std::vector<Event>& events);

/// Where a night's own part lies (DESIGN §4.4): its `bed`, `up`
/// and put-down. Check-ins, crying and feeds between the put-down and the `up` are the
/// night's; the rest lies around naps.
struct NightBounds
{
  std::size_t bed = no_event;      // the night's bedtime event
  std::size_t up = no_event;       // the `up` that ends the main sleep
  std::optional<Instant> put_down; // its `bed`, else its first onset less the crying ending there
  std::optional<Instant> up_at;

  /// Whether an event starting at `at` lies in the night's own part.
  bool holds(Instant at) const { return (!put_down || at >= *put_down) && (!up_at || at < *up_at); }
};

/// The bounds of a night's start-ordered events with their sleep structure.
NightBounds night_bounds(const std::vector<Event>& events, const SleepStructure& sleep);

} // namespace sleeplog::model
