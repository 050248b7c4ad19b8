// The command groups; each adds its commands to the application. Commands print through
// the Context and throw InputError / StorageError, which run() maps to exit codes.
#pragma once

#include <sleeplog/cli/context.hpp>

namespace CLI {
class App;
}

namespace sleeplog::cli {

/// bed, asleep, woke, up, cry, checkin, feed, nap, note.
void add_log_commands(CLI::App& app, Context& ctx);

/// status, list, show, nights, summary, trend, chart.
void add_view_commands(CLI::App& app, Context& ctx);

/// help [metrics|COMMAND] (help_command.cpp).
void add_help_command(CLI::App& app, Context& ctx);

/// report: the page for a partner, consultant or paediatrician (report_page_command.cpp).
void add_report_page_command(CLI::App& app, Context& ctx);

/// edit, rm, undo.
void add_edit_commands(CLI::App& app, Context& ctx);

/// child, config.
void add_setup_commands(CLI::App& app, Context& ctx);

/// export, import, backup, check, demo.
void add_data_commands(CLI::App& app, Context& ctx);

/// plan start|show|stop|list|hold|review, next.
void add_plan_commands(CLI::App& app, Context& ctx);

/// tag, untag, tags.
void add_tag_commands(CLI::App& app, Context& ctx);

/// sync DIR, sync status|conflicts|restore (sync_command.cpp).
void add_sync_command(CLI::App& app, Context& ctx);

/// Runs `body` inside one write transaction on the log, journaled as one change named
/// after the command line (what `undo` reverts and names). A missing log is created
/// only when body succeeds (in one step, race-free); a failed command leaves no file.
void with_store(Context& ctx, const std::function<void(store::Store&)>& body);

/// with_store, with the change named `description`.
void with_change(Context& ctx, const std::string& description,
                 const std::function<void(store::Store&, std::int64_t change_id)>& body);

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
