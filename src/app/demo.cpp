#include <sleeplog/app/demo.hpp>
#include <sleeplog/app/nights.hpp>
#include <sleeplog/model/demo.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

namespace sleeplog::app {

void check_demo_nights(int nights)
{
  if (nights < 1 || nights > 200000) {
    throw InputError(fmt::format("--nights {} is out of range", nights), "give 1 to 200000 nights");
  }
}

void check_demo_log_empty(const store::Store& store)
{
  if (const auto count = store.event_count(); count > 0) {
    throw InputError(
      fmt::format("demo fills an empty database, and {} holds {} events", store.path(), count),
      "try it on a new file: sleeplog --db /tmp/demo.db demo");
  }
}

std::int64_t write_demo(store::Store& store, std::int64_t change, const Clock& clock,
                        std::int64_t child_id, const DemoRequest& request)
{
  store.journal_events_by_change(); // up to 200,000 nights: journaled by change id
  model::DemoOptions options{request.nights, request.seed, last_finished_night(clock), child_id};
  // A sick night in the latest week, tagged so the trend leaves it out and says so.
  options.sick_night = request.nights >= 14 ? request.nights - 5 : -1;
  options.plan_from = request.nights >= 8 ? 7 : -1;
  std::int64_t added = 0;
  model::generate_demo(options, clock.zone, [&](model::Event& e) {
    store.insert_event(e, change);
    ++added;
  });
  const auto first = time::add_days(options.last_night, -(request.nights - 1));
  if (options.sick_night >= 0) {
    store::add_tag(store, child_id,
                   {time::add_days(first, options.sick_night), "sick", "temp 38.4"});
  }
  // Training starts after the baseline week: Ferber from night 8.
  if (options.plan_from >= 0) {
    model::Plan plan;
    plan.child_id = child_id;
    plan.method = model::Method::ferber;
    plan.from = time::add_days(first, options.plan_from);
    store::insert_plan(store, plan, clock.now);
  }
  return added;
}

} // namespace sleeplog::app
