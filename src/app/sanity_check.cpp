#include <sleeplog/app/sanity_check.hpp>
#include <sleeplog/model/event.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <limits>
#include <optional>
#include <utility>

namespace sleeplog::app {

namespace {

using model::Kind;

constexpr time::Instant day_s = 86400;

std::string where(const model::Event& e)
{
  const auto local = model::local_start(e);
  return fmt::format("#{} {} {} {}", e.id, model::kind_name(e.kind), time::format_date(local.date),
                     time::format_clock(e.start, e.offset_s));
}

/// Walks one child's events in start order and collects what does not make sense. A
/// second put-down, an `up` followed by `asleep`, an evening catnap and a rebuilt night are
/// real life (DESIGN §4.5); a moment that repeats the state, an overlap, a future event and
/// an interval over 24 h are problems.
class SanityCheck
{
public:
  /// `child_option` ends the commands a problem names (" -c Leo" once there are two).
  SanityCheck(time::Instant now, std::string child_option)
    : m_now(now), m_child_option(std::move(child_option))
  {}

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
    case Kind::nap: add_nap(e); break;
    case Kind::bed:
      // A second put-down comes within hours; a bed half a day after one with no `up`
      // between starts a night while the last one never ended.
      if (m_open_bed && e.start - m_open_bed->start > waking_limit_s) {
        problem(fmt::format("{} and {}: overlapping nights (no `up` between two beds)",
                            where(*m_open_bed), where(e)));
      }
      if (m_state && m_state->kind == Kind::woke && e.start - m_state->start > waking_limit_s) {
        never_ended(*m_state);
      }
      if (!m_open_bed || e.start - m_open_bed->start > waking_limit_s) {
        m_open_bed = e;
      }
      break;
    case Kind::asleep:
    case Kind::woke:
    case Kind::up: add_sleep_moment(e); break;
    default: break;
    }
  }

  /// Ends the walk; returns every problem found.
  std::vector<std::string> finish()
  {
    if (m_state && m_state->kind == Kind::woke && m_state->start < m_now - day_s) {
      never_ended(*m_state);
    }
    return std::move(m_problems);
  }

private:
  // A waking (or a night) this long with no `asleep` or `up`, then a new `bed`, was never
  // ended.
  static constexpr time::Instant waking_limit_s = 12 * 3600;

  void add_sleep_moment(const model::Event& e)
  {
    if (e.kind == Kind::asleep && m_nap_end && e.start < *m_nap_end) {
      problem(
        fmt::format("{} and {}: overlap (asleep during a nap)", where(*m_last_nap), where(e)));
    }
    if (m_state && m_state->kind == e.kind) {
      const auto* what = e.kind == Kind::woke     ? "woke twice with no asleep between"
                         : e.kind == Kind::asleep ? "asleep twice with no woke or up between"
                                                  : "up twice with no sleep between";
      problem(fmt::format("{} and {}: {} (fix with {})", where(*m_state), where(e), what,
                          fix_commands(e.id)));
    } else if (e.kind == Kind::woke && m_state && m_state->kind == Kind::up) {
      problem(fmt::format("{} and {}: woke after up with no asleep between (fix with {})",
                          where(*m_state), where(e), fix_commands(e.id)));
    } else if (m_state && m_state->kind == Kind::woke && e.kind == Kind::asleep &&
               e.start - m_state->start > day_s) {
      never_ended(*m_state);
    }
    m_state = e;
    if (e.kind == Kind::up) {
      m_open_bed.reset();
    }
  }

  void add_nap(const model::Event& e)
  {
    if (m_nap_end && e.start < *m_nap_end) {
      problem(fmt::format("{} and {}: overlapping naps", where(*m_last_nap), where(e)));
    } else if (m_state && m_state->kind == Kind::asleep && e.start < m_now) {
      problem(fmt::format("{} and {}: overlap (a nap while asleep)", where(*m_state), where(e)));
    }
    if (e.end && (!m_nap_end || *e.end > *m_nap_end)) {
      m_nap_end = *e.end;
      m_last_nap = e;
    }
  }

  void never_ended(const model::Event& waking)
  {
    problem(fmt::format("{}: waking never ended (no `asleep` or `up` after it)", where(waking)));
    m_state.reset();
  }

  void problem(std::string text) { m_problems.push_back(std::move(text)); }

  std::string fix_commands(std::int64_t id) const
  {
    return fmt::format("`sleeplog edit {0}{1}` or `sleeplog rm {0}{1}`", id, m_child_option);
  }

  time::Instant m_now;
  std::string m_child_option;
  std::optional<model::Event> m_state;    // the latest asleep, woke or up
  std::optional<model::Event> m_open_bed; // the night's first bed, no `up` since
  std::optional<time::Instant> m_nap_end;
  std::optional<model::Event> m_last_nap;
  std::vector<std::string> m_problems;
};

} // namespace

EventCheck check_events(const store::Store& store, const store::Child& child, time::Instant now,
                        std::string child_option)
{
  SanityCheck check(now, std::move(child_option));
  EventCheck checked;
  store.for_each_event(child.id, std::numeric_limits<time::Instant>::min(),
                       std::numeric_limits<time::Instant>::max(), [&](const model::Event& e) {
                         check.add(e);
                         ++checked.events;
                       });
  checked.problems = check.finish();
  return checked;
}

} // namespace sleeplog::app
