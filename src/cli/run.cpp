// The application: global options, the commands of the table (command_table.cpp), and
// the one place where errors become messages and exit codes.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/run.hpp>
#include <sleeplog/cli/suggest.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstring>
#include <iostream>
#include <string_view>

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

} // namespace

int exit_status(ErrorKind kind)
{
  return kind == ErrorKind::input ? 2 : 1;
}

namespace {

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

// The command whose tree a run builds: the command word, or "" (every command) when a
// help flag comes before it, as in `sleeplog --help bed`.
std::string command_to_build(const std::vector<std::string>& args)
{
  std::string word = command_word(args);
  for (const auto& arg : args) {
    if (arg == word) {
      break;
    }
    if (arg == "--help" || arg == "-h" || arg == "--help-all") {
      return {};
    }
  }
  return word;
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
      return exit_status(ErrorKind::input);
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
    return exit_status(ErrorKind::input);
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
  const auto has = [&args](const char* flag) {
    return std::find(args.begin(), args.end(), flag) != args.end();
  };
  const std::string word = command_to_build(args);
  if (!word.empty() || !has("--version") || has("--help") || has("-h") || has("--help-all")) {
    add_commands(app, ctx, word); // the version alone needs no command
  }
  (void)env;
  try {
    return parse_and_run(app, ctx, args);
  } catch (const Failure& e) {
    print_error(ctx.err, e.what(), e.hint());
    return exit_status(e.kind());
  } catch (const std::exception& e) {
    print_error(ctx.err, e.what(), "");
    return exit_status(ErrorKind::storage);
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
    status = status == 0 ? exit_status(ErrorKind::storage) : status;
  }
  err_filter.finish();
  return status;
}

} // namespace sleeplog::cli
