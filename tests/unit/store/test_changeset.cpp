// ChangesetReader reads what the session extension writes, exactly as its iterator does,
// and never reads on where the iterator would not (changeset_reference.hpp).
#include <sleeplog/store/changeset.hpp>
#include <sleeplog/store/sqlite.hpp>
#include <sleeplog/store/wire.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "changeset_reference.hpp"
#include <random>
#include <string>

using namespace sleeplog::store;
using sleeplog::store::testing::disagreement;

namespace {

// The changeset of running `sql` on a keyed wire schema (as a sync file's body is made),
// after `before` ran unrecorded.
std::string changeset_of(const std::string& sql, const std::string& before = "")
{
  Connection db(":memory:", OpenMode::create);
  db.exec(wire_schema(Keyed::yes, ""));
  db.exec(before);
  sqlite3_session* session = nullptr;
  REQUIRE(sqlite3session_create(db.handle(), "main", &session) == SQLITE_OK);
  REQUIRE(sqlite3session_attach(session, nullptr) == SQLITE_OK);
  db.exec(sql);
  int size = 0;
  void* bytes = nullptr;
  REQUIRE(sqlite3session_changeset(session, &size, &bytes) == SQLITE_OK);
  std::string out(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  sqlite3session_delete(session);
  return out;
}

// Rows of every wire table, with every kind of value and lengths whose varints take one,
// two and three bytes.
const std::string rows_sql = R"sql(
INSERT INTO child VALUES ('c1', 'baby', NULL, '006971238000000.000001.a6dcdb71bc6449cd');
INSERT INTO child VALUES ('c2', printf('%.200c', 'L'), '2026-01-02', '006971238000000.000002.a6dc');
INSERT INTO event VALUES ('e1', 'c1', 'bed', 1795000000, NULL, -18000, 'Mum', NULL, NULL,
                          '006971238000000.000003.a6dcdb71bc6449cd');
INSERT INTO event VALUES ('e2', 'c1', 'nap', -2208988800, -2208985200, 64800, '',
                          'a' || char(0) || 'b', 'huckleberry:1', '006971238000000.000004.x');
INSERT INTO event VALUES ('e3', 'c2', 'note', 7258118399, NULL, 0, NULL,
                          printf('%.20000c', 'n'), NULL, '006971238000000.000005.y');
INSERT INTO tag VALUES ('c1', '2026-11-02', 'sick', NULL, '006971238000000.000006.z');
INSERT INTO setting VALUES ('target-bedtime', '19:30', '006971238000000.000007.z');
INSERT INTO tombstone VALUES ('event', 'gone', '006971238000000.000008.z');
INSERT INTO plan VALUES ('p1', 'c1', 'ferber', '2026-11-01', NULL, '3,5,10', 3, NULL, NULL, NULL,
                         NULL, 120, 'waking', 1795000000, '006971238000000.000009.z');
)sql";

} // namespace

TEST_CASE("ChangesetReader reads every row of a sync body as the iterator does")
{
  const std::string body = changeset_of(rows_sql);
  CHECK(disagreement(body).empty());
  ChangesetReader reader(body);
  int rows = 0;
  int events = 0;
  bool long_note = false;
  for (auto step = reader.next(); step != ChangesetReader::Step::end; step = reader.next()) {
    REQUIRE(step == ChangesetReader::Step::insert);
    REQUIRE(reader.values().size() == reader.columns());
    ++rows;
    if (reader.table() == "event") {
      ++events;
      CHECK(reader.columns() == WireEvents::columns);
      const auto& note = reader.values()[7];
      if (note.type == ChangeValue::Type::text && note.bytes.size() == 20000) {
        long_note = note.bytes == std::string(20000, 'n');
      }
      if (reader.values()[0].bytes == "e2") {
        CHECK(reader.values()[3].integer == -2208988800);
        CHECK(reader.values()[4].integer == -2208985200);
        CHECK(reader.values()[7].bytes == std::string("a\0b", 3));
        CHECK(reader.values()[6].type == ChangeValue::Type::text);
        CHECK(reader.values()[6].bytes.empty());
      }
    }
  }
  CHECK(rows == 9);
  CHECK(events == 3);
  CHECK(long_note);
}

TEST_CASE("ChangesetReader reports an UPDATE or a DELETE, and an empty changeset ends at once")
{
  const std::string before = "INSERT INTO setting VALUES ('k', 'v', '006971238000000.000001.z');";
  for (const char* sql : {"UPDATE setting SET value = 'w'", "DELETE FROM setting"}) {
    CAPTURE(sql);
    const std::string body = changeset_of(sql, before);
    CHECK(disagreement(body).empty());
    ChangesetReader reader(body);
    CHECK(reader.next() == ChangesetReader::Step::other);
    CHECK(reader.table() == "setting");
    CHECK(reader.next() == ChangesetReader::Step::end);
  }
  ChangesetReader empty("");
  CHECK(empty.next() == ChangesetReader::Step::end);
}

TEST_CASE("ChangesetReader stops at bytes the iterator would not read: every cut, and "
          "thousands of damaged copies")
{
  const std::string body = changeset_of(rows_sql);
  int between = 0;
  for (std::size_t size = 0; size < body.size(); ++size) {
    CAPTURE(size);
    const std::string cut = body.substr(0, size);
    REQUIRE(disagreement(cut).empty());
    ChangesetReader reader(cut);
    auto step = reader.next();
    while (step == ChangesetReader::Step::insert) {
      step = reader.next();
    }
    // A cut inside a change is damage; one between changes is a shorter changeset.
    CHECK(step != ChangesetReader::Step::other);
    between += step == ChangesetReader::Step::end ? 1 : 0;
  }
  CHECK(between >= 9); // after each of the nine rows, and after a table's header
  // The reader must not get there by giving up early: many damaged copies still read to
  // their end (a changed text or number is no damage to the format).
  int read_whole = 0;
  std::mt19937 random(20261206);
  for (int n = 0; n < 20000; ++n) {
    std::string damaged = body;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % damaged.size();
      switch (random() % 4) {
      case 0: damaged[at] = static_cast<char>(random()); break;
      case 1:
        damaged[at] = static_cast<char>(random() % 6); // a value's type
        break;
      case 2: damaged.erase(at, 1 + random() % 8); break;
      default: damaged.insert(at, 1, static_cast<char>(0x80 | random())); break;
      }
      if (damaged.empty()) {
        damaged = "T";
      }
    }
    CAPTURE(n);
    REQUIRE(disagreement(damaged).empty());
    ChangesetReader reader(damaged);
    auto step = reader.next();
    while (step == ChangesetReader::Step::insert) {
      step = reader.next();
    }
    read_whole += step == ChangesetReader::Step::end ? 1 : 0;
  }
  CHECK(read_whole > 2000);
}
