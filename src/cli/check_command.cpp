// check: SQLite's integrity check plus the sanity rules of a sleep log, one line per
// problem naming the event ids; exit 1 when anything is found.
#include <sleeplog/app/sanity_check.hpp>
#include <sleeplog/cli/commands.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <string>
#include <utility>

namespace sleeplog::cli {

namespace {

std::vector<std::string> split_lines(const std::string& text)
{
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from <= text.size()) {
    const auto end = text.find('\n', from);
    lines.push_back(text.substr(from, end == std::string::npos ? std::string::npos : end - from));
    if (end == std::string::npos) {
      break;
    }
    from = end + 1;
  }
  return lines;
}

void run_check(Context& ctx)
{
  auto store = ctx.open_read();
  if (!store) {
    return;
  }
  std::vector<std::string> problems;
  for (const auto& p : store->integrity_problems()) {
    problems.push_back("integrity: " + p);
  }
  const auto orphans = store->orphan_event_ids();
  for (const auto id : orphans) {
    problems.push_back(fmt::format("#{}: belongs to no child", id));
  }
  std::int64_t events = 0;
  for (const auto& child : store->children()) {
    auto checked = app::check_events(*store, child, ctx.now, child_option(*store, child));
    events += checked.events;
    for (auto& p : checked.problems) {
      problems.push_back(child.name + ": " + report::escape_controls(p));
    }
  }
  for (const auto& p : problems) {
    ctx.out << p << '\n';
  }
  // What an upgrade repaired (events of no child moved to 'unknown') is said, not hidden.
  if (const auto repairs = store->setting("upgrade-repairs")) {
    for (const auto& line : split_lines(*repairs)) {
      ctx.out << "repaired: " << report::escape_controls(line) << '\n';
    }
  }
  if (!problems.empty()) {
    throw StorageError(
      fmt::format("check found {} problem{}", problems.size(), problems.size() == 1 ? "" : "s"),
      orphans.empty() || problems.size() > orphans.size() ||
          store->file_schema_version() == store::schema_version()
        ? (store->children().size() > 1
             ? "fix them with `sleeplog edit ID -c NAME` or `sleeplog rm ID -c NAME`, NAME the "
               "child a problem's line begins with"
             : "fix them with `sleeplog edit ID` or `sleeplog rm ID`")
        : "the next write (any logging command) upgrades the file and moves them to a child "
          "named 'unknown'; rename it with `sleeplog child rename unknown NAME`");
  }
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("No problems found in {} events.\n", events);
  }
}

} // namespace

void add_check_command(CLI::App& cmd, Context& ctx)
{
  cmd.callback([&ctx] { run_check(ctx); });
}

} // namespace sleeplog::cli
