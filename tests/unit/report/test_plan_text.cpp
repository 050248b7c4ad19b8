// The words of plans: every form of `next`'s line, a plan's description, the check-in
// table of `show`.
#include <sleeplog/report/plan.hpp>

#include <doctest/doctest.h>

using namespace sleeplog;
using W = report::NextInstruction::What;

TEST_CASE("next_line: the wording of DESIGN §8")
{
  report::NextInstruction n;
  n.method = "ferber";
  n.plan_night = 2;
  n.what = W::checkin_due;
  n.k = 2;
  n.due_clock = "20:14";
  n.in_min = 3;
  n.wait_min = 5;
  CHECK(report::next_line(n) ==
        "check-in 2 due at 20:14 (in 3 min): wait 5 min, night 2 of ferber");
  n.what = W::checkin_now;
  n.waited_min = 6;
  CHECK(report::next_line(n) == "check-in due now (waited 6 min; plan 5)");
  n.what = W::chair;
  n.method = "chair";
  n.plan_night = 8;
  n.position = "in the doorway";
  CHECK(report::next_line(n) == "tonight: sit in the doorway (chair, night 8)");
  n.what = W::fading;
  n.bedtime = "20:15";
  n.goal = "19:30";
  CHECK(report::next_line(n) == "bedtime tonight 20:15 (fading; goal 19:30)");
  n.goal.clear();
  CHECK(report::next_line(n) == "bedtime tonight 20:15 (fading)");
  n.what = W::paused;
  n.paused_by = "sick";
  CHECK(report::next_line(n) == "plan paused: sick");
  n.what = W::waits;
  n.method = "checks";
  n.plan_night = 1;
  n.waits = {3, 5, 7};
  CHECK(report::next_line(n) == "tonight: wait 3, 5, 7 min before each check-in (checks, night 1)");
}

TEST_CASE("describe_plan: method, dates and options")
{
  model::Plan plan;
  plan.method = model::Method::checks;
  plan.from = {2026, 11, 20};
  plan.waits = *model::parse_waits("3,5;7");
  plan.holds.push_back({{2026, 11, 22}, 2});
  CHECK(report::describe_plan(plan) ==
        "checks from 2026-11-20, waits 3,5;7, check-ins up to 2m; held 2 nights from 2026-11-22");
  plan.method = model::Method::fading;
  plan.start_min = 510;
  plan.goal_min = 450;
  plan.holds.clear();
  plan.until = time::Date{2026, 12, 1};
  CHECK(report::describe_plan(plan) ==
        "fading from 2026-11-20 to 2026-12-01, start 20:30, step 15 min, goal 19:30");
}

TEST_CASE("checkin_table: planned against actual, timing and long")
{
  model::PlanNight night;
  night.plan = "ferber";
  night.night = 2;
  night.adherence_pct = 50;
  model::CheckinResult a;
  a.checkin.id = 6;
  a.checkin.start = 1795741560; // 20:06 EST
  a.checkin.offset_s = -5 * 3600;
  a.k = 1;
  a.planned_min = 5;
  a.actual_min = 6;
  model::CheckinResult b = a;
  b.checkin.id = 7;
  b.checkin.start += 12 * 60;
  b.k = 2;
  b.planned_min = 10;
  b.actual_min = 11.5;
  b.too_long = true;
  b.timing = model::Timing::late;
  night.checkins = {a, b};
  CHECK(report::checkin_table(night, report::Style{false, false}) ==
        "Plan: ferber, night 2; adherence 50%\n"
        "id  check-in  at     planned    waited\n"
        "#6         1  20:06    5 min     6 min  on time\n"
        "#7         2  20:18   10 min  11.5 min  late     long\n");
  CHECK(report::checkin_table(model::PlanNight{}, report::Style{false, false}).empty());
}
