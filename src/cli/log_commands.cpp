// bed, asleep, woke, up, cry, checkin, feed, nap and note: one event per command, with
// the intervals each one closes, confirmed in one line.
#include <sleeplog/app/intervals.hpp>
#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/app/nights.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/util/shell_word.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

namespace sleeplog::cli {

using app::clamp_to_waking;
using app::CommandSpelling;
using app::night_of_event;
using app::NightSource;
using app::read_settings;
using app::slip_refusal;

namespace {

using model::Kind;

/// What a logging command was given.
struct LogArgs
{
  std::vector<std::string> words;
  std::string note;
  std::string by;
  std::vector<std::string> for_words; // --for DUR, possibly several words
  std::string for_duration;           // ... joined, once read
  std::string at;                     // note --at
};

/// An event about to be logged.
struct Plan
{
  model::Event event;
  bool stop = false;     // `KIND stop`: closes the open interval instead of adding one
  time::ParsedWhen when; // how the start was written (a bare clock time is guarded)
  bool ends_now = false; // `KIND --for DUR` with no WHEN: typed as it ended
};

std::string dot(const Context& ctx)
{
  return ctx.style.unicode ? " \u00b7 " : " - ";
}

std::string confirmation(const Context& ctx, const model::Event& e, time::Date night,
                         const std::string& child)
{
  std::string when = time::format_clock(e.start, e.offset_s);
  if (e.end) {
    when +=
      fmt::format("{}{} ({})", ctx.style.unicode ? "\u2013" : "-",
                  time::format_clock(*e.end, e.offset_s), time::format_duration(*e.end - e.start));
  } else if (model::is_interval(e.kind)) {
    when = "from " + when;
  }
  std::string line =
    fmt::format("#{} {} {}{}{}night of {}", e.id, model::kind_name(e.kind), when, dot(ctx),
                child.empty() ? std::string() : child + dot(ctx), time::format_date_short(night));
  if (!e.note.empty() && e.kind != Kind::note) {
    line += fmt::format(" ({})", report::escape_controls(e.note));
  }
  return line;
}

std::int64_t parse_for(const std::string& text)
{
  return value_or_throw(time::parse_duration(text), "--for");
}

// Reads `KIND [WHEN [END]] [--for DUR]` into start and end.
void read_interval(Context& ctx, const LogArgs& args, Plan& plan)
{
  model::Event& e = plan.event;
  const std::span<const std::string> words(args.words);
  if (words.empty() && !args.for_duration.empty()) {
    const auto seconds = parse_for(args.for_duration); // "cry --for 10m": just now
    e.start = ctx.now - seconds;
    e.end = ctx.now;
    plan.ends_now = true;
    return;
  }
  const auto when = ctx.when(words);
  plan.when = when;
  e.start = when.at;
  const auto rest = words.subspan(when.tokens_used);
  if (!rest.empty()) {
    if (!args.for_duration.empty()) {
      throw InputError("give either END or --for, not both");
    }
    const auto end = value_or_throw(time::parse_end(rest, e.start, ctx.now, ctx.zone));
    if (end.tokens_used != rest.size()) {
      throw InputError(fmt::format("unexpected '{}' after the end time", rest[end.tokens_used]),
                       std::string(time::when_forms_help()));
    }
    if (!end.warning.empty()) {
      ctx.warn(end.warning);
    }
    e.end = end.at;
  } else if (!args.for_duration.empty()) {
    e.end = e.start + parse_for(args.for_duration);
    if (*e.end > ctx.now) {
      throw InputError(fmt::format("{} plus {} ends in the future (at {})",
                                   time::format_clock(e.start, ctx.zone.offset_at(e.start)),
                                   args.for_duration,
                                   time::format_clock(*e.end, ctx.zone.offset_at(*e.end))),
                       "log an interval once it is over, or use `start` now and `stop` later");
    }
  }
}

void read_point(Context& ctx, const LogArgs& args, Plan& plan)
{
  const auto when = ctx.when(args.words);
  if (when.tokens_used != args.words.size()) {
    throw InputError(fmt::format("unexpected '{}' after the time", args.words[when.tokens_used]),
                     std::string(time::when_forms_help()));
  }
  plan.when = when;
  plan.event.start = when.at;
}

Plan plan_event(Context& ctx, Kind kind, LogArgs args)
{
  Plan plan;
  plan.event.kind = kind;
  plan.event.note = args.note;
  if (kind == Kind::note) {
    if (args.words.empty()) {
      throw InputError("note needs some text",
                       fmt::format("example: `sleeplog note \"teething, gave Calpol\"{}`",
                                   ctx.child_option_for_hint()));
    }
    std::string text;
    for (const auto& w : args.words) {
      text += (text.empty() ? "" : " ") + w;
    }
    plan.event.note = text;
    args.words = split_words(args.at);
    read_point(ctx, args, plan);
  } else if (model::is_interval(kind)) {
    args.words = split_words(args.words);
    split_duration_words(args.for_words, args.for_duration, args.words);
    if (!args.words.empty() && (args.words.front() == "start" || args.words.front() == "stop")) {
      plan.stop = args.words.front() == "stop";
      if (!args.for_duration.empty()) {
        throw InputError(
          fmt::format("--for does not go with `{} {}`", model::kind_name(kind), args.words.front()),
          fmt::format("log a finished {} with `sleeplog {} --for DUR{}`", model::kind_name(kind),
                      model::kind_name(kind), ctx.child_option_for_hint()));
      }
      args.words.erase(args.words.begin());
      read_point(ctx, args, plan);
    } else {
      read_interval(ctx, args, plan);
    }
  } else {
    args.words = split_words(args.words);
    read_point(ctx, args, plan);
  }
  plan.event.offset_s = ctx.zone.offset_at(plan.event.start);
  return plan;
}

// The command a hint prints to file this event another way: the same kind and options.
CommandSpelling spelling_of(const store::Store& store, const store::Child& child,
                            const LogArgs& args, Kind kind)
{
  CommandSpelling spelling{fmt::format("sleeplog {}", model::kind_name(kind)), {}};
  if (!args.note.empty()) {
    spelling.tail += " --note " + shell_word(args.note);
  }
  if (!args.by.empty()) {
    spelling.tail += " --by " + shell_word(args.by);
  }
  spelling.tail += child_option(store, child);
  return spelling;
}

// Refuses a repeated moment and a bare clock time that would rewrite a finished night.
void check_slips(const Context& ctx, const NightSource& source, const Plan& plan,
                 const CommandSpelling& spelling)
{
  if (auto refusal = slip_refusal(source, plan.event, plan.when, ctx.now, ctx.zone, spelling)) {
    throw InputError(refusal->message, refusal->hint);
  }
}

void log_event(Context& ctx, Kind kind, const LogArgs& args)
{
  Plan plan = plan_event(ctx, kind, args);
  std::string line;
  with_change(ctx,
              fmt::format("{} {}", model::kind_name(kind),
                          time::format_clock(plan.event.start, plan.event.offset_s)),
              [&](store::Store& store, std::int64_t change) {
                const auto child = ctx.child_for_write(store);
                NightSource source{store, child, read_settings(store)};
                model::Event& e = plan.event;
                e.child_id = child.id;
                e.by = ctx.caregiver(store, args.by);
                if (plan.stop) {
                  const auto closed = app::stop_interval(store, change, child, e);
                  line = confirmation(ctx, closed, night_of_event(source, closed),
                                      child_label(store, child));
                  return;
                }
                if (model::is_interval(kind) && !e.end) {
                  app::refuse_second_open(store, child, kind, e.start);
                }
                check_slips(ctx, source, plan, spelling_of(store, child, args, kind));
                std::optional<model::Event> clamped_to;
                if (plan.ends_now && kind != Kind::nap) {
                  clamped_to = clamp_to_waking(source, e);
                }
                std::vector<std::string> closed;
                for (const Kind k : app::kinds_ended_by(kind)) {
                  const auto ended = app::end_open_interval(store, change, child, k, e.start);
                  if (!ended.warning.empty()) {
                    ctx.warn(ended.warning);
                  }
                  if (ended.event) {
                    closed.push_back(fmt::format("{} #{}", model::kind_name(k), ended.event->id));
                  }
                }
                store.insert_event(e, change);
                line = confirmation(ctx, e, night_of_event(source, e), child_label(store, child));
                if (clamped_to) {
                  line += fmt::format("; starts at woke #{} {}, not before it", clamped_to->id,
                                      time::format_clock(clamped_to->start, clamped_to->offset_s));
                }
                if (!closed.empty()) {
                  std::string list;
                  for (const auto& c : closed) {
                    list += (list.empty() ? "" : ", ") + c;
                  }
                  line += fmt::format("; ended {}", list);
                }
              });
  if (!ctx.opts.quiet) {
    ctx.out << line << '\n';
  }
}

} // namespace

void add_log_command(CLI::App& cmd, Context& ctx)
{
  const auto kind = model::parse_kind(cmd.get_name());
  if (!kind) {
    throw std::logic_error("add_log_command: " + cmd.get_name() + " is not an event kind");
  }
  auto args = std::make_shared<LogArgs>();
  footer_after_examples(cmd, fmt::format("WHEN: {}", time::when_forms_help()));
  if (*kind == Kind::note) {
    cmd.add_option("text", args->words, "the note")->required();
    cmd.add_option("--at", args->at, "when (default now)");
  } else {
    const char* words_help =
      model::is_interval(*kind) ? "[start|stop] WHEN [END]" : "WHEN (default now)";
    cmd.add_option("when", args->words, words_help);
    cmd.add_option("--note", args->note, "a note kept with the event");
    if (model::is_interval(*kind)) {
      cmd
        .add_option("--for", args->for_words,
                    "the interval's length (DUR: 45m, 1h30m, 1h 20m, 24 min, 90s)")
        ->expected(1, max_duration_words);
    }
  }
  cmd.add_option("--by", args->by, "caregiver (default $SLEEPLOG_BY or the caregiver setting)");
  cmd.callback([&ctx, args, kind = *kind] { log_event(ctx, kind, *args); });
}

} // namespace sleeplog::cli
