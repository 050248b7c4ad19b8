// A new database appears in one step, and only when its first command succeeds; a
// read-only file is read as immutable.
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/store.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

using namespace sleeplog::store;

struct TempFolder
{
  TempFolder()
  {
    char pattern[] = "/tmp/sleeplog-create-XXXXXX";
    dir = ::mkdtemp(pattern);
    path = dir + "/sub/log.db";
  }
  ~TempFolder() { std::filesystem::remove_all(dir); }
  std::size_t entries(const std::string& folder) const
  {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(folder)) {
      ++n;
    }
    return n;
  }
  std::string dir;
  std::string path;
};

} // namespace

TEST_CASE("a new database is invisible until published, then complete")
{
  TempFolder t;
  {
    auto store = Store::begin_new(t.path);
    REQUIRE(store);
    CHECK(store->is_new());
    Transaction tx(store->connection());
    store->add_child("Ada", "");
    tx.commit();
    CHECK_FALSE(path_exists(t.path));
    CHECK(store->publish());
  }
  CHECK(t.entries(t.dir + "/sub") == 1);
  auto reader = Store::open_read(t.path);
  REQUIRE(reader);
  CHECK(reader->children().size() == 1);
}

TEST_CASE("a new database dropped unpublished leaves no file")
{
  TempFolder t;
  {
    auto store = Store::begin_new(t.path);
    REQUIRE(store);
  }
  CHECK_FALSE(path_exists(t.path));
  CHECK(t.entries(t.dir + "/sub") == 0);
}

TEST_CASE("publishing never replaces a database that appeared meanwhile")
{
  TempFolder t;
  auto late = Store::begin_new(t.path);
  REQUIRE(late);
  {
    Transaction tx(late->connection());
    late->add_child("Late", "");
    tx.commit();
  }
  // Another program creates the file meanwhile (it takes no folder lock: link decides).
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(t.path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "CREATE TABLE theirs(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  const auto size = std::filesystem::file_size(t.path);
  CHECK_FALSE(late->publish());
  CHECK(std::filesystem::file_size(t.path) == size);
  CHECK(t.entries(t.dir + "/sub") == 1);
  CHECK_FALSE(late->is_new());
}

TEST_CASE("begin_new gives nothing when the database exists")
{
  TempFolder t;
  {
    auto store = Store::open_write(t.path);
  }
  CHECK_FALSE(Store::begin_new(t.path).has_value());
  CHECK(Store::open_existing(t.path).has_value());
  CHECK_FALSE(Store::open_existing(t.path + ".missing").has_value());
}

TEST_CASE("an immutable open reads a WAL database without its -shm")
{
  TempFolder t;
  {
    auto store = Store::open_write(t.path);
    Transaction tx(store.connection());
    store.add_child("Ada", "");
    tx.commit();
  }
  CHECK(t.entries(t.dir + "/sub") == 1); // no -wal or -shm once closed
  auto reader = Store::open_read(t.path, true);
  REQUIRE(reader);
  CHECK(reader->children().size() == 1);
  CHECK(t.entries(t.dir + "/sub") == 1); // immutable: nothing created beside it
}
