// Thin RAII wrappers over the SQLite C API: one owner per handle, parameters always
// bound, every failure turned into a StorageError naming the database.
#pragma once

#include <sleeplog/util/errors.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_value;

namespace sleeplog::store {

/// How a connection opens its file.
enum class OpenMode {
  create,    // read-write, creating the file if missing
  existing,  // read-write on an existing file (readers too: see sqlite.cpp)
  immutable, // read-only and immutable=1: a file nobody can write, in a folder nobody
             // can write (no -shm possible); SQLite then takes no locks at all
};

/// An open SQLite connection.
class Connection
{
public:
  /// Opens `path`; read_only never creates the file (and the caller never writes).
  /// Sets busy_timeout and foreign keys.
  Connection(const std::string& path, bool read_only)
    : Connection(path, read_only ? OpenMode::existing : OpenMode::create)
  {}
  /// Opens `path` as `mode` says.
  Connection(const std::string& path, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&&) = delete;

  /// Runs SQL without results (several statements allowed).
  void exec(const std::string& sql);

  /// The raw handle, for Statement.
  sqlite3* handle() const { return m_db; }

  /// The database path as opened.
  const std::string& path() const { return m_path; }

  /// Rows changed by the last statement.
  std::int64_t changes() const;

  /// Rowid of the last insert.
  std::int64_t last_insert_rowid() const;

  /// Throws a StorageError for result code `rc` with SQLite's message.
  [[noreturn]] void fail(int rc, std::string_view what) const;

  /// A statement for `sql` that an earlier Statement finished with, or nullptr: SQLite
  /// compiles each query once per connection, not once per use.
  sqlite3_stmt* take_prepared(std::string_view sql) const;
  /// Keeps a finished statement (reset, no bindings) for the next Statement of its SQL.
  void keep_prepared(sqlite3_stmt* stmt) const;

private:
  sqlite3* m_db = nullptr;
  std::string m_path;
  mutable std::unordered_multimap<std::string, sqlite3_stmt*> m_kept;
};

/// A prepared statement; bind with 1-based indexes, step through rows, reset to reuse.
class Statement
{
public:
  Statement(const Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text); // bound as TEXT
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text)
  {
    return bind(index, std::string_view(text));
  }
  /// Binds text without copying it: it must stay as it is until the next reset().
  Statement& bind_static(int index, std::string_view text);
  Statement& bind(int index, std::nullopt_t);
  /// Binds the value or NULL.
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  /// Binds text, or NULL when empty.
  Statement& bind_text_or_null(int index, std::string_view text);
  /// Binds bytes as a BLOB.
  Statement& bind_blob(int index, std::string_view bytes);
  /// Binds a value as SQLite holds it (of any type, e.g. from a changeset).
  Statement& bind_value(int index, const sqlite3_value* value);

  /// Advances to the next row; false when done. Throws on error.
  bool step();

  /// Runs a statement that returns no rows, then resets it.
  void run();

  /// Resets for re-execution and clears bindings.
  void reset();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  /// TEXT column (empty for NULL); valid until the next step.
  std::string_view text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;
  /// BLOB column (empty for NULL); valid until the next step.
  std::string_view blob(int column) const;

private:
  Statement& bind_text(int index, std::string_view text, bool copy);

  const Connection& m_connection;
  sqlite3_stmt* m_stmt = nullptr;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() ran.
class Transaction
{
public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// Commits; after this the destructor does nothing.
  void commit();

private:
  Connection& m_connection;
  bool m_done = false;
};

} // namespace sleeplog::store
