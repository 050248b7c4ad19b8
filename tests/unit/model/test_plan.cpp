// The plan model: Ferber's table, custom ladders, paused and held nights, the chair,
// fading over scripted nights, adherence and review.
#include <sleeplog/model/plan.hpp>
#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/model/plan_review.hpp>

#include <doctest/doctest.h>

#include "event_fixture.hpp"

using namespace sleeplog;
using model::Kind;
using model::Method;
using model::Plan;
using test::at;
using test::span;
using time::Date;

namespace {

constexpr Date d1{2026, 11, 1};

Date night(int n)
{
  return time::add_days(d1, n - 1);
}

Plan plan_of(Method method)
{
  Plan plan;
  plan.method = method;
  plan.from = d1;
  return plan;
}

model::Night night_with(std::vector<model::Event> events)
{
  return model::Night{night(1), 1, std::move(events), {}, {}, true, {}, {}, {}};
}

} // namespace

TEST_CASE("ferber: Ferber's table, night by night, the last wait repeating")
{
  const auto plan = plan_of(Method::ferber);
  const int expected[7][3] = {{3, 5, 10},   {5, 10, 12},  {10, 12, 15}, {12, 15, 17},
                              {15, 17, 20}, {17, 20, 25}, {20, 25, 30}};
  for (int n = 1; n <= 7; ++n) {
    for (int k = 1; k <= 3; ++k) {
      CHECK(model::wait_before(plan, n, k) == expected[n - 1][k - 1]);
    }
    CHECK(model::wait_before(plan, n, 4) == expected[n - 1][2]);
    CHECK(model::wait_before(plan, n, 9) == expected[n - 1][2]);
  }
  CHECK(model::wait_before(plan, 8, 1) == 20);
  CHECK(model::wait_before(plan, 30, 5) == 30);
}

TEST_CASE("checks: a custom ladder; the last wait of a night and the last night repeat")
{
  auto plan = plan_of(Method::checks);
  plan.waits = *model::parse_waits("3,5,7;5,7,10");
  CHECK(model::format_waits(plan.waits) == "3,5,7;5,7,10");
  CHECK(model::wait_before(plan, 1, 1) == 3);
  CHECK(model::wait_before(plan, 1, 3) == 7);
  CHECK(model::wait_before(plan, 1, 6) == 7);
  CHECK(model::wait_before(plan, 2, 2) == 7);
  CHECK(model::wait_before(plan, 5, 1) == 5);
  CHECK(model::wait_before(plan, 5, 8) == 10);
  CHECK_FALSE(model::parse_waits("3,,5"));
  CHECK(model::parse_waits("3,,5").error().message == "a wait is missing");
  CHECK_FALSE(model::parse_waits("3,five"));
  CHECK(model::parse_waits("3,five").error().message == "'five' is not a wait of 1 to 120 minutes");
  CHECK_FALSE(model::parse_waits("0"));
}

TEST_CASE("plan nights: paused nights do not advance the count; held nights repeat a stage")
{
  auto plan = plan_of(Method::ferber);
  const std::vector<Date> paused{night(3), night(4)};
  CHECK(model::plan_day(plan, night(1), paused).night == 1);
  CHECK(model::plan_day(plan, night(2), paused).night == 2);
  const auto sick = model::plan_day(plan, night(3), paused);
  CHECK(sick.in_plan);
  CHECK(sick.paused);
  CHECK_FALSE(sick.night);
  CHECK(model::plan_day(plan, night(5), paused).night == 3);
  CHECK(model::plan_day(plan, night(5), paused).stage_night == 3);
  CHECK(model::wait_before(plan, model::plan_day(plan, night(5), paused).stage_night, 1) == 10);
  CHECK_FALSE(model::plan_day(plan, time::add_days(d1, -1), paused).in_plan);

  plan.holds.push_back({night(6), 2});
  const auto held = model::plan_day(plan, night(6), paused);
  CHECK(held.night == 4);
  CHECK(held.held);
  CHECK(held.stage_night == 3);
  CHECK(model::plan_day(plan, night(7), paused).stage_night == 3);
  CHECK(model::plan_day(plan, night(8), paused).night == 6);
  CHECK(model::plan_day(plan, night(8), paused).stage_night == 4);

  plan.until = night(7);
  CHECK_FALSE(model::plan_day(plan, night(8), paused).in_plan);
}

TEST_CASE("chair: the position of every night, and plan hold shifting the stages")
{
  auto plan = plan_of(Method::chair);
  const char* expected[] = {
    "beside the crib",     "beside the crib",     "beside the crib", "halfway to the door",
    "halfway to the door", "halfway to the door", "in the doorway",  "in the doorway",
    "in the doorway",      "outside in view",     "outside in view", "outside in view",
    "in the hallway",      "in the hallway",      "in the hallway",  "in the hallway"};
  for (int n = 1; n <= 16; ++n) {
    CAPTURE(n);
    CHECK(model::chair_position(plan, model::plan_day(plan, night(n), {}).stage_night) ==
          expected[n - 1]);
  }
  // Night 3 crying rose: hold 2 more nights from night 4; every later stage moves by 2.
  plan.holds.push_back({night(4), 2});
  const char* held[] = {"beside the crib",     "beside the crib",     "beside the crib",
                        "beside the crib",     "beside the crib",     "halfway to the door",
                        "halfway to the door", "halfway to the door", "in the doorway"};
  for (int n = 1; n <= 9; ++n) {
    CAPTURE(n);
    CHECK(model::chair_position(plan, model::plan_day(plan, night(n), {}).stage_night) ==
          held[n - 1]);
  }
  plan.stage_nights = 2;
  plan.positions = {"cot", "door"};
  plan.holds.clear();
  CHECK(model::chair_position(plan, 2) == "cot");
  CHECK(model::chair_position(plan, 3) == "door");
  CHECK(model::chair_position(plan, 40) == "door");
}

TEST_CASE("fading: the start is the median falling-asleep time rounded to 5 minutes")
{
  const auto local = [](int hour, int minute) {
    const auto e = at(Kind::asleep, d1, hour, minute);
    return model::LocalInstant{e.start, e.offset_s};
  };
  // 20:41, 20:52, 21:03 → median 20:52 → 20:50 (530 min since noon).
  CHECK(model::fading_start({local(20, 52), local(21, 3), local(20, 41)}) == 530);
  // 20:40 and 20:47 → 20:43.5 → 20:45.
  CHECK(model::fading_start({local(20, 40), local(20, 47)}) == 525);
  CHECK_FALSE(model::fading_start({}));
}

TEST_CASE("fading over 20 scripted nights: earlier after 3 quick nights, not past the goal, later "
          "after 14 still nights")
{
  auto plan = plan_of(Method::fading);
  plan.start_min = 525; // 20:45
  plan.goal_min = 480;  // 20:00
  std::vector<model::FadingNight> nights;
  // Nights 1–12 are quick (settled in 20 min, no crying); 13–20 are not.
  for (int n = 1; n <= 20; ++n) {
    nights.push_back({night(n), n <= 12 ? 20.0 : 45.0, 0.0});
  }
  const auto targets = model::fading_targets(plan, night(20), nights, {});
  REQUIRE(targets.size() == 20);
  const int expected[20] = {525, 525, 525, 510, 510, 510, 495, 495, 495, 480,
                            480, 480, 480, 480, 480, 480, 480, 480, 480, 480};
  for (int n = 1; n <= 20; ++n) {
    CAPTURE(n);
    CHECK(targets[static_cast<std::size_t>(n - 1)].second == expected[n - 1]);
  }

  // No quick nights at all: 14 nights without a move, then 15 min later.
  std::vector<model::FadingNight> slow;
  for (int n = 1; n <= 20; ++n) {
    slow.push_back({night(n), 40.0, 5.0});
  }
  const auto later = model::fading_targets(plan, night(20), slow, {});
  CHECK(later[13].second == 525); // night 14
  CHECK(later[14].second == 540); // night 15: 21:00
  CHECK(later[19].second == 540);

  // Crying breaks a run; a missing night is not quick; a paused night counts for nothing.
  std::vector<model::FadingNight> mixed{{night(1), 10.0, 0.0}, {night(2), 10.0, 3.0},
                                        {night(3), 10.0, 0.0}, {night(4), 10.0, 0.0},
                                        {night(6), 10.0, 0.0}, {night(7), 10.0, 0.0}};
  auto mixed_targets = model::fading_targets(plan, night(8), mixed, {night(6)});
  CHECK(mixed_targets[4].second == 525); // night 5: only 2 quick in a row (3, 4)
  CHECK(mixed_targets[7].second == 525); // night 5 missing broke the run; 7 is 1 of 3
  mixed.push_back({night(5), 10.0, 0.0});
  mixed_targets = model::fading_targets(plan, night(8), mixed, {night(6)});
  CHECK(mixed_targets[5].second == 510); // after 3, 4, 5
  CHECK(model::clock_of(510) == "20:30");
}

TEST_CASE("adherence: on time within -1/+2 min of the planned wait, early, late and long")
{
  const auto plan = plan_of(Method::ferber); // night 1: 3, 5, 10
  // Put down 19:00; check-ins at 19:04 (waited 4, plan 3: on time), back out 19:05;
  // 19:08 (waited 3, plan 5: early); out 19:09; 19:25 (waited 16, plan 10: late), 3 min
  // long. Asleep 19:40; woke 23:00; check-in at 23:03 (plan 3 again: on time).
  const auto night_events = night_with(
    {at(Kind::bed, d1, 19, 0), span(Kind::cry, d1, 19, 1, 38), span(Kind::checkin, d1, 19, 4, 1),
     span(Kind::checkin, d1, 19, 8, 1), span(Kind::checkin, d1, 19, 25, 3),
     at(Kind::asleep, d1, 19, 40), at(Kind::woke, d1, 23, 0), span(Kind::checkin, d1, 23, 3, 1),
     at(Kind::asleep, d1, 23, 10)});
  const auto results = model::checkin_results(plan, 1, night_events);
  REQUIRE(results.size() == 4);
  CHECK(results[0].k == 1);
  CHECK(results[0].planned_min == 3);
  CHECK(results[0].actual_min == 4.0);
  CHECK(results[0].timing == model::Timing::on_time);
  CHECK(results[1].k == 2);
  CHECK(results[1].actual_min == 3.0);
  CHECK(results[1].timing == model::Timing::early);
  CHECK(results[2].planned_min == 10);
  CHECK(results[2].actual_min == 16.0);
  CHECK(results[2].timing == model::Timing::late);
  CHECK(results[2].too_long);
  CHECK(results[3].k == 1);
  CHECK(results[3].timing == model::Timing::on_time);
  CHECK(model::adherence_of(results) == 50.0);
  CHECK_FALSE(model::adherence_of({}));

  // With the crying timer the first wait counts from the start of the crying (19:01).
  auto crying = plan;
  crying.timer_crying = true;
  CHECK(model::checkin_results(crying, 1, night_events)[0].actual_min == 3.0);
}

TEST_CASE("next check-in: due from the waking, then from the end of the last check-in")
{
  const auto plan = plan_of(Method::ferber);
  auto events = std::vector<model::Event>{at(Kind::bed, d1, 20, 0)};
  const auto due =
    model::next_checkin(plan, 2, night_with(events), at(Kind::note, d1, 20, 2).start);
  REQUIRE(due);
  CHECK(due->k == 1);
  CHECK(due->wait_min == 5);
  CHECK(due->due == at(Kind::note, d1, 20, 5).start);
  events.push_back(span(Kind::checkin, d1, 20, 6, 2));
  const auto second =
    model::next_checkin(plan, 2, night_with(events), at(Kind::note, d1, 20, 9).start);
  REQUIRE(second);
  CHECK(second->k == 2);
  CHECK(second->due == at(Kind::note, d1, 20, 18).start); // 20:08 + 10 min
  events.push_back(at(Kind::asleep, d1, 20, 20));
  CHECK_FALSE(model::next_checkin(plan, 2, night_with(events), at(Kind::note, d1, 20, 30).start));
}

TEST_CASE("self_settled and response_min")
{
  // Cry 19:01–19:10 with a check-in at 19:04 (response 3 min); cry 23:00–23:05 alone;
  // cry 02:00–02:20 with a feed at 02:10 (response 10 min).
  const Date d2 = time::add_days(d1, 1);
  auto night = night_with(
    {at(Kind::bed, d1, 19, 0), span(Kind::cry, d1, 19, 1, 9), span(Kind::checkin, d1, 19, 4, 1),
     at(Kind::asleep, d1, 19, 15), at(Kind::woke, d1, 23, 0), span(Kind::cry, d1, 23, 0, 5),
     at(Kind::asleep, d1, 23, 6), at(Kind::woke, d2, 2, 0), span(Kind::cry, d2, 2, 0, 20),
     span(Kind::feed, d2, 2, 10, 10), at(Kind::asleep, d2, 2, 30), at(Kind::up, d2, 6, 30)});
  const auto m = model::compute_metrics(night);
  CHECK(m.self_settled == 1);
  CHECK(m.response_min == 6.5);
}

TEST_CASE("review: each method's advance, hold and re-evaluate")
{
  SUBCASE("ferber: too early, working, and no fall after 7 nights")
  {
    const auto plan = plan_of(Method::ferber);
    std::vector<model::ReviewNight> nights;
    for (int n = 1; n <= 4; ++n) {
      nights.push_back({night(n), 40.0, 30.0});
    }
    auto review = model::review_plan(plan, night(4), nights, {});
    CHECK(review.verdict == model::Verdict::advance);
    CHECK(review.reason == "4 plan nights of 7 before a review: keep following the plan");
    for (int n = 5; n <= 8; ++n) {
      nights.push_back({night(n), 40.0, 30.0});
    }
    review = model::review_plan(plan, night(8), nights, {});
    CHECK(review.verdict == model::Verdict::reevaluate);
    CHECK(review.nights.size() == 8);
    CHECK(review.reason.starts_with("pause to re-evaluate: after 8 plan nights"));
    nights.back().cry_min = 0;
    nights[6].cry_min = 0;
    review = model::review_plan(plan, night(8), nights, {});
    CHECK(review.verdict == model::Verdict::advance);
    CHECK(review.reason == "keep going, it is working: settling 40 min → 40 min, crying 30 min → "
                           "10 min (first 3 plan nights against the latest 3)");
    // A sick night is left out of the count.
    review = model::review_plan(plan, night(7), nights, {night(7)});
    CHECK(review.verdict == model::Verdict::advance);
    CHECK(review.reason.starts_with("6 plan nights of 7"));
  }
  SUBCASE("chair: hold when crying rose, else move on")
  {
    const auto plan = plan_of(Method::chair);
    std::vector<model::ReviewNight> nights{{night(1), 30.0, 20.0}, {night(2), 25.0, 35.0}};
    auto review = model::review_plan(plan, night(2), nights, {});
    CHECK(review.verdict == model::Verdict::hold);
    CHECK(review.reason == "hold this stage 2 more nights (`sleeplog plan hold --nights 2`): "
                           "crying rose from 20 min to 35 min");
    CHECK(review.nights == std::vector<Date>{night(1), night(2)});
    nights.push_back({night(3), 20.0, 10.0});
    review = model::review_plan(plan, night(3), nights, {});
    CHECK(review.verdict == model::Verdict::advance);
  }
  SUBCASE("fading: advance after 3 quick nights, hold otherwise, later after 14")
  {
    auto plan = plan_of(Method::fading);
    plan.start_min = 525;
    std::vector<model::ReviewNight> nights{
      {night(1), 10.0, 0.0}, {night(2), 12.0, 0.0}, {night(3), 8.0, 0.0}};
    auto review = model::review_plan(plan, night(3), nights, {});
    CHECK(review.verdict == model::Verdict::advance);
    CHECK(review.reason == "move bedtime 15 min earlier, to 20:30: 3 nights in a row settled "
                           "within 30 min without crying");
    nights.push_back({night(4), 50.0, 0.0});
    review = model::review_plan(plan, night(4), nights, {});
    CHECK(review.verdict == model::Verdict::hold);
    std::vector<model::ReviewNight> slow;
    for (int n = 1; n <= 14; ++n) {
      slow.push_back({night(n), 45.0, 10.0});
    }
    review = model::review_plan(plan, night(14), slow, {});
    CHECK(review.verdict == model::Verdict::reevaluate);
    CHECK(review.reason == "move bedtime 15 min later, to 21:00: 14 nights without a move");
  }
}

TEST_CASE("summarise_plan: nights, check-ins, on-time share and adherence for reports")
{
  const auto plan = plan_of(Method::ferber);
  model::PlanNight one;
  one.plan = "ferber";
  one.night = 1;
  model::CheckinResult on_time;
  model::CheckinResult late;
  late.timing = model::Timing::late;
  model::CheckinResult long_one;
  long_one.too_long = true;
  one.checkins = {on_time, late, long_one};
  model::PlanNight paused;
  paused.plan = "ferber";
  model::PlanNight two;
  two.plan = "ferber";
  two.night = 2;
  two.checkins = {on_time};
  const auto s = model::summarise_plan(plan, {one, paused, two});
  CHECK(s.method == "ferber");
  CHECK(s.first_night == 1);
  CHECK(s.last_night == 2);
  CHECK(s.paused_nights == 1);
  CHECK(s.checkins == 4);
  CHECK(s.on_time == 3);
  CHECK(s.on_time_pct == 75.0);
  CHECK(s.adherence_pct == 50.0);
}
