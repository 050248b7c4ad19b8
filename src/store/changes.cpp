// The change journal of the Store: one change per command's write, the undo log of bulk
// loads, and undo (DESIGN §7.4, §12).
#include <sleeplog/store/store.hpp>

#include <fmt/format.h>

namespace sleeplog::store {

std::int64_t Store::begin_change(const std::string& description, std::int64_t at)
{
  if (m_recorder) {
    end_change(); // one command, one change: a second begin closes the first
  }
  Statement st(*m_db, "INSERT INTO change(at, description, events_by_id) VALUES (?, ?, 0)");
  st.bind(1, at).bind(2, description).run();
  m_change_id = m_db->last_insert_rowid();
  m_events_by_id = false;
  m_recorder = std::make_unique<ChangeRecorder>(m_db->handle());
  return m_change_id;
}

void Store::journal_events_by_change()
{
  if (!m_recorder || m_events_by_id) {
    return;
  }
  m_recorder->leave_out_events();
  m_events_by_id = true;
  Statement st(*m_db, "UPDATE change SET events_by_id = 1 WHERE id = ?");
  st.bind(1, m_change_id).run();
}

void Store::end_change()
{
  if (!m_recorder) {
    return;
  }
  const std::string changeset = m_recorder->changeset();
  m_recorder.reset();
  bool changed = !changeset.empty();
  if (!changed && m_events_by_id) {
    Statement any(*m_db, "SELECT EXISTS (SELECT 1 FROM event WHERE change_id = ?1) OR EXISTS "
                         "(SELECT 1 FROM undo_log WHERE change_id = ?1)");
    any.bind(1, m_change_id);
    changed = any.step() && any.int64(0) != 0;
  }
  if (!changed) {
    Statement drop(*m_db, "DELETE FROM change WHERE id = ?");
    drop.bind(1, m_change_id).run();
    return;
  }
  Statement st(*m_db, "UPDATE change SET changeset = ? WHERE id = ?");
  if (changeset.empty()) {
    st.bind(1, std::nullopt);
  } else {
    st.bind_blob(1, changeset);
  }
  st.bind(2, m_change_id).run();
}

void Store::journal(std::int64_t change_id, std::int64_t event_id)
{
  // The next seq from the primary key's last entry: one index probe, where counting the
  // change's entries made `rm` of n ids take n^2 steps.
  auto& st = prepared("INSERT INTO undo_log(change_id, seq, event_id, uuid, child_id, kind, "
                      "start_at, end_at, utc_offset, by_name, note, source_key, "
                      "event_change_id) "
                      "SELECT ?1, coalesce((SELECT max(seq) + 1 FROM undo_log WHERE change_id = "
                      "?1), 0), id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, "
                      "note, source_key, change_id FROM event WHERE id = ?2");
  st.bind(1, change_id).bind(2, event_id).run();
}

std::optional<UndoResult> Store::undo_latest(std::int64_t now)
{
  end_change();
  // A revert that syncs is not undone in turn: undo walks back past it.
  Statement latest(*m_db, "SELECT id, at, description, changeset, events_by_id FROM change "
                          "WHERE syncs_only = 0 ORDER BY id DESC LIMIT 1");
  if (!latest.step()) {
    return std::nullopt;
  }
  UndoResult result;
  result.change = Change{latest.int64(0), latest.int64(1), std::string(latest.text(2))};
  const std::string changeset(latest.blob(3));
  const bool events_by_id = latest.int64(4) != 0;
  const auto id = result.change.id;
  // Sent already (DESIGN §12)? Then the other replicas hold it: the revert is recorded as
  // a change of its own, which the next sync sends.
  std::unique_ptr<ChangeRecorder> resend;
  {
    Statement sent(*m_db, "SELECT EXISTS (SELECT 1 FROM sync_state WHERE key = 'sent-through' "
                          "AND CAST(value AS INTEGER) >= ?)");
    sent.bind(1, id);
    if (sent.step() && sent.int64(0) != 0) {
      resend = std::make_unique<ChangeRecorder>(m_db->handle());
    }
  }

  if (events_by_id) {
    // Put back, newest first, what the change edited or removed; then drop what it
    // added. Events go first: a child the change added can only go once they are gone.
    Statement restore(*m_db,
                      "INSERT OR REPLACE INTO event(id, uuid, child_id, kind, start_at, end_at, "
                      "utc_offset, by_name, note, source_key, change_id) "
                      "SELECT event_id, uuid, child_id, kind, start_at, end_at, utc_offset, "
                      "by_name, note, source_key, event_change_id FROM undo_log "
                      "WHERE change_id = ? AND seq = ?");
    Statement seqs(*m_db, "SELECT seq FROM undo_log WHERE change_id = ? ORDER BY seq DESC");
    seqs.bind(1, id);
    while (seqs.step()) {
      restore.bind(1, id).bind(2, seqs.int64(0)).run();
      ++result.restored;
    }
    Statement remove(*m_db, "DELETE FROM event WHERE change_id = ?");
    remove.bind(1, id).run();
    result.removed = m_db->changes();
  }
  for (auto& count : revert_changeset(m_db->handle(), changeset, result.change.description)) {
    if (count.table == "event") {
      result.removed += count.removed;
      result.restored += count.restored;
    } else {
      result.others.push_back(std::move(count));
    }
  }
  if (resend) {
    const std::string reverted = resend->changeset();
    resend.reset();
    Statement record(*m_db, "INSERT INTO change(at, description, events_by_id, syncs_only, "
                            "changeset) VALUES (?, ?, 0, 1, ?)");
    record.bind(1, std::max(now, result.change.at))
      .bind(2, fmt::format("undo `{}`", result.change.description))
      .bind_blob(3, reverted)
      .run();
  }
  // Only now: the record above must not take the freed id, which is below the last sent.
  Statement forget(*m_db, "DELETE FROM change WHERE id = ?");
  forget.bind(1, id).run();
  return result;
}

} // namespace sleeplog::store
