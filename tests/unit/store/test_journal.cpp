// The change journal against a real temporary SQLite file: every kind of row a command
// changes is put back by undo, in order, and a change whose rows moved on is refused.
#include <sleeplog/store/plans.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/store/tags.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <unistd.h>

namespace {

using namespace sleeplog;
using namespace sleeplog::store;

struct TempDb
{
  TempDb()
  {
    char pattern[] = "/tmp/sleeplog-journal-XXXXXX";
    dir = ::mkdtemp(pattern);
    path = dir + "/log.db";
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::string dir;
  std::string path;
};

// Every journaled table's rows as one text, to compare states whole.
std::string snapshot(Store& store)
{
  std::string text;
  for (const char* sql :
       {"SELECT id || name || coalesce(born, '') FROM child ORDER BY id",
        "SELECT id || uuid || child_id || kind || start_at || coalesce(end_at, '') || "
        "coalesce(note, '') FROM event ORDER BY id",
        "SELECT child_id || night || word || coalesce(note, '') FROM tag ORDER BY 1",
        "SELECT id || method || from_night || coalesce(until_night, '') FROM plan ORDER BY id",
        "SELECT plan_id || from_night || nights FROM plan_hold ORDER BY 1",
        "SELECT key || '=' || value FROM setting ORDER BY key"}) {
    Statement st(store.connection(), sql);
    while (st.step()) {
      text += std::string(st.text(0)) + '\n';
    }
    text += "--\n";
  }
  return text;
}

// Runs one command's write as the command layer does: one transaction, one change.
void change(Store& store, const std::string& description,
            const std::function<void(std::int64_t)>& body)
{
  Transaction tx(store.connection());
  body(store.begin_change(description, 0));
  store.end_change();
  tx.commit();
}

std::optional<UndoResult> undo(Store& store)
{
  Transaction tx(store.connection());
  auto result = store.undo_latest();
  tx.commit();
  return result;
}

model::Event event(model::Kind kind, long long start, std::int64_t child)
{
  model::Event e;
  e.kind = kind;
  e.start = start;
  e.child_id = child;
  return e;
}

} // namespace

TEST_CASE("undo puts back children, events, tags, plans, holds and settings, latest first")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  std::vector<std::string> states{snapshot(store)};
  std::int64_t child = 0;
  std::int64_t plan_id = 0;
  const time::Date night{2026, 11, 26};
  change(store, "child add Ada",
         [&](std::int64_t) { child = store.add_child("Ada", "2025-01-02").id; });
  states.push_back(snapshot(store));
  change(store, "bed", [&](std::int64_t id) {
    auto e = event(model::Kind::bed, 1000, child);
    store.insert_event(e, id);
  });
  states.push_back(snapshot(store));
  change(store, "tag", [&](std::int64_t) { add_tag(store, child, {night, "sick", "temp 38.4"}); });
  states.push_back(snapshot(store));
  change(store, "plan start", [&](std::int64_t) {
    model::Plan plan;
    plan.child_id = child;
    plan.from = night;
    plan_id = insert_plan(store, plan, 0);
  });
  states.push_back(snapshot(store));
  change(store, "plan hold", [&](std::int64_t) { add_hold(store, plan_id, {night, 2}, 0); });
  states.push_back(snapshot(store));
  change(store, "config", [&](std::int64_t) { store.set_setting("week-start", "sun"); });
  states.push_back(snapshot(store));
  change(store, "child rename", [&](std::int64_t) { store.rename_child("Ada", "Ida"); });
  states.push_back(snapshot(store));
  change(store, "untag", [&](std::int64_t) { remove_tag(store, child, night, "sick"); });
  states.push_back(snapshot(store));

  const std::vector<std::string> names{"untag",      "child rename", "config", "plan hold",
                                       "plan start", "tag",          "bed",    "child add Ada"};
  for (const auto& name : names) {
    states.pop_back();
    const auto result = undo(store);
    REQUIRE(result);
    CHECK(result->change.description == name);
    CHECK(snapshot(store) == states.back());
  }
  CHECK_FALSE(undo(store));
}

TEST_CASE("undo says what it reverted, table by table")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  std::int64_t child = 0;
  change(store, "setup", [&](std::int64_t) { child = store.add_child("Ada", "").id; });
  model::Event bed = event(model::Kind::bed, 1000, child);
  change(store, "bed", [&](std::int64_t id) { store.insert_event(bed, id); });
  change(store, "edit and tag", [&](std::int64_t id) {
    auto moved = bed;
    moved.start = 1200;
    store.update_event(moved, id);
    add_tag(store, child, {time::Date{2026, 11, 26}, "travel", ""});
  });
  const auto result = undo(store);
  REQUIRE(result);
  CHECK(result->removed == 0);
  CHECK(result->restored == 1);
  REQUIRE(result->others.size() == 1);
  CHECK(result->others[0].table == "tag");
  CHECK(result->others[0].removed == 1);
  CHECK(store.event_by_id(bed.id)->start == 1000);
}

TEST_CASE("a change that changed nothing is not journaled: undo reaches the one before")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  change(store, "child add", [&](std::int64_t) { store.add_child("Ada", ""); });
  change(store, "nothing", [](std::int64_t) {});
  const auto result = undo(store);
  REQUIRE(result);
  CHECK(result->change.description == "child add");
}

TEST_CASE("undo refuses, changing nothing, when the rows moved on outside the journal")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  change(store, "child add", [&](std::int64_t) { store.add_child("Ada", ""); });
  change(store, "config", [&](std::int64_t) { store.set_setting("caregiver", "Mum"); });
  store.connection().exec("UPDATE setting SET value = 'Dad' WHERE key = 'caregiver'");
  const std::string before = snapshot(store);
  CHECK_THROWS_AS(undo(store), StorageError);
  CHECK(snapshot(store) == before);
}

TEST_CASE("a bulk load journals its events by change id and still undoes whole")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  const std::string empty = snapshot(store);
  change(store, "import", [&](std::int64_t id) {
    store.journal_events_by_change();
    const auto child = store.add_child("Ada", "").id;
    store.begin_bulk_load();
    for (int i = 0; i < 500; ++i) {
      auto e = event(model::Kind::note, 1000 + i, child);
      store.insert_event(e, id);
    }
    store.end_bulk_load();
  });
  CHECK(store.event_count() == 500);
  const auto result = undo(store);
  REQUIRE(result);
  CHECK(result->removed == 500);
  CHECK(snapshot(store) == empty);
}
