// The rules of edit for an event's times, asked in-process: a moved interval keeps its
// length, --end is read from the new start, and the ends an interval may not have.
#include <sleeplog/app/edit_rules.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using model::Kind;
using test::at;
using test::clock_at;
using test::event;

namespace {

model::Event cry_of_20_minutes()
{
  auto cry = event(Kind::cry, at(20, 21, 0));
  cry.id = 7;
  cry.end = at(20, 21, 20);
  return cry;
}

app::EditTimes moved_to(time::Instant start)
{
  app::EditTimes times;
  times.at = time::ParsedWhen{};
  times.at->at = start;
  return times;
}

} // namespace

TEST_CASE("an interval moved with --at keeps its length; --for or --end set a new one")
{
  const auto clock = clock_at(at(21, 12, 0));
  auto cry = cry_of_20_minutes();
  app::apply_edit_times(clock, moved_to(at(20, 22, 0)), cry);
  CHECK(cry.start == at(20, 22, 0));
  CHECK(cry.end == at(20, 22, 20));

  auto times = moved_to(at(20, 23, 0));
  times.for_duration = "5m";
  app::apply_edit_times(clock, times, cry);
  CHECK(cry.start == at(20, 23, 0));
  CHECK(cry.end == at(20, 23, 5));

  app::EditTimes end_only;
  end_only.end = std::vector<std::string>{"23:30"};
  app::apply_edit_times(clock, end_only, cry);
  CHECK(cry.start == at(20, 23, 0));
  CHECK(cry.end == at(20, 23, 30));
}

TEST_CASE("edit refuses an end on a moment, two ends, and an interval ending in the future")
{
  const auto clock = clock_at(at(21, 12, 0));
  auto woke = event(Kind::woke, at(20, 23, 0));
  woke.id = 3;
  app::EditTimes for_only;
  for_only.for_duration = "10m";
  CHECK_THROWS_WITH_AS(app::apply_edit_times(clock, for_only, woke),
                       "#3 is a woke, a moment: it has no end", InputError);

  auto cry = cry_of_20_minutes();
  app::EditTimes both = for_only;
  both.end = std::vector<std::string>{"21:30"};
  CHECK_THROWS_WITH_AS(app::apply_edit_times(clock, both, cry),
                       "give either --end or --for, not both", InputError);
  cry = cry_of_20_minutes();
  // Moved to 11:50 on the 21st, its 20 minutes would end at 12:10, after now.
  CHECK_THROWS_WITH_AS(app::apply_edit_times(clock, moved_to(at(21, 11, 50)), cry),
                       "#7 would end at 12:10, in the future", InputError);
}

TEST_CASE("edit --child moves an event to the child named, and refuses a move to nowhere")
{
  test::TempLog log;
  const auto nora = log.store.add_child("Nora", "");
  auto e = event(Kind::woke, at(20, 23, 0));
  e.id = 3;
  e.child_id = log.child.id;

  CHECK(app::move_to_child(log.store, e, "Nora", false) == "Leo");
  CHECK(e.child_id == nora.id);
  // Already Nora's: nothing else changing is an error naming the other child; with another
  // change it is no move at all.
  try {
    app::move_to_child(log.store, e, "Nora", false);
    FAIL("an edit that changes nothing went through");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) == "#3 is already Nora's");
    CHECK(error.hint() == "to move it to another child, give that child: `sleeplog edit 3 -c Leo`");
  }
  CHECK(app::move_to_child(log.store, e, "Nora", true).empty());
  CHECK(e.child_id == nora.id);
  CHECK_THROWS_AS(app::move_to_child(log.store, e, "Ada", true), InputError);
  CHECK(e.child_id == nora.id);
}
