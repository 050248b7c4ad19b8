// export: events or nights as CSV, JSON or JSON Lines, to stdout or a file.
#include <sleeplog/app/plans.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/reading.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/events.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/nights.hpp>
#include <sleeplog/store/output_file.hpp>
#include <sleeplog/store/plans.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <ostream>

namespace sleeplog::cli {

using app::first_night;
using app::for_each_event_in;
using app::for_each_night;
using app::latest_night;
using app::NightRange;
using app::NightSource;
using app::PlanBook;
using app::RangeOptions;
using app::read_settings;
using app::resolve_range;

namespace {

struct ExportArgs
{
  bool events = false;
  bool nights = false;
  bool plans = false;
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

// `export --plans`: every plan of the children with its options and holds.
void export_plans(const store::Store* db, const std::vector<store::Child>& children,
                  std::ostream& out, const std::string& format)
{
  static const std::vector<std::string> columns{
    "id",        "child", "method", "from",     "until",         "waits", "stage_nights",
    "positions", "start", "goal",   "step_min", "checkin_max_s", "timer", "holds"};
  std::optional<report::CsvWriter> csv;
  std::optional<report::JsonRows> rows;
  if (format == "csv") {
    csv.emplace(out);
    csv->row(columns);
  } else {
    rows.emplace(out, format == "jsonl");
  }
  for (const auto& child : children) {
    for (const auto& p : store::plans_of(*db, child.id)) {
      std::string positions;
      for (const auto& pos : p.positions) {
        positions += (positions.empty() ? "" : ",") + pos;
      }
      std::string holds;
      for (const auto& h : p.holds) {
        holds +=
          fmt::format("{}{}+{}", holds.empty() ? "" : ";", time::format_date(h.from), h.nights);
      }
      const bool chair = p.method == model::Method::chair;
      const bool fading = p.method == model::Method::fading;
      const std::vector<std::string> cells{std::to_string(p.id),
                                           report::guard_formula(child.name),
                                           std::string(model::method_name(p.method)),
                                           time::format_date(p.from),
                                           p.until ? time::format_date(*p.until) : "",
                                           model::format_waits(p.waits),
                                           chair ? std::to_string(p.stage_nights) : "",
                                           report::guard_formula(positions),
                                           fading && p.start_min ? model::clock_of(*p.start_min)
                                                                 : "",
                                           fading && p.goal_min ? model::clock_of(*p.goal_min) : "",
                                           fading ? std::to_string(p.step_min) : "",
                                           std::to_string(p.checkin_max_s),
                                           p.timer_crying ? "crying" : "waking",
                                           holds};
      if (csv) {
        csv->row(cells);
        continue;
      }
      rows->begin();
      {
        report::JsonObject obj(out);
        for (std::size_t i = 0; i < columns.size(); ++i) {
          const bool number = i == 0 || i == 6 || i == 10 || i == 11;
          const std::string& value = i == 1 ? child.name : i == 7 ? positions : cells[i];
          if (value.empty()) {
            obj.raw(columns[i], "null");
          } else if (number) {
            obj.raw(columns[i], value);
          } else {
            obj.text(columns[i], value);
          }
        }
      }
      rows->end();
    }
  }
  if (rows) {
    rows->finish();
  }
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
    // An old file may hold events of no child; its next write moves them to a child
    // named 'unknown', and until then they export under that name, never dropped.
    std::vector<std::int64_t> orphan_children;
    for (const auto id : db->orphan_event_ids()) {
      const auto event = db->event_by_id(id);
      if (event && std::find(orphan_children.begin(), orphan_children.end(), event->child_id) ==
                     orphan_children.end()) {
        orphan_children.push_back(event->child_id);
        children.push_back(store::Child{event->child_id, "unknown", ""});
      }
    }
  }
  const bool has_range = app::range_given(args.range);
  if (args.plans) {
    export_plans(db, children, out, format);
    return;
  }
  auto event_writer = args.nights ? nullptr : report::make_event_writer(format, out);
  auto night_writer = args.nights ? report::make_night_writer(format, out) : nullptr;
  for (const auto& child : children) {
    const store::Store& store = *db;
    NightSource source{store, child, read_settings(store)};
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
      const PlanBook book(source);
      for_each_night(source, *range, [&](model::Night&& night) {
        night_writer->write(night.date, child.name, book.metrics(night));
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
  if (static_cast<int>(args.events) + static_cast<int>(args.nights) + static_cast<int>(args.plans) >
      1) {
    throw InputError("choose one of --events, --nights and --plans");
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
  store::OutputFile file(args.output);
  std::ostream stream(&file.buffer());
  export_rows(ctx, db, args, stream, format);
  file.commit();
}

} // namespace

void add_export_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<ExportArgs>();
  cmd.add_flag("--events", args->events, "one row per event (the default)");
  cmd.add_flag("--nights", args->nights, "one row per night with its metrics");
  cmd.add_flag("--plans", args->plans, "one row per sleep-training plan with its options");
  add_range_options(cmd, args->range);
  cmd.add_option("-o,--output", args->output,
                 "write to FILE (format from its extension unless --format)");
  cmd.callback([&ctx, &cmd, args] { run_export(ctx, cmd, *args); });
}

} // namespace sleeplog::cli
