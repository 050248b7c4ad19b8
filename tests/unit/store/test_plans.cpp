// Plans, holds and tags in the database (schema 2).
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

namespace {

using namespace sleeplog;

struct TempLog
{
  TempLog()
  {
    char pattern[] = "/tmp/sleeplog-plans-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~TempLog() { std::filesystem::remove_all(dir); }
  std::string dir;
};

constexpr time::Date nov(int day)
{
  return {2026, 11, day};
}

} // namespace

TEST_CASE("plans: stored with their options, holds, ends; a plan ended before it began goes")
{
  TempLog tmp;
  auto store = store::Store::open_write(tmp.dir + "/log.db");
  const auto child = store.add_child("Ada", "");
  model::Plan chair;
  chair.child_id = child.id;
  chair.method = model::Method::chair;
  chair.from = nov(1);
  chair.stage_nights = 4;
  chair.positions = {"by the cot", "mid-room", "door"};
  chair.id = store::insert_plan(store, chair, 100);
  store::add_hold(store, chair.id, {nov(5), 2}, 200);
  store::end_plan(store, chair.id, nov(9), chair.from);

  model::Plan checks;
  checks.child_id = child.id;
  checks.method = model::Method::checks;
  checks.from = nov(10);
  checks.waits = *model::parse_waits("3,5;5,7");
  checks.checkin_max_s = 180;
  checks.timer_crying = true;
  checks.id = store::insert_plan(store, checks, 300);

  const auto plans = store::plans_of(store, child.id);
  REQUIRE(plans.size() == 2);
  CHECK(plans[0].method == model::Method::chair);
  CHECK(plans[0].until == nov(9));
  CHECK(plans[0].stage_nights == 4);
  CHECK(plans[0].positions == chair.positions);
  REQUIRE(plans[0].holds.size() == 1);
  CHECK(plans[0].holds[0].from == nov(5));
  CHECK(plans[0].holds[0].nights == 2);
  CHECK(plans[1].waits == checks.waits);
  CHECK(plans[1].checkin_max_s == 180);
  CHECK(plans[1].timer_crying);
  CHECK_FALSE(plans[1].until);
  CHECK(store::plan_on(store, child.id, nov(3))->id == chair.id);
  CHECK(store::plan_on(store, child.id, nov(30))->id == checks.id);
  CHECK_FALSE(store::plan_on(store, child.id, time::Date{2026, 10, 31}));

  store::end_plan(store, checks.id, nov(9), checks.from); // stopped before night 1
  CHECK(store::plans_of(store, child.id).size() == 1);
}

TEST_CASE("tags: add, replace a note, remove, list by night, disruptions from the setting")
{
  TempLog tmp;
  auto store = store::Store::open_write(tmp.dir + "/log.db");
  const auto child = store.add_child("Ada", "");
  CHECK(store::add_tag(store, child.id, {nov(3), "sick", "temp 38.4"}));
  CHECK_FALSE(store::add_tag(store, child.id, {nov(3), "sick", "temp 38.9"}));
  CHECK(store::add_tag(store, child.id, {nov(3), "grandma", ""}));
  CHECK(store::add_tag(store, child.id, {nov(1), "teething", ""}));
  const auto tags = store::tags_between(store, child.id, nov(1), nov(3));
  REQUIRE(tags.size() == 3);
  CHECK(tags[0].word == "teething");
  CHECK(tags[1].word == "grandma");
  CHECK(tags[2].note == "temp 38.9");
  CHECK(store::tags_between(store, child.id, nov(2), nov(2)).empty());
  auto disrupted = store::disrupted_nights(store, child.id, nov(1), nov(30));
  CHECK(disrupted == std::map<time::Date, std::string>{{nov(1), "teething"}, {nov(3), "sick"}});
  store.set_setting("disruptions", "grandma, travel");
  CHECK(store::disruptions(store) == std::vector<std::string>{"grandma", "travel"});
  disrupted = store::disrupted_nights(store, child.id, nov(1), nov(30));
  CHECK(disrupted == std::map<time::Date, std::string>{{nov(3), "grandma"}});
  CHECK(store::remove_tag(store, child.id, nov(3), "grandma"));
  CHECK_FALSE(store::remove_tag(store, child.id, nov(3), "grandma"));
  CHECK(store::all_tags(store, child.id).size() == 2);
}
