// backup and demo (export, import and check are added by their own files).
#include <sleeplog/app/demo.hpp>
#include <sleeplog/cli/commands.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace sleeplog::cli {

namespace {

void run_demo(Context& ctx, const app::DemoRequest& args)
{
  app::check_demo_nights(args.nights);
  std::int64_t added = 0;
  store::Child child;
  with_change(ctx, fmt::format("demo --nights {} --seed {}", args.nights, args.seed),
              [&](store::Store& store, std::int64_t change) {
                app::check_demo_log_empty(store);
                child = ctx.child_for_write(store);
                added = app::write_demo(store, change, ctx, child.id, args);
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
  auto args = std::make_shared<app::DemoRequest>();
  cmd.add_option("--nights", args->nights, "how many nights, ending last night (default 42)");
  cmd.add_option("--seed", args->seed,
                 "random seed; the same seed gives the same history (default 1)");
  cmd.callback([&ctx, args] { run_demo(ctx, *args); });
}

} // namespace sleeplog::cli
