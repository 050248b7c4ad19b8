// The nights an import's summary counts, asked in-process: one per child and night by the
// night-boundary setting, none for a nap, and the default boundary before a log exists.
#include <sleeplog/app/import_summary.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;
using test::at;
using test::event;

namespace {

model::Event of_child(model::Kind kind, time::Instant start, std::int64_t child)
{
  auto e = event(kind, start);
  e.child_id = child;
  return e;
}

} // namespace

TEST_CASE("an import's nights: one per child and night, a nap in none")
{
  app::ImportedNights nights(nullptr); // no log yet: the boundary is noon
  nights.add(of_child(model::Kind::bed, at(20, 19, 30), 1));
  nights.add(of_child(model::Kind::woke, at(21, 3, 0), 1)); // before noon: the 20th's night
  nights.add(of_child(model::Kind::up, at(21, 6, 30), 1));
  CHECK(nights.count() == 1);
  nights.add(of_child(model::Kind::nap, at(21, 13, 0), 1));
  CHECK(nights.count() == 1);
  nights.add(of_child(model::Kind::bed, at(21, 19, 30), 1));
  nights.add(of_child(model::Kind::bed, at(20, 19, 30), 2)); // another child's night
  CHECK(nights.count() == 3);
}

TEST_CASE("an import's nights are cut by the log's night-boundary")
{
  test::TempLog log;
  log.store.write([&] { log.store.set_setting("night-boundary", "05:00"); });
  app::ImportedNights nights(&log.store);
  nights.add(of_child(model::Kind::bed, at(20, 19, 30), log.child.id));
  nights.add(of_child(model::Kind::woke, at(21, 4, 0), log.child.id));  // the 20th's
  nights.add(of_child(model::Kind::woke, at(21, 5, 30), log.child.id)); // after 05:00: the 21st's
  CHECK(nights.count() == 2);
}
