// check: SQLite's integrity check plus the sanity rules of a sleep log, one line per
// problem naming the event ids; exit 1 when anything is found.
#include <sleeplog/cli/commands.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <limits>

namespace sleeplog::cli {

namespace {

using model::Kind;

constexpr time::Instant day_s = 86400;

std::string where(const model::Event& e)
{
  const auto local = model::local_start(e);
  return fmt::format("#{} {} {} {}", e.id, model::kind_name(e.kind), time::format_date(local.date),
                     time::format_clock(e.start, e.offset_s));
}

/// Walks one child's events in start order and collects what does not make sense.
class SanityCheck
{
public:
  explicit SanityCheck(time::Instant now) : m_now(now) {}

  void add(const model::Event& e)
  {
    if (e.start > m_now || (e.end && *e.end > m_now)) {
      problem(fmt::format("{}: in the future", where(e)));
    }
    if (e.end && *e.end - e.start > day_s) {
      problem(
        fmt::format("{}: lasts {} (over 24 h)", where(e), time::format_duration(*e.end - e.start)));
    }
    if (model::is_interval(e.kind) && !e.end && e.start < m_now - day_s) {
      problem(fmt::format("{}: never ended (started over a day ago)", where(e)));
    }
    switch (e.kind) {
    case Kind::bed:
      if (m_open_bed) {
        problem(fmt::format("{} and {}: overlapping nights (no `up` between two beds)",
                            where(*m_open_bed), where(e)));
      }
      close_waking();
      m_open_bed = e;
      break;
    case Kind::woke:
      close_waking();
      m_open_waking = e;
      break;
    case Kind::asleep: m_open_waking.reset(); break;
    case Kind::up:
      m_open_waking.reset();
      m_open_bed.reset();
      break;
    default: break;
    }
  }

  /// Ends the walk; returns every problem found.
  std::vector<std::string> finish()
  {
    if (m_open_waking && m_open_waking->start < m_now - day_s) {
      close_waking();
    }
    return std::move(m_problems);
  }

private:
  void close_waking()
  {
    if (m_open_waking) {
      problem(fmt::format("{}: waking never ended (no `asleep` or `up` after it)",
                          where(*m_open_waking)));
      m_open_waking.reset();
    }
  }
  void problem(std::string text) { m_problems.push_back(std::move(text)); }

  time::Instant m_now;
  std::optional<model::Event> m_open_bed;
  std::optional<model::Event> m_open_waking;
  std::vector<std::string> m_problems;
};

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
  for (const auto id : store->orphan_event_ids()) {
    problems.push_back(fmt::format("#{}: belongs to no child", id));
  }
  std::int64_t events = 0;
  for (const auto& child : store->children()) {
    SanityCheck check(ctx.now);
    store->for_each_event(child.id, std::numeric_limits<time::Instant>::min(),
                          std::numeric_limits<time::Instant>::max(), [&](const model::Event& e) {
                            check.add(e);
                            ++events;
                          });
    for (auto& p : check.finish()) {
      problems.push_back(child.name + ": " + report::escape_controls(p));
    }
  }
  for (const auto& p : problems) {
    ctx.out << p << '\n';
  }
  if (!problems.empty()) {
    throw store::StorageError(
      fmt::format("check found {} problem{}", problems.size(), problems.size() == 1 ? "" : "s"),
      "fix them with `sleeplog edit ID` or `sleeplog rm ID`");
  }
  if (!ctx.opts.quiet) {
    ctx.out << fmt::format("No problems found in {} events.\n", events);
  }
}

} // namespace

void add_check_command(CLI::App& app, Context& ctx)
{
  auto* check = app.add_subcommand("check", "integrity and sanity report (overlapping nights, "
                                            "endless wakings, future events); exit 1 on problems");
  check->group("Data");
  check->footer("Example: sleeplog check");
  check->callback([&ctx] { run_check(ctx); });
}

} // namespace sleeplog::cli
