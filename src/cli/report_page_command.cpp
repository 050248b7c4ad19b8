// `sleeplog report`: gathers the period's nights, the period before, the tags and the
// child's age into a PageInput, and writes the HTML or Markdown page to stdout or a file.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/disruptions.hpp>
#include <sleeplog/cli/nights.hpp>
#include <sleeplog/cli/output.hpp>
#include <sleeplog/cli/plans.hpp>
#include <sleeplog/model/plan_night.hpp>
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace sleeplog::cli {

namespace {

struct ReportArgs
{
  RangeOptions range;
  std::string output;
  std::string format = "html";
  bool include_disrupted = false;
};

// The plan of the period for the page: the latest plan covering any of its nights,
// summarised over the period's nights it covers (paused nights counted apart).
class PagePlanGatherer
{
public:
  PagePlanGatherer(const PlanBook& book, time::Date first, time::Date last) : m_book(book)
  {
    const auto& plans = book.plans();
    for (auto it = plans.rbegin(); it != plans.rend(); ++it) {
      if (it->from <= last && (!it->until || *it->until >= first)) {
        m_plan = &*it;
        break;
      }
    }
  }

  /// Adds one night of the period (every night, disrupted or not: they pause the plan).
  void add(const model::Night& night, const model::NightMetrics& metrics)
  {
    if (m_plan != nullptr && m_book.plan_on(night.date) == m_plan) {
      m_nights.push_back(m_book.evaluate(night, metrics));
    }
  }

  std::optional<report::PagePlan> finish() const
  {
    if (m_plan == nullptr) {
      return std::nullopt;
    }
    const auto summary = model::summarise_plan(*m_plan, m_nights);
    report::PagePlan plan;
    plan.method = summary.method;
    plan.first = m_plan->from;
    plan.last = m_plan->until;
    plan.checkins = summary.checkins;
    plan.on_time_pct = summary.on_time_pct;
    plan.adherence_pct = summary.adherence_pct;
    return plan;
  }

private:
  const PlanBook& m_book;
  const model::Plan* m_plan = nullptr;
  std::vector<model::PlanNight> m_nights;
};

// Writes the page in two passes over the log, so memory stays flat however long the
// period: the first gathers the numbers shown before the sheet (outcomes, plan, weeks,
// who, notes), the second writes the sheet row by row as each night is read.
// Disrupted nights (SPEC §9) are left out of the outcomes, the self-settled counts and
// the weeks unless --include-disrupted, as in `summary` and `trend`; the sheet, the notes
// and who handled the wakings show every night, with its tags.
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
  const auto target = target_bedtime(store);
  report::SummaryBuilder summary(range->first, range->last, target);
  // The weeks (means) from the kept nights; notes and caregivers from every night.
  report::PageBuilder weeks(range->first, range->last, sunday, target, [](report::SheetRow&&) {});
  weeks.numbers_only();
  report::PageBuilder everything(range->first, range->last, sunday, target,
                                 [](report::SheetRow&&) {});
  everything.numbers_only();
  DisruptionFilter filter(store, args.include_disrupted);
  const PlanBook book(source);
  PagePlanGatherer plan(book, range->first, range->last);
  struct Settled
  {
    int count = 0;
    int nights = 0;
  } settled_before, settled_now;
  const auto [from, to] = summary.span();
  for_each_night(source, {from, to}, [&](model::Night&& night) {
    const auto metrics = model::compute_metrics(night);
    const bool in_period = night.date >= range->first && night.date <= range->last;
    everything.add(night, metrics);
    if (in_period) {
      plan.add(night, metrics);
    }
    if (!filter.keep(night)) {
      return;
    }
    auto& settled = in_period ? settled_now : settled_before;
    settled.count += metrics.self_settled;
    ++settled.nights;
    weeks.add(night, metrics);
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
  page.message = result.message + filter.note();
  if (settled_before.nights > 0) {
    page.before_self_settled = settled_before.count;
  }
  if (settled_now.nights > 0) {
    page.now_self_settled = settled_now.count;
  }
  page.plan = plan.finish();
  everything.finish(page);
  report::PageInput kept;
  weeks.finish(kept);
  page.weeks = std::move(kept.weeks);

  const bool md = args.format == "md";
  out << (md ? report::md_report_head(page) : report::html_report_head(page));
  std::map<time::Date, std::vector<std::string>> tags;
  for (auto& tag : store::tags_between(store, child.id, range->first, range->last)) {
    tags[tag.night].push_back(std::move(tag.word));
  }
  report::PageBuilder sheet(range->first, range->last, sunday, target, [&](report::SheetRow&& row) {
    if (const auto found = tags.find(row.date); found != tags.end()) {
      row.tags = found->second; // also on nights with no events
    }
    out << (md ? report::md_sheet_row(row) : report::html_sheet_row(row));
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
    ctx.data_output(); // the page goes out exactly as written: it is a file, not a text report
    write(ctx.out);
    ctx.out.flush();
    return;
  }
  // Written to a new private file beside the target and renamed over it (as `export -o`),
  // so a failed write never leaves half a page and nothing but a regular file is replaced.
  OutputFile file(output);
  std::ostream stream(&file.buffer());
  write(stream);
  stream.flush();
  file.commit();
  ctx.note(fmt::format("wrote {}", output));
}

bool has_md_extension(const std::string& path)
{
  if (path.size() < 3) {
    return false;
  }
  std::string end = path.substr(path.size() - 3);
  std::transform(end.begin(), end.end(), end.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return end == ".md";
}

void run_report(Context& ctx, const ReportArgs& args)
{
  if (args.format != "html" && args.format != "md") {
    throw InputError(fmt::format("report prints html or md, not '{}'", shown_value(args.format)),
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
  // As `summary`: a child with nothing logged is said so (exit 0), and no file is written.
  if (!resolve_range(ctx, NightSource{*store, *child, ctx.night_boundary(*store)}, args.range,
                     14)) {
    ctx.out << fmt::format("Nothing logged yet for {}.\n", child->name);
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
  report->add_flag("--include-disrupted", args->include_disrupted,
                   "count nights tagged sick, teething, travel… (left out by default)");
  report->footer("One self-contained page: outcomes against the period before, a noon-to-noon\n"
                 "sleep sheet, week-by-week charts, who went in, notes. Prints on A4.\n"
                 "The plan section shows the plan's method and adherence; nights tagged with a\n"
                 "disruption stay on the sheet but out of the numbers unless --include-disrupted.\n"
                 "Example: sleeplog report --last 14 -o sleep.html");
  report->callback([&ctx, args, report] {
    if (report->count("--format") == 0) {
      // `sleeplog --format md report`: the global option names the page's format too (and
      // `--format json` is refused, never answered with HTML).
      if (ctx.opts.format != "text") {
        args->format = ctx.opts.format;
      } else if (has_md_extension(args->output)) {
        args->format = "md"; // `-o sleep.md` (or SLEEP.MD) means Markdown
      }
    }
    run_report(ctx, *args);
  });
}

} // namespace sleeplog::cli
