// Slips a logging command refuses or warns about (DESIGN §4.5): a moment that repeats the
// state the child is already in, an interval open too long to close implicitly, and a
// write into a night that has already ended.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/model/night.hpp>

#include <optional>
#include <vector>

namespace sleeplog::model {

/// Two equal moments further apart than this are separate nights, not a repeat.
inline constexpr Instant repeat_window_s = 12 * 3600;

/// An interval open longer than this is never closed by `stop`, `asleep` or `up`.
inline constexpr Instant max_open_s = 24 * 3600;

/// The moment that `candidate` (woke, asleep or up) would repeat: the nearest of bed,
/// asleep, woke and up before it (or, failing that, after it) when it is of the same kind
/// and less than `repeat_window_s` away, so `woke` while awake, `asleep` while asleep and
/// `up` while up with nothing between. `nearby` holds the child's events around the
/// candidate, in any order. nullopt when there is no repeat (and for other kinds).
std::optional<Event> repeated_moment(const std::vector<Event>& nearby, const Event& candidate);

/// True when an open interval may be closed at `at` by `stop`, `asleep` or `up`: it has
/// been open at most `max_open_s`.
bool may_close(const Event& open, Instant at);

/// True when the night has ended: its sleep has an `up` with no `asleep` after it. The
/// one place logging asks this, so a richer night model (main sleep) answers it here.
bool night_has_ended(const Night& night);

/// The `up` that ended the night, when night_has_ended.
std::optional<Event> night_end(const Night& night);

/// Sleep that resumes less than this after an `up` continues the night (DESIGN §4.2).
inline constexpr Instant resume_window_s = 3 * 3600;

/// The `up` that ended the night, when `candidate` is written into it after its end:
/// nullopt while the night goes on, and for a `bed` or `asleep` less than
/// `resume_window_s` after that up (the child put back: the night resumes).
std::optional<Event> written_after_end(const Night& night, const Event& candidate);

} // namespace sleeplog::model
