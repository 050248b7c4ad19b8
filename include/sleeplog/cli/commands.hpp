// The commands: the table that adds them (command_table.cpp) and the function each row
// names. Commands print through the Context and throw InputError / StorageError, which
// run() maps to exit codes.
#pragma once

#include <sleeplog/cli/context.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace sleeplog::cli {

/// Fills in a command the table in command_table.cpp made (its name, --help section,
/// one-line help and example set): its options and its callback.
using AddCommand = void (*)(CLI::App& cmd, Context& ctx);

/// Adds the command named `word` to `app`; every command when `word` names none (a bare
/// `sleeplog`, --help, an unknown word for its "did you mean"), or is `help`, which
/// shows the others. Building CLI11's tree for every command costs a run more than many
/// commands themselves, so a run builds only the one it needs.
void add_commands(CLI::App& app, Context& ctx, std::string_view word);

/// Adds lines to a command's --help footer before its examples.
void footer_before_examples(CLI::App& cmd, const std::string& text);

/// Adds lines to a command's --help footer after its examples.
void footer_after_examples(CLI::App& cmd, const std::string& text);

// The commands, in the order of the table (each defined in the file of its group).

/// bed, asleep, woke, up, cry, checkin, feed, nap, note: the kind is the command's name
/// (log_commands.cpp).
void add_log_command(CLI::App& cmd, Context& ctx);

/// status, list (view_commands.cpp).
void add_status_command(CLI::App& cmd, Context& ctx);
void add_list_command(CLI::App& cmd, Context& ctx);

/// nights, show, summary, trend, chart (report_commands.cpp).
void add_nights_command(CLI::App& cmd, Context& ctx);
void add_show_command(CLI::App& cmd, Context& ctx);
void add_summary_command(CLI::App& cmd, Context& ctx);
void add_trend_command(CLI::App& cmd, Context& ctx);
void add_chart_command(CLI::App& cmd, Context& ctx);

/// report: the page for a partner, consultant or paediatrician (report_page_command.cpp).
void add_report_command(CLI::App& cmd, Context& ctx);

/// help [metrics|time|COMMAND] (help_command.cpp).
void add_help_command(CLI::App& cmd, Context& ctx);

/// edit, rm, undo (edit_commands.cpp).
void add_edit_command(CLI::App& cmd, Context& ctx);
void add_rm_command(CLI::App& cmd, Context& ctx);
void add_undo_command(CLI::App& cmd, Context& ctx);

/// child add|list|edit|rename|default, config (setup_commands.cpp).
void add_child_command(CLI::App& cmd, Context& ctx);
void add_config_command(CLI::App& cmd, Context& ctx);

/// export (export_command.cpp), import (import_command.cpp), check (check_command.cpp),
/// backup and demo (data_commands.cpp).
void add_export_command(CLI::App& cmd, Context& ctx);
void add_import_command(CLI::App& cmd, Context& ctx);
void add_check_command(CLI::App& cmd, Context& ctx);
void add_backup_command(CLI::App& cmd, Context& ctx);
void add_demo_command(CLI::App& cmd, Context& ctx);

/// After `demo`: the trend of the history it made, as `trend` prints it
/// (report_commands.cpp).
void show_demo_result(Context& ctx, const store::Store& store, const store::Child& child);

/// plan start|show|stop|list|hold|review, next (plan_commands.cpp).
void add_plan_command(CLI::App& cmd, Context& ctx);
void add_next_command(CLI::App& cmd, Context& ctx);

/// tag, untag, tags (tag_commands.cpp).
void add_tag_command(CLI::App& cmd, Context& ctx);
void add_untag_command(CLI::App& cmd, Context& ctx);
void add_tags_command(CLI::App& cmd, Context& ctx);

/// sync DIR, sync status|conflicts|restore (sync_command.cpp).
void add_sync_command(CLI::App& cmd, Context& ctx);

/// Runs `body` inside one write transaction on the log, journaled as one change named
/// after the command line (what `undo` reverts and names). A missing log is created
/// only when body succeeds (in one step, race-free); a failed command leaves no file.
void with_store(Context& ctx, const std::function<void(store::Store&)>& body);

/// with_store, with the change named `description`.
void with_change(Context& ctx, const std::string& description,
                 const std::function<void(store::Store&, std::int64_t change_id)>& body);

/// What the body of a change decides once it has run.
enum class ChangeOutcome {
  keep,    // file the change
  discard, // it found nothing to do: roll every write of it back
};

/// with_change, for a body that may find it has nothing to file: on `discard` nothing is
/// written (a missing log is not created) and false is returned; true when kept.
bool with_change_or_discard(
  Context& ctx, const std::string& description,
  const std::function<ChangeOutcome(store::Store&, std::int64_t change_id)>& body);

/// The command line as the journal names it: the words typed, less `--db`, `--color`
/// and `-q` (with their values); words with spaces quoted.
std::string describe_command(const std::vector<std::string>& args);

/// Splits an option value such as "yesterday 21:30" into WHEN tokens.
std::vector<std::string> split_words(const std::string& text);

/// Every argument split at spaces, so `bed "yesterday 21:30"` reads like `bed yesterday 21:30`.
std::vector<std::string> split_words(const std::vector<std::string>& arguments);

/// The most words a DUR may take on the command line ("1 h 20 min" takes four).
inline constexpr int max_duration_words = 4;

/// The words an option such as --for took: the longest front that reads as one DUR
/// ("1h 20m", "24 min") becomes `duration`; the words after it go to the end of `rest`.
/// When no front reads, `duration` is the first word (whose error the caller reports).
void split_duration_words(const std::vector<std::string>& values, std::string& duration,
                          std::vector<std::string>& rest);

} // namespace sleeplog::cli
