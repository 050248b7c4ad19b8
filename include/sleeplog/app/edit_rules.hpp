// The rules of `edit` (DESIGN §4.5): a moved interval keeps its length, a moment has no
// end, and an interval ends after it starts, within 24 h, and not in the future; an event
// moves to another child by name.
#pragma once

#include <sleeplog/app/clock.hpp>
#include <sleeplog/model/event.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/time/parse.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sleeplog::app {

/// An edit's new times: --at already read, --end and --for as typed.
struct EditTimes
{
  /// --at, read as a WHEN (nullopt: not given).
  std::optional<time::ParsedWhen> at;
  /// --end's words (nullopt: not given).
  std::optional<std::vector<std::string>> end;
  /// --for's duration (empty: not given).
  std::string for_duration;
};

/// Applies `times` to `e` at `clock`: a new start moves an interval's end with it unless
/// an end is given; --end is read from the new start. Throws InputError for an end on a
/// moment, both --end and --for, an end before the start, over 24 h or in the future.
void apply_edit_times(const Clock& clock, const EditTimes& times, model::Event& e);

/// `edit --child NAME`: gives `e` to the child called `name` and returns the name of the
/// child it came from (empty when it is that child's already). InputError when no child
/// has that name, or when it is that child's already and `other_changes` is false (the
/// edit would change nothing; the hint names the other children).
std::string move_to_child(const store::Store& store, model::Event& e, const std::string& name,
                          bool other_changes);

} // namespace sleeplog::app
