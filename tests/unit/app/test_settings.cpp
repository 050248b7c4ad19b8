// Settings read once into one typed value: the defaults of an empty log, each key's
// typed reading, the one HH:MM parse, and the values `config` refuses.
#include <sleeplog/app/settings.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"
#include <map>
#include <set>

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

namespace {

// For each setting of the log, a value other than its default and what it makes of Settings.
struct Sample
{
  const char* value;
  bool (*read)(const app::Settings& settings);
};

const std::map<std::string, Sample>& samples()
{
  static const std::map<std::string, Sample> by_key{
    {"night-boundary",
     {"13:30", [](const app::Settings& s) { return s.night_boundary_min == 13 * 60 + 30; }}},
    {"week-start", {"sun", [](const app::Settings& s) { return s.week_starts_sunday; }}},
    {"target-bedtime",
     {"19:30", [](const app::Settings& s) { return s.target_bedtime_min == 19 * 60 + 30; }}},
    {"default-child", {"Leo", [](const app::Settings& s) { return s.default_child == "Leo"; }}},
    {"caregiver", {"Dad", [](const app::Settings& s) { return s.caregiver == "Dad"; }}},
    {"naps", {"logged", [](const app::Settings& s) { return s.naps == model::NapsMode::logged; }}},
    {"disruptions",
     {"moving",
      [](const app::Settings& s) { return s.disruptions == std::vector<std::string>{"moving"}; }}},
  };
  return by_key;
}

} // namespace

TEST_CASE(
  "every setting config lists is read into Settings, and every one Settings reads is listed")
{
  std::set<std::string> listed;
  for (const auto& spec : app::setting_specs()) {
    if (!spec.machine_local) {
      listed.insert(std::string(spec.key));
    }
  }
  std::set<std::string> sampled;
  for (const auto& [key, sample] : samples()) {
    sampled.insert(key);
  }
  // One sample per field of Settings: a new field needs a listed key, a new key a field.
  CHECK(listed == sampled);

  for (const auto& [key, sample] : samples()) {
    CAPTURE(key);
    test::TempLog log;
    CHECK_FALSE(sample.read(app::read_settings(log.store)));
    log.store.set_setting(key, sample.value);
    CHECK(sample.read(app::read_settings(log.store)));
    // The samples move one field each: no other sample reads as set.
    for (const auto& [other, other_sample] : samples()) {
      if (other != key) {
        CAPTURE(other);
        CHECK_FALSE(other_sample.read(app::read_settings(log.store)));
      }
    }
  }
}

TEST_CASE("the defaults config prints are the values an empty log reads as")
{
  test::TempLog log;
  const auto settings = app::read_settings(log.store);
  std::string disruptions;
  for (const auto& word : settings.disruptions) {
    disruptions += (disruptions.empty() ? "" : ",") + word;
  }
  CHECK(app::setting_spec("disruptions").fallback == disruptions);
  CHECK(app::parse_hhmm(app::setting_spec("night-boundary").fallback) ==
        settings.night_boundary_min);
  CHECK(app::setting_spec("week-start").fallback == (settings.week_starts_sunday ? "sun" : "mon"));
  CHECK(app::setting_spec("naps").fallback == "auto");
  CHECK(settings.naps == model::NapsMode::automatic);
  for (const char* unset : {"target-bedtime", "default-child", "caregiver", "replica-name"}) {
    CHECK(app::setting_spec(unset).fallback.empty());
  }
  for (const auto& spec : app::setting_specs()) {
    CAPTURE(spec.key);
    CHECK(!spec.accepts.empty());
    CHECK(app::setting_value_ok(spec.key, spec.fallback)); // a default is a value it takes
  }
}

TEST_CASE("an unknown setting is refused with the list of settings")
{
  try {
    app::setting_spec("bedtime");
    FAIL("an unknown setting was found");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) == "unknown setting 'bedtime'");
    CHECK(error.hint() == "settings: night-boundary, week-start, target-bedtime, default-child, "
                          "caregiver, naps, disruptions, replica-name");
  }
  CHECK_FALSE(app::setting_value_ok("bedtime", "19:30"));
}

TEST_CASE("config stores a clock in every form as HH:MM, and a bedtime's 7:30 in the evening")
{
  CHECK(app::normalise_setting("night-boundary", "1pm") == "13:00");
  CHECK(app::normalise_setting("night-boundary", "12:00") == "12:00");
  CHECK(app::normalise_setting("target-bedtime", "7:30") == "19:30");
  CHECK(app::normalise_setting("target-bedtime", "7pm") == "19:00");
  CHECK(app::normalise_setting("target-bedtime", "").empty());
  CHECK(app::normalise_setting("caregiver", "7:30") == "7:30");
  CHECK_THROWS_AS(app::normalise_setting("night-boundary", "noonish"), InputError);
}

TEST_CASE("config checks a value against its setting, and a default child against the log")
{
  test::TempLog log;
  CHECK_NOTHROW(app::check_setting(log.store, "default-child", "Leo"));
  CHECK_THROWS_WITH_AS(app::check_setting(log.store, "default-child", "Max"),
                       "no child named 'Max'", InputError);
  CHECK_NOTHROW(app::check_setting(log.store, "week-start", ""));
  try {
    app::check_setting(log.store, "week-start", "tue");
    FAIL("week-start tue was accepted");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) == "week-start: 'tue' is not valid");
    CHECK(error.hint() == "week-start takes mon or sun");
  }
  CHECK_THROWS_AS(app::check_setting(log.store, "bedtime", "19:30"), InputError);
}

TEST_CASE("a trend's weeks are whole weeks by week-start")
{
  app::Settings settings;
  const time::Date wednesday{2026, 11, 25};
  CHECK(settings.weeks_before(wednesday, 1) == time::Date{2026, 11, 23});
  CHECK(settings.weeks_before(wednesday, 8) == time::Date{2026, 10, 5});
  CHECK(settings.weeks_spanned(wednesday, wednesday) == 1);
  CHECK(settings.weeks_spanned(time::Date{2026, 11, 22}, wednesday) == 2); // Sunday to Wednesday
  CHECK(settings.weeks_spanned(time::Date{2026, 11, 2}, wednesday) == 4);
  settings.week_starts_sunday = true;
  CHECK(settings.weeks_before(wednesday, 2) == time::Date{2026, 11, 15});
  CHECK(settings.weeks_spanned(time::Date{2026, 11, 22}, wednesday) == 1);
}

TEST_CASE("config lists every setting in order, stored or default, and the machine's name")
{
  const auto none = app::listed_settings(nullptr, "");
  REQUIRE(none.size() == app::setting_specs().size());
  CHECK(none.front().first == app::setting_specs().front().key);
  for (const auto& [key, value] : none) {
    CAPTURE(key);
    CHECK(value == std::string(app::setting_spec(key).fallback));
  }
  test::TempLog log;
  log.store.write([&] {
    app::store_setting(log.store, "week-start", "sun");
    app::store_setting(log.store, "replica-name", "dad-laptop");
  });
  const auto week = app::listed_settings(&log.store, "week-start");
  REQUIRE(week.size() == 1);
  CHECK(week[0] == std::pair<std::string, std::string>{"week-start", "sun"});
  CHECK(app::listed_settings(&log.store, "replica-name")[0].second == "dad-laptop");
  CHECK(app::listed_settings(&log.store, "night-boundary")[0].second == "12:00");
  // replica-name is this machine's own, not a setting of the log.
  CHECK_FALSE(log.store.setting("replica-name"));
}

TEST_CASE("config stores only what it may: a bad value is refused and nothing is written")
{
  test::TempLog log;
  CHECK_THROWS_AS(log.store.write([&] { app::store_setting(log.store, "week-start", "tue"); }),
                  InputError);
  CHECK_FALSE(log.store.setting("week-start"));
  CHECK_THROWS_AS(
    log.store.write([&] { app::store_setting(log.store, "replica-name", "two words"); }),
    InputError);
}
