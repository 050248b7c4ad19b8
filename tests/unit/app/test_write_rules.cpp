// What a logging command's rules answer before it writes, asked in-process: a bare clock
// time that would rewrite a finished night is refused, a repeated moment is refused
// first, a morning nap is filed without a word, and the clock-face reading that passes
// is offered.
#include <sleeplog/app/logging_rules.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;

namespace {

const time::Zone& new_york()
{
  static const time::Zone zone = *time::Zone::named("America/New_York");
  return zone;
}

// A bare clock time ("2:00"), read as `read`, whose other clock-face reading is `other`.
time::ParsedWhen bare(time::Instant read, std::optional<time::Instant> other = std::nullopt)
{
  return time::ParsedWhen{read, 1, {}, true, other};
}

model::Event candidate(const test::TempLog& log, model::Kind kind, time::Instant start)
{
  auto e = test::event(kind, start);
  e.child_id = log.child.id;
  return e;
}

} // namespace

TEST_CASE("a waking typed as a bare clock time into a finished night is refused")
{
  test::TempLog log;
  log.log_night(20); // bed 19:30, asleep 19:45, up 06:30 on the 21st (#3)
  const auto woke = candidate(log, model::Kind::woke, at(21, 2, 0));
  const app::CommandSpelling spelling{"sleeplog woke", ""};
  const auto refusal =
    app::slip_refusal(log.source(), woke, bare(at(21, 2, 0)), at(21, 8, 0), new_york(), spelling);
  REQUIRE(refusal);
  CHECK(refusal->message == "woke 02:00 lands in the night of Fri 20 Nov, which has already "
                            "ended (up 06:30, #3); it would add a waking at 02:00");
  CHECK(refusal->hint.find("`sleeplog woke today 02:00`") != std::string::npos);
  // Typed with its day it is filed there on purpose.
  CHECK_FALSE(app::slip_refusal(log.source(), woke,
                                time::ParsedWhen{at(21, 2, 0), 2, {}, false, {}}, at(21, 8, 0),
                                new_york(), spelling));
}

TEST_CASE("a moment that repeats the child's state is refused before any other rule")
{
  test::TempLog log;
  log.log({test::event(model::Kind::bed, at(20, 19, 30)),
           test::event(model::Kind::asleep, at(20, 19, 45))});
  const auto asleep = candidate(log, model::Kind::asleep, at(20, 20, 10));
  const auto refusal = app::slip_refusal(log.source(), asleep, bare(at(20, 20, 10)), at(20, 20, 15),
                                         new_york(), {"sleeplog asleep", ""});
  REQUIRE(refusal);
  CHECK(refusal->message == "already asleep: asleep #2 at 19:45 has no woke or up after it");
  CHECK(refusal->hint.find("`sleeplog edit 2 --at 20:10`") != std::string::npos);
}

TEST_CASE("a morning nap after a finished night is filed without a refusal, in its day's night")
{
  test::TempLog log;
  log.log_night(20);
  auto nap = candidate(log, model::Kind::nap, at(21, 9, 30));
  nap.end = at(21, 10, 15);
  const auto now = at(21, 10, 20);
  CHECK_FALSE(app::slip_refusal(log.source(), nap, bare(at(21, 9, 30)), now, new_york(),
                                {"sleeplog nap", ""}));
  CHECK_FALSE(app::clamp_to_waking(log.source(), nap)); // the child is up, not in a waking
  CHECK(nap.start == at(21, 9, 30));
  CHECK(app::night_of_candidate(log.source(), nap) == time::Date{2026, 11, 21});
  CHECK_FALSE(app::forgotten_up(log.source(), now, new_york()));
}

TEST_CASE("the clock-face rule: an evening bed typed as 7:40 is refused as 07:40, 19:40 offered")
{
  test::TempLog log;
  log.log_night(20);
  const auto now = at(21, 19, 45);
  const auto bed = candidate(log, model::Kind::bed, at(21, 7, 40));
  const auto refusal = app::slip_refusal(log.source(), bed, bare(at(21, 7, 40), at(21, 19, 40)),
                                         now, new_york(), {"sleeplog bed", " --by Sam"});
  REQUIRE(refusal);
  CHECK(refusal->message.find("bed 07:40 lands in the night of Fri 20 Nov") == 0);
  CHECK(refusal->hint.find("if you meant 19:40, write `sleeplog bed 19:40 --by Sam`") !=
        std::string::npos);
  // The reading offered is filed without a refusal.
  const auto evening = candidate(log, model::Kind::bed, at(21, 19, 40));
  CHECK_FALSE(app::slip_refusal(log.source(), evening, bare(at(21, 19, 40), at(21, 7, 40)), now,
                                new_york(), {"sleeplog bed", " --by Sam"}));
}
