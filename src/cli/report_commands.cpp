// The reports: nights, show, summary, trend and chart, in text, CSV or JSON. Each reads
// nights through NightSource in one pass and hands them to a pure renderer.
#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/app/periods.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/reading.hpp>
#include <sleeplog/report/chart.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/nights.hpp>
#include <sleeplog/report/plan.hpp>
#include <sleeplog/report/show.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/trend.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

namespace sleeplog::cli {

using app::baseline_range;
using app::BaselineOptions;
using app::DisruptionFilter;
using app::first_night;
using app::for_each_night;
using app::latest_night;
using app::night_to_show;
using app::NightRange;
using app::NightSource;
using app::PlanBook;
using app::RangeOptions;
using app::read_settings;
using app::resolve_range;

namespace {

constexpr int demo_max_weeks = 12;

void require_report_format(const Context& ctx, std::string_view command)
{
  if (ctx.opts.format == "jsonl") {
    throw InputError(fmt::format("{} prints text, json or csv", command),
                     fmt::format("for JSON Lines use `sleeplog export --format jsonl{}`",
                                 ctx.child_option_for_hint()));
  }
}

// The child's night source and the range the options name (default: the latest 7
// nights); both empty when there is no child or nothing logged.
std::pair<std::optional<NightSource>, std::optional<NightRange>>
source_and_range(const Context& ctx, const std::optional<store::Store>& store,
                 const std::optional<store::Child>& child, const RangeOptions& options)
{
  if (!child) {
    return {};
  }
  NightSource source{*store, *child, read_settings(*store)};
  auto range = resolve_range(ctx, source, options, 7);
  return {source, range};
}

// What a json/csv report prints when there is nothing to report.
void print_empty(Context& ctx, const std::vector<std::string>& csv_header)
{
  if (ctx.opts.format == "json") {
    ctx.out << "null\n";
  } else if (ctx.opts.format == "csv") {
    report::CsvWriter(ctx.out).row(csv_header);
  }
}

std::vector<std::string> with_period(std::vector<std::string> first)
{
  first.insert(first.end(), report::period_columns().begin(), report::period_columns().end());
  return first;
}

void run_nights(Context& ctx, const RangeOptions& options)
{
  require_report_format(ctx, "nights");
  auto [store, child] = open_reading(ctx);
  auto writer = report::make_night_writer(ctx.opts.format, ctx.out);
  report::NightTable table(ctx.style, ctx.out);
  if (child) {
    NightSource source{*store, *child, read_settings(*store)};
    if (const auto range = resolve_range(ctx, source, options, 7)) {
      const PlanBook book(source);
      // Not `child` itself: clang 14 (clang-tidy) cannot capture a structured binding.
      const std::string& child_name = child->name;
      for_each_night(source, *range, [&](model::Night&& night) {
        const auto metrics = book.metrics(night);
        writer ? writer->write(night.date, child_name, metrics) : table.add(night, metrics);
      });
    }
  }
  if (writer) {
    writer->finish();
  } else if (child) {
    table.finish();
  }
}

void run_show(Context& ctx, const std::string& night_text)
{
  require_report_format(ctx, "show");
  auto [store, child] = open_reading(ctx);
  if (!child) {
    print_empty(ctx, report::night_columns());
    return;
  }
  NightSource source{*store, *child, read_settings(*store)};
  const auto date = night_to_show(ctx, source, night_text);
  const auto shown = date ? app::night_for_show(source, *date) : std::nullopt;
  if (!shown) {
    if (ctx.opts.format == "text") {
      ctx.out << (date ? fmt::format("Nothing logged for the night of {}.\n",
                                     time::format_date_short(*date))
                       : fmt::format("Nothing logged yet for {}.\n", child->name));
    }
    print_empty(ctx, report::night_columns());
    return;
  }
  const auto& found = shown->night;
  const auto& metrics = shown->metrics;
  const auto& plan_night = shown->plan;
  if (ctx.opts.format == "json") {
    ctx.out << report::show_json(found, metrics, child->name);
  } else if (ctx.opts.format == "csv") {
    ctx.out << report::show_csv(found, metrics, child->name);
  } else {
    ctx.out << report::render_show(found, metrics, child->name, ctx.style, ctx.now);
    // The plan's check-ins, planned against actual (DESIGN §8.3), and the night's tags.
    if (const auto table = report::checkin_table(plan_night, ctx.style); !table.empty()) {
      ctx.out << '\n' << table;
    } else if (!plan_night.plan.empty()) {
      ctx.out << fmt::format("\nPlan: {}, {}\n", plan_night.plan,
                             plan_night.night ? fmt::format("night {}", *plan_night.night)
                                              : std::string("paused"));
    }
    if (!found.tags.empty()) {
      std::string tags;
      for (const auto& t : found.tags) {
        tags += (tags.empty() ? "" : ", ") + report::escape_controls(t);
      }
      ctx.out << "Tags: " << tags << '\n';
    }
    for (const auto& note : found.tag_notes) {
      ctx.out << "Tag note: " << report::escape_controls(note) << '\n';
    }
  }
}

void run_summary(Context& ctx, const RangeOptions& options, bool include_disrupted)
{
  require_report_format(ctx, "summary");
  auto [store, child] = open_reading(ctx);
  const auto [source, range] = source_and_range(ctx, store, child, options);
  if (!range) {
    if (child && ctx.opts.format == "text") {
      ctx.out << fmt::format("Nothing logged yet for {}.\n", child->name);
    }
    print_empty(ctx, with_period({"period"}));
    return;
  }
  report::SummaryBuilder builder(range->first, range->last,
                                 source->settings.target_bedtime_since_noon());
  const auto [from, to] = builder.span();
  DisruptionFilter filter(*store, include_disrupted);
  for_each_night(*source, {from, to}, [&](model::Night&& night) {
    if (!filter.keep(night)) {
      return;
    }
    const auto metrics = model::compute_metrics(night);
    builder.add(std::move(night), metrics);
  });
  auto summary = builder.finish(app::previous_period_name(*range));
  summary.message += filter.note();
  if (ctx.opts.format == "json") {
    ctx.out << report::summary_json(summary);
  } else if (ctx.opts.format == "csv") {
    ctx.out << report::summary_csv(summary);
  } else {
    ctx.out << report::render_summary(summary, child->name, ctx.style);
  }
}

struct TrendArgs
{
  int weeks = 8;
  BaselineOptions baseline;
  bool include_disrupted = false;
};

void print_trend(Context& ctx, const store::Store& store, const store::Child& child,
                 const TrendArgs& args)
{
  NightSource source{store, child, read_settings(store)};
  const auto latest = latest_night(source);
  if (!latest) {
    if (ctx.opts.format == "text") {
      ctx.out << fmt::format("Nothing logged yet for {}.\n", child.name);
    }
    print_empty(ctx, with_period({"period", "week_start"}));
    return;
  }
  const auto first_week = source.settings.weeks_before(*latest, args.weeks);
  const auto [baseline, limit] = baseline_range(ctx, source, args.baseline);
  report::TrendBuilder builder(first_week, args.weeks, *latest,
                               source.settings.target_bedtime_since_noon(), limit);
  DisruptionFilter filter(store, args.include_disrupted);
  for_each_night(source, baseline, [&](model::Night&& night) {
    if (filter.keep(night)) {
      builder.add_baseline(night, model::compute_metrics(night));
    }
  });
  const auto [from, to] = builder.span();
  for_each_night(source, {from, to}, [&](model::Night&& night) {
    if (!filter.keep(night)) {
      return;
    }
    const auto metrics = model::compute_metrics(night);
    builder.add(std::move(night), metrics);
  });
  auto trend = builder.finish();
  trend.message += filter.note();
  if (ctx.opts.format == "json") {
    ctx.out << report::trend_json(trend);
  } else if (ctx.opts.format == "csv") {
    ctx.out << report::trend_csv(trend);
  } else {
    ctx.out << report::render_trend(trend, child.name, ctx.style);
  }
}

void run_trend(Context& ctx, const TrendArgs& args)
{
  require_report_format(ctx, "trend");
  auto [store, child] = open_reading(ctx);
  if (!child) {
    print_empty(ctx, with_period({"period", "week_start"}));
    return;
  }
  print_trend(ctx, *store, *child, args);
}

void run_chart(Context& ctx, const RangeOptions& options)
{
  require_report_format(ctx, "chart");
  auto [store, child] = open_reading(ctx);
  const auto [source, range] = source_and_range(ctx, store, child, options);
  const bool text = ctx.opts.format == "text";
  std::optional<report::CsvWriter> csv;
  if (ctx.opts.format == "csv") {
    csv.emplace(ctx.out);
    csv->row({"night", "timeline"});
  }
  // json and csv carry the ASCII glyphs, which every program can read.
  const report::Style plain{false, false};
  std::size_t rows = 0;
  if (range) {
    for_each_night(*source, *range, [&](model::Night&& night) {
      if (night.events.empty()) {
        return;
      }
      if (text) {
        ctx.out << (rows == 0 ? report::chart_header() : "")
                << report::chart_row(night, model::compute_metrics(night), ctx.style, ctx.now);
      } else if (csv) {
        csv->row({time::format_date(night.date), report::night_timeline(night, plain, ctx.now)});
      } else {
        ctx.out << (rows == 0 ? "[\n" : ",\n");
        report::JsonObject(ctx.out)
          .text("night", time::format_date(night.date))
          .text("timeline", report::night_timeline(night, plain, ctx.now));
      }
      ++rows;
    });
  }
  if (text && child) {
    ctx.out << (rows == 0 ? "No nights in this range.\n" : report::chart_legend(ctx.style));
  } else if (ctx.opts.format == "json") {
    ctx.out << (rows == 0 ? "[]\n" : "\n]\n");
  }
}

} // namespace

void show_demo_result(Context& ctx, const store::Store& store, const store::Child& child)
{
  NightSource source{store, child, read_settings(store)};
  const auto first = first_night(source);
  const auto last = latest_night(source);
  TrendArgs args;
  if (first && last) {
    // Whole weeks from the week of the first night to the week of the last.
    const auto weeks = source.settings.weeks_spanned(*first, *last);
    args.weeks = static_cast<int>(std::clamp<std::int64_t>(weeks, 1, demo_max_weeks));
  }
  print_trend(ctx, store, child, args);
}

void add_nights_command(CLI::App& cmd, Context& ctx)
{
  auto range = std::make_shared<RangeOptions>();
  add_range_options(cmd, *range);
  auto disrupted = std::make_shared<bool>(false);
  cmd.add_flag("--include-disrupted", *disrupted,
               "accepted for symmetry: nights always lists every night, with its tags");
  cmd.callback([&ctx, range, disrupted] { run_nights(ctx, *range); });
}

void add_show_command(CLI::App& cmd, Context& ctx)
{
  auto night = std::make_shared<std::string>();
  cmd.add_option("NIGHT", *night, "YYYY-MM-DD, last, yesterday, or -N: N nights before the latest");
  footer_before_examples(cmd, "--format json prints {\"night\": {nights columns}, \"events\": "
                              "[events]}; csv the nights row.");
  cmd.callback([&ctx, night] { run_show(ctx, *night); });
}

void add_summary_command(CLI::App& cmd, Context& ctx)
{
  auto range = std::make_shared<RangeOptions>();
  add_range_options(cmd, *range);
  auto disrupted = std::make_shared<bool>(false);
  cmd.add_flag("--include-disrupted", *disrupted,
               "count nights tagged sick, teething, travel… (left out by default)");
  cmd.callback([&ctx, range, disrupted] { run_summary(ctx, *range, *disrupted); });
}

void add_trend_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<TrendArgs>();
  cmd
    .add_option("--weeks", args->weeks,
                "whole weeks up to the week of the latest night (default 8)")
    ->check(CLI::Range(1, 100000));
  cmd.add_option("--baseline-since", args->baseline.since,
                 "baseline from this night (default: the first 7 logged nights)");
  cmd.add_option("--baseline-until", args->baseline.until,
                 "baseline up to this night (alone: the 7 nights ending here)");
  cmd.add_flag("--include-disrupted", args->include_disrupted,
               "count nights tagged sick, teething, travel… (left out by default)");
  footer_before_examples(
    cmd, "--format json prints {\"weeks\": [periods with week_start], \"baseline\", \"latest\",\n"
         "\"slopes\", \"message\"}; csv a row per week, then baseline and latest.");
  cmd.callback([&ctx, args] { run_trend(ctx, *args); });
}

void add_chart_command(CLI::App& cmd, Context& ctx)
{
  auto range = std::make_shared<RangeOptions>();
  add_range_options(cmd, *range);
  footer_before_examples(cmd, "--format json/csv give each night's timeline in the ASCII glyphs.");
  cmd.callback([&ctx, range] { run_chart(ctx, *range); });
}

} // namespace sleeplog::cli
