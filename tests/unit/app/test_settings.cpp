// Settings read once into one typed value: the defaults of an empty log, each key's
// typed reading, the one HH:MM parse, and the values `config` refuses.
#include <sleeplog/app/settings.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;

TEST_CASE("an empty log has every setting at its default")
{
  test::TempLog log;
  const auto settings = app::read_settings(log.store);
  CHECK(settings.night_boundary_min == 12 * 60);
  CHECK_FALSE(settings.week_starts_sunday);
  CHECK_FALSE(settings.target_bedtime_min);
  CHECK_FALSE(settings.target_bedtime_since_noon());
  CHECK(settings.default_child.empty());
  CHECK(settings.caregiver.empty());
  CHECK(settings.naps == model::NapsMode::automatic);
  CHECK(settings.disruptions ==
        std::vector<std::string>{"sick", "teething", "travel", "vaccine", "regression"});
}

TEST_CASE("each stored setting is read as its type")
{
  test::TempLog log;
  log.store.set_setting("night-boundary", "13:30");
  log.store.set_setting("week-start", "sun");
  log.store.set_setting("target-bedtime", "19:30");
  log.store.set_setting("default-child", "Leo");
  log.store.set_setting("caregiver", "Dad");
  log.store.set_setting("naps", "untracked");
  log.store.set_setting("disruptions", "sick,moving");
  const auto settings = app::read_settings(log.store);
  CHECK(settings.night_boundary_min == 13 * 60 + 30);
  CHECK(settings.week_starts_sunday);
  CHECK(settings.target_bedtime_min == 19 * 60 + 30);
  CHECK(settings.target_bedtime_since_noon() == 450.0); // 7 h 30 min after noon
  CHECK(settings.default_child == "Leo");
  CHECK(settings.caregiver == "Dad");
  CHECK(settings.naps == model::NapsMode::untracked);
  CHECK(settings.disruptions == std::vector<std::string>{"sick", "moving"});

  log.store.set_setting("target-bedtime", "00:30"); // after midnight: late in the night
  CHECK(app::read_settings(log.store).target_bedtime_since_noon() == 750.0);
}

TEST_CASE("a week starts on Monday, or on Sunday when week-start is sun")
{
  app::Settings settings;
  const time::Date wednesday{2026, 11, 25};
  CHECK(settings.week_start(wednesday) == time::Date{2026, 11, 23});
  CHECK(settings.week_start(time::Date{2026, 11, 23}) == time::Date{2026, 11, 23});
  CHECK(settings.week_start(time::Date{2026, 11, 22}) == time::Date{2026, 11, 16}); // a Sunday
  settings.week_starts_sunday = true;
  CHECK(settings.week_start(wednesday) == time::Date{2026, 11, 22});
  CHECK(settings.week_start(time::Date{2026, 11, 22}) == time::Date{2026, 11, 22});
  CHECK(settings.week_start(time::Date{2026, 11, 28}) == time::Date{2026, 11, 22}); // Saturday
}

TEST_CASE("HH:MM is read in one place: two digits, a colon, two digits, before 24:00")
{
  CHECK(app::parse_hhmm("19:30") == 19 * 60 + 30);
  CHECK(app::parse_hhmm("00:00") == 0);
  CHECK(app::parse_hhmm("23:59") == 23 * 60 + 59);
  CHECK_FALSE(app::parse_hhmm("24:00"));
  CHECK_FALSE(app::parse_hhmm("12:60"));
  CHECK_FALSE(app::parse_hhmm("7:30"));
  CHECK_FALSE(app::parse_hhmm("7:30pm"));
  CHECK_FALSE(app::parse_hhmm("19-30"));
  CHECK_FALSE(app::parse_hhmm("1a:30"));
  CHECK_FALSE(app::parse_hhmm(""));
}

TEST_CASE("config refuses the values a setting does not take; an empty value restores the default")
{
  CHECK(app::setting_value_ok("night-boundary", "13:00"));
  CHECK_FALSE(app::setting_value_ok("night-boundary", "1pm")); // config stores it as 13:00
  CHECK_FALSE(app::setting_value_ok("target-bedtime", "25:00"));
  CHECK(app::setting_value_ok("week-start", "sun"));
  CHECK_FALSE(app::setting_value_ok("week-start", "tue"));
  CHECK_FALSE(app::setting_value_ok("week-start", "Sun"));
  CHECK(app::setting_value_ok("naps", "logged"));
  CHECK_FALSE(app::setting_value_ok("naps", "sometimes"));
  CHECK(app::setting_value_ok("disruptions", "sick,teething"));
  CHECK_FALSE(app::setting_value_ok("disruptions", "sick;teething"));
  CHECK_FALSE(app::setting_value_ok("disruptions", "sick, teething"));
  for (const char* key :
       {"night-boundary", "week-start", "target-bedtime", "naps", "disruptions"}) {
    CHECK(app::setting_value_ok(key, ""));
  }
}

TEST_CASE("a stored value config would never write is a storage error naming the setting")
{
  test::TempLog log;
  log.store.set_setting("night-boundary", "noon");
  try {
    app::read_settings(log.store);
    FAIL("read_settings accepted night-boundary = noon");
  } catch (const StorageError& error) {
    CHECK(std::string(error.what()) ==
          "the setting night-boundary holds 'noon', which is not a value it takes");
    CHECK(error.hint().find("sleeplog config night-boundary") != std::string::npos);
  }
  log.store.set_setting("night-boundary", "");
  log.store.set_setting("week-start", "sunday");
  CHECK_THROWS_AS(app::read_settings(log.store), StorageError);
}
