#include <sleeplog/app/status.hpp>
#include <sleeplog/model/metrics.hpp>

namespace sleeplog::app {

using model::Kind;

const char* state_after(Kind kind)
{
  switch (kind) {
  case Kind::bed: return "settling";
  case Kind::asleep: return "asleep";
  case Kind::woke: return "awake";
  case Kind::up: return "up";
  default: return nullptr;
  }
}

NightStatus night_status(const NightSource& source, time::Date night_date)
{
  NightStatus status;
  status.night = night_date;
  for_each_night(source, {night_date, night_date}, [&](model::Night&& night) {
    // Wakings as DESIGN §5 counts them: the final waking (and one still going on) is not one.
    status.wakings = model::compute_metrics(night).wakings.value_or(0);
    for (const auto& e : night.events) {
      if (const char* state = state_after(e.kind)) {
        status.state = state;
        status.state_event = e;
      }
      status.checkins += e.kind == Kind::checkin ? 1 : 0;
      status.cries += e.kind == Kind::cry ? 1 : 0;
      if (model::is_interval(e.kind) && !e.end) {
        status.open.push_back(e);
      }
    }
    for (const auto& nap : night.naps) {
      if (!nap.end) {
        status.open.push_back(nap);
      }
    }
  });
  return status;
}

} // namespace sleeplog::app
