// An import's rules in process: which child rows go to, rows an earlier import brought in,
// a dry run that writes nothing, and a longer export of a night rebuilding the shorter one.
#include <sleeplog/app/import_writer.hpp>

#include <doctest/doctest.h>

#include "log_fixture.hpp"
#include <string>
#include <utility>
#include <vector>

using namespace sleeplog;
using test::at;
using test::event;

namespace {

// A row of sleeplog's own export: an event with a uuid, for the child named (or none).
exchange::ImportedEvent own_row(model::Kind kind, time::Instant start, std::string uuid,
                                std::string child = {})
{
  exchange::ImportedEvent row;
  row.event = event(kind, start);
  row.event.uuid = std::move(uuid);
  row.child = std::move(child);
  return row;
}

// Another app's export of one night under `key`: asleep at `start`, up at `end`.
std::vector<exchange::ImportedEvent> app_night(const std::string& key, time::Instant start,
                                               time::Instant end)
{
  std::vector<exchange::ImportedEvent> rows;
  for (const auto& [kind, when] : {std::pair{model::Kind::asleep, start}, {model::Kind::up, end}}) {
    exchange::ImportedEvent row;
    row.event = event(kind, when);
    row.source_key = key + ":" + std::to_string(when);
    row.group_key = key;
    row.group_start = start;
    row.group_end = end;
    row.group_rows = 1;
    rows.push_back(row);
  }
  return rows;
}

// Imports `rows` as one change (0: a dry run on `store`), as `sleeplog import` does.
exchange::ImportCounts import_rows(store::Store* store, std::vector<exchange::ImportedEvent> rows,
                                   bool dry_run = false, app::ImportChild child = {},
                                   std::vector<std::string>* notes = nullptr)
{
  exchange::ImportCounts counts;
  const auto run = [&](std::int64_t change) {
    app::ImportWriter writer(store, change, child, [notes](const std::string& note) {
      if (notes != nullptr) {
        notes->push_back(note);
      }
    });
    for (auto& row : rows) {
      writer.add(row);
    }
    writer.end_load();
    counts = writer.finish();
  };
  if (dry_run) {
    run(0);
  } else {
    store->write([&] {
      run(store->begin_change("import", 0));
      store->end_change();
    });
  }
  return counts;
}

} // namespace

TEST_CASE("rows naming no child go to the log's only child; SLEEPLOG_CHILD and --child win")
{
  test::TempLog log;
  auto counts = import_rows(&log.store, {own_row(model::Kind::bed, at(20, 19, 30), "u-1")});
  CHECK(counts.events == 1);
  CHECK(counts.children == std::vector<std::string>{"Leo"});

  std::vector<std::string> notes;
  counts = import_rows(&log.store, {own_row(model::Kind::bed, at(21, 19, 30), "u-2")}, false,
                       {"", "Mia"}, &notes);
  CHECK(counts.children == std::vector<std::string>{"Mia"});
  CHECK(notes == std::vector<std::string>{"Added child 'Mia'."});

  counts = import_rows(&log.store, {own_row(model::Kind::bed, at(22, 19, 30), "u-3", "Mia")}, false,
                       {"Leo", ""});
  CHECK(counts.children == std::vector<std::string>{"Leo"});
  CHECK(log.store.children().size() == 2);
}

TEST_CASE("a second import of the same rows adds nothing and counts them as already there")
{
  test::TempLog log;
  const std::vector<exchange::ImportedEvent> rows{
    own_row(model::Kind::bed, at(20, 19, 30), "u-1"),
    own_row(model::Kind::asleep, at(20, 19, 45), "u-2"),
    own_row(model::Kind::up, at(21, 6, 30), "u-3"),
  };
  auto counts = import_rows(&log.store, rows);
  CHECK(counts.events == 3);
  CHECK(counts.nights == 1);
  CHECK(log.store.has_uuid("u-2"));
  counts = import_rows(&log.store, rows);
  CHECK(counts.events == 0);
  CHECK(counts.already == 3);
}

TEST_CASE("a dry run counts what an import would add and writes nothing")
{
  test::TempLog log;
  const auto counts = import_rows(&log.store,
                                  {own_row(model::Kind::bed, at(20, 19, 30), "u-1"),
                                   own_row(model::Kind::woke, at(21, 2, 0), "u-2")},
                                  true);
  CHECK(counts.events == 2);
  CHECK(counts.wakings == 1);
  CHECK_FALSE(log.store.has_uuid("u-1"));
  CHECK_FALSE(log.store.has_events());

  // No log at all yet: a new child gets a stand-in and the counts still come.
  const auto none =
    import_rows(nullptr, {own_row(model::Kind::nap, at(20, 13, 0), "u-3", "Ada")}, true);
  CHECK(none.naps == 1);
  CHECK(none.children == std::vector<std::string>{"Ada"});
}

TEST_CASE("an app's longer export of a night rebuilds the shorter one an earlier import brought")
{
  test::TempLog log;
  CHECK(import_rows(&log.store, app_night("app:n1", at(20, 20, 0), at(21, 2, 0))).events == 2);
  // The same night exported later, when it had gone on to 06:00 (another night key).
  auto counts = import_rows(&log.store, app_night("app:n2", at(20, 20, 0), at(21, 6, 0)));
  CHECK(counts.rebuilt == 1);
  CHECK(counts.replaced == 2);
  CHECK(counts.events == 2);
  // That export again: its night is here already, so nothing is added or removed.
  counts = import_rows(&log.store, app_night("app:n2", at(20, 20, 0), at(21, 6, 0)));
  CHECK(counts.events == 0);
  CHECK(counts.rebuilt == 0);
  CHECK(counts.already == 1);
}
