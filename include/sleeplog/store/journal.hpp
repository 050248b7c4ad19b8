// The change journal: every write transaction is recorded whole, as SQLite's session
// extension sees it (DESIGN §7.4), so that `undo` can revert the latest change of any
// kind — events, tags, plans, holds, children, settings — and say what it was.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_session;

namespace sleeplog::store {

/// The tables a change is recorded in; everything a user can change lives in them.
const std::vector<std::string>& journaled_tables();

/// Records the row changes made through one connection while it lives (a session of
/// SQLite's session extension attached to the journaled tables).
class ChangeRecorder
{
public:
  /// Starts recording on `db`.
  explicit ChangeRecorder(sqlite3* db);
  ~ChangeRecorder();
  ChangeRecorder(const ChangeRecorder&) = delete;
  ChangeRecorder& operator=(const ChangeRecorder&) = delete;

  /// Stops recording events (before any is written): bulk loads journal them by change
  /// id instead, so that a million imported rows are never held in memory.
  void leave_out_events();

  /// The changeset recorded so far (empty when nothing changed).
  std::string changeset() const;

private:
  static int keep_table(void* self, const char* table);
  sqlite3_session* m_session = nullptr;
  bool m_events = true;
};

/// What reverting one changeset did, counted by table: rows removed and put back.
struct RevertCount
{
  std::string table;
  std::int64_t removed = 0;
  std::int64_t restored = 0;
};

/// Applies the inverse of `changeset` to `db`. Refuses (StorageError, nothing applied)
/// when the rows are no longer as the change left them.
std::vector<RevertCount> revert_changeset(sqlite3* db, const std::string& changeset,
                                          const std::string& description);

} // namespace sleeplog::store
