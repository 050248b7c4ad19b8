// Every command of sleeplog, in one table read top to bottom: its name, the section of
// --help it is listed in, its one-line help, its example, and the function that adds its
// options and callback (declared in commands.hpp, defined in the file of its group).
// The order of the rows is the order of `sleeplog --help`.
#include <sleeplog/cli/commands.hpp>

#include <CLI/CLI.hpp>

#include <array>
#include <string>

namespace sleeplog::cli {

namespace {

struct Command
{
  std::string_view name;
  std::string_view group;   // the section of --help
  std::string_view help;    // one line
  std::string_view example; // one command line per line
  AddCommand add;
};

// clang-format off
constexpr std::array<Command, 34> commands{{
  // name      group      help, then example
  {"bed",      "Logging", "put down for the night",
                          "sleeplog bed 19:30 --by Sam", add_log_command},
  {"asleep",   "Logging", "fell asleep (ends settling or a waking; ends open cry, check-in, feed)",
                          "sleeplog asleep 19:52   |   sleeplog asleep 10 min ago", add_log_command},
  {"woke",     "Logging", "a night waking begins",
                          "sleeplog woke", add_log_command},
  {"up",       "Logging", "up for the day (ends the night and anything open)",
                          "sleeplog up 6:40 am", add_log_command},
  {"cry",      "Logging", "a crying episode: WHEN [END], --for DUR, or start|stop [WHEN]",
                          "sleeplog cry 23:10 23:25   |   sleeplog cry start   |   sleeplog cry stop",
                          add_log_command},
  {"checkin",  "Logging", "a parent goes in: WHEN [END], --for DUR, or start|stop [WHEN]",
                          "sleeplog checkin --for 2m", add_log_command},
  {"feed",     "Logging", "a night feed: WHEN [END], --for DUR, or start|stop [WHEN]",
                          "sleeplog feed 2:10 2:25", add_log_command},
  {"nap",      "Logging", "a daytime nap: WHEN [END], --for DUR, or start|stop [WHEN]",
                          "sleeplog nap 13:00 14:30", add_log_command},
  {"note",     "Logging", "a note at a moment: TEXT [--at WHEN]",
                          "sleeplog note \"teething\" --at 21:00", add_log_command},

  {"status",   "Viewing", "what is open now: asleep or awake since when, crying, check-ins",
                          "sleeplog status", add_status_command},
  {"list",     "Viewing", "events with their ids (default: the latest 7 nights)",
                          "sleeplog list --last 2 --kind woke", add_list_command},
  {"nights",   "Viewing", "one row per night with its metrics (default: the latest 7)",
                          "sleeplog nights --last 14 --format csv", add_nights_command},
  {"show",     "Viewing", "one night: its events, metrics and timeline (default: the latest)",
                          "sleeplog show -1", add_show_command},
  {"summary",  "Viewing", "a period against the one before it (default: latest 7 nights vs the 7 before)",
                          "sleeplog summary --week", add_summary_command},
  {"trend",    "Viewing", "week by week: sparklines, slopes, baseline against the latest 7 nights",
                          "sleeplog trend --weeks 12 --baseline-since 2026-09-01", add_trend_command},
  {"chart",    "Viewing", "night timelines from 18:00 to 08:00 (default: the latest 7)",
                          "sleeplog chart --last 14", add_chart_command},
  {"report",   "Viewing", "a page to send a partner, consultant or doctor (default: latest 14 nights, HTML)",
                          "sleeplog report --last 14 -o sleep.html", add_report_command},
  {"help",     "Viewing", "what every metric means (help metrics), how to write times (help time), "
                          "or a command's help (help COMMAND)",
                          "sleeplog help metrics", add_help_command},

  {"edit",     "Editing", "change an event's times, note or caregiver",
                          "sleeplog edit 42 --at 19:35 --note \"took a while\"", add_edit_command},
  {"rm",       "Editing", "remove events by id (undo brings them back)",
                          "sleeplog rm 42 43", add_rm_command},
  {"undo",     "Editing", "revert the latest change (an import counts as one); repeatable",
                          "sleeplog undo", add_undo_command},

  {"child",    "Setup",   "children: add, list, edit, rename, default",
                          "sleeplog child add Ada --born 2026-03-14", add_child_command},
  {"config",   "Setup",   "show or change settings: night-boundary, week-start, target-bedtime, "
                          "default-child, caregiver, naps, disruptions, replica-name",
                          "sleeplog config target-bedtime 19:00", add_config_command},

  {"export",   "Data",    "events or nights as csv, json or jsonl (default: everything, csv)",
                          "sleeplog export --nights --format csv | python3 -c 'import csv,sys; "
                          "print(len(list(csv.reader(sys.stdin))))'", add_export_command},
  {"import",   "Data",    "add events from a sleeplog export, another app's export or your own "
                          "spreadsheet (one undoable change)",
                          "sleeplog import babyconnect-export.csv --tz America/Los_Angeles --child "
                          "Eva --dry-run\n"
                          "sleeplog import my-sheet.csv --from sheet --columns "
                          "date=Date,bed=\"Put down\",asleep=Asleep,up=\"Woke up\"", add_import_command},
  {"check",    "Data",    "integrity and sanity report (repeated moments, overlaps, endless wakings, "
                          "future events); exit 1 on problems",
                          "sleeplog check", add_check_command},
  {"backup",   "Data",    "write a consistent copy of the database to FILE (never overwrites)",
                          "sleeplog backup ~/sleeplog-2026-11-28.db", add_backup_command},
  {"demo",     "Data",    "fill an EMPTY database with a realistic sleep-training history and show its trend",
                          "sleeplog --db /tmp/demo.db demo --nights 56", add_demo_command},

  {"plan",     "Plans",   "a sleep-training plan: start, show, stop, list, hold, review",
                          "sleeplog plan start ferber --from tonight", add_plan_command},
  {"next",     "Plans",   "tonight's instruction: the next check-in due, where to sit, or the bedtime",
                          "watch -n 30 sleeplog next\n"
                          "sleeplog next --wait && notify-send \"$(sleeplog next)\"", add_next_command},
  {"tag",      "Plans",   "tag a night or a range with a word: sick, teething, travel…",
                          "sleeplog tag last sick --note \"temp 38.4\"\n"
                          "sleeplog tag 2026-11-20..2026-11-22 travel", add_tag_command},
  {"untag",    "Plans",   "remove a tag from a night or a range",
                          "sleeplog untag 2026-11-20 sick", add_untag_command},
  {"tags",     "Plans",   "every tagged night, disruptions marked",
                          "sleeplog tags --format csv", add_tags_command},

  {"sync",     "Data",    "share one log between caregivers' machines through a synced folder",
                          "sleeplog sync ~/Sync/baby\n"
                          "sleeplog sync status ~/Sync/baby", add_sync_command},
}};
// clang-format on

// "Example: LINE", or "Examples: LINE" with the further lines under the first.
std::string examples_footer(std::string_view example)
{
  const bool several = example.find('\n') != std::string_view::npos;
  std::string text = several ? "Examples: " : "Example: ";
  const std::string indent(text.size(), ' ');
  for (const char c : example) {
    text += c;
    if (c == '\n') {
      text += indent;
    }
  }
  return text;
}

void add_command(CLI::App& app, Context& ctx, const Command& command)
{
  auto* cmd = app.add_subcommand(std::string(command.name), std::string(command.help));
  cmd->group(std::string(command.group));
  cmd->footer(examples_footer(command.example));
  command.add(*cmd, ctx);
}

} // namespace

void add_commands(CLI::App& app, Context& ctx, std::string_view word)
{
  for (const auto& command : commands) {
    if (command.name == word && word != "help") {
      add_command(app, ctx, command);
      return;
    }
  }
  for (const auto& command : commands) {
    add_command(app, ctx, command);
  }
}

void footer_before_examples(CLI::App& cmd, const std::string& text)
{
  cmd.footer(text + "\n" + cmd.get_footer());
}

void footer_after_examples(CLI::App& cmd, const std::string& text)
{
  cmd.footer(cmd.get_footer() + "\n" + text);
}

} // namespace sleeplog::cli
