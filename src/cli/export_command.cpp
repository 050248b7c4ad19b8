// export: events or nights as CSV, JSON or JSON Lines, to stdout or a file.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/nights.hpp>
#include <sleeplog/cli/output.hpp>
#include <sleeplog/report/events.hpp>
#include <sleeplog/report/nights.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace sleeplog::cli {

void add_import_command(CLI::App& app, Context& ctx);

namespace {

struct ExportArgs
{
  bool events = false;
  bool nights = false;
  RangeOptions range;
  std::string output;
};

std::string format_for(const Context& ctx, const CLI::App& command, const std::string& output)
{
  const bool given = command.get_parent()->count("--format") > 0;
  if (given || output.empty()) {
    return ctx.opts.format == "text" ? "csv" : ctx.opts.format;
  }
  for (const char* ext : {"csv", "jsonl", "json"}) {
    if (output.ends_with(std::string(".") + ext)) {
      return ext;
    }
  }
  return "csv";
}

// All nights of every child or one child, whole history unless a range is given.
// A missing database (nullptr) exports a header alone, or an empty array.
void export_rows(Context& ctx, const store::Store* db, const ExportArgs& args, std::ostream& out,
                 const std::string& format)
{
  std::vector<store::Child> children;
  if (db == nullptr) {
    // nothing logged: no children
  } else if (!ctx.opts.child.empty() || !ctx.var("SLEEPLOG_CHILD").empty()) {
    if (auto child = ctx.child_for_read(*db)) {
      children.push_back(*child);
    }
  } else {
    children = db->children();
  }
  const bool has_range = args.range.last > 0 || !args.range.since.empty() ||
                         !args.range.until.empty() || !args.range.week.empty();
  auto event_writer = args.nights ? nullptr : report::make_event_writer(format, out);
  auto night_writer = args.nights ? report::make_night_writer(format, out) : nullptr;
  for (const auto& child : children) {
    const store::Store& store = *db;
    NightSource source{store, child, ctx.night_boundary(store)};
    std::optional<NightRange> range;
    if (has_range) {
      range = resolve_range(ctx, source, args.range, 7);
    } else if (auto first = first_night(source)) {
      range = NightRange{*first, latest_night(source).value_or(*first)};
    }
    if (!range) {
      continue;
    }
    if (night_writer) {
      for_each_night(source, *range, [&](model::Night&& night) {
        night_writer->write(night.date, child.name, model::compute_metrics(night));
      });
    } else {
      for_each_event_in(source, *range, [&](const model::Event& e, time::Date night) {
        event_writer->write(report::EventRow{e, child.name, night});
      });
    }
  }
  if (night_writer) {
    night_writer->finish();
  } else {
    event_writer->finish();
  }
}

void run_export(Context& ctx, const CLI::App& command, const ExportArgs& args)
{
  if (args.events && args.nights) {
    throw InputError("choose --events or --nights, not both");
  }
  const std::string format = format_for(ctx, command, args.output);
  if (format != "csv" && format != "json" && format != "jsonl") {
    throw InputError(fmt::format("export writes csv, json or jsonl, not {}", format));
  }
  auto store = store::Store::open_read(ctx.db_path());
  if (!store) {
    ctx.note(fmt::format("nothing logged yet ({}); the export is empty", ctx.db_path()));
  }
  const store::Store* db = store ? &*store : nullptr;
  if (args.output.empty() || args.output == "-") {
    ctx.data_output();
    export_rows(ctx, db, args, ctx.out, format);
    return;
  }
  // Written to a new private file beside the target and renamed over it, so a failed
  // export never leaves half a file, and nothing but a regular file is ever replaced.
  OutputFile file(args.output);
  std::ostream stream(&file.buffer());
  export_rows(ctx, db, args, stream, format);
  file.commit();
}

} // namespace

void add_exchange_commands(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<ExportArgs>();
  auto* exp = app.add_subcommand(
    "export", "events or nights as csv, json or jsonl (default: everything, csv)");
  exp->group("Data");
  exp->add_flag("--events", args->events, "one row per event (the default)");
  exp->add_flag("--nights", args->nights, "one row per night with its metrics");
  add_range_options(*exp, args->range);
  exp->add_option("-o,--output", args->output,
                  "write to FILE (format from its extension unless --format)");
  exp->footer("Example: sleeplog export --nights --format csv | python3 -c 'import csv,sys; "
              "print(len(list(csv.reader(sys.stdin))))'");
  exp->callback([&ctx, exp, args] { run_export(ctx, *exp, *args); });

  add_import_command(app, ctx);
}

} // namespace sleeplog::cli
