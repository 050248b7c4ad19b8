// `sleeplog help [TOPIC]`: the metrics explained in plain words, or a command's --help.
#include <sleeplog/cli/commands.hpp>
#include <sleeplog/cli/suggest.hpp>
#include <sleeplog/report/metrics_help.hpp>
#include <sleeplog/util/shown.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace sleeplog::cli {

namespace {

void run_help(Context& ctx, const CLI::App& app, const std::string& topic)
{
  if (topic.empty()) {
    ctx.out << app.help();
    return;
  }
  if (topic == "metrics") {
    ctx.out << report::render_metrics_help();
    return;
  }
  if (topic == "time") {
    ctx.out << time::time_grammar_help();
    return;
  }
  std::vector<std::string> names{"metrics", "time"};
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == topic) {
      ctx.out << sub->help();
      return;
    }
    names.push_back(sub->get_name());
  }
  const auto near = closest(topic, names);
  throw InputError(fmt::format("no help on '{}'", shown_value(topic)),
                   near ? fmt::format("did you mean `sleeplog help {}`?", *near)
                        : "try `sleeplog help metrics` or `sleeplog --help`");
}

} // namespace

void add_help_command(CLI::App& cmd, Context& ctx)
{
  auto topic = std::make_shared<std::string>();
  cmd.add_option("TOPIC", *topic, "metrics, time, or a command name");
  // The application: every command is registered when `help` runs (add_commands).
  const CLI::App& app = *cmd.get_parent();
  cmd.callback([&ctx, &app, topic] { run_help(ctx, app, *topic); });
}

} // namespace sleeplog::cli
