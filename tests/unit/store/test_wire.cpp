// A new machine's first sync holds a file's events in WireEvents and puts them straight
// into the log. Its check of a row must never be more lenient than the wire event table,
// whose STRICT types and CHECKs are the rules; and what it puts in must be what came.
#include <sleeplog/store/schema.hpp>
#include <sleeplog/store/sqlite.hpp>
#include <sleeplog/store/wire.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/huge_pages.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace sleeplog::store;

namespace {

struct ValueFree
{
  void operator()(sqlite3_value* v) const { sqlite3_value_free(v); }
};
using OwnedValue = std::unique_ptr<sqlite3_value, ValueFree>;

// SQL literals for each wire event column: ones the table takes, edges, and wrong ones.
const std::array<std::vector<std::string>, WireEvents::columns> candidates{{
  {"'0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d'", "'u'", "''", "NULL", "42", "x'75'",
   "printf('%.64c', 'a')", "printf('%.65c', 'a')", "'é'", "'a' || char(0) || 'b'"},
  {"'c0ffee'", "''", "NULL", "7", "1.5"},
  {"'bed'", "'asleep'", "'woke'", "'up'", "'cry'", "'checkin'", "'feed'", "'nap'", "'note'",
   "'Bed'", "'bed '", "'sleep'", "NULL", "1"},
  {"1795000000", "-2208988800", "-2208988801", "7258118399", "7258118400", "'1795000000'",
   "1795000000.0", "NULL", "'soon'"},
  {"NULL", "1795000000", "1795003600", "1795086400", "1795086401", "1794999999", "'1795003600'",
   "1795003600.5"},
  {"-18000", "0", "64800", "-64800", "64801", "-64801", "'-18000'", "NULL", "3600.0"},
  {"NULL", "'Mum'", "''", "5", "x'4d'"},
  {"NULL", "'teething'", "''", "12", "2.5"},
  {"NULL", "'huckleberry:2026-11-02:1'", "3"},
  {"'006971238000000.000001.a6dcdb71bc6449cd'", "printf('%.23c', '0')", "printf('%.22c', '0')",
   "NULL", "''", "'0069712380000000000000é'", "123456789012345678901234"},
}};

// The values of the one row `sql` selects, each a protected copy.
std::vector<OwnedValue> values_from(const Connection& db, const std::string& sql)
{
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  std::vector<OwnedValue> values;
  for (int c = 0; c < sqlite3_column_count(st); ++c) {
    values.emplace_back(sqlite3_value_dup(sqlite3_column_value(st, c)));
  }
  sqlite3_finalize(st);
  return values;
}

// The row of candidate indexes `pick`.
std::vector<OwnedValue> values_of(const Connection& db, const std::array<std::size_t, 10>& pick)
{
  std::string sql = "SELECT ";
  for (std::size_t c = 0; c < pick.size(); ++c) {
    sql += (c == 0 ? "" : ", ") + candidates[c][pick[c]];
  }
  return values_from(db, sql);
}

// The bytes a file's texts lie in, as a sync file's body holds them: WireEvents keeps
// places in it. Room for every test's texts; it never moves.
class Body
{
public:
  std::string_view view() const { return {m_bytes.get(), room}; }
  // A copy of `bytes` in the body.
  std::string_view keep(std::string_view bytes)
  {
    REQUIRE(m_used + bytes.size() <= room);
    std::copy(bytes.begin(), bytes.end(), m_bytes.get() + m_used);
    const std::string_view kept(m_bytes.get() + m_used, bytes.size());
    m_used += bytes.size();
    return kept;
  }

private:
  static constexpr std::size_t room = std::size_t{1} << 22;
  std::unique_ptr<char[]> m_bytes = std::make_unique<char[]>(room); // NOLINT(*-avoid-c-arrays)
  std::size_t m_used = 0;
};

// The values as a changeset holds them (ChangesetReader's view), their bytes in `body`.
std::vector<ChangeValue> raw(const std::vector<OwnedValue>& values, Body& body)
{
  std::vector<ChangeValue> out;
  for (const auto& owned : values) {
    sqlite3_value* v = owned.get();
    ChangeValue value;
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      value.type = ChangeValue::Type::integer;
      value.integer = sqlite3_value_int64(v);
      break;
    case SQLITE_FLOAT:
      value.type = ChangeValue::Type::real;
      value.real = sqlite3_value_double(v);
      break;
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
      value.type =
        sqlite3_value_type(v) == SQLITE_TEXT ? ChangeValue::Type::text : ChangeValue::Type::blob;
      const void* bytes = sqlite3_value_blob(v);
      value.bytes = body.keep(std::string_view(static_cast<const char*>(bytes),
                                               static_cast<std::size_t>(sqlite3_value_bytes(v))));
      break;
    }
    default: break;
    }
    out.push_back(value);
  }
  return out;
}

// Whether the wire event table takes the row.
bool table_takes(const Connection& db, const std::vector<OwnedValue>& values)
{
  Statement insert(db, "INSERT INTO temp.wire_event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (int c = 0; c < WireEvents::columns; ++c) {
    insert.bind_value(c + 1, values[static_cast<std::size_t>(c)].get());
  }
  try {
    insert.run();
    return true;
  } catch (const sleeplog::StorageError&) {
    return false;
  }
}

} // namespace

TEST_CASE("WireEvents keeps no row the wire event table refuses, and keeps sleeplog's own")
{
  Connection db(":memory:", OpenMode::create);
  db.exec(wire_schema(Keyed::no, "temp.wire_"));
  const std::array<std::size_t, 10> good{};
  Body body;
  WireEvents events(body.view());
  CHECK(events.add(raw(values_of(db, good), body).data()));

  int kept = 0;
  int refused = 0;
  const auto check = [&](const std::array<std::size_t, 10>& pick) {
    const auto values = values_of(db, pick);
    WireEvents one(body.view());
    const bool keeps = one.add(raw(values, body).data());
    const bool takes = table_takes(db, values);
    CAPTURE(pick);
    CHECK((!keeps || takes));
    (keeps ? kept : refused) += 1;
    CHECK(one.size() == (keeps ? 1U : 0U));
  };
  // Every candidate in every column, the others good; then random mixtures.
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    for (std::size_t i = 0; i < candidates[c].size(); ++i) {
      auto pick = good;
      pick[c] = i;
      check(pick);
    }
  }
  std::mt19937 random(1206);
  for (int n = 0; n < 400; ++n) {
    std::array<std::size_t, 10> pick{};
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      pick[c] = random() % 3 == 0 ? random() % candidates[c].size() : 0;
    }
    check(pick);
  }
  // Both kinds were met: the check keeps rows at the table's edges and refuses others.
  CHECK(kept > 30);
  CHECK(refused > 30);

  // The edges sleeplog's own rows may reach are kept (it is not stricter than it must be).
  for (const auto& [column, index] : std::vector<std::pair<std::size_t, std::size_t>>{
         {0, 6}, {3, 1}, {3, 3}, {4, 3}, {5, 2}, {5, 3}, {9, 1}}) {
    auto pick = good;
    pick[column] = index;
    WireEvents one(body.view());
    CAPTURE(column);
    CHECK(one.add(raw(values_of(db, pick), body).data()));
  }
}

TEST_CASE("WireEvents refuses a text that does not lie in its body, and keeps none of the row")
{
  Connection db(":memory:", OpenMode::create);
  const auto values =
    values_from(db, "SELECT 'u1', 'c0ffee', 'woke', 1795000000, NULL, 0, "
                    "'Mum', NULL, NULL, '006971238000000.000001.a6dcdb71bc6449cd'");
  Body body;
  Body elsewhere;
  auto row = raw(values, body);
  WireEvents events(body.view().substr(0, 20)); // ends inside the row's caregiver
  for (const std::size_t column : {0U, 1U, 6U, 9U}) {
    CAPTURE(column);
    auto moved = row;
    moved[column].bytes = elsewhere.keep(row[column].bytes);
    CHECK_FALSE(events.add(moved.data()));
  }
  CHECK_FALSE(events.add(row.data())); // its clock lies past the end of the body
  CHECK(events.size() == 0);
  WireEvents whole(body.view());
  CHECK(whole.add(row.data()));
  CHECK(whole.size() == 1);
}

TEST_CASE("WireEvents puts events in clock order and their clocks in runs beside them")
{
  Connection db(":memory:", OpenMode::create);
  for (const auto& step : migrations()) {
    db.exec(step);
  }
  db.exec("INSERT INTO child(id, name, uuid) VALUES (7, 'baby', 'c0ffee')");
  // 300 events (four full batches and a short one; two full runs of clocks and a short
  // one) added in the reverse of their clock order, their uuids in yet another; every
  // fifth has no end, by or note.
  constexpr int count = 300;
  static_assert(count > 2 * WireEvents::clock_run && count < 3 * WireEvents::clock_run);
  Body body;
  WireEvents events(body.view());
  for (int n = count - 1; n >= 0; --n) {
    const bool bare = n % 5 == 0;
    const auto values = values_from(
      db, fmt::format("SELECT 'uuid-{:03}', 'c0ffee', 'woke', {}, {}, -18000, {}, {}, NULL, "
                      "'006971238000000.{:06}.a6dcdb71bc6449cd'",
                      (n * 37) % count, 1795000000 + 60 * n,
                      bare ? "NULL" : std::to_string(1795000030 + 60 * n), bare ? "NULL" : "'Dad'",
                      bare ? "NULL" : fmt::format("'n{}'", n), n));
    REQUIRE(events.add(raw(values, body).data()));
  }
  CHECK(events.size() == count);
  CHECK(events.children() == std::vector<std::string>{"c0ffee"});
  const auto clocks = events.insert_events(db, {{"c0ffee", 7}});
  CHECK(clocks.latest == "006971238000000.000299.a6dcdb71bc6449cd");
  REQUIRE(clocks.runs.size() == 3);
  insert_clock_runs(db, clocks.runs, 1, "a6dcdb71bc6449cd", 3);

  // The ids follow the clocks: id k is the event of clock k - 1.
  Statement rows(db, "SELECT id, uuid, child_id, start_at, end_at, by_name, note FROM event "
                     "ORDER BY id");
  int n = 0;
  while (rows.step()) {
    CAPTURE(n);
    const bool bare = n % 5 == 0;
    CHECK(rows.int64(0) == n + 1);
    CHECK(rows.text(1) == fmt::format("uuid-{:03}", (n * 37) % count));
    CHECK(rows.int64(2) == 7);
    CHECK(rows.int64(3) == 1795000000 + 60 * n);
    CHECK(rows.is_null(4) == bare);
    CHECK(rows.is_null(5) == bare);
    CHECK(std::string(rows.text(6)) == (bare ? "" : fmt::format("n{}", n)));
    ++n;
  }
  CHECK(n == count);
  // The clocks: clock_run to a row, from id 1 on, in id order, each row sent by the
  // origin in its file 3.
  Statement runs(db, "SELECT first_id, origin, oseq, hlcs FROM event_clock_run ORDER BY first_id");
  int id = 1;
  while (runs.step()) {
    CAPTURE(id);
    CHECK(runs.int64(0) == id);
    CHECK(runs.text(1) == "a6dcdb71bc6449cd");
    CHECK(runs.int64(2) == 3);
    const int last = std::min(count, id + static_cast<int>(WireEvents::clock_run) - 1);
    for (int k = id; k <= last; ++k) {
      CAPTURE(k);
      CHECK(clock_in_run(runs.text(3), static_cast<std::size_t>(k - id)) ==
            fmt::format("006971238000000.{:06}.a6dcdb71bc6449cd", k - 1));
    }
    CHECK_FALSE(clock_in_run(runs.text(3), static_cast<std::size_t>(last - id + 1)).has_value());
    // One line per clock; after the first, each told from the one before in a few bytes.
    const std::string_view hlcs = runs.text(3);
    CHECK(std::count(hlcs.begin(), hlcs.end(), '\n') == last - id);
    CHECK(hlcs.size() < 39 + 8 * static_cast<std::size_t>(last - id));
    id = last + 1;
  }
  CHECK(id == count + 1);
}

TEST_CASE("WireEvents holds back a clock a newline or space could split")
{
  Connection db(":memory:", OpenMode::create);
  for (const auto& step : migrations()) {
    db.exec(step);
  }
  Body body;
  WireEvents events(body.view());
  for (const char* hlc :
       {"006971238000000.000001.a6dc\ndb71bc6449cd", "006971238000000.000001.a6dc db71bc6449cd",
        "006971238000000.000001.a6dc\tdb71bc6449cd"}) {
    CAPTURE(hlc);
    const auto values = values_from(
      db, fmt::format("SELECT 'u1', 'c0ffee', 'woke', 1795000000, NULL, 0, NULL, NULL, NULL, "
                      "'{}'",
                      hlc));
    CHECK_FALSE(events.add(raw(values, body).data()));
  }
  const auto fine = values_from(db, "SELECT 'u1', 'c0ffee', 'woke', 1795000000, NULL, 0, NULL, "
                                    "NULL, NULL, '006971238000000.000001.a6dcdb71bc6449cd'");
  CHECK(events.add(raw(fine, body).data()));
  CHECK(events.size() == 1);
}

TEST_CASE("WireEvents puts in many caregivers, kinds and children, and a refused row leaves "
          "nothing behind")
{
  Connection db(":memory:", OpenMode::create);
  for (const auto& step : migrations()) {
    db.exec(step);
  }
  db.exec("INSERT INTO child(id, name, uuid) VALUES (1, 'baby', 'c-one'), (2, 'Leo', 'c-two')");
  // Twelve caregivers, nine kinds and two children, mixed;
  // every seventh row comes with a caregiver no row had yet and a clock the table refuses.
  const std::array<const char*, 9> kinds{"bed",     "asleep", "woke", "up",  "cry",
                                         "checkin", "feed",   "nap",  "note"};
  constexpr int count = 300;
  Body body;
  WireEvents events(body.view());
  int refused = 0;
  for (int n = 0; n < count; ++n) {
    if (n % 7 == 3) {
      const auto bad = values_from(
        db, fmt::format("SELECT 'bad-{}', 'c-new{}', 'nap', 1795000000, NULL, 0, 'New{}', NULL, "
                        "NULL, 'short'",
                        n, n, n));
      CHECK_FALSE(events.add(raw(bad, body).data()));
      ++refused;
    }
    const auto values = values_from(
      db, fmt::format("SELECT 'uuid-{:03}', '{}', '{}', {}, NULL, 0, 'Carer {}', NULL, NULL, "
                      "'006971238000000.{:06}.a6dcdb71bc6449cd'",
                      n, n % 3 == 0 ? "c-two" : "c-one", kinds[static_cast<std::size_t>(n) % 9],
                      1795000000 + 60 * n, (n * 5) % 12, n));
    REQUIRE(events.add(raw(values, body).data()));
  }
  CHECK(refused > 40);
  CHECK(events.size() == count);
  auto children = events.children();
  std::sort(children.begin(), children.end());
  CHECK(children == std::vector<std::string>{"c-one", "c-two"});
  events.insert_events(db, {{"c-one", 1}, {"c-two", 2}});
  Statement rows(db, "SELECT uuid, child_id, kind, by_name FROM event ORDER BY id");
  int n = 0;
  while (rows.step()) {
    CAPTURE(n);
    CHECK(rows.text(0) == fmt::format("uuid-{:03}", n));
    CHECK(rows.int64(1) == (n % 3 == 0 ? 2 : 1));
    CHECK(rows.text(2) == kinds[static_cast<std::size_t>(n) % 9]);
    CHECK(rows.text(3) == fmt::format("Carer {}", (n * 5) % 12));
    ++n;
  }
  CHECK(n == count);
}

TEST_CASE("WireEvents orders any clocks as their bytes do, the same clock in the order added")
{
  Connection db(":memory:", OpenMode::create);
  for (const auto& step : migrations()) {
    db.exec(step);
  }
  db.exec("INSERT INTO child(id, name, uuid) VALUES (1, 'baby', 'c0ffee')");
  // Clocks from a small alphabet, of lengths from the shortest up, so that many share
  // their first 16 bytes (past the prefix all share) and some are the same; and clocks of
  // one time that differ only in their counter, as a send's do.
  std::mt19937 random(712);
  std::vector<std::string> clocks;
  for (int n = 0; n < 1500; ++n) {
    std::string clock = n % 3 == 0 ? "0069712380000000.000000.a6dc" : "";
    const std::size_t length = 23 + random() % 20;
    while (clock.size() < length) {
      clock.push_back("019.az~"[random() % 7]);
    }
    clocks.push_back(clock);
  }
  for (int n = 0; n < 700; ++n) {
    clocks.push_back(fmt::format("006971238000000.{:06}.a6dcdb71bc6449cd", (n * 389) % 700));
  }
  for (int n = 0; n < 30; ++n) {
    clocks.push_back(clocks[static_cast<std::size_t>(n) * 71]); // the same clock again, later
  }
  Body body;
  WireEvents events(body.view());
  for (std::size_t n = 0; n < clocks.size(); ++n) {
    const auto values = values_from(
      db,
      fmt::format("SELECT 'uuid-{:04}', 'c0ffee', 'nap', 1795000000, NULL, 0, NULL, NULL, NULL, "
                  "'{}'",
                  n, clocks[n]));
    REQUIRE(events.add(raw(values, body).data()));
  }
  std::vector<std::size_t> expected(clocks.size());
  for (std::size_t n = 0; n < expected.size(); ++n) {
    expected[n] = n;
  }
  std::stable_sort(expected.begin(), expected.end(),
                   [&](std::size_t a, std::size_t b) { return clocks[a] < clocks[b]; });
  const auto loaded = events.insert_events(db, {{"c0ffee", 1}});
  CHECK(loaded.latest == clocks[expected.back()]);
  insert_clock_runs(db, loaded.runs, 1, "a6dcdb71bc6449cd", 1);
  Statement rows(db, "SELECT e.id, e.uuid, r.first_id, r.hlcs FROM event e JOIN event_clock_run r "
                     "ON r.first_id = (SELECT max(first_id) FROM event_clock_run WHERE first_id "
                     "<= e.id) ORDER BY e.id");
  std::size_t k = 0;
  while (rows.step()) {
    CAPTURE(k);
    REQUIRE(k < expected.size());
    CHECK(rows.text(1) == fmt::format("uuid-{:04}", expected[k]));
    CHECK(clock_in_run(rows.text(3), static_cast<std::size_t>(rows.int64(0) - rows.int64(2))) ==
          clocks[expected[k]]);
    ++k;
  }
  CHECK(k == clocks.size());
}

TEST_CASE("clock_in_run reads whole clocks, clocks told from the one before, and refuses "
          "damaged lines")
{
  const std::string a = "006971238000000.000001.a6dcdb71bc6449cd";
  const std::string b = "006971238000000.000002.a6dcdb71bc6449cd";
  // Lines a newer or older sleeplog wrote whole.
  const std::string whole = a + "\n" + b;
  CHECK(clock_in_run(whole, 0) == a);
  CHECK(clock_in_run(whole, 1) == b);
  CHECK_FALSE(clock_in_run(whole, 2).has_value());
  // b told from a: 21 bytes before and 17 after its "2" are a's ('!' + 21 = '6', + 17 = '2').
  const std::string told = a + "\n 622\n" + b;
  CHECK(clock_in_run(told, 1) == b);
  CHECK(clock_in_run(told, 2) == b);
  CHECK(clock_in_run(a + "\n !!" + b, 1) == b); // nothing shared: the whole clock follows
  CHECK(clock_in_run(a + "\n 63", 1) == a);     // 21 + 18 shared, nothing between: a again
  // Damage: a first line told from nothing, more shared than the clock before has, a
  // length past '~' or missing.
  for (const std::string& damaged :
       {std::string(" 622"), a + "\n JJ", a + "\n \x7f!x", a + "\n 6", a + "\n "}) {
    CAPTURE(damaged);
    CHECK_THROWS_AS(clock_in_run(damaged, 1), sleeplog::StorageError);
  }
}

TEST_CASE("clock_in_run reads any bytes without reading past them: a clock, nothing, or "
          "StorageError")
{
  // Runs of random lines from bytes a damaged row might hold: spaces and newlines, the
  // length characters and past them, control bytes.
  std::mt19937 random(1207);
  const std::string alphabet = std::string(" \n!\"#3Z~\x7f") + '\x01' + "a0.";
  int read = 0;
  int refused = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string hlcs;
    const std::size_t length = random() % 40;
    for (std::size_t i = 0; i < length; ++i) {
      hlcs.push_back(alphabet[random() % alphabet.size()]);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      try {
        const auto clock = clock_in_run(hlcs, k);
        if (clock) {
          CHECK(clock->size() <= hlcs.size() * hlcs.size());
          ++read;
        }
      } catch (const sleeplog::StorageError&) {
        ++refused;
      }
    }
  }
  CHECK(read > 1000);
  CHECK(refused > 1000);
}

TEST_CASE("each wire table can be made alone, as the whole wire schema makes it")
{
  for (const Keyed keyed : {Keyed::no, Keyed::yes}) {
    Connection whole(":memory:", OpenMode::create);
    whole.exec(wire_schema(keyed, ""));
    Connection alone(":memory:", OpenMode::create);
    for (const char* name :
         {"child", "plan", "plan_hold", "event", "tag", "setting", "tombstone"}) {
      CAPTURE(name);
      const std::string one = wire_table_schema(keyed, "", name);
      CHECK(one.rfind("CREATE TABLE IF NOT EXISTS ", 0) == 0);
      alone.exec(one);
      alone.exec(one); // once there, made again without complaint
    }
    CHECK(wire_table_schema(keyed, "", "nonsense").empty());
    const auto tables = [](const Connection& db) {
      std::vector<std::string> sql;
      Statement st(db, "SELECT sql FROM sqlite_master ORDER BY name");
      while (st.step()) {
        sql.emplace_back(st.text(0));
      }
      return sql;
    };
    CHECK(tables(whole).size() == 7);
    CHECK(tables(alone) == tables(whole));
  }
}

TEST_CASE("huge page buffers: from a huge page up, mapped on a 2 MiB boundary and zero; "
          "smaller ones from the usual allocator")
{
  using sleeplog::util::huge_page;
  std::vector<std::uint64_t, sleeplog::util::HugePageAllocator<std::uint64_t>> big(
    huge_page / sizeof(std::uint64_t) + 1); // a little over one: two huge pages
  CHECK(reinterpret_cast<std::uintptr_t>(big.data()) % huge_page == 0);
  CHECK(std::all_of(big.begin(), big.end(), [](std::uint64_t v) { return v == 0; }));
  for (std::size_t i = 0; i < big.size(); ++i) {
    big[i] = i * 3;
  }
  big.resize(big.size() * 3); // moved to a larger mapping, the old one given back
  CHECK(big[huge_page / sizeof(std::uint64_t)] == huge_page / sizeof(std::uint64_t) * 3);
  CHECK(big.back() == 0);
  std::vector<char, sleeplog::util::HugePageAllocator<char>> small(100, 'x');
  CHECK(std::string(small.begin(), small.end()) == std::string(100, 'x'));
}

TEST_CASE("unzeroed huge page buffers keep what grows them with a value, and their bytes "
          "across a move to a larger mapping")
{
  using sleeplog::util::huge_page;
  std::vector<char, sleeplog::util::UnzeroedHugePageAllocator<char>> bytes(10, 'a');
  CHECK(std::string(bytes.begin(), bytes.end()) == std::string(10, 'a'));
  bytes.resize(huge_page + 1); // the new bytes are not zeroed: written before they are read
  CHECK(reinterpret_cast<std::uintptr_t>(bytes.data()) % huge_page == 0);
  CHECK(std::string(bytes.begin(), bytes.begin() + 10) == std::string(10, 'a'));
  std::fill(bytes.begin() + 10, bytes.end(), 'b');
  bytes.resize(3 * huge_page, 'c');
  CHECK(bytes[9] == 'a');
  CHECK(bytes[huge_page] == 'b');
  CHECK(bytes[huge_page + 1] == 'c');
  CHECK(bytes.back() == 'c');
}

TEST_CASE("a bulk load's buffer from a quarter of a huge page up is reserved as a whole one")
{
  using sleeplog::util::bulk_capacity;
  using sleeplog::util::huge_page;
  CHECK(bulk_capacity(0) == 0);
  CHECK(bulk_capacity(huge_page / 4 - 1) == huge_page / 4 - 1);
  CHECK(bulk_capacity(huge_page / 4) == huge_page);
  CHECK(bulk_capacity(huge_page - 1) == huge_page);
  CHECK(bulk_capacity(huge_page) == huge_page);
  CHECK(bulk_capacity(3 * huge_page + 5) == 3 * huge_page + 5);
  // Reserved so, the buffer is mapped on its own, on a huge page boundary.
  std::vector<char, sleeplog::util::UnzeroedHugePageAllocator<char>> bytes;
  bytes.reserve(bulk_capacity(huge_page / 3));
  CHECK(reinterpret_cast<std::uintptr_t>(bytes.data()) % huge_page == 0);
}
