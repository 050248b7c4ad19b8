// Who logged a write, asked in-process of a temporary log: --by, then $SLEEPLOG_BY, then
// the caregiver setting, then the machine's chosen replica name.
#include <sleeplog/app/logging_rules.hpp>
#include <sleeplog/store/sync.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;

TEST_CASE("who logged it: --by, then SLEEPLOG_BY, then the caregiver setting, then the replica")
{
  test::TempLog log;
  CHECK(app::who_logged(log.store, "", "") == ""); // nobody named anywhere
  log.store.write([&] { store::set_replica_name(log.store, "dad-laptop"); });
  CHECK(app::who_logged(log.store, "", "") == "dad-laptop");
  log.store.write([&] { log.store.set_setting("caregiver", "Mum"); });
  CHECK(app::who_logged(log.store, "", "") == "Mum");
  CHECK(app::who_logged(log.store, "", "Gran") == "Gran");
  CHECK(app::who_logged(log.store, "Dad", "Gran") == "Dad");
}
