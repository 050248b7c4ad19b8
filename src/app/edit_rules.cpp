#include <sleeplog/app/children.hpp>
#include <sleeplog/app/edit_rules.hpp>
#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

namespace sleeplog::app {

void apply_edit_times(const Clock& clock, const EditTimes& times, model::Event& e)
{
  const bool end_given = times.end || !times.for_duration.empty();
  if (times.at) {
    if (e.end && !end_given) { // a moved interval keeps its length
      e.end = *e.end + (times.at->at - e.start);
    }
    e.start = times.at->at;
    e.offset_s = clock.zone.offset_at(e.start);
  }
  if (end_given && !model::is_interval(e.kind)) {
    throw InputError(
      fmt::format("#{} is a {}, a moment: it has no end", e.id, model::kind_name(e.kind)));
  }
  if (times.end && !times.for_duration.empty()) {
    throw InputError("give either --end or --for, not both");
  }
  if (times.end) {
    e.end = value_or_throw(time::parse_end(*times.end, e.start, clock.now, clock.zone)).at;
  } else if (!times.for_duration.empty()) {
    e.end = e.start + value_or_throw(time::parse_duration(times.for_duration), "--for");
  }
  if (e.end && *e.end < e.start) {
    throw InputError(fmt::format("#{} would end ({}) before it starts ({})", e.id,
                                 time::format_clock(*e.end, e.offset_s),
                                 time::format_clock(e.start, e.offset_s)),
                     "give --end too, or move --at earlier");
  }
  if (e.end && *e.end - e.start > 86400) {
    throw InputError("an interval cannot last more than 24 h");
  }
  if (e.end && *e.end > clock.now) {
    throw InputError(fmt::format("#{} would end at {}, in the future", e.id,
                                 time::format_clock(*e.end, clock.zone.offset_at(*e.end))),
                     end_given ? "give an end no later than now"
                               : "an interval moved with --at keeps its length; give --end or "
                                 "--for too");
  }
}

std::string move_to_child(const store::Store& store, model::Event& e, const std::string& name,
                          bool other_changes)
{
  const auto child = store.child_by_name(name);
  if (!child) {
    throw InputError(fmt::format("no child named '{}'", name), "see `sleeplog child list`");
  }
  if (child->id != e.child_id) {
    std::string from = child_by_id(store, e.child_id).name;
    e.child_id = child->id;
    return from;
  }
  if (!other_changes) {
    throw InputError(
      fmt::format("#{} is already {}'s", e.id, child->name),
      "to move it to another child, give that child: " +
        (store.children().size() > 1
           ? command_for_each_child(store, fmt::format("sleeplog edit {}", e.id), child->id)
           : fmt::format("`sleeplog edit {} --child NAME`", e.id)));
  }
  return {};
}

} // namespace sleeplog::app
