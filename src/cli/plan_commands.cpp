// plan start|show|stop|list|hold|review and next (DESIGN §8): the cli asks the plan model
// with now and prints the answer; `next --wait` is the one place that waits.
#include <sleeplog/app/plan_rules.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/reading.hpp>
#include <sleeplog/model/plan_review.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/plan.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/store/snapshot.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

namespace sleeplog::cli {

using app::current_night;
using app::night_argument;
using app::NightSource;
using app::plan_now;
using app::PlanBook;
using app::PlanOptions;
using app::read_settings;

namespace {

void run_plan_start(Context& ctx, const PlanOptions& args)
{
  model::Plan plan;
  with_store(ctx, [&](store::Store& store) {
    const auto child = ctx.child_for_write(store);
    const NightSource source{store, child, read_settings(store)};
    plan = app::start_plan(store, ctx, source, args);
  });
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("Started {}.\n", report::describe_plan(plan));
    auto store = store::Store::open_read(ctx.db_path());
    const auto child = ctx.child_for_read(*store);
    const NightSource source{*store, *child, read_settings(*store)};
    const PlanBook book(source);
    if (const auto now = plan_now(ctx, source, book)) {
      ctx.out << report::next_line(now->line) << '\n';
    }
  }
}

void no_plan(Context& ctx, const store::Store& store, const store::Child& child)
{
  if (ctx.opts.format == "json") {
    ctx.out << "null\n";
  } else {
    ctx.out << fmt::format("No plan for {}. Start one with `sleeplog plan start ferber{}` (or "
                           "checks, chair, fading).\n",
                           child.name, child_option(store, child));
  }
}

void run_plan_show(Context& ctx)
{
  auto [store, child] = open_reading(ctx);
  if (!child) {
    return;
  }
  const NightSource source{*store, *child, read_settings(*store)};
  const PlanBook book(source);
  const auto tonight = current_night(ctx, source);
  const auto* plan = book.current(tonight);
  if (plan == nullptr) {
    no_plan(ctx, *store, *child);
    return;
  }
  const auto measured = app::measure_nights(book, source, app::plan_nights_to_show(*plan, tonight));
  const auto& nights = measured.nights;
  const auto& dates = measured.dates;
  const auto summary = model::summarise_plan(*plan, nights);
  const auto now = plan_now(ctx, source, book);
  if (ctx.opts.format == "csv") {
    // One row per check-in: planned against actual.
    report::CsvWriter csv(ctx.out);
    csv.row({"night", "plan_night", "id", "checkin", "start", "planned_min", "actual_min", "timing",
             "long"});
    for (std::size_t i = 0; i < nights.size(); ++i) {
      for (const auto& c : nights[i].checkins) {
        csv.row(
          {time::format_date(dates[i]), nights[i].night ? std::to_string(*nights[i].night) : "",
           std::to_string(c.checkin.id), std::to_string(c.k),
           time::format_iso(c.checkin.start, c.checkin.offset_s), std::to_string(c.planned_min),
           report::format_number(std::round(c.actual_min * 10) / 10),
           std::string(model::timing_name(c.timing)), c.too_long ? "true" : "false"});
      }
    }
    return;
  }
  if (ctx.opts.format == "json") {
    std::string list = "[";
    for (std::size_t i = 0; i < nights.size(); ++i) {
      std::string checkins = "[";
      for (const auto& c : nights[i].checkins) {
        std::ostringstream one;
        report::JsonObject(one)
          .number("id", static_cast<double>(c.checkin.id))
          .number("k", c.k)
          .text("start", time::format_iso(c.checkin.start, c.checkin.offset_s))
          .number("planned_min", c.planned_min)
          .number("actual_min", std::round(c.actual_min * 10) / 10)
          .text("timing", model::timing_name(c.timing))
          .boolean("long", c.too_long);
        checkins += (checkins.size() > 1 ? "," : "") + one.str();
      }
      std::ostringstream obj;
      report::JsonObject(obj)
        .text("night", time::format_date(dates[i]))
        .number("plan_night",
                nights[i].night ? std::optional<double>(*nights[i].night) : std::nullopt)
        .number("adherence_pct", nights[i].adherence_pct)
        .raw("checkins", checkins + "]");
      list += (i ? "," : "") + obj.str();
    }
    report::JsonObject(ctx.out)
      .number("id", static_cast<double>(plan->id))
      .text("method", summary.method)
      .text("from", time::format_date(plan->from))
      .text("until", plan->until ? std::optional<std::string>(time::format_date(*plan->until))
                                 : std::nullopt)
      .text("description", report::describe_plan(*plan))
      .text("tonight",
            now ? std::optional<std::string>(report::next_line(now->line)) : std::nullopt)
      .number("checkins", summary.checkins)
      .number("on_time_pct", summary.on_time_pct)
      .number("adherence_pct", summary.adherence_pct)
      .raw("nights", list + "]");
    ctx.out << '\n';
    return;
  }
  ctx.out << fmt::format("Plan: {}\n", report::describe_plan(*plan));
  if (now) {
    ctx.out << "Now: " << report::next_line(now->line) << '\n';
  }
  if (plan->method == model::Method::fading) {
    ctx.out << fmt::format(
      "So far: adherence {} (bed within 10 min of the target)\n",
      summary.adherence_pct ? report::format_number(summary.adherence_pct) + "%" : "-");
  } else if (plan->method != model::Method::chair) { // the chair has no timed check-ins
    ctx.out << fmt::format(
      "So far: {} check-in{}, {} on time; adherence {}\n", summary.checkins,
      summary.checkins == 1 ? "" : "s",
      summary.on_time_pct ? report::format_number(summary.on_time_pct) + "%" : "-",
      summary.adherence_pct ? report::format_number(summary.adherence_pct) + "%" : "-");
  }
  for (std::size_t i = 0; i < nights.size(); ++i) {
    const auto& n = nights[i];
    std::string line = fmt::format("\nNight of {}: ", time::format_date_short(dates[i]));
    if (!n.night) {
      line += "paused (" + book.disruption_on(dates[i]) + ")";
    } else {
      line += fmt::format("plan night {}", *n.night);
      if (n.target_min) {
        line += ", target bedtime " + model::clock_of(*n.target_min);
      }
      line += ", adherence " +
              (n.adherence_pct ? report::format_number(n.adherence_pct) + "%" : std::string("-"));
    }
    ctx.out << line << '\n';
    const auto table = report::checkin_table(n, ctx.style);
    if (!table.empty()) {
      ctx.out << table.substr(table.find('\n') + 1);
    }
  }
}

void run_plan_stop(Context& ctx, const std::string& from_text)
{
  app::PlanStopped stopped;
  with_store(ctx, [&](store::Store& store) {
    const auto child = ctx.child_for_write(store);
    const NightSource source{store, child, read_settings(store)};
    const auto first_without = night_argument(ctx, source, from_text);
    stopped = app::stop_plan(store, ctx, source, first_without, !from_text.empty());
  });
  if (ctx.opts.quiet) {
    return;
  }
  if (!stopped.last_night) {
    ctx.out << fmt::format("Removed {}: it had not begun.\n", report::describe_plan(stopped.plan));
  } else {
    ctx.out << fmt::format("Stopped {}: its last night is {}.\n",
                           report::describe_plan(stopped.plan),
                           time::format_date_short(*stopped.last_night));
  }
}

void run_plan_list(Context& ctx)
{
  auto [store, child] = open_reading(ctx);
  if (!child) {
    if (ctx.opts.format == "json") {
      ctx.out << "[]\n";
    }
    return;
  }
  const NightSource source{*store, *child, read_settings(*store)};
  const PlanBook book(source);
  const auto tonight = current_night(ctx, source);
  std::optional<report::CsvWriter> csv;
  if (ctx.opts.format == "csv") {
    csv.emplace(ctx.out);
    csv->row({"id", "method", "from", "until", "nights", "paused_nights", "description"});
  } else if (ctx.opts.format == "json") {
    ctx.out << '[';
  }
  if (book.plans().empty() && ctx.opts.format == "text") {
    no_plan(ctx, *store, *child);
  }
  bool first = true;
  for (const auto& plan : book.plans()) {
    const auto [nights, paused] = app::plan_nights_so_far(book, plan, tonight);
    const std::string until = plan.until ? time::format_date(*plan.until) : "";
    if (csv) {
      csv->row({std::to_string(plan.id), std::string(model::method_name(plan.method)),
                time::format_date(plan.from), until, std::to_string(nights), std::to_string(paused),
                report::guard_formula(report::describe_plan(plan))});
    } else if (ctx.opts.format == "json") {
      ctx.out << (first ? "" : ",");
      report::JsonObject(ctx.out)
        .number("id", static_cast<double>(plan.id))
        .text("method", model::method_name(plan.method))
        .text("from", time::format_date(plan.from))
        .text("until", plan.until ? std::optional<std::string_view>(until) : std::nullopt)
        .number("nights", nights)
        .number("paused_nights", paused)
        .text("description", report::describe_plan(plan));
    } else {
      ctx.out << fmt::format("#{}  {}  ({} night{}{}{})\n", plan.id, report::describe_plan(plan),
                             nights, nights == 1 ? "" : "s",
                             paused ? fmt::format(", {} paused", paused) : "",
                             plan.until ? "" : ", running");
    }
    first = false;
  }
  if (ctx.opts.format == "json") {
    ctx.out << "]\n";
  }
}

void run_plan_hold(Context& ctx, int nights)
{
  app::PlanHeld held;
  with_store(ctx, [&](store::Store& store) {
    const auto child = ctx.child_for_write(store);
    const NightSource source{store, child, read_settings(store)};
    held = app::hold_plan(store, ctx, source, nights);
  });
  if (ctx.opts.quiet) {
    return;
  }
  auto store = store::Store::open_read(ctx.db_path());
  const auto child = ctx.child_for_read(*store);
  const NightSource source{*store, *child, read_settings(*store)};
  const PlanBook book(source);
  ctx.out << fmt::format("Holding {} for {} night{} from {}: {}.\n",
                         model::method_name(held.plan.method), nights, nights == 1 ? "" : "s",
                         time::format_date_short(held.from),
                         app::held_stage(book, held.plan, held.from));
}

void run_plan_review(Context& ctx)
{
  auto [store, child] = open_reading(ctx);
  if (!child) {
    return;
  }
  const NightSource source{*store, *child, read_settings(*store)};
  const PlanBook book(source);
  const auto tonight = current_night(ctx, source);
  const auto* plan = book.current(tonight);
  if (plan == nullptr) {
    no_plan(ctx, *store, *child);
    return;
  }
  const auto review = app::review_of(source, book, *plan, child_option(*store, *child));
  if (ctx.opts.format == "json") {
    std::string dates = "[";
    for (const auto& d : review.nights) {
      dates += (dates.size() > 1 ? "," : "") + report::json_string(time::format_date(d));
    }
    report::JsonObject(ctx.out)
      .text("method", model::method_name(plan->method))
      .text("verdict", model::verdict_name(review.verdict))
      .text("reason", review.reason)
      .raw("nights", dates + "]");
    ctx.out << '\n';
    return;
  }
  ctx.out << fmt::format("{}: {}\n", model::verdict_name(review.verdict), review.reason);
  if (!review.nights.empty()) {
    std::string list;
    for (const auto& d : review.nights) {
      list += (list.empty() ? "" : ", ") + time::format_date_short(d);
    }
    ctx.out << report::wrap_text("Nights: " + list);
  }
}

void run_next(Context& ctx, bool wait)
{
  auto [store, child] = open_reading(ctx);
  if (!child) {
    return;
  }
  const NightSource source{*store, *child, read_settings(*store)};
  const PlanBook book(source);
  auto now = plan_now(ctx, source, book);
  if (!now) {
    no_plan(ctx, *store, *child);
    return;
  }
  // Wait while a check-in lies ahead; the log is read again after each step, so a
  // check-in logged meanwhile moves the next one on (outside the snapshot read so far).
  if (wait) {
    store::end_read_snapshot(*store);
  }
  while (wait && now->due && ctx.now < *now->due) {
    ctx.wait_toward(*now->due);
    now = plan_now(ctx, source, book);
  }
  if (ctx.opts.format == "json") {
    report::JsonObject(ctx.out)
      .text("line", report::next_line(now->line))
      .text("due", now->due ? std::optional<std::string>(
                                time::format_iso(*now->due, ctx.zone.offset_at(*now->due)))
                            : std::nullopt);
    ctx.out << '\n';
    return;
  }
  ctx.out << report::next_line(now->line) << '\n';
}

} // namespace

void add_plan_command(CLI::App& plan, Context& ctx)
{
  plan.require_subcommand(1);
  footer_before_examples(plan,
                         "Methods: ferber (Ferber's progressive waits), checks (your own waits),\n"
                         "chair (a chair moved nearer the door every few nights), fading (bedtime\n"
                         "moved earlier as settling gets quick).");

  auto start = std::make_shared<PlanOptions>();
  auto* cmd = plan.add_subcommand("start", "start a plan: ferber, checks, chair or fading");
  cmd->add_option("method", start->method, "ferber, checks, chair or fading")->required();
  cmd->add_option("--from", start->from, "plan night 1 (default tonight): NIGHT");
  cmd->add_option("--waits", start->waits,
                  "checks: minutes before each check-in, one list per night: \"3,5,7;5,7,10\"");
  cmd->add_option("--stage-nights", start->stage_nights, "chair: nights per position (default 3)");
  cmd->add_option("--positions", start->positions,
                  "chair: positions nearest first, separated by commas");
  cmd->add_option("--start", start->start,
                  "fading: first bedtime HH:MM (default: median falling-asleep time of the "
                  "7 nights before)");
  cmd->add_option("--goal", start->goal, "fading: the earliest bedtime HH:MM");
  cmd->add_option("--step", start->step, "fading: how far bedtime moves (default 15m)");
  cmd->add_option("--checkin-max", start->checkin_max,
                  "ferber/checks: the longest check-in (default 2m)");
  cmd->add_option("--timer", start->timer,
                  "ferber/checks: waits count from the waking (default) or the crying");
  cmd->footer("Examples: sleeplog plan start ferber\n"
              "          sleeplog plan start checks --waits \"3,5,7;5,7,10\" --from 2026-11-20\n"
              "          sleeplog plan start chair --stage-nights 4\n"
              "          sleeplog plan start fading --start 20:30 --goal 19:30");
  cmd->callback([&ctx, start] { run_plan_start(ctx, *start); });

  auto* show = plan.add_subcommand("show", "the plan, tonight's instruction, each check-in "
                                           "with its planned and actual wait");
  show->callback([&ctx] { run_plan_show(ctx); });

  auto stop_from = std::make_shared<std::string>();
  auto* stop = plan.add_subcommand("stop", "stop the plan (from tonight unless --from NIGHT)");
  stop->add_option("--from", *stop_from, "the first night without the plan (default tonight)");
  stop->callback([&ctx, stop_from] { run_plan_stop(ctx, *stop_from); });

  auto* list = plan.add_subcommand("list", "every plan with its nights");
  list->callback([&ctx] { run_plan_list(ctx); });

  auto hold_nights = std::make_shared<int>(1);
  auto* hold =
    plan.add_subcommand("hold", "repeat the current stage (waits, chair position, bedtime)");
  hold->add_option("--nights", *hold_nights, "how many nights from tonight (default 1)")
    ->check(CLI::Range(1, 60));
  hold->callback([&ctx, hold_nights] { run_plan_hold(ctx, *hold_nights); });

  auto* review = plan.add_subcommand("review", "apply the method's rule to the log: advance, "
                                               "hold or re-evaluate");
  review->callback([&ctx] { run_plan_review(ctx); });
}

void add_next_command(CLI::App& cmd, Context& ctx)
{
  auto wait = std::make_shared<bool>(false);
  cmd.add_flag("--wait", *wait, "wait until the next check-in is due, then print the line");
  cmd.callback([&ctx, wait] { run_next(ctx, *wait); });
}

} // namespace sleeplog::cli
