// The rules for intervals (cry, check-in, feed, nap) a logging command follows (DESIGN
// §4.5): which open intervals a new event ends, that `KIND stop` ends the open one, that
// a second one is not opened beside it, and that one open for more than 24 h is never
// ended by `stop`, `asleep` or `up` but named with the commands that fix it.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::app {

/// The kinds of open interval a new event of `kind` ends: `asleep` a cry, a check-in and
/// a feed; `up` those and a nap; any other kind none.
std::vector<model::Kind> kinds_ended_by(model::Kind kind);

/// An open interval that ended (or did not) at a moment.
struct EndedInterval
{
  /// The interval, now with its end; nullopt when none was ended.
  std::optional<model::Event> event;
  /// When one open for more than 24 h was left open: the warning naming the commands
  /// that end it; else "".
  std::string warning;
};

/// Ends the child's open interval of `kind` at `at` in change `change`: nothing when none
/// is open or it began after `at`; one open for more than 24 h is left open (see warning).
EndedInterval end_open_interval(store::Store& store, std::int64_t change, const store::Child& child,
                                model::Kind kind, time::Instant at);

/// `KIND stop` (`stop`: its kind, and its start and offset, the moment typed): ends the
/// child's open interval of that kind there and returns it. Throws InputError when none
/// is open, it began after the stop, or it has been open over 24 h.
model::Event stop_interval(store::Store& store, std::int64_t change, const store::Child& child,
                           const model::Event& stop);

/// Throws InputError when an interval of `kind` is already open for the child: a new
/// one starting at `at` is not opened beside it (the hint says how to end it).
void refuse_second_open(const store::Store& store, const store::Child& child, model::Kind kind,
                        time::Instant at);

} // namespace sleeplog::app
