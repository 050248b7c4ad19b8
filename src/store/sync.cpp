// Sync through a shared folder (DESIGN §12).
//
// Sending: the journal's changesets since the last sync name the rows a change touched
// (by this file's ids); each touched row is sent whole as it is now, named by uuid and
// stamped with the hybrid logical clock of the last change that touched it, or as a
// tombstone when it is gone. The rows are written into an in-memory copy of the wire
// schema under a session, and that session's changeset is the file's body.
//
// Receiving: a file's body is read with the changeset iterator into empty temporary
// tables of the wire schema whose STRICT tables and CHECKs are the rules a row must keep
// (one broken row refuses the file whole); its rows are then merged into the log one by
// one, last writer wins by clock (a new machine's first long log goes in at once). Every
// replica holds each row's winning clock in row_clock (the events of that first load: in
// event_clock_run, many to a row, until a later version comes), so the order files arrive
// in does not matter: all replicas end the same.
#include <sleeplog/store/sha256.hpp>
#include <sleeplog/store/sync.hpp>
#include <sleeplog/store/wire.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <variant>

namespace fs = std::filesystem;

namespace sleeplog::store {

namespace {

constexpr const char* magic = "sleeplog-sync 1";

// Statements prepared once per sync (a sync touches every row it applies several times).
struct StatementCache
{
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements;
  std::unordered_map<const char*, Statement*> by_text;     // literals' statements, by address
  std::unordered_map<std::string, std::int64_t> child_ids; // uuid → id, while no child changes
  std::unordered_map<std::string, std::string> canonical;  // uuid → canonical uuid, likewise

  // No statement may hold a read open while the schema changes (bulk loads drop indexes).
  void finish_reads()
  {
    for (auto& [sql, st] : statements) {
      st->reset();
    }
  }

  void forget_children()
  {
    child_ids.clear();
    canonical.clear();
  }
};
StatementCache* active_cache = nullptr;

// Makes prepared() keep its statements while it lives; entry points open one.
class CacheScope
{
public:
  CacheScope() : m_previous(active_cache) { active_cache = &m_cache; }
  ~CacheScope() { active_cache = m_previous; }
  CacheScope(const CacheScope&) = delete;
  CacheScope& operator=(const CacheScope&) = delete;

private:
  StatementCache m_cache;
  StatementCache* m_previous;
};

Statement& prepared(const Store& store, const std::string& sql)
{
  auto& slot = active_cache->statements[sql];
  if (!slot) {
    slot = std::make_unique<Statement>(store.connection(), sql);
  }
  slot->reset();
  return *slot;
}

// The same for a statement written in the code: found by where its text lives, so that a
// row's merge neither copies nor hashes it.
Statement& prepared(const Store& store, const char* sql)
{
  auto& slot = active_cache->by_text[sql];
  if (!slot) {
    slot = &prepared(store, std::string(sql));
  }
  slot->reset();
  return *slot;
}

using Value = std::variant<std::monostate, std::int64_t, std::string>;
using Row = std::vector<Value>;

// One synced table: its wire columns (without the clock) and how it is read and removed
// here. The leading key_columns name a row; child, plan and hold rows refer to each other
// by uuid on the wire.
struct Table
{
  const char* name;
  std::vector<std::pair<const char*, char>> columns; // 't' text, 'i' integer
  int key_columns;
  const char* select_sql; // the wire row by key (?1..?k)
  const char* keys_sql;   // every key here (for the first sync)
  const char* delete_sql; // by key
};

// In the order rows are applied: what a row refers to comes before it.
const std::vector<Table>& tables()
{
  static const std::vector<Table> all{
    {"child",
     {{"uuid", 't'}, {"name", 't'}, {"born", 't'}},
     1,
     "SELECT uuid, name, born FROM child WHERE uuid = ?1",
     "SELECT uuid FROM child ORDER BY id",
     "DELETE FROM child WHERE uuid = ?1 AND NOT EXISTS (SELECT 1 FROM event WHERE child_id = "
     "child.id) AND NOT EXISTS (SELECT 1 FROM plan WHERE child_id = child.id) AND NOT EXISTS "
     "(SELECT 1 FROM tag WHERE child_id = child.id)"},
    {"plan",
     {{"uuid", 't'},
      {"child", 't'},
      {"method", 't'},
      {"from_night", 't'},
      {"until_night", 't'},
      {"waits", 't'},
      {"stage_nights", 'i'},
      {"positions", 't'},
      {"start_min", 'i'},
      {"goal_min", 'i'},
      {"step_min", 'i'},
      {"checkin_max_s", 'i'},
      {"timer", 't'},
      {"created_at", 'i'}},
     1,
     "SELECT p.uuid, c.uuid, p.method, p.from_night, p.until_night, p.waits, p.stage_nights, "
     "p.positions, p.start_min, p.goal_min, p.step_min, p.checkin_max_s, p.timer, p.created_at "
     "FROM plan p JOIN child c ON c.id = p.child_id WHERE p.uuid = ?1",
     "SELECT uuid FROM plan ORDER BY id",
     "DELETE FROM plan WHERE uuid = ?1"},
    {"plan_hold",
     {{"uuid", 't'}, {"plan", 't'}, {"from_night", 't'}, {"nights", 'i'}, {"created_at", 'i'}},
     1,
     "SELECT h.uuid, p.uuid, h.from_night, h.nights, h.created_at FROM plan_hold h JOIN plan p "
     "ON p.id = h.plan_id WHERE h.uuid = ?1",
     "SELECT uuid FROM plan_hold ORDER BY id",
     "DELETE FROM plan_hold WHERE uuid = ?1"},
    {"event",
     {{"uuid", 't'},
      {"child", 't'},
      {"kind", 't'},
      {"start_at", 'i'},
      {"end_at", 'i'},
      {"utc_offset", 'i'},
      {"by_name", 't'},
      {"note", 't'},
      {"source_key", 't'}},
     1,
     "SELECT e.uuid, c.uuid, e.kind, e.start_at, e.end_at, e.utc_offset, e.by_name, e.note, "
     "e.source_key FROM event e JOIN child c ON c.id = e.child_id WHERE e.uuid = ?1",
     "SELECT uuid FROM event ORDER BY id",
     "DELETE FROM event WHERE uuid = ?1"},
    {"tag",
     {{"child", 't'}, {"night", 't'}, {"word", 't'}, {"note", 't'}},
     3,
     "SELECT c.uuid, t.night, t.word, t.note FROM tag t JOIN child c ON c.id = t.child_id "
     "WHERE c.uuid = ?1 AND t.night = ?2 AND t.word = ?3",
     "SELECT c.uuid || char(9) || t.night || char(9) || t.word FROM tag t JOIN child c ON c.id = "
     "t.child_id",
     "DELETE FROM tag WHERE child_id = (SELECT id FROM child WHERE uuid = ?1) AND night = ?2 AND "
     "word = ?3"},
    {"setting",
     {{"key", 't'}, {"value", 't'}},
     1,
     "SELECT key, value FROM setting WHERE key = ?1",
     "SELECT key FROM setting ORDER BY key",
     "DELETE FROM setting WHERE key = ?1"},
  };
  return all;
}

const Table* table_named(std::string_view name)
{
  for (const auto& t : tables()) {
    if (name == t.name) {
      return &t;
    }
  }
  return nullptr;
}

// Settings that belong to one machine: who types on it. Never sent, never applied.
bool local_setting(std::string_view key)
{
  return key == "caregiver";
}

// Keys with several columns (tags) join them with tabs, which no column of a key holds.
std::vector<std::string> split_key(const std::string& key)
{
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (true) {
    const auto tab = key.find('\t', from);
    parts.push_back(key.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
    if (tab == std::string::npos) {
      return parts;
    }
    from = tab + 1;
  }
}

std::string key_of(const Table& table, const Row& row)
{
  std::string key;
  for (int i = 0; i < table.key_columns; ++i) {
    if (i > 0) {
      key += '\t';
    }
    if (const auto* text = std::get_if<std::string>(&row[static_cast<std::size_t>(i)])) {
      key += *text;
    }
  }
  return key;
}

void bind_value(Statement& st, int index, const Value& value)
{
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    st.bind(index, *i);
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    st.bind(index, *s);
  } else {
    st.bind(index, std::nullopt);
  }
}

void bind_key(Statement& st, const std::string& key)
{
  int index = 1;
  for (const auto& part : split_key(key)) {
    st.bind(index++, part);
  }
}

Row read_row(const Statement& st, const Table& table, int offset = 0)
{
  Row row;
  int column = offset;
  for (const auto& [name, type] : table.columns) {
    if (st.is_null(column)) {
      row.emplace_back(std::monostate{});
    } else if (type == 'i') {
      row.emplace_back(st.int64(column));
    } else {
      row.emplace_back(std::string(st.text(column)));
    }
    ++column;
  }
  return row;
}

std::string json_string(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<int>(c));
      } else {
        out += c;
      }
    }
  }
  return out + '"';
}

std::string row_json(const Table& table, const Row& row)
{
  std::string out = "{";
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += json_string(table.columns[i].first) + ':';
    if (const auto* n = std::get_if<std::int64_t>(&row[i])) {
      out += std::to_string(*n);
    } else if (const auto* s = std::get_if<std::string>(&row[i])) {
      out += json_string(*s);
    } else {
      out += "null";
    }
  }
  return out + '}';
}

// --- this replica's state ----------------------------------------------------------

bool has_sync_tables(const Store& store)
{
  Statement& st =
    prepared(store, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sync_state')");
  return st.step() && st.int64(0) != 0;
}

std::optional<std::string> state(const Store& store, const char* key)
{
  if (!has_sync_tables(store)) {
    return std::nullopt;
  }
  Statement& st = prepared(store, "SELECT value FROM sync_state WHERE key = ?");
  st.bind(1, key);
  if (st.step()) {
    return std::string(st.text(0));
  }
  return std::nullopt;
}

void set_state(Store& store, const char* key, const std::string& value)
{
  Statement& st = prepared(store, "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value).run();
}

std::int64_t state_int(const Store& store, const char* key)
{
  const auto value = state(store, key);
  return value ? std::stoll(*value) : 0;
}

std::string replica_id(Store& store)
{
  if (auto id = state(store, "replica-id")) {
    return *id;
  }
  std::string id = new_uuid();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  id.resize(16);
  set_state(store, "replica-id", id);
  return id;
}

std::string host_name()
{
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0 || buffer[0] == '\0') {
    return "sleeplog";
  }
  std::string name(buffer);
  name = name.substr(0, name.find('.'));
  for (char& c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
      c = '-';
    }
  }
  return name;
}

bool good_replica_name(const std::string& name)
{
  return !name.empty() && name.size() <= 64 && name[0] != '.' && name[0] != '-' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

// --- hybrid logical clocks ---------------------------------------------------------
// "<ms, 15 digits>.<counter, 6 digits>.<replica id>": compared as text, the later
// change sorts last, and two replicas' changes at the same moment differ by replica id.

struct Clock
{
  std::int64_t ms = 0;
  std::int64_t counter = 0;
};

Clock parse_clock(const std::string& hlc)
{
  Clock c;
  if (hlc.size() >= 22) {
    c.ms = std::stoll(hlc.substr(0, 15));
    c.counter = std::stoll(hlc.substr(16, 6));
  }
  return c;
}

std::string next_clock(Store& store, const std::string& replica, std::int64_t at_ms)
{
  Clock last = parse_clock(state(store, "clock").value_or(""));
  Clock next = at_ms > last.ms ? Clock{at_ms, 0} : Clock{last.ms, last.counter + 1};
  std::string text = fmt::format("{:015d}.{:06d}.{}", next.ms, next.counter, replica);
  set_state(store, "clock", text);
  return text;
}

void observe_clock(Store& store, const std::string& hlc)
{
  const std::string last = state(store, "clock").value_or("");
  if (hlc.substr(0, 22) > last.substr(0, std::min<std::size_t>(last.size(), 22))) {
    set_state(store, "clock", hlc);
  }
}

// --- the session extension on a wire schema ----------------------------------------

struct SessionDeleter
{
  void operator()(sqlite3_session* s) const { sqlite3session_delete(s); }
};
struct SqliteFree
{
  void operator()(void* p) const { sqlite3_free(p); }
};
struct IteratorCloser
{
  void operator()(sqlite3_changeset_iter* it) const { sqlite3changeset_finalize(it); }
};

// Sending writes rows into a keyed copy of its own, under a session.
std::unique_ptr<Connection> wire_database()
{
  auto db = std::make_unique<Connection>(":memory:", OpenMode::create);
  db->exec(wire_schema(Keyed::yes, ""));
  return db;
}

// Receiving reads a file into unkeyed temporary tables beside the log (temp.wire_event
// and so on), which the merge reads in clock order (a new machine's first events skip
// them: see WireEvents).
constexpr std::string_view incoming_prefix = "temp.wire_";

// The INSERT of a row of `columns` values into the wire table `prefix` + `name`.
std::string wire_insert_sql(std::string_view prefix, std::string_view name, std::size_t columns)
{
  std::string marks = "?";
  for (std::size_t i = 1; i < columns; ++i) {
    marks += ", ?";
  }
  return fmt::format("INSERT INTO {}{} VALUES ({})", prefix, name, marks);
}

// Makes the wire table `name` for incoming rows of `columns` values, unless it is there,
// and returns its INSERT.
std::unique_ptr<Statement> incoming_table(Store& store, std::string_view name, std::size_t columns)
{
  store.connection().exec(wire_table_schema(Keyed::no, incoming_prefix, name));
  return std::make_unique<Statement>(store.connection(),
                                     wire_insert_sql(incoming_prefix, name, columns));
}

// Empties the wire tables `used` (they stay, for the next file: a DROP TABLE cost a first
// sync 2% of its time).
void clear_incoming(Store& store, const std::set<std::string, std::less<>>& used)
{
  active_cache->finish_reads(); // no read may stay open on a table emptied
  std::string sql;
  for (const auto& name : used) {
    sql += fmt::format("DELETE FROM {}{};", incoming_prefix, name);
  }
  store.connection().exec(sql);
}

// A row sent: its table (or "tombstone"), key, values and clock.
struct Outgoing
{
  const Table* table = nullptr; // nullptr: a tombstone
  std::string table_name;
  std::string key;
  Row row;
  std::string hlc;
};

std::string encode(const std::vector<Outgoing>& rows)
{
  auto db = wire_database();
  sqlite3_session* raw = nullptr;
  if (sqlite3session_create(db->handle(), "main", &raw) != SQLITE_OK) {
    throw StorageError("cannot start a sync session");
  }
  std::unique_ptr<sqlite3_session, SessionDeleter> session(raw);
  sqlite3session_attach(raw, nullptr);
  std::map<std::string, std::unique_ptr<Statement>> inserts;
  for (const auto& out : rows) {
    const std::string name = out.table ? out.table->name : "tombstone";
    auto& st = inserts[name];
    if (!st) {
      const std::size_t n = out.table ? out.table->columns.size() + 1 : 3;
      st = std::make_unique<Statement>(*db, wire_insert_sql("", name, n));
    }
    int index = 1;
    if (out.table) {
      for (const auto& value : out.row) {
        bind_value(*st, index++, value);
      }
    } else {
      st->bind(1, out.table_name).bind(2, out.key);
      index = 3;
    }
    st->bind(index, out.hlc);
    try {
      st->run();
    } catch (const StorageError& e) {
      throw StorageError(
        fmt::format("cannot send {} {}: {}", out.table_name, split_key(out.key)[0], e.what()),
        "run `sleeplog check`; nothing was sent");
    }
  }
  int size = 0;
  void* data = nullptr;
  if (sqlite3session_changeset(raw, &size, &data) != SQLITE_OK) {
    throw StorageError("cannot write the sync changeset");
  }
  std::unique_ptr<void, SqliteFree> owned(data);
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

// --- sending -----------------------------------------------------------------------

void fill_missing_uuids(Store& store)
{
  for (const char* table : {"child", "plan", "plan_hold"}) {
    store.connection().exec(
      fmt::format("UPDATE {} SET uuid = lower(hex(randomblob(16))) WHERE uuid IS NULL", table));
  }
}

int column_index(const Store& store, const std::string& table, const char* column)
{
  Statement& st = prepared(store, fmt::format("PRAGMA table_info({})", table));
  while (st.step()) {
    if (st.text(1) == column) {
      return static_cast<int>(st.int64(0));
    }
  }
  return -1;
}

std::string value_text(sqlite3_value* v)
{
  if (!v || sqlite3_value_type(v) == SQLITE_NULL) {
    return {};
  }
  const auto* text = sqlite3_value_text(v);
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

// The key of a journaled row, from a changeset operation (or from this file's row now).
std::optional<std::string> touched_key(const Store& store, const std::string& table,
                                       sqlite3_changeset_iter* it, int op, int uuid_column)
{
  const auto value = [&](int column) -> sqlite3_value* {
    sqlite3_value* v = nullptr;
    if (op != SQLITE_DELETE && sqlite3changeset_new(it, column, &v) == SQLITE_OK && v) {
      return v;
    }
    if (op != SQLITE_INSERT && sqlite3changeset_old(it, column, &v) == SQLITE_OK && v) {
      return v;
    }
    return nullptr;
  };
  if (table == "setting") {
    return value_text(value(0));
  }
  if (table == "tag") {
    Statement& child = prepared(store, "SELECT uuid FROM child WHERE id = ?");
    sqlite3_value* id = value(0);
    if (!id) {
      return std::nullopt;
    }
    child.bind(1, static_cast<std::int64_t>(sqlite3_value_int64(id)));
    if (!child.step()) {
      return std::nullopt;
    }
    return fmt::format("{}\t{}\t{}", child.text(0), value_text(value(1)), value_text(value(2)));
  }
  if (uuid_column >= 0) {
    if (sqlite3_value* uuid = value(uuid_column); uuid && sqlite3_value_type(uuid) != SQLITE_NULL) {
      return value_text(uuid);
    }
  }
  // An update names its row by this file's id only: the row is still here.
  sqlite3_value* id = value(0);
  if (!id) {
    return std::nullopt;
  }
  Statement& st = prepared(store, fmt::format("SELECT uuid FROM {} WHERE id = ?", table));
  st.bind(1, static_cast<std::int64_t>(sqlite3_value_int64(id)));
  if (st.step() && !st.is_null(0)) {
    return std::string(st.text(0));
  }
  return std::nullopt;
}

using Touched = std::map<std::pair<std::string, std::string>, std::string>; // → clock

void touched_by_changeset(const Store& store, const std::string& changeset, const std::string& hlc,
                          Touched& touched)
{
  if (changeset.empty()) {
    return;
  }
  std::map<std::string, int> uuid_columns;
  sqlite3_changeset_iter* raw = nullptr;
  auto* data = const_cast<char*>(changeset.data()); // not written
  if (sqlite3changeset_start(&raw, static_cast<int>(changeset.size()), data) != SQLITE_OK) {
    throw StorageError("a journal entry is damaged; cannot sync", "run `sleeplog check`");
  }
  std::unique_ptr<sqlite3_changeset_iter, IteratorCloser> it(raw);
  while (sqlite3changeset_next(raw) == SQLITE_ROW) {
    const char* name = nullptr;
    int columns = 0;
    int op = 0;
    int indirect = 0;
    sqlite3changeset_op(raw, &name, &columns, &op, &indirect);
    const std::string table(name);
    if (!table_named(table)) {
      continue;
    }
    if (!uuid_columns.count(table)) {
      uuid_columns[table] = column_index(store, table, "uuid");
    }
    if (auto key = touched_key(store, table, raw, op, uuid_columns[table])) {
      if (table != "setting" || !local_setting(*key)) {
        touched[{table, *key}] = hlc;
      }
    }
  }
}

std::optional<Row> local_row(const Store& store, const Table& table, const std::string& key)
{
  Statement& st = prepared(store, table.select_sql);
  bind_key(st, key);
  if (st.step()) {
    return read_row(st, table);
  }
  return std::nullopt;
}

void set_row_clock(Store& store, const std::string& table, const std::string& key,
                   const std::string& hlc, const std::string& origin, std::int64_t seq,
                   bool deleted)
{
  Statement& st = prepared(
    store, "INSERT INTO row_clock(tbl, key, hlc, origin, oseq, deleted) VALUES (?, ?, ?, ?, "
           "?, ?) ON CONFLICT(tbl, key) DO UPDATE SET hlc = excluded.hlc, origin = "
           "excluded.origin, oseq = excluded.oseq, deleted = excluded.deleted");
  st.bind(1, table).bind(2, key).bind(3, hlc).bind(4, origin).bind(5, seq).bind(6, deleted ? 1 : 0);
  st.run();
}

std::string header_text(const std::map<std::string, std::string>& fields, std::string_view body)
{
  std::string text = std::string(magic) + '\n';
  for (const char* key : {"replica", "name", "seq", "changes", "latest", "seen"}) {
    if (const auto found = fields.find(key); found != fields.end()) {
      text += fmt::format("{} {}\n", key, found->second);
    }
  }
  text += fmt::format("length {}\nsha256 {}\n\n", body.size(), sha256_hex(body));
  return text;
}

std::string seen_vector(const Store& store)
{
  std::string seen;
  Statement& st = prepared(store, "SELECT replica, applied_seq FROM sync_peer ORDER BY replica");
  while (st.step()) {
    seen += fmt::format("{}{}:{}", seen.empty() ? "" : ",", st.text(0), st.int64(1));
  }
  return seen.empty() ? "-" : seen;
}

struct RowClock
{
  std::string hlc;
  std::string origin;
  std::int64_t oseq = 0;
  bool deleted = false;
};

// The clock an event that a new machine's first sync brought still has from that load
// (see insert_fresh_events), if it is here and came so.
std::optional<RowClock> loaded_clock(const Store& store, const std::string& uuid)
{
  Statement& id = prepared(store, "SELECT id FROM event WHERE uuid = ?");
  id.bind(1, uuid);
  if (!id.step()) {
    return std::nullopt;
  }
  const std::int64_t event_id = id.int64(0);
  Statement& run = prepared(store, "SELECT first_id, origin, oseq, hlcs FROM event_clock_run "
                                   "WHERE first_id <= ? ORDER BY first_id DESC LIMIT 1");
  run.bind(1, event_id);
  if (!run.step()) {
    return std::nullopt;
  }
  auto clock = clock_in_run(run.text(3), static_cast<std::size_t>(event_id - run.int64(0)));
  if (!clock) {
    return std::nullopt; // after that load's last event
  }
  return RowClock{std::move(*clock), std::string(run.text(1)), run.int64(2), false};
}

std::optional<RowClock> row_clock(const Store& store, const std::string& table,
                                  const std::string& key)
{
  Statement& st =
    prepared(store, "SELECT hlc, origin, oseq, deleted FROM row_clock WHERE tbl = ? AND key = ?");
  st.bind(1, table).bind(2, key);
  if (st.step()) {
    return RowClock{std::string(st.text(0)), std::string(st.text(1)), st.int64(2),
                    st.int64(3) != 0};
  }
  return table == "event" ? loaded_clock(store, key) : std::nullopt;
}

void unpark(Store& store, const std::string& parent);

// Sends what changed since the last sync; returns the number of changes sent.
std::int64_t send(Store& store, const std::string& replica, std::int64_t now)
{
  fill_missing_uuids(store);
  const std::int64_t sent_through = state_int(store, "sent-through");
  const bool first = !state(store, "next-seq").has_value();
  const std::int64_t seq = first ? 1 : state_int(store, "next-seq");

  Touched touched;
  std::int64_t changes = 0;
  std::int64_t latest_at = 0;
  std::int64_t through = sent_through;
  Statement& list = prepared(store, "SELECT id, at, changeset, events_by_id FROM change "
                                    "WHERE id > ? ORDER BY id");
  list.bind(1, sent_through);
  while (list.step()) {
    const std::int64_t id = list.int64(0);
    const std::int64_t at = list.int64(1);
    through = id;
    ++changes;
    latest_at = std::max(latest_at, at);
    if (first) {
      continue; // the first sync sends every row as it is
    }
    const std::string hlc = next_clock(store, replica, at * 1000);
    touched_by_changeset(store, std::string(list.blob(2)), hlc, touched);
    if (list.int64(3) != 0) {
      for (const char* sql : {"SELECT uuid FROM event WHERE change_id = ?",
                              "SELECT uuid FROM undo_log WHERE change_id = ?"}) {
        Statement& rows = prepared(store, sql);
        rows.bind(1, id);
        while (rows.step()) {
          touched[{"event", std::string(rows.text(0))}] = hlc;
        }
      }
    }
  }
  if (first) {
    // One clock per row, in the order they were made here: the other machines apply
    // them in that order, and give them ids in it.
    for (const auto& table : tables()) {
      Statement& keys = prepared(store, table.keys_sql);
      while (keys.step()) {
        // Rows another replica sent are theirs to send.
        const std::string key(keys.text(0));
        const bool local = std::string_view(table.name) == "setting" && local_setting(key);
        if (!local && !row_clock(store, table.name, key)) {
          touched[{table.name, key}] = next_clock(store, replica, now * 1000);
        }
      }
    }
    if (changes == 0 && !touched.empty()) {
      changes = 1;
      latest_at = now;
    }
  }
  if (touched.empty()) {
    set_state(store, "sent-through", std::to_string(through));
    set_state(store, "next-seq", std::to_string(seq)); // the first sync is behind us
    return 0;
  }

  std::vector<Outgoing> rows;
  std::vector<std::string> parked_back;
  for (const auto& table : tables()) {
    for (auto it = touched.lower_bound({table.name, ""});
         it != touched.end() && it->first.first == table.name; ++it) {
      const std::string& key = it->first.second;
      Outgoing out;
      out.table_name = table.name;
      out.key = key;
      out.hlc = it->second;
      if (auto row = local_row(store, table, key)) {
        out.table = &table;
        out.row = std::move(*row);
      }
      set_row_clock(store, table.name, key, out.hlc, replica, seq, out.table == nullptr);
      rows.push_back(std::move(out));
      if (rows.back().table &&
          (std::string_view(table.name) == "plan" || std::string_view(table.name) == "child")) {
        parked_back.push_back(key); // back here (an undo): what waited for it comes too
      }
    }
  }
  for (const auto& parent : parked_back) {
    unpark(store, parent);
  }
  const std::string body = encode(rows);
  const std::string file = header_text({{"replica", replica},
                                        {"name", replica_name(store)},
                                        {"seq", std::to_string(seq)},
                                        {"changes", std::to_string(changes)},
                                        {"latest", std::to_string(latest_at)},
                                        {"seen", seen_vector(store)}},
                                       body) +
                           body;
  Statement& out = prepared(store, "INSERT INTO sync_out(seq, body, through_change, changes, "
                                   "latest_at) VALUES (?, ?, ?, ?, ?)");
  out.bind(1, seq).bind_blob(2, file).bind(3, through).bind(4, changes).bind(5, latest_at).run();
  set_state(store, "sent-through", std::to_string(through));
  set_state(store, "next-seq", std::to_string(seq + 1));
  return changes;
}

// --- files in the folder -----------------------------------------------------------

struct SyncFile
{
  std::string path;
  std::map<std::string, std::string> header;
  // The whole file, its header then its body: megabytes for a long history's first file,
  // so on huge pages, and not zeroed before the file is read into them.
  std::vector<char, util::UnzeroedHugePageAllocator<char>> bytes;
  std::size_t body_at = 0;
  std::int64_t seq = 0;

  std::string_view body() const
  {
    return std::string_view(bytes.data(), bytes.size()).substr(body_at);
  }
};

enum class FileState {
  whole,
  incomplete,
  damaged,
};

FileState read_sync_file(const std::string& path, SyncFile& file, std::string& why)
{
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
  file.bytes.reserve(util::bulk_capacity(size));
  file.bytes.resize(size);
  in.seekg(0);
  in.read(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
  file.bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  file.path = path;
  const std::string_view bytes(file.bytes.data(), file.bytes.size());
  const auto end = bytes.find("\n\n");
  if (!bytes.starts_with(std::string(magic) + '\n')) {
    if (std::string_view(magic).starts_with(bytes.substr(0, std::strlen(magic)))) {
      why = "it is still being copied";
      return FileState::incomplete;
    }
    why = "it is not a sleeplog sync file";
    return FileState::damaged;
  }
  if (end == std::string::npos) {
    why = "its header is cut short";
    return FileState::incomplete;
  }
  std::istringstream lines(std::string(bytes.substr(0, end)));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    const auto space = line.find(' ');
    if (space != std::string::npos) {
      file.header[line.substr(0, space)] = line.substr(space + 1);
    }
  }
  file.body_at = end + 2;
  std::size_t length = 0;
  try {
    length = std::stoull(file.header["length"]);
    file.seq = std::stoll(file.header["seq"]);
  } catch (const std::exception&) {
    why = "its header is damaged";
    return FileState::damaged;
  }
  if (file.body().size() < length) {
    why = fmt::format("it is incomplete ({} of {} bytes)", file.body().size(), length);
    return FileState::incomplete;
  }
  if (file.body().size() > length || sha256_hex(file.body()) != file.header["sha256"]) {
    why = "its checksum does not match (damaged in transit)";
    return FileState::damaged;
  }
  if (file.header["replica"].empty()) {
    why = "its header names no replica";
    return FileState::damaged;
  }
  return FileState::whole;
}

bool is_conflict_copy(const std::string& name)
{
  return name.find(".sync-conflict-") != std::string::npos ||
         name.find("conflicted copy") != std::string::npos ||
         name.find("Conflicted copy") != std::string::npos;
}

// "12.changeset" → 12; 0 for anything else.
std::int64_t seq_of(const std::string& name)
{
  constexpr std::string_view suffix = ".changeset";
  if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) {
    return 0;
  }
  const std::string digits = name.substr(0, name.size() - suffix.size());
  if (digits.empty() || digits.size() > 15 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  return std::stoll(digits);
}

std::string root_of(const std::string& dir)
{
  return (fs::path(dir) / "sleeplog-sync").string();
}

// The whole files of one replica's folder from `after` + 1 on, in sequence, stopping at
// the first gap or unreadable file (warned about).
struct Folder
{
  std::string name;
  std::vector<SyncFile> files; // whole and in sequence from after + 1
  std::int64_t whole = 0;      // files seen (those up to `after` are taken as whole)
};

std::map<std::int64_t, std::string> folder_files(const fs::path& folder,
                                                 std::vector<std::string>* warnings)
{
  std::map<std::int64_t, std::string> by_seq;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') {
      continue; // our own temporary files, and the sync tools' (.syncthing.*.tmp, .~tmp)
    }
    if (is_conflict_copy(name)) {
      if (warnings) {
        warnings->push_back(fmt::format("ignored {}: a copy the sync tool made of a conflict "
                                        "(sleeplog never rewrites its files; it can be deleted)",
                                        entry.path().string()));
      }
      continue;
    }
    const std::int64_t seq = seq_of(name);
    if (seq == 0) {
      if (warnings) {
        warnings->push_back(
          fmt::format("ignored {}: not a sleeplog sync file", entry.path().string()));
      }
      continue;
    }
    by_seq[seq] = entry.path().string();
  }
  return by_seq;
}

// The replica that writes a folder, from the header of its first file ("" if none yet).
std::string folder_replica(const fs::path& folder)
{
  const auto files = folder_files(folder, nullptr);
  if (files.empty()) {
    return {};
  }
  std::ifstream in(files.begin()->second, std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (line != magic) {
    return {};
  }
  while (std::getline(in, line) && !line.empty()) {
    if (line.rfind("replica ", 0) == 0) {
      return line.substr(8);
    }
  }
  return {};
}

Folder read_folder(const fs::path& folder, const std::string& replica, std::int64_t after,
                   std::vector<std::string>& warnings)
{
  Folder result;
  result.name = folder.filename().string();
  std::int64_t expected = after + 1;
  for (const auto& [seq, path] : folder_files(folder, &warnings)) {
    if (seq <= after) {
      ++result.whole;
      continue;
    }
    if (expected < 0) {
      continue; // after a gap: applied in order, later
    }
    SyncFile file;
    std::string why;
    if (read_sync_file(path, file, why) != FileState::whole) {
      warnings.push_back(
        fmt::format("skipped {}: {}; a later sync applies it once it is whole", path, why));
      expected = -1;
      continue;
    }
    if (file.header["replica"] != replica || file.seq != seq) {
      warnings.push_back(
        fmt::format("skipped {}: its header does not match its folder and name", path));
      expected = -1;
      continue;
    }
    ++result.whole;
    if (seq != expected) {
      warnings.push_back(fmt::format("{} waits for file {} of its replica", path, expected));
      expected = -1;
      continue;
    }
    ++expected;
    result.files.push_back(std::move(file));
  }
  return result;
}

// --- applying ----------------------------------------------------------------------

// Binds a changeset's value as it is (a text without copying it: the file outlives the
// statement's run).
void bind_change_value(Statement& st, int index, const ChangeValue& value)
{
  switch (value.type) {
  case ChangeValue::Type::null: st.bind(index, std::nullopt); break;
  case ChangeValue::Type::integer: st.bind(index, value.integer); break;
  case ChangeValue::Type::real: st.bind(index, value.real); break;
  case ChangeValue::Type::text: st.bind_static(index, value.bytes); break;
  case ChangeValue::Type::blob: st.bind_blob(index, value.bytes); break;
  }
}

// Reads a file's changeset (ChangesetReader: the session extension's format, read in
// place) into unkeyed temporary wire tables whose STRICT types and CHECKs hold the rules;
// InputError (nothing applied) when it does not fit. (Applying it with
// sqlite3changeset_apply_v2 needs keyed tables, whose inserts in the changeset's hash
// order cost a first sync of 80,000 events some 0.6 s.) A table is made when a row needs
// it; returns the names of those that got rows. apply_file empties them (clear_incoming),
// or its caller rolls them back.
//
// With `fresh`, events are held there instead (see WireEvents) while each keeps its rules;
// at the first that may not, the ones held go into the table and `fresh` is let go.
std::set<std::string, std::less<>> load_body(Store& store, const SyncFile& file,
                                             std::optional<WireEvents>& fresh)
{
  const auto refuse = [&](const std::string& why) {
    return InputError(
      fmt::format("{} does not fit this sleeplog's sync format: {}", file.path, why),
      "nothing was applied; remove that file from the folder (the replica that "
      "wrote it can send its changes again with a newer sleeplog)");
  };
  // Each table's columns, and its INSERT once a row needs the table (made then).
  std::map<std::string, std::pair<std::size_t, std::unique_ptr<Statement>>, std::less<>> inserts;
  for (const auto& t : tables()) {
    inserts[t.name].first = t.columns.size() + 1;
  }
  inserts["tombstone"].first = 3;
  std::set<std::string, std::less<>> used;
  const auto insert_into = [&](auto& insert) -> Statement& {
    if (!insert.second.second) {
      insert.second.second = incoming_table(store, insert.first, insert.second.first);
      used.insert(insert.first);
    }
    return *insert.second.second;
  };
  ChangesetReader reader(file.body());
  for (;;) {
    const auto step = reader.next();
    if (step == ChangesetReader::Step::end) {
      break;
    }
    if (step == ChangesetReader::Step::damaged) {
      throw refuse("its changeset is damaged");
    }
    const auto insert = inserts.find(reader.table());
    if (step != ChangesetReader::Step::insert || insert == inserts.end() ||
        insert->second.first != reader.columns()) {
      throw refuse(fmt::format("a change to `{}` ({} columns)", reader.table(), reader.columns()));
    }
    const auto& values = reader.values();
    if (fresh && insert->first == "event") {
      if (fresh->add(values.data())) {
        continue;
      }
      fresh->put_into(insert_into(*insert));
      fresh.reset();
    }
    Statement& st = insert_into(*insert);
    // The wire tables' STRICT types and CHECKs are the rules a row must keep.
    for (std::size_t i = 0; i < values.size(); ++i) {
      bind_change_value(st, static_cast<int>(i) + 1, values[i]);
    }
    try {
      st.run();
    } catch (const StorageError& e) {
      if ((e.code() & 0xff) != SQLITE_CONSTRAINT) {
        throw;
      }
      throw refuse("a row breaks the rules of its table (a value out of range or of the wrong "
                   "type)");
    }
  }
  return used;
}

std::string canonical_child(const Store& store, const std::string& uuid)
{
  auto& known = active_cache->canonical;
  if (const auto found = known.find(uuid); found != known.end()) {
    return found->second;
  }
  Statement& st = prepared(store, "SELECT canonical FROM child_alias WHERE uuid = ?");
  st.bind(1, uuid);
  std::string canonical = st.step() ? std::string(st.text(0)) : uuid;
  known.emplace(uuid, canonical);
  return canonical;
}

std::optional<std::int64_t> local_id(const Store& store, const char* table, const std::string& uuid)
{
  Statement& st = prepared(store, fmt::format("SELECT id FROM {} WHERE uuid = ?", table));
  st.bind(1, uuid);
  if (st.step()) {
    return st.int64(0);
  }
  return std::nullopt;
}

std::string text_of(const Value& v)
{
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : std::string();
}

enum class Applied {
  done,
  waiting,  // refers to a row this file does not have yet
  orphaned, // refers to a row deleted here: it goes with it
  skipped,  // could not be placed here (a name or content key taken); kept as a conflict
};

Row row_from_json(const Store& store, const Table& table, const std::string& json)
{
  Row row;
  for (const auto& [name, type] : table.columns) {
    Statement& st = prepared(store, "SELECT json_extract(?1, '$.' || ?2)");
    st.bind(1, json).bind(2, name);
    if (!st.step() || st.is_null(0)) {
      row.emplace_back(std::monostate{});
    } else if (type == 'i') {
      row.emplace_back(st.int64(0));
    } else {
      row.emplace_back(std::string(st.text(0)));
    }
  }
  return row;
}

// True when the row was deleted here (its tombstone won).
bool gone(const Store& store, const char* table, const std::string& key)
{
  Statement& st = prepared(store, "SELECT deleted FROM row_clock WHERE tbl = ? AND key = ?");
  st.bind(1, table).bind(2, key);
  return st.step() && st.int64(0) != 0;
}

// Runs an upsert of a wire row whose second column names its parent by uuid: the
// parent's id here goes in its place.
void bind_with_parent(Statement& st, const Row& row, std::int64_t parent_id)
{
  bind_value(st, 1, row[0]);
  st.bind(2, parent_id);
  for (std::size_t i = 2; i < row.size(); ++i) {
    bind_value(st, static_cast<int>(i) + 1, row[i]);
  }
  st.run();
}

// Writes a wire row into the log (insert or replace). A fresh event is one a first sync
// brings into a log with no events, whose indexes are built after (see FreshEvents).
Applied upsert(Store& store, const Table& table, const Row& row, bool fresh = false)
{
  const std::string_view name = table.name;
  try {
    if (name == "child") {
      active_cache->forget_children();
      Statement& st =
        prepared(store, "INSERT INTO child(uuid, name, born) VALUES (?1, ?2, ?3) ON CONFLICT(uuid) "
                        "DO UPDATE SET name = excluded.name, born = excluded.born");
      bind_value(st, 1, row[0]);
      bind_value(st, 2, row[1]);
      bind_value(st, 3, row[2]);
      st.run();
      return Applied::done;
    }
    if (name == "setting") {
      Statement& st =
        prepared(store, "INSERT INTO setting(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO "
                        "UPDATE SET value = excluded.value");
      bind_value(st, 1, row[0]);
      bind_value(st, 2, row[1]);
      st.run();
      return Applied::done;
    }
    if (name == "plan_hold") {
      const auto plan = local_id(store, "plan", text_of(row[1]));
      if (!plan) {
        return gone(store, "plan", text_of(row[1])) ? Applied::orphaned : Applied::waiting;
      }
      Statement& st =
        prepared(store, "INSERT INTO plan_hold(uuid, plan_id, from_night, nights, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(uuid) DO UPDATE SET plan_id = "
                        "excluded.plan_id, from_night = excluded.from_night, nights = "
                        "excluded.nights, created_at = excluded.created_at");
      bind_with_parent(st, row, *plan);
      return Applied::done;
    }
    // The rest belong to a child.
    const std::size_t child_column = name == "tag" ? 0 : 1;
    const std::string child_uuid = canonical_child(store, text_of(row[child_column]));
    auto& known = active_cache->child_ids;
    std::optional<std::int64_t> child;
    if (const auto found = known.find(child_uuid); found != known.end()) {
      child = found->second;
    } else if ((child = local_id(store, "child", child_uuid))) {
      known[child_uuid] = *child;
    }
    if (!child) {
      return gone(store, "child", child_uuid) ? Applied::orphaned : Applied::waiting;
    }
    if (name == "tag") {
      Statement& st =
        prepared(store, "INSERT INTO tag(child_id, night, word, note) VALUES (?1, ?2, ?3, ?4) ON "
                        "CONFLICT(child_id, night, word) DO UPDATE SET note = excluded.note");
      st.bind(1, *child);
      bind_value(st, 2, row[1]);
      bind_value(st, 3, row[2]);
      bind_value(st, 4, row[3]);
      st.run();
      return Applied::done;
    }
    if (name == "plan") {
      Statement& st =
        prepared(store, "INSERT INTO plan(uuid, child_id, method, from_night, until_night, waits, "
                        "stage_nights, positions, start_min, goal_min, step_min, checkin_max_s, "
                        "timer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                        "?12, ?13, ?14) ON CONFLICT(uuid) DO UPDATE SET child_id = "
                        "excluded.child_id, method = excluded.method, from_night = "
                        "excluded.from_night, until_night = excluded.until_night, waits = "
                        "excluded.waits, stage_nights = excluded.stage_nights, positions = "
                        "excluded.positions, start_min = excluded.start_min, goal_min = "
                        "excluded.goal_min, step_min = excluded.step_min, checkin_max_s = "
                        "excluded.checkin_max_s, timer = excluded.timer, created_at = "
                        "excluded.created_at");
      bind_with_parent(st, row, *child);
      return Applied::done;
    }
    if (fresh) {
      Statement& st =
        prepared(store, "INSERT INTO event(uuid, child_id, kind, start_at, end_at, utc_offset, "
                        "by_name, note, source_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      bind_with_parent(st, row, *child);
      return Applied::done;
    }
    // An event. Another app's export imported on both machines brings the same content
    // key under two uuids: the one here stays.
    Statement& taken = prepared(store, "SELECT 1 FROM event WHERE source_key = ?1 AND uuid <> ?2");
    bind_value(taken, 1, row[8]);
    bind_value(taken, 2, row[0]);
    if (!std::holds_alternative<std::monostate>(row[8]) && taken.step()) {
      return Applied::skipped;
    }
    Statement& st =
      prepared(store, "INSERT INTO event(uuid, child_id, kind, start_at, end_at, utc_offset, "
                      "by_name, note, source_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON "
                      "CONFLICT(uuid) DO UPDATE SET child_id = excluded.child_id, kind = "
                      "excluded.kind, start_at = excluded.start_at, end_at = excluded.end_at, "
                      "utc_offset = excluded.utc_offset, by_name = excluded.by_name, note = "
                      "excluded.note, source_key = excluded.source_key");
    bind_with_parent(st, row, *child);
    return Applied::done;
  } catch (const StorageError& e) {
    if ((e.code() & 0xff) == SQLITE_CONSTRAINT) {
      return Applied::skipped; // e.g. a child renamed to a name another child has here
    }
    throw;
  }
}

// Puts back the rows parked for a plan or child that has come back, unless a later
// version of them came meanwhile.
void unpark(Store& store, const std::string& parent)
{
  struct Parked
  {
    std::string table, key, hlc, json;
  };
  std::vector<Parked> parked;
  {
    Statement& st = prepared(store, "SELECT tbl, key, hlc, row FROM sync_parked WHERE parent = ?");
    st.bind(1, parent);
    while (st.step()) {
      parked.push_back({std::string(st.text(0)), std::string(st.text(1)), std::string(st.text(2)),
                        std::string(st.text(3))});
    }
  }
  for (const auto& p : parked) {
    Statement& drop = prepared(store, "DELETE FROM sync_parked WHERE tbl = ? AND key = ?");
    drop.bind(1, p.table).bind(2, p.key).run();
    const Table* table = table_named(p.table);
    const auto clock = row_clock(store, p.table, p.key);
    if (!table || !clock || clock->hlc != p.hlc) {
      continue;
    }
    if (upsert(store, *table, row_from_json(store, *table, p.json)) == Applied::done) {
      Statement& alive =
        prepared(store, "UPDATE row_clock SET deleted = 0 WHERE tbl = ? AND key = ?");
      alive.bind(1, p.table).bind(2, p.key).run();
      if (p.table == "plan") {
        unpark(store, split_key(p.key)[0]);
      }
    }
  }
}

void remove_row(Store& store, const Table& table, const std::string& key)
{
  active_cache->forget_children();
  Statement& st = prepared(store, table.delete_sql);
  bind_key(st, key);
  st.run();
}

void record_conflict(Store& store, const std::string& table, const std::string& key,
                     const RowClock& loser, const std::string& json, const std::string& winner_hlc,
                     const std::string& winner_origin, std::int64_t now)
{
  Statement& st = prepared(
    store, "INSERT INTO sync_conflict(tbl, key, hlc, origin, row, winner_hlc, winner_origin, "
           "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, table).bind(2, key).bind(3, loser.hlc).bind(4, loser.origin);
  if (json.empty()) {
    st.bind(5, std::nullopt);
  } else {
    st.bind(5, json);
  }
  st.bind(6, winner_hlc).bind(7, winner_origin).bind(8, now).run();
}

// Makes a child of the same name on two replicas one child: both keep the smaller uuid,
// the other becomes an alias. Returns true when it merged.
bool merge_child(Store& store, Row& row, const std::vector<std::string>& separate,
                 const std::string& from)
{
  const std::string uuid = text_of(row[0]);
  if (local_id(store, "child", uuid)) {
    return false;
  }
  Statement& same = prepared(store, "SELECT id, uuid FROM child WHERE name = ?");
  bind_value(same, 1, row[1]);
  if (!same.step()) {
    return false;
  }
  const std::string name = text_of(row[1]);
  if (std::find(separate.begin(), separate.end(), name) != separate.end()) {
    // Kept apart: the other machine's child takes its replica's name beside its own.
    row[1] = fmt::format("{} ({})", name, from);
    return false;
  }
  const std::int64_t id = same.int64(0);
  const std::string here(same.text(1));
  active_cache->forget_children();
  if (uuid < here) {
    // This replica adopts the other's uuid, and everything it knew by its own follows.
    Statement& adopt = prepared(store, "UPDATE child SET uuid = ? WHERE id = ?");
    adopt.bind(1, uuid).bind(2, id).run();
    Statement& follow = prepared(store, "UPDATE child_alias SET canonical = ? WHERE canonical = ?");
    follow.bind(1, uuid).bind(2, here).run();
    Statement& alias = prepared(store, "INSERT OR REPLACE INTO child_alias(uuid, canonical) "
                                       "VALUES (?, ?)");
    alias.bind(1, here).bind(2, uuid).run();
    Statement& clocks =
      prepared(store, "UPDATE OR REPLACE row_clock SET key = ?1 || substr(key, length(?2) + 1) "
                      "WHERE (tbl = 'child' AND key = ?2) OR (tbl = 'tag' AND key >= ?2 || "
                      "char(9) AND key < ?2 || char(10))");
    clocks.bind(1, uuid).bind(2, here).run();
  } else {
    Statement& alias = prepared(store, "INSERT OR REPLACE INTO child_alias(uuid, canonical) "
                                       "VALUES (?, ?)");
    alias.bind(1, uuid).bind(2, here).run();
    row[0] = here;
  }
  return true;
}

std::map<std::string, std::int64_t> parse_seen(const std::string& text)
{
  std::map<std::string, std::int64_t> seen;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto colon = item.find(':');
    if (colon != std::string::npos) {
      try {
        seen[item.substr(0, colon)] = std::stoll(item.substr(colon + 1));
      } catch (const std::exception&) {
      }
    }
  }
  return seen;
}

struct FileOutcome
{
  Applied applied = Applied::done;
  std::int64_t conflicts = 0;
  std::vector<std::string> merged;
  std::string waiting_for; // the row that refers to one not here yet
};

// Whether a file's events may go into this log all at once: it holds no event and never
// did (no event's clock).
bool starts_event_log(Store& store)
{
  Statement& none = prepared(store, "SELECT NOT EXISTS (SELECT 1 FROM event) AND NOT EXISTS "
                                    "(SELECT 1 FROM row_clock WHERE tbl = 'event') AND NOT "
                                    "EXISTS (SELECT 1 FROM event_clock_run)");
  return none.step() && none.int64(0) != 0;
}

// Puts a file's events into a log that has none, all at once, in clock order (so the new
// ids follow it, one after another), then their clocks in that order, many to a row of
// event_clock_run. Call between begin_bulk_load and, for a false return, end_bulk_load:
// false, with nothing written, when an event names a child not here (that one waits or is
// parked, which the row-by-row merge decides).
bool insert_fresh_events(Store& store, const WireEvents& events, const std::string& sender,
                         std::int64_t seq, std::string& latest_clock)
{
  std::unordered_map<std::string, std::int64_t> child_ids; // uuid on the wire → id here
  for (const auto& uuid : events.children()) {
    const auto here = local_id(store, "child", canonical_child(store, uuid));
    if (!here) {
      return false;
    }
    child_ids.emplace(uuid, *here);
  }
  const auto clocks = events.insert_events(store.connection(), child_ids);
  active_cache->finish_reads();
  store.end_bulk_load(); // a uuid the file repeats is refused here, before its clock
  // The log had no event: AUTOINCREMENT gave the loaded ones the ids from min(id) on.
  // (Two subqueries: each reads one end of the table, where min(id), max(id) reads it all.)
  Statement ids(store.connection(),
                "SELECT (SELECT min(id) FROM event), (SELECT max(id) FROM event)");
  if (!ids.step() || ids.int64(1) - ids.int64(0) + 1 != static_cast<std::int64_t>(events.size())) {
    throw StorageError("a new machine's first sync found its events' ids out of step");
  }
  insert_clock_runs(store.connection(), clocks.runs, ids.int64(0), sender, seq);
  latest_clock = std::max(latest_clock, clocks.latest);
  return true;
}

// Merges one whole file into the log (inside a savepoint the caller rolls back when the
// file waits for another replica's).
FileOutcome apply_file(Store& store, const SyncFile& file, const std::string& self,
                       std::int64_t now, const std::vector<std::string>& separate)
{
  FileOutcome outcome;
  std::optional<WireEvents> fresh;
  if (starts_event_log(store)) {
    fresh.emplace(file.body());
  }
  auto used = load_body(store, file, fresh);
  const std::string sender = file.header.at("replica");
  const auto seen = parse_seen(file.header.count("seen") ? file.header.at("seen") : "");
  const auto seen_by_sender = [&](const RowClock& version) {
    if (version.origin == sender) {
      return true;
    }
    const auto found = seen.find(version.origin);
    return found != seen.end() && found->second >= version.oseq;
  };

  struct Incoming
  {
    const Table* table;
    std::string key;
    Row row;
    std::string hlc;
    bool deleted;
  };
  // A first sync into a log with no events (a new machine joining) loads them the way an
  // import does: the event indexes are built after, and the clocks written in key order.
  struct FreshEvents
  {
    std::vector<std::pair<std::string, std::string>> clocks; // key, hlc
  };
  std::optional<FreshEvents> fresh_events;
  std::string latest_clock;
  // Merges one incoming row or tombstone; false when the file must wait for another's.
  const auto merge = [&](Incoming& in) {
    const Table& table = *in.table;
    const std::string name = table.name;
    if (name == "setting" && local_setting(in.deleted ? in.key : text_of(in.row[0]))) {
      return true; // another machine's own (a newer sleeplog may send one)
    }
    if (!in.deleted) {
      if (name == "tag" || name == "child") {
        in.row[0] = canonical_child(store, text_of(in.row[0]));
      }
      if (name == "child" &&
          merge_child(store, in.row, separate,
                      file.header.count("name") ? file.header.at("name") : sender)) {
        outcome.merged.push_back(text_of(in.row[1]));
      }
      in.key = key_of(table, in.row);
    } else if (name == "tag" || name == "child") {
      auto parts = split_key(in.key);
      parts[0] = canonical_child(store, parts[0]);
      in.key = parts[0];
      for (std::size_t i = 1; i < parts.size(); ++i) {
        in.key += '\t' + parts[i];
      }
    }
    if (in.hlc > latest_clock) {
      latest_clock = in.hlc;
    }
    // A fresh event has no clock and no row here: when it goes in, only its clock is
    // left to write; anything else takes the general path below.
    std::optional<Applied> fresh_got;
    if (fresh_events && !in.deleted && name == "event") {
      fresh_got = upsert(store, table, in.row, true);
      if (*fresh_got == Applied::done) {
        fresh_events->clocks.emplace_back(in.key, in.hlc);
        return true;
      }
    }
    const auto clock = fresh_got ? std::nullopt : row_clock(store, name, in.key);
    // A row with no clock here was never here: every row this replica wrote got one when
    // it was sent, which comes before receiving.
    const auto here = clock ? local_row(store, table, in.key) : std::nullopt;
    const RowClock mine = clock.value_or(RowClock{"", self, 0, !here.has_value()});
    if (!mine.hlc.empty() && in.hlc == mine.hlc) {
      return true; // this very version is here
    }
    const bool same = in.deleted ? !here.has_value() : (here && *here == in.row);
    const RowClock theirs{in.hlc, sender, file.seq, in.deleted};
    if (in.hlc > mine.hlc) {
      if (in.deleted) {
        if (here) {
          remove_row(store, table, in.key);
        }
      } else {
        const Applied got = fresh_got ? *fresh_got : upsert(store, table, in.row);
        if (got == Applied::waiting) {
          outcome.applied = Applied::waiting;
          outcome.waiting_for = fmt::format("{} {}", name, in.key.substr(0, in.key.find('\t')));
          return false;
        }
        if (got == Applied::orphaned) {
          // What it belongs to was deleted, and that deletion won: it goes too, parked
          // in case a later change brings its plan or child back.
          set_row_clock(store, name, in.key, in.hlc, sender, file.seq, true);
          Statement& park =
            prepared(store, "INSERT OR REPLACE INTO sync_parked(tbl, key, parent, hlc, row) VALUES "
                            "(?, ?, ?, ?, ?)");
          park.bind(1, name).bind(2, in.key);
          park.bind(3, name == "plan_hold"
                         ? text_of(in.row[1])
                         : canonical_child(store, text_of(in.row[name == "tag" ? 0 : 1])));
          park.bind(4, in.hlc).bind(5, row_json(table, in.row)).run();
          return true;
        }
        if (name == "plan" || name == "child") {
          unpark(store, text_of(in.row[0]));
        }
        if (got == Applied::skipped) {
          record_conflict(store, name, in.key, theirs, row_json(table, in.row), mine.hlc,
                          mine.origin, now);
          ++outcome.conflicts;
          return true;
        }
      }
      if (!same && !mine.hlc.empty() && !seen_by_sender(mine)) {
        record_conflict(store, name, in.key, mine, here ? row_json(table, *here) : std::string(),
                        in.hlc, sender, now);
        ++outcome.conflicts;
      }
      set_row_clock(store, name, in.key, in.hlc, sender, file.seq, in.deleted);
    } else if (!same) {
      // The version here is later: the incoming one lost.
      record_conflict(store, name, in.key, theirs,
                      in.deleted ? std::string() : row_json(table, in.row), mine.hlc, mine.origin,
                      now);
      ++outcome.conflicts;
    }
    return true;
  };

  // Rows, each table in order, then tombstones; read as they are merged.
  for (const auto& table : tables()) {
    std::string columns;
    for (const auto& [name, type] : table.columns) {
      columns += std::string(name) + ", ";
    }
    if (std::string_view(table.name) == "event" && fresh) {
      constexpr std::size_t many = 1000; // below this, building the indexes after saves nothing
      const bool bulk = fresh->size() >= many;
      if (bulk) {
        active_cache->finish_reads();
        store.begin_bulk_load();
        if (insert_fresh_events(store, *fresh, sender, file.seq, latest_clock)) {
          continue;
        }
        fresh_events.emplace();
      }
      fresh->put_into(*incoming_table(store, "event", WireEvents::columns));
      fresh.reset();
      used.insert("event");
    }
    if (used.count(table.name) == 0) {
      continue; // no row of it came
    }
    Statement st(store.connection(), fmt::format("SELECT {}hlc FROM {}{} ORDER BY hlc", columns,
                                                 incoming_prefix, table.name));
    while (st.step()) {
      Incoming in{&table,
                  {},
                  read_row(st, table),
                  std::string(st.text(static_cast<int>(table.columns.size()))),
                  false};
      if (!merge(in)) {
        return outcome;
      }
    }
    if (fresh_events) {
      auto& clocks = fresh_events->clocks;
      std::sort(clocks.begin(), clocks.end());
      for (const auto& [key, hlc] : clocks) {
        set_row_clock(store, "event", key, hlc, sender, file.seq, false);
      }
      fresh_events.reset();
      active_cache->finish_reads();
      store.end_bulk_load();
    }
  }
  // What refers to a row goes before it, so that a child or plan deleted with its rows
  // finds them gone.
  if (used.count("tombstone") != 0) {
    Statement tombs(store.connection(),
                    "SELECT tbl, key, hlc FROM temp.wire_tombstone ORDER BY CASE tbl WHEN 'event' "
                    "THEN 0 WHEN 'tag' THEN 1 WHEN 'plan_hold' THEN 2 WHEN 'plan' THEN 3 "
                    "WHEN 'child' THEN 4 ELSE 5 END, key");
    while (tombs.step()) {
      Incoming in{table_named(tombs.text(0)),
                  std::string(tombs.text(1)),
                  {},
                  std::string(tombs.text(2)),
                  true};
      if (!merge(in)) {
        return outcome;
      }
    }
  }
  if (!latest_clock.empty()) {
    observe_clock(store, latest_clock);
  }
  clear_incoming(store, used);
  return outcome;
}

std::string own_folder(Store& store)
{
  if (auto folder = state(store, "folder")) {
    return *folder;
  }
  std::string name = replica_name(store);
  set_state(store, "folder", name);
  return name;
}

void write_file_atomically(const fs::path& target, std::string_view bytes)
{
  const fs::path temporary =
    target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw StorageError(fmt::format("cannot write {}: {}", temporary.string(), std::strerror(errno)),
                       "check that the sync folder is writable");
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw StorageError(
        fmt::format("cannot write {}: {}", temporary.string(), std::strerror(error)));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temporary.c_str());
    throw StorageError(
      fmt::format("cannot write {}: {}", temporary.string(), std::strerror(errno)));
  }
  // A file is never rewritten: link() fails when the name is taken.
  if (::link(temporary.c_str(), target.c_str()) != 0 && errno != EEXIST) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw StorageError(fmt::format("cannot write {}: {}", target.string(), std::strerror(error)));
  }
  ::unlink(temporary.c_str());
  const int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

// A lost version in words, for `sync conflicts`.
std::string describe_version(const Store& store, const std::string& table, const std::string& key,
                             const std::string& json)
{
  const auto field = [&](const char* name) {
    Statement& st = prepared(store, "SELECT coalesce(json_extract(?1, '$.' || ?2), '')");
    st.bind(1, json).bind(2, name);
    return st.step() ? std::string(st.text(0)) : std::string();
  };
  if (json.empty()) {
    const auto parts = split_key(key);
    if (table == "tag" && parts.size() == 3) {
      return fmt::format("its deletion of tag {} on {}", parts[2], parts[1]);
    }
    if (table == "setting") {
      return fmt::format("its reset of {}", key);
    }
    return fmt::format("its deletion of {} {}", table == "plan_hold" ? "a hold" : table,
                       parts[0].substr(0, 8));
  }
  if (table == "event") {
    const auto number = [&](const char* name) {
      const auto text = field(name);
      return text.empty() ? 0LL : std::stoll(text);
    };
    const auto start = number("start_at");
    const int offset = static_cast<int>(number("utc_offset"));
    std::string text =
      fmt::format("{} {} {}", field("kind"), time::format_iso(start, offset).substr(0, 10),
                  time::format_clock(start, offset));
    if (const auto end = field("end_at"); !end.empty()) {
      text += fmt::format("–{}", time::format_clock(std::stoll(end), offset));
    }
    if (const auto by = field("by_name"); !by.empty()) {
      text += fmt::format(", by {}", by);
    }
    if (const auto note = field("note"); !note.empty()) {
      text += fmt::format(", note \"{}\"", note);
    }
    return text;
  }
  if (table == "tag") {
    const auto note = field("note");
    return fmt::format("tag {} on {}{}", field("word"), field("night"),
                       note.empty() ? "" : fmt::format(" (\"{}\")", note));
  }
  if (table == "setting") {
    return fmt::format("{} = {}", field("key"), field("value"));
  }
  if (table == "child") {
    return fmt::format("child {}", field("name"));
  }
  if (table == "plan") {
    const auto until = field("until_night");
    return fmt::format("{} plan from {}{}", field("method"), field("from_night"),
                       until.empty() ? "" : " to " + until);
  }
  return fmt::format("a hold from {} for {} night(s)", field("from_night"), field("nights"));
}

} // namespace

std::optional<std::string> chosen_replica_name(const Store& store)
{
  CacheScope statements;
  return state(store, "replica-name");
}

std::string replica_name(const Store& store)
{
  CacheScope statements;
  if (auto name = state(store, "replica-name")) {
    return *name;
  }
  return host_name();
}

void set_replica_name(Store& store, const std::string& name)
{
  CacheScope statements;
  if (!good_replica_name(name)) {
    throw InputError(fmt::format("'{}' cannot name a replica", name),
                     "use letters, digits, '-', '_' and '.', e.g. dad-laptop");
  }
  set_state(store, "replica-name", name);
}

void prepare_to_sync(Store& store)
{
  // A file's rows are read into temporary tables once: a page cache that holds them
  // costs no writes to a temporary file (the tables of 80,000 events take some 12 MiB).
  // The temporary store stays a file's, as SQLite's sorter wants for a long first load's
  // uuid index: with temp_store = MEMORY it sorts everything in one list, a third slower.
  store.connection().exec("PRAGMA temp.cache_size = -32768");
}

SyncResult sync_with(Store& store, const std::string& dir, std::int64_t now,
                     const std::vector<std::string>& separate)
{
  CacheScope statements;
  SyncResult result;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw InputError(fmt::format("{} is not a folder", dir),
                     "give the folder your sync tool keeps in step, e.g. ~/Sync/baby");
  }
  const std::string self = replica_id(store);
  const std::string folder = own_folder(store);
  const fs::path root = root_of(dir);
  const fs::path mine = root / folder;
  if (fs::is_directory(mine, ec)) {
    if (const auto owner = folder_replica(mine); !owner.empty() && owner != self) {
      throw InputError(
        fmt::format("the folder {} belongs to another replica with the same name", mine.string()),
        "give this machine its own name with `sleeplog config replica-name NAME` before its "
        "first sync; nothing was written");
    }
  }
  result.sent = send(store, self, now);

  std::map<std::string, std::int64_t> applied;
  {
    Statement& st = prepared(store, "SELECT replica, applied_seq FROM sync_peer");
    while (st.step()) {
      applied[std::string(st.text(0))] = st.int64(1);
    }
  }
  std::vector<Folder> folders;
  std::vector<std::string> replicas;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (!entry.is_directory() || entry.path().filename() == folder) {
      continue;
    }
    const std::string replica = folder_replica(entry.path());
    if (replica.empty() || replica == self) {
      continue;
    }
    const auto after = applied.count(replica) ? applied[replica] : 0;
    folders.push_back(read_folder(entry.path(), replica, after, result.warnings));
    replicas.push_back(replica);
  }

  std::map<std::string, Receipt> receipts;
  bool progress = true;
  std::vector<std::size_t> next(folders.size(), 0);
  std::vector<std::string> waiting(folders.size());
  while (progress) {
    progress = false;
    for (std::size_t f = 0; f < folders.size(); ++f) {
      auto& files = folders[f].files;
      while (next[f] < files.size()) {
        const SyncFile& file = files[next[f]];
        store.connection().exec("SAVEPOINT sync_file");
        const FileOutcome outcome = apply_file(store, file, self, now, separate);
        if (outcome.applied == Applied::waiting) {
          store.connection().exec("ROLLBACK TO sync_file; RELEASE sync_file");
          waiting[f] = outcome.waiting_for;
          break;
        }
        const std::string name =
          file.header.count("name") ? file.header.at("name") : folders[f].name;
        const std::int64_t changes =
          std::stoll(file.header.count("changes") ? file.header.at("changes") : "0");
        const std::int64_t latest =
          std::stoll(file.header.count("latest") ? file.header.at("latest") : "0");
        Statement& peer = prepared(
          store, "INSERT INTO sync_peer(replica, name, applied_seq, changes, latest_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(replica) DO UPDATE SET name = ?2, "
                 "applied_seq = ?3, changes = changes + ?4, latest_at = max(coalesce("
                 "latest_at, 0), ?5)");
        peer.bind(1, replicas[f]).bind(2, name).bind(3, file.seq).bind(4, changes).bind(5, latest);
        peer.run();
        store.connection().exec("RELEASE sync_file");
        auto& receipt = receipts[replicas[f]];
        receipt.name = name;
        receipt.changes += changes;
        receipt.latest_at = std::max(receipt.latest_at, latest);
        result.conflicts += outcome.conflicts;
        for (const auto& merged : outcome.merged) {
          if (std::find(result.merged_children.begin(), result.merged_children.end(), merged) ==
              result.merged_children.end()) {
            result.merged_children.push_back(merged);
          }
        }
        ++next[f];
        progress = true;
      }
    }
  }
  for (std::size_t f = 0; f < folders.size(); ++f) {
    if (next[f] < folders[f].files.size()) {
      result.warnings.push_back(fmt::format(
        "{} from {} waits for a change another replica's file brings (not here yet: its {} "
        "refers to it); a later sync applies it",
        folders[f].files[next[f]].path, folders[f].name, waiting[f]));
    }
  }
  for (auto& [replica, receipt] : receipts) {
    result.received.push_back(receipt);
  }
  return result;
}

void flush_outbox(const Store& store, const std::string& dir)
{
  CacheScope statements;
  const auto folder = state(store, "folder");
  if (!folder) {
    return;
  }
  const fs::path mine = fs::path(root_of(dir)) / *folder;
  std::error_code ec;
  fs::create_directories(mine, ec);
  if (ec) {
    throw StorageError(fmt::format("cannot create {}: {}", mine.string(), ec.message()),
                       "check that the sync folder is writable; the changes stay queued");
  }
  Statement& st = prepared(store, "SELECT seq, body FROM sync_out ORDER BY seq");
  while (st.step()) {
    const fs::path target = mine / fmt::format("{}.changeset", st.int64(0));
    if (!fs::exists(target, ec)) {
      write_file_atomically(target, st.blob(1));
    }
  }
}

SyncStatus sync_status(const Store& store, const std::string& dir)
{
  CacheScope statements;
  SyncStatus status;
  status.name = replica_name(store);
  const auto self = state(store, "replica-id").value_or("");
  const auto folder = state(store, "folder").value_or(status.name);
  if (!state(store, "next-seq")) {
    Statement& all = prepared(store, "SELECT count(*) FROM change");
    status.unsent = all.step() ? all.int64(0) : 0;
  } else {
    Statement& unsent = prepared(store, "SELECT count(*) FROM change WHERE id > ?");
    unsent.bind(1, state_int(store, "sent-through"));
    status.unsent = unsent.step() ? unsent.int64(0) : 0;
  }
  std::map<std::string, PeerStatus> peers;
  if (has_sync_tables(store)) {
    Statement& st = prepared(store, "SELECT replica, name, applied_seq, latest_at FROM sync_peer");
    while (st.step()) {
      auto& peer = peers[std::string(st.text(0))];
      peer.replica = st.text(0);
      peer.name = st.text(1);
      peer.applied_seq = st.int64(2);
      peer.latest_at = st.optional_int64(3).value_or(0);
    }
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_of(dir), ec)) {
    if (!entry.is_directory()) {
      continue;
    }
    const std::string name = entry.path().filename().string();
    const std::string replica = folder_replica(entry.path());
    if (replica.empty()) {
      continue;
    }
    auto& peer = peers[replica];
    peer.replica = replica;
    peer.self = replica == self || (self.empty() && name == folder);
    if (peer.name.empty()) {
      peer.name = peer.self ? status.name : name;
    }
    const Folder from =
      read_folder(entry.path(), replica, peer.self ? 1LL << 60 : peer.applied_seq, status.warnings);
    peer.files = from.whole;
    peer.pending = static_cast<std::int64_t>(from.files.size());
  }
  for (auto& [id, peer] : peers) {
    status.peers.push_back(peer);
  }
  return status;
}

std::vector<Conflict> sync_conflicts(const Store& store)
{
  CacheScope statements;
  std::vector<Conflict> conflicts;
  if (!has_sync_tables(store)) {
    return conflicts;
  }
  Statement& st =
    prepared(store, "SELECT c.id, c.tbl, c.key, coalesce(c.row, ''), coalesce(p.name, c.origin), "
                    "coalesce(w.name, c.winner_origin), c.at, c.hlc FROM sync_conflict c LEFT JOIN "
                    "sync_peer p ON p.replica = c.origin LEFT JOIN sync_peer w ON w.replica = "
                    "c.winner_origin ORDER BY c.id");
  const std::string self = state(store, "replica-id").value_or("");
  const std::string me = replica_name(store);
  while (st.step()) {
    Conflict c;
    c.id = st.int64(0);
    c.table = st.text(1);
    c.key = st.text(2);
    c.row_json = st.text(3);
    c.from = st.text(4) == self ? me : std::string(st.text(4));
    c.winner = st.text(5) == self ? me : std::string(st.text(5));
    c.lost_at = st.int64(6);
    c.at = parse_clock(std::string(st.text(7))).ms / 1000;
    c.what = describe_version(store, c.table, c.key, c.row_json);
    conflicts.push_back(std::move(c));
  }
  return conflicts;
}

Conflict restore_conflict(Store& store, std::int64_t id)
{
  CacheScope statements;
  Conflict found;
  bool exists = false;
  for (auto& c : sync_conflicts(store)) {
    if (c.id == id) {
      found = c;
      exists = true;
    }
  }
  if (!exists) {
    throw InputError(fmt::format("there is no conflict #{}", id),
                     "see them with `sleeplog sync conflicts`");
  }
  const Table* table = table_named(found.table);
  if (!table) {
    throw InputError(fmt::format("conflict #{} is of an unknown kind", id));
  }
  if (found.row_json.empty()) {
    remove_row(store, *table, found.key);
    return found;
  }
  Row row = row_from_json(store, *table, found.row_json);
  if (found.table == "tag" || found.table == "child") {
    row[0] = canonical_child(store, text_of(row[0]));
  }
  const Applied got = upsert(store, *table, row);
  if (got != Applied::done) {
    throw InputError(fmt::format("conflict #{} cannot be restored here: what it belongs to is gone "
                                 "or its name is taken",
                                 id));
  }
  return found;
}

} // namespace sleeplog::store
