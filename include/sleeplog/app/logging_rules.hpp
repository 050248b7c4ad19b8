// The rules a logging command applies before it writes (DESIGN §3.2, §4.5): a moment that
// repeats the child's state, a bare clock time that would rewrite a finished night or
// land inside a nap, an interval typed during a waking that would start before it; and
// the words that name a write's child. Each takes the store (or events) and the
// candidate and returns what to print; the command wiring only throws or prints it.
#pragma once

#include <sleeplog/app/nights.hpp>
#include <sleeplog/model/event.hpp>
#include <sleeplog/time/parse.hpp>

#include <optional>
#include <string>

namespace sleeplog::app {

/// A write refused: the error message and the hint that says what to type instead.
struct Refusal
{
  std::string message;
  std::string hint;
};

/// How a hint spells the command that files a candidate: `head` ("sleeplog asleep"),
/// then a WHEN, then `tail` (the options to keep: " --by Dad -c Leo").
struct CommandSpelling
{
  std::string head;
  std::string tail;

  /// The whole command with `when` in its place (several words work unquoted).
  std::string with(const std::string& when) const;
};

/// The child with this id (the event's own child, for edit and rm lines).
store::Child child_by_id(const store::Store& store, std::int64_t child_id);

/// Who logged a write (an event's `by`): `by_flag` (--by), else `env_by` ($SLEEPLOG_BY),
/// else the `caregiver` setting, else this machine's chosen replica name on a machine that
/// syncs (DESIGN §12); "" when none of them names anyone.
std::string who_logged(const store::Store& store, const std::string& by_flag,
                       const std::string& env_by);

/// The night `candidate` would belong to once written (it is not in the store yet).
time::Date night_of_candidate(const NightSource& source, const model::Event& candidate);

/// A woke/asleep/up that repeats the state the child is already in (DESIGN §4.5): names the
/// open event and, as the fix, an `edit` that moves that open event (always of the same
/// kind as the candidate) to the moment typed.
std::optional<Refusal> repeat_refusal(const NightSource& source, const model::Event& candidate,
                                      time::Instant now, const time::Zone& zone);

/// A bed/asleep/woke/up given as a bare clock time that lands inside a nap, or in a night
/// whose main sleep has ended and would change that sleep (add or remove a waking, move
/// its onset or end). A missing bed before the night's first sleep, and sleep resuming
/// within 3 h of an `up` typed within those 3 h, pass. The hint gives the explicit form
/// that files it there and the other reading when that one would pass.
std::optional<Refusal> finished_night_refusal(const NightSource& source,
                                              const model::Event& candidate,
                                              const time::ParsedWhen& when, time::Instant now,
                                              const time::Zone& zone,
                                              const CommandSpelling& spelling);

/// The slip checks a logging command makes before it writes, in order: a moment that
/// repeats the child's state (repeat_refusal), then a bare clock time that would rewrite a
/// finished night or land inside a nap (finished_night_refusal). nullopt: file it.
std::optional<Refusal> slip_refusal(const NightSource& source, const model::Event& candidate,
                                    const time::ParsedWhen& when, time::Instant now,
                                    const time::Zone& zone, const CommandSpelling& spelling);

/// An interval typed as `--for DUR` ending now, during a waking: when it would start
/// before that waking's `woke`, moves its start there and returns the woke; else nullopt.
std::optional<model::Event> clamp_to_waking(const NightSource& source, model::Event& candidate);

/// A night whose sleep has no `up` long after the child usually gets up.
struct ForgottenUp
{
  time::Date night;
  int usual_wake_min = 0;      // the usual wake time, minutes after midnight
  time::Instant suggested = 0; // the `up` to propose: the night's last woke, else the usual time
};

/// Forgotten-up margin: a night with sleep and no `up` this long after its usual wake
/// time has very likely ended without its `up` logged.
inline constexpr time::Instant forgotten_up_after_s = 3 * 3600;

/// The latest night with sleep (the latest night, or the one before when the latest holds
/// none) when it has no `up` and `now` is past its usual wake time (the median `up` of
/// the 14 nights before it, else 07:00) by forgotten_up_after_s.
std::optional<ForgottenUp> forgotten_up(const NightSource& source, time::Instant now,
                                        const time::Zone& zone);

} // namespace sleeplog::app
