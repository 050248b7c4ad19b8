// Sync between caregivers' machines through a shared folder (DESIGN §12). The change
// journal (journal.hpp) says which rows each local change touched; a sync sends the
// current state of those rows, named by uuid, as a changeset of SQLite's session
// extension in DIR/sleeplog-sync/REPLICA/SEQ.changeset, and merges every other
// replica's files row by row: the later version (by hybrid logical clock) wins, the
// loser is kept for `sync conflicts`.
#pragma once

#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::store {

/// This replica's name: the replica-name setting, else the host name.
std::string replica_name(const Store& store);
/// The replica-name setting, when one was chosen (the default caregiver after `caregiver`).
std::optional<std::string> chosen_replica_name(const Store& store);
/// Names this replica (a folder name: letters, digits, '.', '_', '-'); InputError if not.
void set_replica_name(Store& store, const std::string& name);

/// What one sync brought from one replica.
struct Receipt
{
  std::string name;
  std::int64_t changes = 0;
  std::int64_t latest_at = 0; // the latest change's time (0 when none)
};

struct SyncResult
{
  std::int64_t sent = 0; // local changes written to the folder
  std::vector<Receipt> received;
  std::int64_t conflicts = 0;
  std::vector<std::string> merged_children; // names made one child
  std::vector<std::string> warnings;        // files skipped or ignored, and why
};

/// Sets the connection up for sync_with (call before Store::write): the rows of a file
/// are read into temporary tables kept in memory.
void prepare_to_sync(Store& store);

/// Sends this database's changes since its last sync and applies the other replicas'
/// files, in one write transaction (call inside Store::write). Files are written by
/// flush_outbox() after the commit. `separate`: child names not to merge.
SyncResult sync_with(Store& store, const std::string& dir, std::int64_t now,
                     const std::vector<std::string>& separate);

/// Writes to DIR every file this replica sent that is not there yet (after commit; again
/// at the next sync when the process died before).
void flush_outbox(const Store& store, const std::string& dir);

/// What a sync would do, without writing anything.
struct PeerStatus
{
  std::string name;
  std::string replica;          // id
  std::int64_t files = 0;       // whole files in the folder
  std::int64_t applied_seq = 0; // the last applied here
  std::int64_t pending = 0;     // whole files not yet applied
  std::int64_t latest_at = 0;   // latest change applied here
  bool self = false;
};
struct SyncStatus
{
  std::string name;
  std::int64_t unsent = 0; // local changes not yet sent
  std::vector<PeerStatus> peers;
  std::vector<std::string> warnings;
};
SyncStatus sync_status(const Store& store, const std::string& dir);

/// A version that lost a conflict.
struct Conflict
{
  std::int64_t id = 0;
  std::string table;
  std::string key;
  std::string row_json; // the lost version (empty: it was a deletion)
  std::string what;     // the lost version in words: "asleep 2026-12-01 19:38, note …"
  std::string from;     // the replica that wrote the lost version
  std::string winner;   // the replica whose version won
  std::int64_t lost_at = 0;
  std::int64_t at = 0; // when the lost version was written
};
std::vector<Conflict> sync_conflicts(const Store& store);

/// Brings a lost version back as a new local change (call inside the change). Returns
/// what was restored (table and key); InputError when there is no such conflict.
Conflict restore_conflict(Store& store, std::int64_t id);

} // namespace sleeplog::store
