// Events: names of kinds and the few facts every layer asks of a single event.
#include <sleeplog/model/event.hpp>

namespace sleeplog::model {

std::string_view kind_name(Kind kind)
{
  switch (kind) {
  case Kind::bed: return "bed";
  case Kind::asleep: return "asleep";
  case Kind::woke: return "woke";
  case Kind::up: return "up";
  case Kind::cry: return "cry";
  case Kind::checkin: return "checkin";
  case Kind::feed: return "feed";
  case Kind::nap: return "nap";
  case Kind::note: return "note";
  }
  return "note"; // unreachable: every enumerator is handled above
}

std::optional<Kind> parse_kind(std::string_view name)
{
  for (Kind kind : all_kinds) {
    if (kind_name(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

bool is_interval(Kind kind)
{
  return kind == Kind::cry || kind == Kind::checkin || kind == Kind::feed || kind == Kind::nap;
}

std::optional<std::int64_t> duration_seconds(const Event& event)
{
  if (!is_interval(event.kind) || !event.end) {
    return std::nullopt;
  }
  return *event.end - event.start;
}

time::CivilTime local_start(const Event& event)
{
  return time::local_civil(event.start, event.offset_s);
}

} // namespace sleeplog::model
