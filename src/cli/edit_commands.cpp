// edit, rm and undo: correcting the log, every change revertible.
#include <sleeplog/app/edit_rules.hpp>
#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/app/nights.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/store/paths.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <memory>

namespace sleeplog::cli {

using app::child_by_id;
using app::night_of_event;
using app::NightSource;
using app::read_settings;

namespace {

struct EditArgs
{
  std::int64_t id = 0;
  std::string at;
  std::string end;
  std::vector<std::string> for_words;
  std::string for_duration; // for_words joined, once read
  std::optional<std::string> note;
  std::optional<std::string> by;
};

model::Event existing(const store::Store& store, std::int64_t id)
{
  auto event = store.event_by_id(id);
  if (!event) {
    throw InputError(fmt::format("no event #{}", id),
                     "see the ids with " + command_for_each_child(store, "sleeplog list"));
  }
  return *event;
}

// Reads --at here (its warning is printed), and leaves the rules of the times to app.
void apply_times(Context& ctx, const EditArgs& args, model::Event& e)
{
  app::EditTimes times;
  if (!args.at.empty()) {
    const auto words = split_words(args.at);
    const auto when = ctx.when(words);
    if (when.tokens_used != words.size()) {
      throw InputError(fmt::format("--at: unexpected '{}' after the time", words[when.tokens_used]),
                       std::string(time::when_forms_help()));
    }
    times.at = when;
  }
  if (!args.end.empty()) {
    times.end = split_words(args.end);
  }
  times.for_duration = args.for_duration;
  app::apply_edit_times(ctx, times, e);
}

std::string dot(const Context& ctx)
{
  return ctx.style.unicode ? " \u00b7 " : " - ";
}

// " · Leo" when the log holds two children, for the lines of edit and rm.
std::string child_words(const Context& ctx, const store::Store& store, std::int64_t child_id)
{
  const std::string name = child_label(store, child_by_id(store, child_id));
  return name.empty() ? name : dot(ctx) + name;
}

void run_edit(Context& ctx, EditArgs args)
{
  std::vector<std::string> rest;
  split_duration_words(args.for_words, args.for_duration, rest);
  if (!rest.empty()) {
    throw InputError(fmt::format("--for: unexpected '{}' after the length", rest.front()),
                     "DUR can be " + std::string(time::duration_forms_help()));
  }
  const bool to_child = !ctx.opts.child.empty();
  if (args.at.empty() && args.end.empty() && args.for_duration.empty() && !args.note && !args.by &&
      !to_child) {
    throw InputError("nothing to change", "give --at, --end, --for, --note, --by or --child");
  }
  std::string line;
  with_change(ctx, fmt::format("edit #{}", args.id), [&](store::Store& store, std::int64_t change) {
    model::Event e = existing(store, args.id);
    std::string moved;
    if (to_child) {
      const bool other_changes =
        !args.at.empty() || !args.end.empty() || !args.for_duration.empty() || args.note || args.by;
      if (const auto from = app::move_to_child(store, e, ctx.opts.child, other_changes);
          !from.empty()) {
        moved = fmt::format(" (moved from {})", from);
      }
    }
    apply_times(ctx, args, e);
    if (args.note) {
      e.note = *args.note;
    }
    if (args.by) {
      e.by = *args.by;
    }
    store.update_event(e, change);
    const NightSource source{store, child_by_id(store, e.child_id), read_settings(store)};
    line = fmt::format("#{} {} {}{} edited{}{}{}night of {}", e.id, model::kind_name(e.kind),
                       time::format_clock(e.start, e.offset_s),
                       e.end ? "-" + time::format_clock(*e.end, e.offset_s) : "", moved,
                       child_words(ctx, store, e.child_id), dot(ctx),
                       time::format_date_short(night_of_event(source, e)));
  });
  if (!ctx.opts.quiet) {
    ctx.out << line << '\n';
  }
}

void run_rm(Context& ctx, const std::vector<std::int64_t>& ids)
{
  std::string ids_text;
  for (const auto id : ids) {
    ids_text += fmt::format("{}#{}", ids_text.empty() ? "" : " ", id);
  }
  std::vector<std::string> lines;
  with_change(ctx, "rm " + ids_text, [&](store::Store& store, std::int64_t change) {
    for (const auto id : ids) {
      const auto e = existing(store, id);
      store.delete_event(id, change);
      lines.push_back(fmt::format("#{} {} {} removed{}", e.id, model::kind_name(e.kind),
                                  time::format_clock(e.start, e.offset_s),
                                  child_words(ctx, store, e.child_id)));
    }
  });
  if (!ctx.opts.quiet) {
    for (const auto& l : lines) {
      ctx.out << l << '\n';
    }
    ctx.out << "Undo with `sleeplog undo`.\n";
  }
}

// "1 event", "2 plan holds": a journaled table's rows in words.
std::string rows_in_words(const std::string& table, std::int64_t n)
{
  static const std::map<std::string, std::pair<const char*, const char*>> names{
    {"event", {"event", "events"}},   {"tag", {"tag", "tags"}},
    {"plan", {"plan", "plans"}},      {"plan_hold", {"plan hold", "plan holds"}},
    {"child", {"child", "children"}}, {"setting", {"setting", "settings"}},
  };
  const auto found = names.find(table);
  const auto& [one, many] = found != names.end() ? found->second : std::pair{"row", "rows"};
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// ": removed 1 event, restored 1 tag" — what undo did, table by table.
std::string undo_detail(const store::UndoResult& result)
{
  std::vector<store::RevertCount> counts{{"event", result.removed, result.restored}};
  counts.insert(counts.end(), result.others.begin(), result.others.end());
  std::vector<std::string> parts;
  for (const bool removed : {true, false}) {
    std::vector<std::string> rows;
    for (const auto& c : counts) {
      if (const auto n = removed ? c.removed : c.restored; n > 0) {
        rows.push_back(rows_in_words(c.table, n));
      }
    }
    if (!rows.empty()) {
      parts.push_back(
        fmt::format("{} {}", removed ? "removed" : "restored", fmt::join(rows, ", ")));
    }
  }
  return parts.empty() ? std::string() : fmt::format(": {}", fmt::join(parts, ", "));
}

void run_undo(Context& ctx)
{
  auto store = store::Store::open_existing(ctx.db_path());
  if (!store) {
    throw InputError("nothing to undo", "the log is empty");
  }
  std::optional<store::UndoResult> result;
  store->write([&] {
    result = store->undo_latest(ctx.now);
    if (!result) {
      throw InputError("nothing to undo", "every change has been undone already");
    }
  });
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("Undid `{}`{}\n", report::escape_controls(result->change.description),
                           undo_detail(*result));
  }
}

} // namespace

void add_edit_command(CLI::App& cmd, Context& ctx)
{
  auto args = std::make_shared<EditArgs>();
  cmd.add_option("id", args->id, "the event's id (see `sleeplog list`)")->required();
  cmd.add_option("--at", args->at, "new start (WHEN)");
  cmd.add_option("--end", args->end, "new end of an interval (END)");
  cmd.add_option("--for", args->for_words, "new length of an interval (DUR: 1h 20m)")
    ->expected(1, max_duration_words);
  cmd.add_option("--note", args->note, "new note (\"\" clears it)");
  cmd.add_option("--by", args->by, "new caregiver (\"\" clears it)");
  footer_after_examples(cmd, "--at on an interval moves it and keeps its length; -c/--child NAME "
                             "moves the event to that child.");
  cmd.callback([&ctx, args] { run_edit(ctx, *args); });
}

void add_rm_command(CLI::App& cmd, Context& ctx)
{
  auto ids = std::make_shared<std::vector<std::int64_t>>();
  cmd.add_option("ids", *ids, "event ids")->required();
  cmd.callback([&ctx, ids] { run_rm(ctx, *ids); });
}

void add_undo_command(CLI::App& cmd, Context& ctx)
{
  cmd.callback([&ctx] { run_undo(ctx); });
}

} // namespace sleeplog::cli
