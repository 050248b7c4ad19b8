// tag, untag and tags (DESIGN §9): context for nights; disruptions leave the trends and
// pause a plan.
#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/app/plans.hpp>
#include <sleeplog/app/tags.hpp>
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/reading.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/store/tags.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace sleeplog::cli {

using app::night_range_argument;
using app::NightRange;
using app::NightSource;
using app::range_given;
using app::RangeOptions;
using app::read_settings;
using app::resolve_range;

namespace {

struct TagArgs
{
  std::vector<std::string> words; // [NIGHT] WORD
  RangeOptions range;
  std::string note;
};

// The nights and the word a tag/untag command names.
std::pair<NightRange, std::string> nights_and_word(const Context& ctx, const NightSource& source,
                                                   const TagArgs& args, const char* command)
{
  const std::string c = child_option(source.store, source.child);
  const std::string usage =
    fmt::format("usage: `sleeplog {0} NIGHT WORD{1}`, or `sleeplog {0} --since DATE --until DATE "
                "WORD{1}` (NIGHT may also be FIRST..LAST)",
                command, c);
  if (args.words.empty() || args.words.size() > 2) {
    throw InputError("give a night (or a range) and one word", usage);
  }
  const std::string word = args.words.back();
  app::check_tag_word(word);
  if (args.words.size() == 1) {
    if (!range_given(args.range)) {
      throw InputError("which night?", usage);
    }
    const auto range = resolve_range(ctx, source, args.range, 1);
    if (!range) {
      throw InputError("nothing is logged yet, so --last names no night", usage);
    }
    return {*range, word};
  }
  if (range_given(args.range)) {
    throw InputError("give a NIGHT or range options, not both", usage);
  }
  return {night_range_argument(ctx, source, args.words.front()), word};
}

std::string nights_text(const NightRange& range)
{
  return range.first == range.last ? time::format_date_short(range.first)
                                   : fmt::format("{} to {}", time::format_date_short(range.first),
                                                 time::format_date_short(range.last));
}

void run_tag(Context& ctx, const TagArgs& args, bool add)
{
  NightRange range;
  std::string word;
  int changed = 0;
  bool disruption = false;
  with_store(ctx, [&](store::Store& store) {
    const auto child = ctx.child_for_write(store);
    const NightSource source{store, child, read_settings(store)};
    std::tie(range, word) = nights_and_word(ctx, source, args, add ? "tag" : "untag");
    changed = add ? app::tag_nights(store, child, range, word, args.note)
                  : app::untag_nights(store, child, range, word);
    disruption = app::is_disruption(store, word);
  });
  if (ctx.opts.quiet) {
    return;
  }
  if (add) {
    ctx.out << fmt::format("Tagged {} {}{}.\n", nights_text(range), report::escape_controls(word),
                           disruption ? " (a disruption: left out of trends, plan paused)" : "");
  } else {
    ctx.out << fmt::format("Removed {} from {} night{}.\n", report::escape_controls(word), changed,
                           changed == 1 ? "" : "s");
  }
}

void run_tags(Context& ctx)
{
  auto store = ctx.open_read();
  std::optional<store::Child> child;
  if (store) {
    child = ctx.child_for_read(*store);
  }
  std::vector<store::Tag> tags;
  if (child) {
    tags = store::all_tags(*store, child->id);
  }
  const app::Disruptions disruptions(child ? &*store : nullptr);
  const auto is_disruption = [&](const std::string& w) { return disruptions.contains(w); };
  if (ctx.opts.format == "csv") {
    report::CsvWriter csv(ctx.out);
    csv.row({"night", "tag", "disruption", "note"});
    for (const auto& t : tags) {
      csv.row({time::format_date(t.night), report::guard_formula(t.word),
               is_disruption(t.word) ? "true" : "false", report::guard_formula(t.note)});
    }
    return;
  }
  if (ctx.opts.format == "json") {
    ctx.out << '[';
    for (std::size_t i = 0; i < tags.size(); ++i) {
      ctx.out << (i ? "," : "");
      report::JsonObject(ctx.out)
        .text("night", time::format_date(tags[i].night))
        .text("tag", tags[i].word)
        .boolean("disruption", is_disruption(tags[i].word))
        .text("note",
              tags[i].note.empty() ? std::nullopt : std::optional<std::string_view>(tags[i].note));
    }
    ctx.out << "]\n";
    return;
  }
  if (!child) {
    return;
  }
  if (tags.empty()) {
    ctx.out << fmt::format("No tags yet. Tag a night with `sleeplog tag last sick --note \"temp "
                           "38.4\"{}`.\n",
                           child_option(*store, *child));
    return;
  }
  for (const auto& t : tags) {
    ctx.out << fmt::format("{}  {}{}{}\n", time::format_date(t.night),
                           report::escape_controls(t.word), is_disruption(t.word) ? " *" : "",
                           t.note.empty() ? "" : "  " + report::escape_controls(t.note));
  }
  ctx.out << "* a disruption: left out of trends and pausing a plan (`sleeplog config "
             "disruptions`)\n";
}

// tag and untag: the same words, one adds and the other removes.
std::shared_ptr<TagArgs> add_tag_options(CLI::App& cmd)
{
  auto args = std::make_shared<TagArgs>();
  cmd.add_option("night_word", args->words, "[NIGHT] WORD; NIGHT may be FIRST..LAST")
    ->expected(1, 2);
  add_range_options(cmd, args->range);
  return args;
}

} // namespace

void add_tag_command(CLI::App& cmd, Context& ctx)
{
  auto args = add_tag_options(cmd);
  cmd.add_option("--note", args->note, "a note kept with the tag (e.g. \"temp 38.4\")");
  footer_before_examples(
    cmd, "sick, teething, travel, vaccine and regression are disruptions: such nights\n"
         "are left out of means, SRI, baselines and slopes, and pause a plan.");
  cmd.callback([&ctx, args] { run_tag(ctx, *args, true); });
}

void add_untag_command(CLI::App& cmd, Context& ctx)
{
  auto args = add_tag_options(cmd);
  cmd.callback([&ctx, args] { run_tag(ctx, *args, false); });
}

void add_tags_command(CLI::App& cmd, Context& ctx)
{
  cmd.callback([&ctx] { run_tags(ctx); });
}

} // namespace sleeplog::cli
