// The application: global options, command groups, and the one place where errors
// become messages and exit codes.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/output.hpp>
#include <sleeplog/cli/run.hpp>
#include <sleeplog/cli/suggest.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace sleeplog::cli {

namespace {

constexpr const char* description =
  R"(sleeplog keeps your child's sleep log in a local SQLite file and shows, week
by week, that gentle sleep training is working: progress, not perfection.

  sleeplog bed               put down now          sleeplog woke 2:10      a waking
  sleeplog asleep 19:52      fell asleep           sleeplog cry --for 5m   crying, just now
  sleeplog up 6:40           up for the day        sleeplog summary        this week vs last)";

constexpr const char* footer =
  R"(WHEN: now, 21:30, 9:30pm, yesterday 21:30, mon 21:30, 2026-11-27 21:30, -10m, 1h ago
Exit status: 0 ok, 1 storage or data problem, 2 bad usage or input.
Run `sleeplog COMMAND --help` for a command's options and an example; `man sleeplog` for more.)";

void add_globals(CLI::App& app, GlobalOptions& opts)
{
  app
    .add_option("--db", opts.db,
                "the database file (default $SLEEPLOG_DB or ~/.local/share/sleeplog/sleeplog.db)")
    ->group("Global options");
  app
    .add_option("-c,--child", opts.child,
                "the child (default $SLEEPLOG_CHILD or the default-child setting)")
    ->group("Global options");
  app
    .add_option("--format", opts.format,
                "output format: text, json or csv (export: csv, json, jsonl)")
    ->group("Global options");
  app.add_option("--color", opts.color, "colour: auto, always or never")->group("Global options");
  app.add_flag("-q,--quiet", opts.quiet, "print only data and errors")->group("Global options");
}

void print_error(std::ostream& err, const std::string& message, const std::string& hint)
{
  err << "sleeplog: error: " << message << '\n';
  if (!hint.empty()) {
    err << "sleeplog: hint: " << hint << '\n';
  }
}

// The subcommand the user was in when a parse error happened (the deepest one parsed).
const CLI::App* active_command(const CLI::App& app)
{
  for (const auto* sub : app.get_subcommands()) {
    return active_command(*sub);
  }
  return &app;
}

std::string parse_error_hint(const CLI::App& app, const CLI::ParseError& e)
{
  const CLI::App* command = active_command(app);
  const std::string what = e.what();
  // Suggest the nearest option for an unknown one.
  const auto dash = what.find("--");
  if (dash != std::string::npos) {
    std::string bad = what.substr(dash);
    bad = bad.substr(0, bad.find_first_of(" \n:"));
    std::vector<std::string> known;
    for (const auto* cmd : {command, &app}) {
      for (const auto* opt : cmd->get_options()) {
        for (const auto& name : opt->get_lnames()) {
          known.push_back("--" + name);
        }
      }
    }
    const bool is_known = std::find(known.begin(), known.end(), bad) != known.end();
    if (auto near = closest(bad, known); near && !is_known) {
      return fmt::format("did you mean {}?", *near);
    }
  }
  if (command == &app) {
    return "run `sleeplog --help` for the commands";
  }
  // The whole path: `sleeplog plan hold --help`, not `sleeplog hold --help`.
  std::string path = command->get_name();
  for (const auto* parent = command->get_parent(); parent != nullptr && parent != &app;
       parent = parent->get_parent()) {
    path = parent->get_name() + " " + path;
  }
  return fmt::format("run `sleeplog {} --help` for its options and an example", path);
}

// Options of the application that take a value: the word after them is not a command.
bool takes_value(const std::string& arg)
{
  return arg == "--db" || arg == "-c" || arg == "--child" || arg == "--format" || arg == "--color";
}

// The command word of the command line ("" when there is none).
std::string command_word(const std::vector<std::string>& args)
{
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (takes_value(args[i])) {
      ++i;
    } else if (!args[i].empty() && args[i][0] != '-') {
      return args[i];
    }
  }
  return {};
}

using AddCommands = void (*)(CLI::App&, Context&);

// Every command and the registration that adds it (with the rest of its group). Building
// CLI11's tree for every command costs a run more than many commands themselves, so a run
// registers only the group its command word names; --help, `help`, a bare `sleeplog`, an
// unknown word (for its "did you mean") and a command missing here get every group.
struct CommandEntry
{
  std::string_view name;
  AddCommands add;
};

constexpr std::array<AddCommands, 8> all_groups{
  add_log_commands,  add_view_commands, add_edit_commands, add_setup_commands,
  add_data_commands, add_plan_commands, add_tag_commands,  add_sync_command,
};

constexpr std::array<CommandEntry, 33> command_table{{
  {"bed", add_log_commands},      {"asleep", add_log_commands},   {"woke", add_log_commands},
  {"up", add_log_commands},       {"cry", add_log_commands},      {"checkin", add_log_commands},
  {"feed", add_log_commands},     {"nap", add_log_commands},      {"note", add_log_commands},
  {"status", add_view_commands},  {"list", add_view_commands},    {"show", add_view_commands},
  {"nights", add_view_commands},  {"summary", add_view_commands}, {"trend", add_view_commands},
  {"chart", add_view_commands},   {"report", add_view_commands},  {"edit", add_edit_commands},
  {"rm", add_edit_commands},      {"undo", add_edit_commands},    {"child", add_setup_commands},
  {"config", add_setup_commands}, {"export", add_data_commands},  {"import", add_data_commands},
  {"backup", add_data_commands},  {"check", add_data_commands},   {"demo", add_data_commands},
  {"plan", add_plan_commands},    {"next", add_plan_commands},    {"tag", add_tag_commands},
  {"untag", add_tag_commands},    {"tags", add_tag_commands},     {"sync", add_sync_command},
}};

void add_commands(CLI::App& app, Context& ctx, const std::vector<std::string>& args)
{
  const std::string word = command_word(args);
  const auto has = [&args](const char* flag) {
    return std::find(args.begin(), args.end(), flag) != args.end();
  };
  if (word.empty() && has("--version") && !has("--help") && !has("-h") && !has("--help-all")) {
    return; // the version needs no command
  }
  for (const auto& entry : command_table) {
    if (entry.name == word) {
      entry.add(app, ctx);
      return;
    }
  }
  for (const auto add : all_groups) {
    add(app, ctx);
  }
}

int parse_and_run(CLI::App& app, Context& ctx, const std::vector<std::string>& args)
{
  // An unknown command gets a suggestion before CLI11 sees it.
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    if (takes_value(arg)) {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') {
      continue;
    }
    if (std::find(names.begin(), names.end(), arg) == names.end()) {
      const auto near = closest(arg, names);
      print_error(ctx.err, fmt::format("unknown command '{}'", shown_value(arg)),
                  near ? fmt::format("did you mean '{}'?", *near)
                       : "run `sleeplog --help` for the commands");
      return 2;
    }
    break;
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    ctx.out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    ctx.out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    ctx.out << "sleeplog " << SLEEPLOG_VERSION << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      // A subcommand's --help.
      ctx.out << active_command(app)->help();
      return 0;
    }
    print_error(ctx.err, e.what(), parse_error_hint(app, e));
    return 2;
  }
  if (app.get_subcommands().empty()) {
    ctx.out << app.help();
  }
  return 0;
}

} // namespace

namespace {

int run_command(const std::vector<std::string>& args, const Environment& env, Context& ctx)
{
  CLI::App app(description, "sleeplog");
  app.footer(footer);
  app.set_version_flag("--version", SLEEPLOG_VERSION);
  app.fallthrough();
  app.require_subcommand(0, 1);
  add_globals(app, ctx.opts);
  // Settle now, zone and style after options are read, before any command runs.
  app.parse_complete_callback([&ctx] { ctx.finish_setup(); });
  add_commands(app, ctx, args);
  (void)env;
  try {
    return parse_and_run(app, ctx, args);
  } catch (const store::InputError& e) {
    print_error(ctx.err, e.what(), e.hint());
    return 2;
  } catch (const store::StorageError& e) {
    print_error(ctx.err, e.what(), e.hint());
    return 1;
  } catch (const std::exception& e) {
    print_error(ctx.err, e.what(), "");
    return 1;
  }
}

} // namespace

int run(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
        std::ostream& err)
{
  // Every byte of text output and every message passes one terminal-safety filter;
  // data formats switch the filter on stdout to passthrough.
  report::TerminalSafeBuf out_filter(out.rdbuf());
  report::TerminalSafeBuf err_filter(err.rdbuf());
  std::ostream safe_out(&out_filter);
  std::ostream safe_err(&err_filter);
  Context ctx(env, safe_out, safe_err);
  ctx.out_filter = &out_filter;
  ctx.command_line = describe_command(args);
  int status = run_command(args, env, ctx);
  if (!out_filter.finish()) {
    // A full disk, a file-size limit or a closed reader: the output is incomplete.
    print_error(safe_err,
                fmt::format("cannot write the output: {}; what was written is incomplete",
                            std::strerror(out_filter.error_number())),
                "free some space, or write to another file");
    status = status == 0 ? 1 : status;
  }
  err_filter.finish();
  return status;
}

int run_main(int argc, char** argv)
{
  ::umask(077); // every file sleeplog creates (database, backups, exports) is private
  Environment env;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string::npos) {
      env.vars.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  env.clock_now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  env.stdout_is_tty = ::isatty(STDOUT_FILENO) != 0;
  env.read_clock = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
  };
  env.sleep = [](long long seconds) { std::this_thread::sleep_for(std::chrono::seconds(seconds)); };
  const std::vector<std::string> args(argv + 1, argv + argc);
  // A file-size limit (ulimit -f) then fails the write, which is reported, instead of
  // killing the process with the output cut short.
  std::signal(SIGXFSZ, SIG_IGN);
  FdOutBuf stdout_buffer(STDOUT_FILENO);
  std::ostream out(&stdout_buffer);
  int status = run(args, env, out, std::cerr);
  const int write_error = stdout_buffer.error();
  if (write_error == 0 && ::close(STDOUT_FILENO) != 0 && errno != EBADF && status == 0) {
    std::cerr << "sleeplog: error: cannot write the output (standard output): "
              << std::strerror(errno) << '\n';
    status = 1;
  }
  return status;
}

} // namespace sleeplog::cli
