// Which child a command is about: --child, then SLEEPLOG_CHILD, then the default child,
// then the only child; the errors when a name matches none or several children leave
// the choice open; and the "baby" a first write creates.
#include <sleeplog/app/children.hpp>
#include <sleeplog/util/errors.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"
#include <filesystem>

using namespace sleeplog;

namespace {

// A log with no child at all, in its own temporary folder.
struct EmptyLog
{
  EmptyLog() : dir(test::TempLog::make_dir()), store(store::Store::open_write(dir + "/log.db")) {}
  ~EmptyLog() { std::filesystem::remove_all(dir); }
  EmptyLog(const EmptyLog&) = delete;
  EmptyLog& operator=(const EmptyLog&) = delete;

  std::string dir;
  store::Store store;
};

std::string chosen_name(const store::Store& store, const std::string& flag, const std::string& env)
{
  const auto child = app::chosen_child(store, flag, env);
  return child ? child->name : std::string("(none)");
}

} // namespace

TEST_CASE("the only child is chosen when none is named")
{
  test::TempLog log;
  CHECK(chosen_name(log.store, "", "") == "Leo");
  CHECK(app::wanted_child(log.store, "", "").empty());
}

TEST_CASE("--child wins over SLEEPLOG_CHILD, which wins over the default child")
{
  test::TempLog log;
  log.store.add_child("Nora", "");
  log.store.add_child("Ada", "");
  log.store.set_setting("default-child", "Ada");
  CHECK(chosen_name(log.store, "Leo", "Nora") == "Leo");
  CHECK(chosen_name(log.store, "", "Nora") == "Nora");
  CHECK(chosen_name(log.store, "", "") == "Ada");
  CHECK(app::wanted_child(log.store, "", "") == "Ada");
}

TEST_CASE("several children and none named: the command must say which")
{
  test::TempLog log;
  log.store.add_child("Nora", "");
  try {
    app::chosen_child(log.store, "", "");
    FAIL("a child was chosen among several");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) == "there are several children; say which one");
    CHECK(error.hint().find("--child NAME") != std::string::npos);
  }
}

TEST_CASE("a name that matches no child is an error that says how to add it")
{
  test::TempLog log;
  try {
    app::chosen_child(log.store, "Max", "");
    FAIL("an unknown child was chosen");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()) == "no child named 'Max'");
    CHECK(error.hint().find("sleeplog child add Max") != std::string::npos);
  }
  log.store.set_setting("default-child", "Gone");
  CHECK_THROWS_AS(app::chosen_child(log.store, "", ""), InputError);
}

TEST_CASE("a log without children: a read finds none, a write adds \"baby\" once")
{
  EmptyLog log;
  CHECK_FALSE(app::chosen_child(log.store, "", ""));
  const auto first = app::child_for_write(log.store, "", "");
  CHECK(first.added);
  CHECK(first.child.name == "baby");
  const auto second = app::child_for_write(log.store, "", "");
  CHECK_FALSE(second.added);
  CHECK(second.child.id == first.child.id);
  CHECK(log.store.children().size() == 1);
}

TEST_CASE("a write names an unknown child: nothing is added")
{
  EmptyLog log;
  CHECK_THROWS_AS(app::child_for_write(log.store, "Leo", ""), InputError);
  CHECK(log.store.children().empty());
}
