// Nights (DESIGN §4.1): which night each event belongs to, and the streaming assembly of
// time-ordered events into whole nights with the naps of the day before them.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/time/civil.hpp>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sleeplog::model {

/// The night a loose event falls in by the boundary rule: its local date if its local
/// time is at or after `boundary_min` minutes past midnight, else the date before.
time::Date night_by_boundary(const Event& event, int boundary_min);

/// Sleep logged with a night but outside its main sleep (DESIGN §4.2): a nap of its own
/// calendar date.
struct OutsideSleep
{
  Instant start = 0;
  Instant end = 0;
  int offset_s = 0;
  double minutes = 0; // minutes asleep
};

/// Which days' naps are known (setting `naps`, DESIGN §5.2): `automatic` ("auto") when a nap
/// is logged on the day or within 2 days either side, `logged` always, `untracked` never.
enum class NapsMode { automatic, logged, untracked };

/// One child's night: the events from its evening to its morning, and the naps of its
/// calendar date (the day before the night). Events are in start order.
struct Night
{
  time::Date date;
  std::int64_t child_id = 0;
  std::vector<Event> events;               // everything but naps, in start order
  std::vector<Event> naps;                 // naps of `date`, in start order
  std::vector<OutsideSleep> outside_sleep; // sleep of `date` outside any night's main sleep
  bool naps_known = true;                  // false: the day's naps were not tracked
  std::vector<std::string> tags;      // context tags of the night (DESIGN §9), from the reader
  std::vector<std::string> tag_notes; // "sick: temp 38.4" for each tag with a note, likewise
  std::vector<Event> around_naps;     // crying and check-ins of `date` outside any night's own part
};

/// Turns one child's events, fed in start order, into nights, emitted in date order as
/// soon as no later event can belong to them. A `bed` opens a bracket that holds every
/// following event until the next `up`, the next `bed`, or 24 h, whichever comes first;
/// a `woke` or `up` after an `asleep` (within 24 h) and an `asleep`, `bed` or `up` less
/// than 3 h after a `woke` stay in that sleep's night; naps go by their calendar date;
/// anything else by the night boundary. When a night is emitted, its sleep outside the
/// main sleep has gone to `outside_sleep`, and its crying and check-ins outside its own
/// part to `around_naps`, of the night of their calendar date.
class NightAssembler
{
public:
  using Sink = std::function<void(Night&&)>;

  NightAssembler(int boundary_min, Sink sink, NapsMode naps = NapsMode::automatic);

  /// Adds the next event (start order, one child). Emits nights that are now complete.
  void add(const Event& event) { add(Event(event)); }

  /// The same, taking the event over (its note is not copied).
  void add(Event&& event);

  /// Says that the first event to be added is the child's first logged moment: days
  /// before it, and its own day when it comes at 18:00 or later, have unknown naps under
  /// `auto` (DESIGN §5.2).
  void sees_log_start() { m_sees_log_start = true; }

  /// The night the most recently added event was put in.
  time::Date last_night() const { return m_last_night; }

  /// Emits every night still held.
  void finish();

private:
  void flush_before(std::int64_t day);
  time::Date place_sleep_event(const Event& event);
  void settle(Night&& night);
  void emit(Night&& night);
  void route_to_day(const Event& event, std::int64_t day, Night& night);

  int m_boundary_min;
  Sink m_sink;
  NapsMode m_naps;
  std::set<std::int64_t> m_nap_days; // days with a logged nap, not yet behind every night
  bool m_sleep_open = false;         // an `asleep` or `woke` whose night may go on
  bool m_sleep_awake = false;        // ... and it was a `woke`
  time::Date m_sleep_night;
  Instant m_sleep_until = 0;
  std::map<std::int64_t, Night> m_pending; // by days_from_date(night date)
  std::deque<Night> m_settled; // sleep outside placed; waiting for nearby naps to be known
  bool m_sees_log_start = false;
  std::optional<std::int64_t> m_first_known_day; // under `auto`, no day before it is known
  bool m_in_bracket = false;
  time::Date m_bracket_night;
  Instant m_bracket_limit = 0;
  time::Date m_last_night;
};

/// Convenience for tests and small ranges: all nights of a start-ordered event list.
std::vector<Night> assemble_nights(const std::vector<Event>& events, int boundary_min,
                                   NapsMode naps = NapsMode::automatic);

} // namespace sleeplog::model
