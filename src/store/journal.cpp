#include <sleeplog/store/journal.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace sleeplog::store {

namespace {

// Frees what the session extension allocates.
struct SqliteFree
{
  void operator()(void* p) const { sqlite3_free(p); }
};

// Owns a changeset iterator.
struct IteratorCloser
{
  void operator()(sqlite3_changeset_iter* it) const { sqlite3changeset_finalize(it); }
};

struct ApplyState
{
  int conflicts = 0;
};

int on_conflict(void* state, int /*reason*/, sqlite3_changeset_iter* /*it*/)
{
  // Any conflict means the rows are not as the change left them: undoing it would
  // overwrite a later change that the journal does not hold. Refuse the whole undo.
  ++static_cast<ApplyState*>(state)->conflicts;
  return SQLITE_CHANGESET_ABORT;
}

} // namespace

const std::vector<std::string>& journaled_tables()
{
  static const std::vector<std::string> tables{"child", "event",     "tag",
                                               "plan",  "plan_hold", "setting"};
  return tables;
}

ChangeRecorder::ChangeRecorder(sqlite3* db)
{
  if (const int rc = sqlite3session_create(db, "main", &m_session); rc != SQLITE_OK) {
    throw StorageError(fmt::format("cannot start the change journal: {}", sqlite3_errstr(rc)));
  }
  sqlite3session_table_filter(m_session, &ChangeRecorder::keep_table, this);
  if (const int rc = sqlite3session_attach(m_session, nullptr); rc != SQLITE_OK) {
    sqlite3session_delete(m_session);
    throw StorageError(fmt::format("cannot start the change journal: {}", sqlite3_errstr(rc)));
  }
}

ChangeRecorder::~ChangeRecorder()
{
  sqlite3session_delete(m_session);
}

int ChangeRecorder::keep_table(void* self, const char* table)
{
  const auto* recorder = static_cast<const ChangeRecorder*>(self);
  if (!recorder->m_events && std::strcmp(table, "event") == 0) {
    return 0;
  }
  const auto& tables = journaled_tables();
  return std::find(tables.begin(), tables.end(), table) != tables.end() ? 1 : 0;
}

void ChangeRecorder::leave_out_events()
{
  m_events = false;
}

std::string ChangeRecorder::changeset() const
{
  int size = 0;
  void* data = nullptr;
  if (const int rc = sqlite3session_changeset(m_session, &size, &data); rc != SQLITE_OK) {
    throw StorageError(fmt::format("cannot record the change: {}", sqlite3_errstr(rc)));
  }
  std::unique_ptr<void, SqliteFree> owned(data);
  return size > 0 ? std::string(static_cast<const char*>(data), static_cast<std::size_t>(size))
                  : std::string();
}

std::vector<RevertCount> revert_changeset(sqlite3* db, const std::string& changeset,
                                          const std::string& description)
{
  std::vector<RevertCount> counts;
  if (changeset.empty()) {
    return counts;
  }
  int size = 0;
  void* data = nullptr;
  auto* input = const_cast<char*>(changeset.data()); // sqlite3 does not write it
  if (const int rc =
        sqlite3changeset_invert(static_cast<int>(changeset.size()), input, &size, &data);
      rc != SQLITE_OK) {
    throw StorageError(fmt::format("cannot undo `{}`: its journal entry is damaged ({})",
                                   description, sqlite3_errstr(rc)),
                       "run `sleeplog check`; nothing was changed");
  }
  std::unique_ptr<void, SqliteFree> inverse(data);

  // Count what the inverse does, table by table, for the confirmation line.
  sqlite3_changeset_iter* raw = nullptr;
  if (sqlite3changeset_start(&raw, size, data) == SQLITE_OK) {
    std::unique_ptr<sqlite3_changeset_iter, IteratorCloser> it(raw);
    while (sqlite3changeset_next(raw) == SQLITE_ROW) {
      const char* table = nullptr;
      int columns = 0;
      int op = 0;
      int indirect = 0;
      sqlite3changeset_op(raw, &table, &columns, &op, &indirect);
      auto found = std::find_if(counts.begin(), counts.end(),
                                [&](const RevertCount& c) { return c.table == table; });
      if (found == counts.end()) {
        counts.push_back({table, 0, 0});
        found = counts.end() - 1;
      }
      (op == SQLITE_DELETE ? found->removed : found->restored) += 1;
    }
  }

  ApplyState state;
  const int rc = sqlite3changeset_apply(db, size, data, nullptr, on_conflict, &state);
  if (state.conflicts > 0 || rc == SQLITE_ABORT) {
    throw StorageError(
      fmt::format("cannot undo `{}`: the rows it changed have changed since", description),
      "nothing was changed; `sleeplog list` shows the log as it is");
  }
  if (rc != SQLITE_OK) {
    throw StorageError(fmt::format("cannot undo `{}`: {}", description, sqlite3_errstr(rc)),
                       "nothing was changed");
  }
  return counts;
}

} // namespace sleeplog::store
