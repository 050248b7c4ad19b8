// Events: writing them (one by one, or a bulk load without indexes), finding them by id,
// uuid or import key, and reading a child's events in time order (DESIGN §7.5, §7.6).
#include <sleeplog/store/schema.hpp>
#include <sleeplog/store/store.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store_shared.hpp"
#include <random>
#include <unistd.h>

namespace sleeplog::store {

namespace {

constexpr const char* event_columns =
  "id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, note";

model::Event read_event(const Statement& st, bool with_uuid = true)
{
  model::Event e;
  e.id = st.int64(0);
  if (with_uuid) {
    e.uuid = std::string(st.text(1));
  }
  e.child_id = st.int64(2);
  e.kind = model::parse_kind(st.text(3)).value_or(model::Kind::note);
  e.start = st.int64(4);
  e.end = st.optional_int64(5);
  e.offset_s = static_cast<int>(st.int64(6));
  e.by = std::string(st.text(7));
  e.note = std::string(st.text(8));
  return e;
}

bool has_events(const Connection& db)
{
  if (!has_table(db, "event")) {
    return false;
  }
  Statement any(db, "SELECT EXISTS (SELECT 1 FROM event)");
  return any.step() && any.int64(0) != 0;
}

constexpr std::string_view insert_head =
  "INSERT INTO event(id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, note, "
  "source_key, change_id)";
constexpr std::string_view insert_marks = "(?,?,?,?,?,?,?,?,?,?,?)";
constexpr int insert_parameters = 11;

} // namespace

void Store::insert_event(model::Event& event, std::int64_t change_id, const std::string& source_key)
{
  refuse_bad_event(event);
  if (event.uuid.empty()) {
    event.uuid = new_uuid();
  }
  if (m_bulk && event.id <= 0) {
    event.id = m_bulk->highest_id + 1;
  }
  if (m_bulk && event.id > m_bulk->highest_id) {
    // Free for certain: it waits for its batch.
    m_bulk->highest_id = event.id;
    auto& row = m_bulk->rows[m_bulk->waiting++];
    row.event = event; // assigned: the row's strings keep their memory
    row.source_key = source_key;
    row.change_id = change_id;
    if (m_bulk->waiting == m_bulk->rows.size()) {
      write_waiting_events();
    }
    return;
  }
  write_waiting_events(); // an id the load may have given already: asked of the table
  // A given id is kept when free; otherwise (or when 0) SQLite picks the next one.
  auto& st = prepared("INSERT INTO event(id, uuid, child_id, kind, start_at, end_at, utc_offset, "
                      "by_name, note, source_key, change_id) VALUES (CASE WHEN ?1 > 0 AND NOT "
                      "EXISTS (SELECT 1 FROM event WHERE id = ?1) THEN ?1 END,?2,?3,?4,?5,?6,?7,?8,"
                      "?9,?10,?11)");
  st.bind(1, event.id);
  st.bind(2, event.uuid)
    .bind(3, event.child_id)
    .bind(4, model::kind_name(event.kind))
    .bind(5, event.start)
    .bind(6, event.end)
    .bind(7, event.offset_s)
    .bind_text_or_null(8, event.by)
    .bind_text_or_null(9, event.note)
    .bind_text_or_null(10, source_key)
    .bind(11, change_id)
    .run();
  event.id = m_db->last_insert_rowid();
  if (m_bulk) {
    m_bulk->highest_id = std::max(m_bulk->highest_id, event.id);
  }
}

// Writes the rows waiting for their batch with one statement.
void Store::write_waiting_events()
{
  if (!m_bulk || m_bulk->waiting == 0) {
    return;
  }
  const std::size_t count = m_bulk->waiting;
  std::unique_ptr<Statement> rest;
  if (count == BulkEvents::batch && !m_bulk->full) {
    m_bulk->full =
      std::make_unique<Statement>(*m_db, multi_row_insert_sql(insert_head, insert_marks, count));
  } else if (count != BulkEvents::batch) {
    rest =
      std::make_unique<Statement>(*m_db, multi_row_insert_sql(insert_head, insert_marks, count));
  }
  Statement& st = rest ? *rest : *m_bulk->full;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& row = m_bulk->rows[i];
    const model::Event& e = row.event;
    const int at = static_cast<int>(i) * insert_parameters + 1;
    st.bind(at, e.id)
      .bind_static(at + 1, e.uuid)
      .bind(at + 2, e.child_id)
      .bind_static(at + 3, model::kind_name(e.kind))
      .bind(at + 4, e.start)
      .bind(at + 5, e.end)
      .bind(at + 6, e.offset_s);
    // Empty texts are stored as NULL, as by the one-row statement.
    for (const auto& [index, text] :
         {std::pair{at + 7, &e.by}, {at + 8, &e.note}, {at + 9, &row.source_key}}) {
      if (text->empty()) {
        st.bind(index, std::nullopt);
      } else {
        st.bind_static(index, *text);
      }
    }
    st.bind(at + 10, row.change_id);
  }
  m_bulk->waiting = 0;
  try {
    st.run();
  } catch (const StorageError& e) {
    // The loaded rows are checked already: only a repeated content key (two rows of an
    // app's export that are one) can fail here, and that is the file's fault.
    if (e.code() != SQLITE_CONSTRAINT_UNIQUE) {
      throw;
    }
    throw InputError("the file holds the same event twice (a repeated content key)",
                     "remove the repeated rows and import again; nothing was imported");
  }
}

void Store::update_event(const model::Event& event, std::int64_t change_id)
{
  refuse_bad_event(event);
  if (m_events_by_id || !m_recorder) {
    journal(change_id, event.id);
  }
  // child_id too: `edit ID --child NAME` moves an event to another child.
  Statement st(*m_db, "UPDATE event SET start_at = ?, end_at = ?, utc_offset = ?, by_name = ?, "
                      "note = ?, child_id = ? WHERE id = ?");
  st.bind(1, event.start)
    .bind(2, event.end)
    .bind(3, event.offset_s)
    .bind_text_or_null(4, event.by)
    .bind_text_or_null(5, event.note)
    .bind(6, event.child_id)
    .bind(7, event.id)
    .run();
}

void Store::delete_event(std::int64_t id, std::int64_t change_id)
{
  if (m_events_by_id || !m_recorder) {
    journal(change_id, id);
  }
  auto& st = prepared("DELETE FROM event WHERE id = ?");
  st.bind(1, id).run();
}

std::optional<model::Event> Store::event_by_id(std::int64_t id) const
{
  Statement st(*m_db, fmt::format("SELECT {} FROM event WHERE id = ?", event_columns));
  st.bind(1, id);
  if (!st.step()) {
    return std::nullopt;
  }
  return read_event(st);
}

std::optional<model::Event> Store::event_by_source_key(const std::string& key) const
{
  Statement st(*m_db, fmt::format("SELECT {} FROM event WHERE source_key = ?", event_columns));
  st.bind(1, key);
  if (!st.step()) {
    return std::nullopt;
  }
  return read_event(st);
}

bool Store::has_uuid(const std::string& uuid) const
{
  auto& st = prepared("SELECT 1 FROM event WHERE uuid = ?");
  st.bind(1, uuid);
  return st.step();
}

bool Store::has_source_key(const std::string& key) const
{
  auto& st = prepared("SELECT 1 FROM event WHERE source_key = ?");
  st.bind(1, key);
  return st.step();
}

namespace {

// The least string above every string that starts with `prefix` (prefix is ASCII).
std::string prefix_end(std::string prefix)
{
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

} // namespace

bool Store::has_source_key_prefix(const std::string& prefix) const
{
  auto& st = prepared("SELECT 1 FROM event WHERE source_key IS NOT NULL AND source_key >= ? "
                      "AND source_key < ? LIMIT 1");
  st.bind(1, prefix).bind(2, prefix_end(prefix));
  return st.step();
}

std::vector<KeyedEvent> Store::keyed_events(std::int64_t child_id, const std::string& prefix,
                                            model::Instant from, model::Instant to) const
{
  auto& st = prepared("SELECT id, source_key, start_at, coalesce(end_at, start_at) FROM event "
                      "WHERE child_id = ? AND start_at >= ? AND start_at < ? "
                      "AND source_key >= ? AND source_key < ? ORDER BY start_at, id");
  st.bind(1, child_id).bind(2, from).bind(3, to).bind(4, prefix).bind(5, prefix_end(prefix));
  std::vector<KeyedEvent> found;
  while (st.step()) {
    found.push_back({st.int64(0), std::string(st.text(1)), st.int64(2), st.int64(3)});
  }
  return found;
}

bool Store::has_id(std::int64_t id) const
{
  auto& st = prepared("SELECT 1 FROM event WHERE id = ?");
  st.bind(1, id);
  return st.step();
}

bool Store::has_events() const
{
  return store::has_events(*m_db);
}

std::int64_t Store::event_count() const
{
  Statement st(*m_db, "SELECT count(*) FROM event");
  return st.step() ? st.int64(0) : 0;
}

void Store::for_each_event(std::int64_t child_id, model::Instant from, model::Instant to,
                           const std::function<void(model::Event&&)>& fn, bool with_uuid) const
{
  Statement st(*m_db, fmt::format("SELECT {} FROM event WHERE child_id = ? AND start_at >= ? "
                                  "AND start_at < ? ORDER BY start_at, id",
                                  event_columns));
  st.bind(1, child_id).bind(2, from).bind(3, to);
  while (st.step()) {
    fn(read_event(st, with_uuid));
  }
}

std::optional<model::Instant> Store::latest_start(std::int64_t child_id) const
{
  Statement st(*m_db, "SELECT max(start_at) FROM event WHERE child_id = ?");
  st.bind(1, child_id);
  return st.step() ? st.optional_int64(0) : std::nullopt;
}

std::optional<model::Instant> Store::earliest_start(std::int64_t child_id) const
{
  Statement st(*m_db, "SELECT min(start_at) FROM event WHERE child_id = ?");
  st.bind(1, child_id);
  return st.step() ? st.optional_int64(0) : std::nullopt;
}

std::optional<model::Event> Store::open_interval(std::int64_t child_id, model::Kind kind) const
{
  Statement st(*m_db, fmt::format("SELECT {} FROM event WHERE child_id = ? AND kind = ? AND "
                                  "end_at IS NULL ORDER BY start_at DESC, id DESC LIMIT 1",
                                  event_columns));
  st.bind(1, child_id).bind(2, model::kind_name(kind));
  if (!st.step()) {
    return std::nullopt;
  }
  return read_event(st);
}

void Store::begin_bulk_load()
{
  m_statements.clear(); // prepared statements may refer to the indexes
  for (const auto& index : event_indexes()) {
    if (index.random_order) {
      m_db->exec(fmt::format("DROP INDEX IF EXISTS {}", index.name));
    }
  }
  m_bulk = std::make_unique<BulkEvents>();
  // The table is empty, but AUTOINCREMENT remembers every id it ever gave.
  Statement given(*m_db, "SELECT seq FROM sqlite_sequence WHERE name = 'event'");
  m_bulk->highest_id = given.step() ? given.int64(0) : 0;
}

void Store::end_bulk_load()
{
  write_waiting_events();
  m_bulk.reset();
  m_statements.clear();
  for (const auto& index : event_indexes()) {
    if (!index.random_order) {
      continue;
    }
    try {
      m_db->exec(index.create);
    } catch (const StorageError& e) {
      // Only a uniqueness failure is the file's fault; no space for the sort (or any other
      // storage fault) stays a storage error.
      if ((e.code() & 0xff) != SQLITE_CONSTRAINT) {
        throw;
      }
      throw InputError("the file holds the same event twice (a repeated uuid)",
                       "remove the repeated rows and import again; nothing was imported");
    }
  }
}

std::string new_uuid()
{
  static std::random_device device;
  static std::mt19937_64 engine((static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                                static_cast<std::uint64_t>(::getpid()));
  const std::uint64_t hi = (engine() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  const std::uint64_t lo = (engine() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

} // namespace sleeplog::store
