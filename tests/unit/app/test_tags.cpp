// The rules of tag and untag, asked in-process of a temporary log: which words are
// tags, tagging and untagging a range of nights, and which words are disruptions.
#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/app/tags.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"

using namespace sleeplog;

namespace {

time::Date nov(int day)
{
  return time::Date{2026, 11, day};
}

} // namespace

TEST_CASE("a tag is one word without spaces, commas or semicolons")
{
  for (const char* word : {"sick", "teething", "ear-infection", "38.4", "grandma's"}) {
    CAPTURE(word);
    CHECK_NOTHROW(app::check_tag_word(word));
  }
  CHECK_NOTHROW(app::check_tag_word(std::string(40, 'a')));
  CHECK_THROWS_AS(app::check_tag_word(std::string(41, 'a')), InputError);
  for (const char* word : {"", "-sick", "two words", "sick,teething", "sick;", "tab\there"}) {
    CAPTURE(word);
    CHECK_THROWS_AS(app::check_tag_word(word), InputError);
  }
  CHECK_THROWS_WITH_AS(app::check_tag_word("a b"), "'a b' is not a tag", InputError);
}

TEST_CASE("tagging a range tags each night once; untagging counts the nights that had it")
{
  test::TempLog log;
  int added = 0;
  log.store.write([&] {
    added = app::tag_nights(log.store, log.child, {nov(20), nov(22)}, "sick", "temp 38.4");
  });
  CHECK(added == 3);
  log.store.write([&] {
    added = app::tag_nights(log.store, log.child, {nov(22), nov(23)}, "sick", "");
  });
  CHECK(added == 1); // the 22nd had it already
  CHECK(store::tags_between(log.store, log.child.id, nov(1), nov(30)).size() == 4);
  int removed = 0;
  log.store.write([&] {
    removed = app::untag_nights(log.store, log.child, {nov(19), nov(21)}, "sick");
  });
  CHECK(removed == 2);
  const auto left = store::tags_between(log.store, log.child.id, nov(1), nov(30));
  REQUIRE(left.size() == 2);
  CHECK(left.front().night == nov(22));
}

TEST_CASE("the disruptions are the setting's words, or the defaults")
{
  test::TempLog log;
  CHECK(app::is_disruption(log.store, "teething"));
  CHECK_FALSE(app::is_disruption(log.store, "moving"));
  log.store.set_setting("disruptions", "moving,sick");
  CHECK(app::is_disruption(log.store, "moving"));
  CHECK_FALSE(app::is_disruption(log.store, "teething"));
}

TEST_CASE("one list decides disruptions: of a tag word, of a night, and with no log at all")
{
  const app::Disruptions defaults(nullptr);
  CHECK(defaults.contains("sick"));
  CHECK(defaults.contains("regression"));
  CHECK_FALSE(defaults.contains("grandma"));

  test::TempLog log;
  log.store.set_setting("disruptions", "grandma");
  const app::Disruptions chosen(&log.store);
  CHECK(chosen.contains("grandma"));
  CHECK_FALSE(chosen.contains("sick"));
  model::Night night;
  night.tags = {"sick", "teething"};
  CHECK_FALSE(chosen.disrupt(night));
  CHECK(defaults.disrupt(night));
  night.tags.push_back("grandma");
  CHECK(chosen.disrupt(night));

  // The filter of summary, trend and report asks the same list.
  app::DisruptionFilter filter(log.store, false);
  CHECK_FALSE(filter.keep(night));
  CHECK(filter.note() == " 1 disrupted night left out.");
  CHECK(app::DisruptionFilter(log.store, true).keep(night));
}
