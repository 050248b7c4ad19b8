// status and list: what is happening now, and the events as logged.
#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/app/status.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/reading.hpp>
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/events.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/util/shell_word.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace sleeplog::cli {

using app::for_each_event_in;
using app::forgotten_up;
using app::ForgottenUp;
using app::latest_night;
using app::night_status;
using app::NightSource;
using app::NightStatus;
using app::plan_now;
using app::PlanBook;
using app::RangeOptions;
using app::read_settings;
using app::resolve_range;

void add_report_commands(CLI::App& app, Context& ctx);

namespace {

using model::Kind;

std::string since_text(std::int64_t seconds)
{
  const auto minutes = seconds / 60;
  if (minutes < 60) {
    return fmt::format("{} min", minutes);
  }
  return fmt::format("{}h{:02}", minutes / 60, minutes % 60);
}

std::string open_word(Kind kind)
{
  switch (kind) {
  case Kind::cry: return "crying";
  case Kind::checkin: return "check-in under way";
  case Kind::feed: return "feeding";
  case Kind::nap: return "napping";
  default: return std::string(model::kind_name(kind));
  }
}

void print_status(Context& ctx, const NightStatus& s, const std::string& plan_line)
{
  const auto& fmt_name = ctx.opts.format;
  if (fmt_name == "json" || fmt_name == "csv") {
    std::vector<std::string> open;
    for (const auto& e : s.open) {
      open.emplace_back(model::kind_name(e.kind));
    }
    std::string open_list;
    for (const auto& o : open) {
      open_list += (open_list.empty() ? "" : " ") + o;
    }
    const std::string since =
      s.state_event ? time::format_iso(s.state_event->start, s.state_event->offset_s) : "";
    const std::optional<double> minutes =
      s.state_event
        ? std::optional<double>(static_cast<double>((ctx.now - s.state_event->start) / 60))
        : std::nullopt;
    if (fmt_name == "csv") {
      report::CsvWriter csv(ctx.out);
      csv.row(
        {"night", "state", "since", "minutes", "open", "wakings", "checkins", "cry_episodes"});
      csv.row({time::format_date(s.night), s.state, since,
               minutes ? std::to_string(static_cast<long long>(*minutes)) : "", open_list,
               std::to_string(s.wakings), std::to_string(s.checkins), std::to_string(s.cries)});
      return;
    }
    std::string open_json = "[";
    for (std::size_t i = 0; i < open.size(); ++i) {
      open_json += (i ? "," : "") + report::json_string(open[i]);
    }
    open_json += "]";
    {
      report::JsonObject obj(ctx.out);
      obj.text("night", time::format_date(s.night))
        .text("state", s.state.empty() ? std::nullopt : std::optional<std::string_view>(s.state))
        .text("since", since.empty() ? std::nullopt : std::optional<std::string_view>(since))
        .number("minutes", minutes)
        .raw("open", open_json)
        .number("wakings", s.wakings)
        .number("checkins", s.checkins)
        .number("cry_episodes", s.cries)
        .text("plan",
              plan_line.empty() ? std::nullopt : std::optional<std::string_view>(plan_line));
    }
    ctx.out << '\n';
    return;
  }
  std::vector<std::string> parts;
  if (s.state_event) {
    const auto& e = *s.state_event;
    const std::string word = s.state == "up" ? "up for the day" : s.state;
    parts.push_back(fmt::format("{} since {} ({})", word, time::format_clock(e.start, e.offset_s),
                                since_text(ctx.now - e.start)));
  }
  for (const auto& e : s.open) {
    parts.push_back(
      fmt::format("{} since {}", open_word(e.kind), time::format_clock(e.start, e.offset_s)));
  }
  if (s.wakings > 0) {
    parts.push_back(fmt::format("{} waking{}", s.wakings, s.wakings == 1 ? "" : "s"));
  }
  if (s.checkins > 0) {
    parts.push_back(fmt::format("{} check-in{}", s.checkins, s.checkins == 1 ? "" : "s"));
  }
  if (parts.empty()) {
    parts.emplace_back("nothing open");
  }
  std::string line;
  for (const auto& p : parts) {
    line += (line.empty() ? "" : ", ") + p;
  }
  ctx.out << fmt::format("Night of {}: {}\n", time::format_date_short(s.night), line);
}

// "No `up` logged for the night of Tue 10 Nov ...": a forgotten up, and the command
// that logs it.
std::string forgotten_up_line(const ForgottenUp& f, time::Instant now, const time::Zone& zone,
                              const std::string& child_option)
{
  const std::string when = time::typeable_when(f.suggested, now, zone);
  return fmt::format("No `up` logged for the night of {}, and it is past the usual wake time "
                     "({:02}:{:02}) by 3 h or more. If the child is up for the day, log it: "
                     "`sleeplog up {}{}`\n",
                     time::format_date_short(f.night), f.usual_wake_min / 60, f.usual_wake_min % 60,
                     shell_word(when), child_option);
}

void run_status(Context& ctx)
{
  auto store = ctx.open_read();
  if (!store) {
    return;
  }
  auto child = ctx.child_for_read(*store);
  if (!child) {
    return;
  }
  NightSource source{*store, *child, read_settings(*store)};
  const auto latest = latest_night(source);
  if (!latest) {
    ctx.out << "Nothing logged yet for " << child->name << ".\n";
    return;
  }
  // The plan's line (DESIGN §8): the next check-in, where to sit, the bedtime.
  const auto plan = plan_now(ctx, source, PlanBook(source));
  const std::string plan_line = plan ? report::next_line(plan->line) : "";
  print_status(ctx, night_status(source, *latest), plan_line);
  if (ctx.opts.format == "text" && !plan_line.empty()) {
    ctx.out << "Plan: " << plan_line << '\n';
  }
  if (ctx.opts.format == "text") {
    if (const auto forgotten = forgotten_up(source, ctx.now, ctx.zone)) {
      ctx.out << forgotten_up_line(*forgotten, ctx.now, ctx.zone, child_option(*store, *child));
    }
  }
}

struct ListArgs
{
  RangeOptions range;
  std::string kind;
};

void run_list(Context& ctx, const ListArgs& args)
{
  std::optional<Kind> kind;
  if (!args.kind.empty()) {
    kind = model::parse_kind(args.kind);
    if (!kind) {
      throw InputError(fmt::format("unknown kind '{}'", shown_value(args.kind)),
                       "kinds: bed, asleep, woke, up, cry, checkin, feed, nap, note");
    }
  }
  if (ctx.opts.format == "jsonl") {
    throw InputError("list prints text, json or csv",
                     fmt::format("for JSON Lines use `sleeplog export --format jsonl{}`",
                                 ctx.child_option_for_hint()));
  }
  auto store = ctx.open_read();
  std::optional<store::Child> child;
  if (store) {
    child = ctx.child_for_read(*store);
  }
  auto writer = report::make_event_writer(ctx.opts.format, ctx.out);
  report::EventTable table(ctx.out);
  if (child) {
    NightSource source{*store, *child, read_settings(*store)};
    if (const auto range = resolve_range(ctx, source, args.range, 7)) {
      // Rows are written as they are read; the text table reads them twice, once for
      // its column widths, so it never holds them.
      const auto each_row = [&](const auto& use) {
        for_each_event_in(source, *range, [&](const model::Event& e, time::Date night) {
          if (!kind || e.kind == *kind) {
            use(report::EventRow{e, child->name, night});
          }
        });
      };
      if (writer) {
        each_row([&](const report::EventRow& row) { writer->write(row); });
      } else {
        each_row([&](const report::EventRow& row) { table.measure(row); });
        each_row([&](const report::EventRow& row) { table.write(row); });
      }
    }
  }
  if (writer) {
    writer->finish();
  } else if (child) {
    table.finish();
  }
}

} // namespace

void add_status_command(CLI::App& cmd, Context& ctx)
{
  cmd.callback([&ctx] { run_status(ctx); });
}

void add_list_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<ListArgs>();
  add_range_options(cmd, args->range);
  cmd.add_option("--kind", args->kind,
                 "only events of this kind (bed, asleep, woke, up, cry, checkin, feed, nap, note)");
  cmd.callback([&ctx, args] { run_list(ctx, *args); });
}

} // namespace sleeplog::cli
