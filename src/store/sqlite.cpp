#include <sleeplog/store/sqlite.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>

namespace sleeplog::store {

namespace {

// Long enough that four or eight writers queueing for the lock never give up.
constexpr int busy_timeout_ms = 10000;
// More than any command uses; SQL built with values in it would otherwise pile up.
constexpr std::size_t most_kept_statements = 64;

std::string hint_for(int rc)
{
  switch (rc & 0xff) {
  case SQLITE_READONLY:
  case SQLITE_CANTOPEN:
  case SQLITE_PERM:
  case SQLITE_AUTH:
    return "check that the file and its folder exist and are writable, or choose another with --db";
  case SQLITE_NOTADB:
  case SQLITE_CORRUPT:
    return "the file is not a sleeplog database or is damaged; restore it from a backup";
  case SQLITE_FULL: return "the disk is full; free some space and try again (nothing was written)";
  case SQLITE_BUSY:
  case SQLITE_LOCKED: return "another sleeplog is holding the database; try again";
  default: return {};
  }
}

} // namespace

namespace {

// A file: URI for path, with the characters URIs give a meaning escaped.
std::string file_uri(const std::string& path, std::string_view query)
{
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '%' || c == '?' || c == '#' || byte < 0x21 || byte >= 0x7f) {
      uri += '%';
      uri += hex[byte >> 4];
      uri += hex[byte & 0x0f];
    } else {
      uri += c;
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

} // namespace

Connection::Connection(const std::string& path, OpenMode mode) : m_path(path)
{
  // Once, before SQLite starts: no count of its memory, which took a process-wide mutex
  // on every allocation (some 25 per imported row, 4% of an import's instructions).
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  static_cast<void>(configured);
  // Readers open read-write without CREATE: they never write, but as the last connection
  // to close they can fold the WAL back and remove it, leaving the folder as they found
  // it. SQLite falls back to read-only by itself when the file is not writable.
  int flags = mode == OpenMode::create     ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
              : mode == OpenMode::existing ? SQLITE_OPEN_READWRITE
                                           : (SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  const std::string name = mode == OpenMode::immutable ? file_uri(path, "immutable=1") : path;
  // The path has its links resolved by the caller (real_db_path); NOFOLLOW keeps a link
  // planted afterwards from being followed. One thread per connection: no mutexes needed
  // (they were 6% of a large import).
  flags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw StorageError(fmt::format("cannot open database {}: {}", path, message), hint_for(rc));
  }
  sqlite3_extended_result_codes(m_db, 1);
  sqlite3_busy_timeout(m_db, busy_timeout_ms);
  exec("PRAGMA foreign_keys = ON");
}

Connection::~Connection()
{
  for (const auto& kept : m_kept) {
    sqlite3_finalize(kept.second);
  }
  if (m_db) {
    sqlite3_close_v2(m_db);
  }
}

Connection::Connection(Connection&& other) noexcept
  : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)),
    m_kept(std::move(other.m_kept))
{
  other.m_kept.clear();
}

sqlite3_stmt* Connection::take_prepared(std::string_view sql) const
{
  if (m_kept.empty()) {
    return nullptr;
  }
  const auto found = m_kept.find(std::string(sql));
  if (found == m_kept.end()) {
    return nullptr;
  }
  sqlite3_stmt* stmt = found->second;
  m_kept.erase(found);
  return stmt;
}

void Connection::keep_prepared(sqlite3_stmt* stmt) const
{
  // Reset, it holds no read snapshot open and blocks no VACUUM or schema change; a
  // statement whose schema changed is compiled again by SQLite on its next step.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const char* sql = sqlite3_sql(stmt);
  if (m_db == nullptr || sql == nullptr || m_kept.size() >= most_kept_statements) {
    sqlite3_finalize(stmt);
    return;
  }
  m_kept.emplace(sql, stmt);
}

void Connection::exec(const std::string& sql)
{
  char* message = nullptr;
  const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StorageError(fmt::format("database {}: {}", m_path, text), hint_for(rc), rc);
  }
}

std::int64_t Connection::changes() const
{
  return sqlite3_changes(m_db);
}

std::int64_t Connection::last_insert_rowid() const
{
  return sqlite3_last_insert_rowid(m_db);
}

void Connection::fail(int rc, std::string_view what) const
{
  throw StorageError(fmt::format("database {}: {}: {}", m_path, what, sqlite3_errmsg(m_db)),
                     hint_for(rc), rc);
}

Statement::Statement(const Connection& connection, std::string_view sql) : m_connection(connection)
{
  m_stmt = connection.take_prepared(sql);
  if (m_stmt != nullptr) {
    return;
  }
  const int rc = sqlite3_prepare_v3(connection.handle(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
  if (rc != SQLITE_OK) {
    connection.fail(rc, "cannot prepare a query");
  }
}

Statement::~Statement()
{
  if (m_stmt != nullptr) {
    m_connection.keep_prepared(m_stmt);
  }
}

Statement& Statement::bind(int index, std::int64_t value)
{
  const int rc = sqlite3_bind_int64(m_stmt, index, value);
  if (rc != SQLITE_OK) {
    m_connection.fail(rc, "cannot bind a value");
  }
  return *this;
}

Statement& Statement::bind(int index, double value)
{
  const int rc = sqlite3_bind_double(m_stmt, index, value);
  if (rc != SQLITE_OK) {
    m_connection.fail(rc, "cannot bind a value");
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
  return bind_text(index, text, true);
}

Statement& Statement::bind_static(int index, std::string_view text)
{
  return bind_text(index, text, false);
}

Statement& Statement::bind_text(int index, std::string_view text, bool copy)
{
  const int rc = sqlite3_bind_text64(m_stmt, index, text.data(), text.size(),
                                     copy ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) {
    m_connection.fail(rc, "cannot bind a value");
  }
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t)
{
  const int rc = sqlite3_bind_null(m_stmt, index);
  if (rc != SQLITE_OK) {
    m_connection.fail(rc, "cannot bind a value");
  }
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value)
{
  return value ? bind(index, *value) : bind(index, std::nullopt);
}

Statement& Statement::bind_text_or_null(int index, std::string_view text)
{
  return text.empty() ? bind(index, std::nullopt) : bind(index, text);
}

Statement& Statement::bind_value(int index, const sqlite3_value* value)
{
  const int rc = sqlite3_bind_value(m_stmt, index, value);
  if (rc != SQLITE_OK) {
    m_connection.fail(rc, "cannot bind a value");
  }
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
  const int rc = sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) {
    m_connection.fail(rc, "cannot bind a value");
  }
  return *this;
}

bool Statement::step()
{
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  sqlite3_reset(m_stmt);
  m_connection.fail(rc, "query failed");
}

void Statement::run()
{
  while (step()) {
  }
  reset();
}

void Statement::reset()
{
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int column) const
{
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
  return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
  return sqlite3_column_double(m_stmt, column);
}

std::string_view Statement::text(int column) const
{
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
  if (!data) {
    return {};
  }
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::string_view Statement::blob(int column) const
{
  const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
  if (!data) {
    return {};
  }
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::optional<std::int64_t> Statement::optional_int64(int column) const
{
  if (is_null(column)) {
    return std::nullopt;
  }
  return int64(column);
}

Transaction::Transaction(Connection& connection) : m_connection(connection)
{
  m_connection.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
  if (!m_done) {
    sqlite3_exec(m_connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit()
{
  m_connection.exec("COMMIT");
  m_done = true;
}

} // namespace sleeplog::store
