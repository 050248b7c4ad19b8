// backup and demo (export, import and check are added by their own files).
#include <sleeplog/app/nights.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/model/demo.hpp>
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/tags.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace sleeplog::cli {

namespace {

struct DemoArgs
{
  int nights = 42;
  std::uint64_t seed = 1;
};

/// The evening of the latest night that is over by now (its morning is past).
time::Date last_finished_night(const Context& ctx)
{
  const auto local = ctx.zone.to_civil(ctx.now);
  return time::add_days(local.date, local.hour < 9 ? -2 : -1);
}

void run_demo(Context& ctx, const DemoArgs& args)
{
  if (args.nights < 1 || args.nights > 200000) {
    throw InputError(fmt::format("--nights {} is out of range", args.nights),
                     "give 1 to 200000 nights");
  }
  std::int64_t added = 0;
  store::Child child;
  with_change(
    ctx, fmt::format("demo --nights {} --seed {}", args.nights, args.seed),
    [&](store::Store& store, std::int64_t change) {
      if (const auto count = store.event_count(); count > 0) {
        throw InputError(
          fmt::format("demo fills an empty database, and {} holds {} events", store.path(), count),
          "try it on a new file: sleeplog --db /tmp/demo.db demo");
      }
      store.journal_events_by_change(); // up to 200,000 nights: journaled by change id
      child = ctx.child_for_write(store);
      model::DemoOptions options{args.nights, args.seed, last_finished_night(ctx), child.id};
      // A sick night in the latest week, tagged so the trend leaves it out and says so.
      options.sick_night = args.nights >= 14 ? args.nights - 5 : -1;
      options.plan_from = args.nights >= 8 ? 7 : -1;
      model::generate_demo(options, ctx.zone, [&](model::Event& e) {
        store.insert_event(e, change);
        ++added;
      });
      const auto first = time::add_days(options.last_night, -(args.nights - 1));
      if (options.sick_night >= 0) {
        store::add_tag(store, child.id,
                       {time::add_days(first, options.sick_night), "sick", "temp 38.4"});
      }
      // Training starts after the baseline week: Ferber from night 8.
      if (options.plan_from >= 0) {
        model::Plan plan;
        plan.child_id = child.id;
        plan.method = model::Method::ferber;
        plan.from = time::add_days(first, options.plan_from);
        store::insert_plan(store, plan, ctx.now);
      }
    });
  if (!ctx.opts.quiet) {
    ctx.err << fmt::format("sleeplog: demo: {} nights, {} events for {} in {}\n", args.nights,
                           added, child.name, ctx.db_path());
  }
  auto store = store::Store::open_read(ctx.db_path());
  show_demo_result(ctx, *store, child);
}

void run_backup(Context& ctx, const std::string& target)
{
  auto store = store::Store::open_read(ctx.db_path());
  if (!store) {
    throw InputError(fmt::format("nothing to back up: {} does not exist", ctx.db_path()));
  }
  store->backup_to(target);
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("Backed up {} to {}.\n", ctx.db_path(), target);
  }
}

} // namespace

void add_backup_command(CLI::App& cmd, Context& ctx)
{
  auto target = std::make_shared<std::string>();
  cmd.add_option("file", *target, "the new file")->required();
  cmd.callback([&ctx, target] { run_backup(ctx, *target); });
}

void add_demo_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<DemoArgs>();
  cmd.add_option("--nights", args->nights, "how many nights, ending last night (default 42)");
  cmd.add_option("--seed", args->seed,
                 "random seed; the same seed gives the same history (default 1)");
  cmd.callback([&ctx, args] { run_demo(ctx, *args); });
}

} // namespace sleeplog::cli
