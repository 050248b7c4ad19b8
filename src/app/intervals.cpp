#include <sleeplog/app/children.hpp>
#include <sleeplog/app/intervals.hpp>
#include <sleeplog/model/slips.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

namespace sleeplog::app {

namespace {

using model::Kind;

// "cry #12 has been open since Mon 23 Nov 21:30, more than 24 h".
std::string open_too_long(const model::Event& open)
{
  const auto civil = time::local_civil(open.start, open.offset_s);
  return fmt::format("{} #{} has been open since {} {}, more than 24 h",
                     model::kind_name(open.kind), open.id, time::format_date_short(civil.date),
                     time::format_clock(open.start, open.offset_s));
}

// The commands that end an interval left open too long, each working as typed.
// `c` is the -c option every hint carries once the log holds two children.
std::string end_it_hint(const model::Event& open, const std::string& c)
{
  return fmt::format("end it at its real length, e.g. `sleeplog edit {} --for 20m{}`, or remove "
                     "it with `sleeplog rm {}{}`",
                     open.id, c, open.id, c);
}

// How to end an open interval that blocks a new one: `stop`, or an edit past 24 h.
std::string open_hint(const model::Event& open, time::Instant at, const std::string& c)
{
  return model::may_close(open, at)
           ? fmt::format("end it with `sleeplog {} stop{}`", model::kind_name(open.kind), c)
           : end_it_hint(open, c);
}

} // namespace

std::vector<model::Kind> kinds_ended_by(model::Kind kind)
{
  if (kind == Kind::asleep) {
    return {Kind::cry, Kind::checkin, Kind::feed};
  }
  if (kind == Kind::up) {
    return {Kind::cry, Kind::checkin, Kind::feed, Kind::nap};
  }
  return {};
}

EndedInterval end_open_interval(store::Store& store, std::int64_t change, const store::Child& child,
                                model::Kind kind, time::Instant at)
{
  EndedInterval ended;
  auto open = store.open_interval(child.id, kind);
  if (!open || open->start > at) {
    return ended;
  }
  if (!model::may_close(*open, at)) {
    ended.warning = fmt::format("{}; left open: {}", open_too_long(*open),
                                end_it_hint(*open, child_option(store, child)));
    return ended;
  }
  open->end = at;
  store.update_event(*open, change);
  ended.event = std::move(open);
  return ended;
}

model::Event stop_interval(store::Store& store, std::int64_t change, const store::Child& child,
                           const model::Event& stop)
{
  const auto kind = stop.kind;
  const auto at = stop.start;
  const auto c = child_option(store, child);
  const auto open = store.open_interval(child.id, kind);
  // `stop` never ends an interval open for more than 24 h.
  if (open && !model::may_close(*open, at)) {
    throw InputError(open_too_long(*open) + ": stop does not end it", end_it_hint(*open, c));
  }
  if (open && open->start > at) {
    throw InputError(fmt::format("the {} began at {}, after {}", model::kind_name(kind),
                                 time::format_clock(open->start, open->offset_s),
                                 time::format_clock(at, stop.offset_s)),
                     "give a stop time after it began");
  }
  auto ended = end_open_interval(store, change, child, kind, at);
  if (!ended.event) {
    throw InputError(
      fmt::format("no open {} to stop", model::kind_name(kind)),
      fmt::format("start one with `sleeplog {} start{}`", model::kind_name(kind), c));
  }
  return *ended.event;
}

void refuse_second_open(const store::Store& store, const store::Child& child, model::Kind kind,
                        time::Instant at)
{
  if (auto open = store.open_interval(child.id, kind)) {
    throw InputError(fmt::format("a {} is already open since {} (#{})", model::kind_name(kind),
                                 time::format_clock(open->start, open->offset_s), open->id),
                     open_hint(*open, at, child_option(store, child)));
  }
}

} // namespace sleeplog::app
