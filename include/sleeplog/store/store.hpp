// The sleep log on disk (DESIGN §2.2, §7). A Store's functions live in one file per thing
// they do: the file's life — opening, creating, upgrading, backups, integrity — in
// file.cpp; children.cpp, settings.cpp; the change journal and undo in changes.cpp; and
// events, their bulk load and the walks in time order in events.cpp.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/store/journal.hpp>
#include <sleeplog/store/sqlite.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sleeplog::store {

/// The schema version this build writes (PRAGMA user_version): one per migration.
int schema_version();

/// A child whose nights are logged.
struct Child
{
  std::int64_t id = 0;
  std::string name;
  std::string born; // YYYY-MM-DD or empty
};

/// One entry of the change journal: one command's write.
struct Change
{
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string description;
};

/// What undo did.
struct UndoResult
{
  Change change;
  std::int64_t removed = 0;  // events the change had added
  std::int64_t restored = 0; // events it had edited or removed, put back
  /// The same for the other tables (tag, plan, plan_hold, child, setting), in the
  /// order the change touched them.
  std::vector<RevertCount> others;
};

/// An event another app's import brought in: its id, content key and span.
struct KeyedEvent
{
  std::int64_t id = 0;
  std::string source_key;
  model::Instant start = 0;
  model::Instant end = 0; // = start for point events
};

/// An open sleep log.
class Store
{
public:
  // --- the file's life (file.cpp) ------------------------------------------------------
  /// Opens an existing database read-only; nullopt when the file does not exist.
  /// Refuses (StorageError) a database from a newer sleeplog or one never migrated; one
  /// from an older sleeplog is read as it is (tables it lacks read as empty). A file that
  /// neither it nor its folder can be written is read as immutable (also when
  /// force_immutable, for tests).
  static std::optional<Store> open_read(const std::string& path, bool force_immutable = false);

  /// Opens an existing database for writing; nullopt when there is no file. Never
  /// creates one. Refuses (InputError) a SQLite file that is not a sleeplog database,
  /// unless it is empty. An older schema is left as it is until write().
  static std::optional<Store> open_existing(const std::string& path);

  /// Starts a new database for `path`: its folder (0700) is made, and the schema is
  /// built in a private temporary file (0600) beside it, which publish() links into
  /// place. Nullopt when the file exists by now (open it instead). Until published the
  /// database is nobody else's; dropped unpublished, it vanishes.
  static std::optional<Store> begin_new(const std::string& path);

  /// Links a database from begin_new() into place in one step (commit first: the store
  /// is closed by this). False when another process created the file meanwhile: theirs
  /// is left untouched and this one is dropped. True for a store that was not new.
  bool publish();

  /// True while this is a new database not yet published.
  bool is_new() const { return m_new_file != nullptr; }

  /// Opens the database for writing, creating it first if missing (an empty log,
  /// published at once). Commands that may fail should use open_existing / begin_new,
  /// so that a failed first command creates nothing.
  static Store open_write(const std::string& path);

  /// True when open_write created the file.
  bool created() const { return m_created; }

  Store(Store&& other) noexcept;
  Store& operator=(Store&& other) noexcept;
  ~Store();

  /// Runs body in one write transaction. An older database is upgraded inside it: the
  /// upgrade is committed with body's changes only after a checked backup of the file as
  /// it was (backup.hpp); when body throws, nothing is written and no backup is made.
  void write(const std::function<void()>& body);
  /// write(), for a body that may decline: when it returns false the transaction is
  /// rolled back (as if nothing had run) and write_if returns false.
  bool write_if(const std::function<bool()>& body);

  /// The file's schema version: older than schema_version() until a write upgrades it.
  int file_schema_version() const;

  Connection& connection() { return *m_db; }
  const Connection& connection() const { return *m_db; }
  const std::string& path() const { return m_db->path(); }

  // --- children (children.cpp) ---------------------------------------------------------
  /// All children, by id.
  std::vector<Child> children() const;
  /// The child with this name (exact match), if any.
  std::optional<Child> child_by_name(const std::string& name) const;
  /// Adds a child; InputError when the name is taken or empty.
  Child add_child(const std::string& name, const std::string& born);
  /// Renames a child; InputError when old is unknown or new is taken.
  void rename_child(const std::string& old_name, const std::string& new_name);
  /// Sets (or, with "", clears) a child's birth date; InputError when the name is unknown.
  void set_child_born(const std::string& name, const std::string& born);

  // --- settings (settings.cpp) ---------------------------------------------------------
  /// A setting's stored value, if set.
  std::optional<std::string> setting(const std::string& key) const;
  /// Stores a setting (empty value removes it).
  void set_setting(const std::string& key, const std::string& value);

  // --- the change journal and undo (changes.cpp) ---------------------------------------
  /// Starts the journal entry of one command's write (inside its transaction): every
  /// row it changes from now on in children, events, tags, plans, holds and settings is
  /// recorded. Returns the change's id.
  std::int64_t begin_change(const std::string& description, std::int64_t at);
  /// For bulk loads, before the first event is written: events of this change are
  /// journaled by their change id (and the old undo_log) instead of row by row in memory.
  void journal_events_by_change();
  /// Stores what the change recorded, before commit. A change that changed nothing is
  /// dropped, so that undo never "undoes" a no-op.
  void end_change();
  /// Reverts the latest change of any kind; nullopt when there is nothing to undo.
  /// Refuses (StorageError, nothing changed) when its rows have changed since. A change
  /// already sent to other replicas (sync) is reverted by a new change, made at `now`,
  /// that syncs in turn.
  std::optional<UndoResult> undo_latest(std::int64_t now = 0);

  // --- events (events.cpp) -------------------------------------------------------------
  /// Inserts an event (id 0 = next free id; a given id is kept when free). Fills in
  /// id and, when empty, a new random uuid. During a bulk load the row may wait in a
  /// batch until the next one or end_bulk_load().
  void insert_event(model::Event& event, std::int64_t change_id,
                    const std::string& source_key = {});
  /// Updates an event, journaling its previous state.
  void update_event(const model::Event& event, std::int64_t change_id);
  /// Deletes an event, journaling it.
  void delete_event(std::int64_t id, std::int64_t change_id);
  /// The event with this id, if any.
  std::optional<model::Event> event_by_id(std::int64_t id) const;
  /// The event with this import content key, if any.
  std::optional<model::Event> event_by_source_key(const std::string& key) const;
  /// True when an event has this uuid / this import content key.
  bool has_uuid(const std::string& uuid) const;
  bool has_source_key(const std::string& key) const;
  /// True when some event's content key starts with `prefix`.
  bool has_source_key_prefix(const std::string& prefix) const;
  /// The child's events whose content key starts with `prefix` and whose start is in
  /// [from, to), in start order.
  std::vector<KeyedEvent> keyed_events(std::int64_t child_id, const std::string& prefix,
                                       model::Instant from, model::Instant to) const;
  /// True when an event has this id.
  bool has_id(std::int64_t id) const;
  /// Number of events in the whole database (counts every row: use has_events() to ask
  /// whether there are any).
  std::int64_t event_count() const;
  /// True when the database holds at least one event (one index probe).
  bool has_events() const;

  /// Calls fn for each event of the child with start in [from, to), in start order. Each
  /// event is a row just read and never read again: fn may take it over (move from it).
  /// Without `with_uuid` the events come without their uuid (one allocation less per row
  /// for readers that never show it).
  void for_each_event(std::int64_t child_id, model::Instant from, model::Instant to,
                      const std::function<void(model::Event&&)>& fn, bool with_uuid = true) const;
  /// The start of the child's latest and earliest event, if any.
  std::optional<model::Instant> latest_start(std::int64_t child_id) const;
  std::optional<model::Instant> earliest_start(std::int64_t child_id) const;
  /// The child's open interval of this kind (end empty), latest first, if any.
  std::optional<model::Event> open_interval(std::int64_t child_id, model::Kind kind) const;

  /// Starts a bulk load into an empty event table: drops its indexes, so that millions of
  /// rows go in without random index updates, and insert_event() writes its rows in
  /// batches of many rows to one statement. Inside a transaction; end_bulk_load() must
  /// follow before commit, and nothing may read the events in between.
  void begin_bulk_load();
  /// Writes the last batch and rebuilds the indexes (sorting once); an InputError when
  /// the loaded uuids or content keys are not unique.
  void end_bulk_load();

  // --- backups and checks (file.cpp) ---------------------------------------------------
  /// Writes a consistent copy of the database to `target` (which must not exist).
  void backup_to(const std::string& target);

  /// SQLite's integrity check: empty when fine, else its messages.
  std::vector<std::string> integrity_problems() const;

  /// Ids of events whose child does not exist (only possible in a damaged file).
  std::vector<std::int64_t> orphan_event_ids() const;

private:
  struct NewFile;
  struct BulkEvents;
  Store(std::unique_ptr<Connection> db, bool created, std::unique_ptr<NewFile> new_file);
  void journal(std::int64_t change_id, std::int64_t event_id);
  /// Writes the rows of a bulk load that wait for their batch.
  void write_waiting_events();
  /// A statement prepared once per Store and reused (sql must be a string literal).
  Statement& prepared(const char* sql) const;

  std::unique_ptr<NewFile> m_new_file; // destroyed after the connection closes
  std::unique_ptr<Connection> m_db;
  bool m_created = false;
  std::unique_ptr<ChangeRecorder> m_recorder; // while a change is being recorded
  std::int64_t m_change_id = 0;
  bool m_events_by_id = false;
  std::unique_ptr<BulkEvents> m_bulk; // between begin_bulk_load and end_bulk_load
  mutable std::unordered_map<const char*, std::unique_ptr<Statement>> m_statements;
};

/// A new random (version 4) UUID string.
std::string new_uuid();

} // namespace sleeplog::store
