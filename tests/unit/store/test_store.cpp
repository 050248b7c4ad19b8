// The store against a real temporary SQLite file: schema, ids, the undo journal.
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/schema.hpp>
#include <sleeplog/store/store.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

using sleeplog::model::Event;
using sleeplog::model::Kind;
using namespace sleeplog::store;
using sleeplog::InputError;
using sleeplog::StorageError;

/// A fresh database path in its own temporary folder, removed afterwards.
struct TempDb
{
  TempDb()
  {
    char pattern[] = "/tmp/sleeplog-unit-XXXXXX";
    dir = ::mkdtemp(pattern);
    path = dir + "/sub/log.db";
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::string dir;
  std::string path;
};

Event event(Kind kind, long long start, std::int64_t child)
{
  Event e;
  e.kind = kind;
  e.start = start;
  e.child_id = child;
  e.offset_s = -5 * 3600;
  return e;
}

std::vector<std::int64_t> ids(const Store& store, std::int64_t child)
{
  std::vector<std::int64_t> found;
  store.for_each_event(child, 0, 4000000000, [&](const Event& e) { found.push_back(e.id); });
  return found;
}

} // namespace

TEST_CASE("path resolution follows --db, SLEEPLOG_DB, XDG_DATA_HOME, HOME")
{
  CHECK(resolve_db_path("a.db", "b.db", "/x", "/h") == "a.db");
  CHECK(resolve_db_path("", "b.db", "/x", "/h") == "b.db");
  CHECK(resolve_db_path("", "", "/x", "/h") == "/x/sleeplog/sleeplog.db");
  CHECK(resolve_db_path("", "", "", "/h") == "/h/.local/share/sleeplog/sleeplog.db");
}

TEST_CASE("a missing database is not created by a reader; a writer creates and migrates it")
{
  TempDb db;
  CHECK_FALSE(Store::open_read(db.path).has_value());
  CHECK_FALSE(path_exists(db.path));
  {
    auto store = Store::open_write(db.path);
    CHECK(store.created());
  }
  CHECK(schema_version() == static_cast<int>(migrations().size()));
  auto again = Store::open_write(db.path);
  CHECK_FALSE(again.created());
  CHECK(Store::open_read(db.path).has_value());
}

TEST_CASE("events keep a free id, get the next one otherwise, and always a uuid")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  Transaction tx(store.connection());
  const auto child = store.add_child("Ada", "").id;
  const auto change = store.begin_change("test", 0);
  auto a = event(Kind::bed, 1000, child);
  a.id = 7;
  store.insert_event(a, change);
  auto b = event(Kind::asleep, 2000, child);
  b.id = 7; // taken: gets the next free one
  store.insert_event(b, change);
  tx.commit();
  CHECK(a.id == 7);
  CHECK(b.id == 8);
  CHECK(a.uuid.size() == 36);
  CHECK(a.uuid != b.uuid);
  CHECK(store.has_uuid(a.uuid));
  CHECK(ids(store, child) == std::vector<std::int64_t>{7, 8});
}

TEST_CASE("undo reverts a change: inserts removed, edits and deletes restored")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  std::int64_t child = 0;
  Event cry;
  {
    Transaction tx(store.connection());
    child = store.add_child("Ada", "").id;
    const auto change = store.begin_change("log", 0);
    cry = event(Kind::cry, 1000, child);
    store.insert_event(cry, change);
    tx.commit();
  }
  {
    Transaction tx(store.connection());
    const auto change = store.begin_change("asleep", 0);
    auto closed = cry;
    closed.end = 1600;
    store.update_event(closed, change);
    auto asleep = event(Kind::asleep, 1600, child);
    store.insert_event(asleep, change);
    tx.commit();
  }
  CHECK(store.event_by_id(cry.id)->end == 1600);
  CHECK(ids(store, child).size() == 2);
  {
    Transaction tx(store.connection());
    auto undone = store.undo_latest();
    tx.commit();
    REQUIRE(undone);
    CHECK(undone->change.description == "asleep");
    CHECK(undone->removed == 1);
    CHECK(undone->restored == 1);
  }
  CHECK_FALSE(store.event_by_id(cry.id)->end.has_value());
  CHECK(ids(store, child) == std::vector<std::int64_t>{cry.id});
  {
    Transaction tx(store.connection());
    const auto change = store.begin_change("rm", 0);
    store.delete_event(cry.id, change);
    tx.commit();
  }
  CHECK(ids(store, child).empty());
  {
    Transaction tx(store.connection());
    CHECK(store.undo_latest());
    tx.commit();
  }
  CHECK(store.event_by_id(cry.id)->uuid == cry.uuid);
}

TEST_CASE("a transaction that is not committed leaves nothing")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  {
    Transaction tx(store.connection());
    store.add_child("Ada", "");
  }
  CHECK(store.children().empty());
}

TEST_CASE("children: names are unique, renaming keeps the default-child setting in step")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  store.add_child("Ada", "2026-03-14");
  CHECK_THROWS_AS(store.add_child("Ada", ""), InputError);
  CHECK_THROWS_AS(store.add_child("", ""), InputError);
  store.set_setting("default-child", "Ada");
  store.rename_child("Ada", "Adele");
  CHECK(store.setting("default-child") == "Adele");
  CHECK(store.child_by_name("Adele")->born == "2026-03-14");
  CHECK_THROWS_AS(store.rename_child("Nobody", "X"), InputError);
  store.set_setting("default-child", "");
  CHECK_FALSE(store.setting("default-child").has_value());
}

TEST_CASE("a file that is not SQLite is refused with a StorageError")
{
  TempDb db;
  std::filesystem::create_directories(db.dir + "/sub");
  {
    std::FILE* f = std::fopen(db.path.c_str(), "wb");
    std::fputs("definitely not a database, definitely not a database", f);
    std::fclose(f);
  }
  CHECK_THROWS_AS(Store::open_read(db.path), StorageError);
  CHECK_THROWS_AS(Store::open_write(db.path), StorageError);
}

TEST_CASE("a failed index rebuild is a storage error; only repeated uuids or content keys are "
          "the file's fault")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  const auto child = store.add_child("Ada", "").id;
  {
    Transaction tx(store.connection());
    const auto change = store.begin_change("import", 0);
    store.begin_bulk_load();
    auto e = event(Kind::bed, 1000, child);
    store.insert_event(e, change);
    // Any failure other than a uniqueness one (here: the index is in the way) is storage.
    store.connection().exec("CREATE INDEX event_uuid ON event(kind)");
    CHECK_THROWS_AS(store.end_bulk_load(), StorageError);
  }
  {
    Transaction tx(store.connection());
    const auto change = store.begin_change("import", 0);
    store.begin_bulk_load();
    auto a = event(Kind::bed, 1000, child);
    auto b = event(Kind::up, 2000, child);
    a.uuid = b.uuid = "11111111-1111-4111-8111-111111111111";
    store.insert_event(a, change);
    store.insert_event(b, change);
    CHECK_THROWS_AS(store.end_bulk_load(), InputError);
  }
  {
    // Two rows of an app's export that are one (the same content key).
    Transaction tx(store.connection());
    const auto change = store.begin_change("import", 0);
    store.begin_bulk_load();
    auto a = event(Kind::bed, 1000, child);
    auto b = event(Kind::up, 2000, child);
    store.insert_event(a, change, "app:1:bed");
    store.insert_event(b, change, "app:1:bed");
    CHECK_THROWS_AS(store.end_bulk_load(), InputError);
  }
}

TEST_CASE("a bulk load writes in batches and keeps each given id that is free, as row by row")
{
  TempDb db;
  auto store = Store::open_write(db.path);
  const auto child = store.add_child("Ada", "").id;
  {
    // AUTOINCREMENT remembers id 7 though its event is gone.
    Transaction tx(store.connection());
    const auto change = store.begin_change("log", 0);
    auto gone = event(Kind::note, 500, child);
    gone.id = 7;
    store.insert_event(gone, change);
    store.delete_event(gone.id, change);
    tx.commit();
  }
  Transaction tx(store.connection());
  const auto change = store.begin_change("import", 0);
  store.begin_bulk_load();
  // More rows than one batch, given ids rising with gaps; then an id given twice, one
  // with no id, one below the counter (free, so kept) and one far above.
  std::vector<std::int64_t> given;
  for (int i = 0; i < 150; ++i) {
    given.push_back(10 + 2 * i);
  }
  for (const std::int64_t id :
       {std::int64_t{20}, std::int64_t{0}, std::int64_t{3}, std::int64_t{5000}, std::int64_t{0}}) {
    given.push_back(id);
  }
  std::vector<std::int64_t> got;
  for (std::size_t i = 0; i < given.size(); ++i) {
    auto e = event(Kind::note, 1000 + static_cast<long long>(i), child);
    e.id = given[i];
    e.note = i % 3 == 0 ? "" : "n";
    store.insert_event(e, change);
    got.push_back(e.id);
  }
  store.end_bulk_load();
  store.end_change();
  tx.commit();
  // The rising ids are kept; the repeated 20 and the first id-less row get the next ids
  // above the highest given so far (308), 3 is free and kept, 5000 is kept, and the last
  // id-less row comes after it.
  CHECK(std::vector(got.begin(), got.begin() + 150) ==
        std::vector(given.begin(), given.begin() + 150));
  CHECK(std::vector(got.begin() + 150, got.end()) ==
        std::vector<std::int64_t>{309, 310, 3, 5000, 5001});
  // Every row is there as its id says, empty texts stored as NULL as row by row.
  Statement st(store.connection(), "SELECT count(*), count(DISTINCT id), count(note), "
                                   "min(start_at), max(start_at) FROM event");
  REQUIRE(st.step());
  CHECK(st.int64(0) == 155);
  CHECK(st.int64(1) == 155);
  CHECK(st.int64(2) == 103);
  CHECK(st.int64(3) == 1000);
  CHECK(st.int64(4) == 1154);
  for (std::size_t i = 0; i < got.size(); ++i) {
    REQUIRE(store.event_by_id(got[i]));
    CHECK(store.event_by_id(got[i])->start == 1000 + static_cast<long long>(i));
  }
  CHECK(store.integrity_problems().empty());
}

TEST_CASE("a statement's SQL is compiled once per connection and reused after it ends")
{
  TempDb db;
  Connection c(db.dir + "/plain.db", OpenMode::create);
  c.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  sqlite3_stmt* first = nullptr;
  {
    Statement st(c, "SELECT x FROM t WHERE x >= ? ORDER BY x");
    st.bind(1, std::int64_t{2});
    REQUIRE(st.step()); // left in the middle of its rows
    CHECK(st.int64(0) == 2);
    first = c.take_prepared("SELECT x FROM t WHERE x >= ? ORDER BY x");
    CHECK(first == nullptr); // in use: not on offer
  }
  {
    // The same SQL again: the kept statement, reset and without the old binding.
    Statement again(c, "SELECT x FROM t WHERE x >= ? ORDER BY x");
    CHECK_FALSE(again.step()); // x >= NULL matches nothing
    // Two at once (a query inside another's loop) each get their own.
    Statement outer(c, "SELECT x FROM t ORDER BY x");
    REQUIRE(outer.step());
    {
      Statement inner(c, "SELECT x FROM t ORDER BY x");
      REQUIRE(inner.step());
      REQUIRE(inner.step());
      CHECK(inner.int64(0) == 2);
    }
    CHECK(outer.int64(0) == 1);
    REQUIRE(outer.step());
    CHECK(outer.int64(0) == 2);
  }
  {
    Statement all(c, "SELECT * FROM t ORDER BY x");
    REQUIRE(all.step()); // ended mid-way, then kept
  }
  // Kept statements hold nothing open: the schema can change, and a kept statement is
  // compiled again for it.
  c.exec("ALTER TABLE t ADD COLUMN y INTEGER; UPDATE t SET y = x * 10; VACUUM");
  Statement all(c, "SELECT * FROM t ORDER BY x");
  REQUIRE(all.step());
  CHECK(all.int64(1) == 10);
}
