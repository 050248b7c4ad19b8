#include <sleeplog/cli/reading.hpp>

#include <CLI/CLI.hpp>

namespace sleeplog::cli {

Reading open_reading(Context& ctx)
{
  Reading r;
  r.store = ctx.open_read();
  if (r.store) {
    r.child = ctx.child_for_read(*r.store);
  }
  return r;
}

void add_range_options(CLI::App& command, app::RangeOptions& range)
{
  command.add_option("--last", range.last, "the latest N nights")
    ->check(CLI::Validator(
      [](const std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() < 10 &&
                            text.find_first_not_of("0123456789") == std::string::npos;
        if (digits && std::stol(text) > 0) {
          return {};
        }
        return "give a number of nights, 1 or more (not '" + text + "')";
      },
      "N"));
  command.add_option("--since", range.since, "from this night on (DATE, inclusive)");
  command.add_option("--until", range.until, "up to this night (DATE, inclusive)");
  command.add_option("--week", range.week, "the week holding DATE (default: this week)")
    ->expected(0, 1)
    ->default_str("-");
}

} // namespace sleeplog::cli
