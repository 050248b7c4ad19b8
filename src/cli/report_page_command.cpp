// `sleeplog report`: gathers the period's nights, the period before, the tags and the
// child's age into a PageInput, and writes the HTML or Markdown page to stdout or a file.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/nights.hpp>
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/store/tags.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>

#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>

namespace sleeplog::cli {

namespace {

struct ReportArgs
{
  RangeOptions range;
  std::string output;
  std::string format = "html";
};

std::optional<double> target_bedtime_of(const store::Store& store)
{
  const auto value = store.setting("target-bedtime");
  if (!value || value->size() != 5) {
    return std::nullopt;
  }
  const int minute = std::stoi(value->substr(0, 2)) * 60 + std::stoi(value->substr(3, 2));
  return minute >= 720 ? minute - 720 : minute + 720;
}

// Writes the page in two passes over the log, so memory stays flat however long the
// period: the first gathers the numbers shown before the sheet (outcomes, weeks, who,
// notes), the second writes the sheet row by row as each night is read.
void write_page(Context& ctx, store::Store& store, const store::Child& child,
                const ReportArgs& args, std::ostream& out)
{
  NightSource source{store, child, ctx.night_boundary(store)};
  const auto range = resolve_range(ctx, source, args.range, 14);
  if (!range) {
    throw InputError(fmt::format("nothing logged yet for {}", child.name),
                     "log a night first, or try `sleeplog demo` in an empty database");
  }
  const bool sunday = store.setting("week-start") == std::string("sun");
  const auto target = target_bedtime_of(store);
  report::SummaryBuilder summary(range->first, range->last, target);
  report::PageBuilder numbers(range->first, range->last, sunday, target,
                              [](report::SheetRow&&) {});
  numbers.numbers_only();
  const auto [from, to] = summary.span();
  for_each_night(source, {from, to}, [&](model::Night&& night) {
    const auto metrics = model::compute_metrics(night);
    numbers.add(night, metrics);
    summary.add(std::move(night), metrics);
  });
  const auto length = time::days_from_date(range->last) - time::days_from_date(range->first) + 1;
  const auto result =
    summary.finish(length == 7 ? "the week before" : fmt::format("the {} nights before", length));
  report::PageInput page;
  page.child = child.name;
  page.born = time::parse_iso_date(child.born);
  page.today = ctx.zone.to_civil(ctx.now).date;
  page.first = result.first;
  page.last = result.last;
  page.before_first = result.previous_first;
  page.before_last = result.previous_last;
  page.before = result.previous;
  page.now = result.current;
  page.message = result.message;
  numbers.finish(page);

  const bool md = args.format == "md";
  out << (md ? report::md_report_head(page) : report::html_report_head(page));
  std::map<time::Date, std::vector<std::string>> tags;
  for (auto& tag : store::tags_between(store, child.id, range->first, range->last)) {
    tags[tag.night].push_back(std::move(tag.word));
  }
  report::PageBuilder sheet(range->first, range->last, sunday, target,
                            [&](report::SheetRow&& row) {
                              if (const auto found = tags.find(row.date); found != tags.end()) {
                                row.tags = found->second; // also on nights with no events
                              }
                              out << (md ? report::md_sheet_row(row)
                                         : report::html_sheet_row(row));
                            });
  // One night past the period: its morning naps belong on the last row.
  for_each_night(source, {range->first, time::add_days(range->last, 1)},
                 [&](model::Night&& night) { sheet.add(night, model::compute_metrics(night)); });
  report::PageInput rest;
  sheet.finish(rest);
  out << (md ? report::md_report_tail(page) : report::html_report_tail(page));
}

void write_output(Context& ctx, const std::string& output,
                  const std::function<void(std::ostream&)>& write)
{
  if (output.empty() || output == "-") {
    write(ctx.out);
    return;
  }
  // Write beside the target and rename, so a failed write never leaves half a page.
  const std::string partial = output + ".partial";
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) {
      throw store::StorageError(fmt::format("cannot write {}", output),
                                "check that its folder exists and is writable");
    }
    try {
      write(file);
    } catch (...) {
      file.close();
      std::remove(partial.c_str());
      throw;
    }
    file.flush();
    if (!file) {
      file.close();
      std::remove(partial.c_str());
      throw store::StorageError(fmt::format("cannot write {}: disk full?", output));
    }
  }
  if (std::rename(partial.c_str(), output.c_str()) != 0) {
    std::remove(partial.c_str());
    throw store::StorageError(fmt::format("cannot write {}", output));
  }
  ctx.note(fmt::format("wrote {}", output));
}

void run_report(Context& ctx, const ReportArgs& args)
{
  if (args.format != "html" && args.format != "md") {
    throw InputError(fmt::format("report prints html or md, not '{}'", args.format),
                     "use `sleeplog report --format html` or `--format md`");
  }
  auto store = ctx.open_read();
  if (!store) {
    return;
  }
  const auto child = ctx.child_for_read(*store);
  if (!child) {
    return;
  }
  write_output(ctx, args.output,
               [&](std::ostream& out) { write_page(ctx, *store, *child, args, out); });
}

} // namespace

void add_report_page_command(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<ReportArgs>();
  auto* report = app.add_subcommand(
    "report", "a page to send a partner, consultant or doctor (default: latest 14 nights, HTML)");
  report->group("Viewing");
  add_range_options(*report, args->range);
  report->add_option("-o,--output", args->output, "write to FILE instead of stdout");
  report->add_option("--format", args->format, "html (default) or md (the default for -o FILE.md)");
  report->footer("One self-contained page: outcomes against the period before, a noon-to-noon\n"
                 "sleep sheet, week-by-week charts, who went in, notes. Prints on A4.\n"
                 "Example: sleeplog report --last 14 -o sleep.html");
  report->callback([&ctx, args, report] {
    // `-o sleep.md` with no --format means Markdown.
    if (report->count("--format") == 0 && args->output.ends_with(".md")) {
      args->format = "md";
    }
    run_report(ctx, *args);
  });
}

} // namespace sleeplog::cli
