#include <sleeplog/store/backup.hpp>
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/schema.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sleeplog::store {

namespace {

constexpr const char* event_columns =
  "id, uuid, child_id, kind, start_at, end_at, utc_offset, by_name, note";

model::Event read_event(const Statement& st)
{
  model::Event e;
  e.id = st.int64(0);
  e.uuid = std::string(st.text(1));
  e.child_id = st.int64(2);
  e.kind = model::parse_kind(st.text(3)).value_or(model::Kind::note);
  e.start = st.int64(4);
  e.end = st.optional_int64(5);
  e.offset_s = static_cast<int>(st.int64(6));
  e.by = std::string(st.text(7));
  e.note = std::string(st.text(8));
  return e;
}

int user_version(const Connection& db)
{
  Statement st(db, "PRAGMA user_version");
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

// Refuses, before anything is written, a version this build cannot migrate from.
void refuse_unknown(int found, const std::string& path)
{
  if (found > schema_version()) {
    throw StorageError(
      fmt::format("database {} has schema version {}, newer than this sleeplog understands ({})",
                  path, found, schema_version()),
      "upgrade sleeplog; the file was left untouched");
  }
  if (found < 0) {
    throw StorageError(
      fmt::format("database {} has schema version {}, which no sleeplog ever wrote", path, found),
      "the file is damaged or not a sleeplog database; it was left untouched");
  }
}

bool has_table(const Connection& db, const char* name)
{
  Statement st(db, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?)");
  st.bind(1, name);
  return st.step() && st.int64(0) != 0;
}

bool has_events(const Connection& db)
{
  if (!has_table(db, "event")) {
    return false;
  }
  Statement any(db, "SELECT EXISTS (SELECT 1 FROM event)");
  return any.step() && any.int64(0) != 0;
}

std::int64_t count_events(const Connection& db)
{
  if (!has_table(db, "event")) {
    return 0;
  }
  Statement st(db, "SELECT count(*) FROM event");
  return st.step() ? st.int64(0) : 0;
}

// A sleeplog database has a schema version and its tables from the first write on (it is
// built privately before it is published); an empty file is one not written yet.
void refuse_foreign(const Connection& db, int found, const std::string& path)
{
  bool foreign = false;
  if (found == 0) {
    Statement st(db, "SELECT EXISTS (SELECT 1 FROM sqlite_schema)");
    foreign = st.step() && st.int64(0) != 0;
  } else {
    foreign = !has_table(db, "child") || !has_table(db, "event") || !has_table(db, "change");
  }
  if (foreign) {
    throw InputError(fmt::format("{} is a SQLite database, but not a sleeplog one (schema "
                                 "version {}, {})",
                                 path, found, found == 0 ? "tables of its own" : "tables missing"),
                     "give sleeplog a file of its own with --db or SLEEPLOG_DB; this one was "
                     "left untouched");
  }
}

// What `check` reports and a migration cannot copy as it is: events of no child go to a
// child named "unknown", recorded in the upgrade-repairs setting for `check` to tell.
void repair_orphans(Connection& db, int from_version)
{
  std::vector<std::int64_t> orphans;
  {
    Statement st(db, "SELECT id FROM event WHERE child_id NOT IN (SELECT id FROM child) "
                     "ORDER BY id");
    while (st.step()) {
      orphans.push_back(st.int64(0));
    }
  }
  if (orphans.empty()) {
    return;
  }
  db.exec("INSERT INTO child(name) SELECT 'unknown' "
          "WHERE NOT EXISTS (SELECT 1 FROM child WHERE name = 'unknown')");
  db.exec("UPDATE event SET child_id = (SELECT id FROM child WHERE name = 'unknown') "
          "WHERE child_id NOT IN (SELECT id FROM child)");
  std::string ids;
  for (std::size_t i = 0; i < orphans.size() && i < 20; ++i) {
    ids += fmt::format("{}#{}", i == 0 ? "" : ", ", orphans[i]);
  }
  if (orphans.size() > 20) {
    ids += fmt::format(" and {} more", orphans.size() - 20);
  }
  Statement st(db, "INSERT INTO setting(key, value) VALUES ('upgrade-repairs', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = value || char(10) || excluded.value");
  st.bind(1, fmt::format("the upgrade from schema version {} moved {} event{} of no child ({}) "
                         "to the child 'unknown'",
                         from_version, orphans.size(), orphans.size() == 1 ? "" : "s", ids))
    .run();
}

// Brings the schema forward inside the caller's transaction, repairing first what would
// make a step fail.
void migrate_within(Connection& db, int found)
{
  if (found > 0) {
    repair_orphans(db, found);
  }
  for (int version = found; version < schema_version(); ++version) {
    db.exec(migrations()[static_cast<std::size_t>(version)]);
  }
  db.exec(fmt::format("PRAGMA user_version = {}", schema_version()));
}

// Builds the schema of a new, private database (nothing to back up, nothing to repair).
void build_schema(Connection& db, const std::string& path)
{
  Transaction tx(db);
  const int found = user_version(db);
  refuse_unknown(found, path);
  refuse_foreign(db, found, path);
  if (found < schema_version()) {
    migrate_within(db, found);
  }
  tx.commit();
}

// What every stored text and event must be, so that every export imports back exactly.
void refuse_bad_text(std::string_view what, std::string_view text)
{
  if (auto problem = model::text_problem(what, text); !problem.empty()) {
    throw InputError(problem, "text must be UTF-8 without NUL characters; nothing was written");
  }
}

void refuse_bad_event(const model::Event& event)
{
  if (auto problem = model::event_problem(event); !problem.empty()) {
    throw InputError(problem, fmt::format("sleeplog keeps the years {} to {}, and text as UTF-8 "
                                          "without NUL characters; nothing was written",
                                          model::first_year, model::last_year));
  }
}

// SQLite's open fails on first use, not in sqlite3_open_v2: the version is the first read.
int checked_version(Connection& db, const std::string& path)
{
  const int found = user_version(db);
  refuse_unknown(found, path);
  return found;
}

} // namespace

/// A database being created: its temporary file and the lock on its folder.
struct Store::NewFile
{
  std::string target;
  std::string temporary;
  int folder_fd = -1;
  bool published = false;
  NewFile() = default;
  NewFile(const NewFile&) = delete;
  NewFile& operator=(const NewFile&) = delete;
  ~NewFile()
  {
    if (!published && !temporary.empty()) {
      ::unlink(temporary.c_str());
      ::unlink((temporary + "-journal").c_str());
    }
    if (folder_fd >= 0) {
      ::close(folder_fd); // releases the lock
    }
  }
};

Store::Store(std::unique_ptr<Connection> db, bool created, std::unique_ptr<NewFile> new_file)
  : m_new_file(std::move(new_file)), m_db(std::move(db)), m_created(created)
{}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

int schema_version()
{
  return static_cast<int>(migrations().size());
}

std::optional<Store> Store::open_read(const std::string& given_path, bool force_immutable)
{
  const std::string path = real_db_path(given_path);
  struct stat st
  {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    throw StorageError(fmt::format("cannot open database {}: it is a directory", given_path),
                       "give the path of a file with --db");
  }
  std::unique_ptr<Connection> db;
  int found = 0;
  if (!force_immutable) {
    try {
      db = std::make_unique<Connection>(path, OpenMode::existing);
      found = checked_version(*db, path);
    } catch (const StorageError&) {
      // A WAL database in a folder nobody can write cannot get its -shm file; when
      // neither the file nor the folder can change, reading it as immutable is exact.
      if (can_write_file_and_folder(path)) {
        throw;
      }
      db.reset();
    }
  }
  if (!db) {
    db = std::make_unique<Connection>(path, OpenMode::immutable);
    found = checked_version(*db, path);
  }
  if (found < schema_version()) {
    if (found == 0 && st.st_size == 0) {
      return std::nullopt; // an empty file: nothing logged yet
    }
    refuse_foreign(*db, found, given_path);
    if (found == 0) {
      return std::nullopt; // an empty SQLite database: nothing logged yet
    }
    // An older sleeplog's file is read as it is (a read never writes): its events read
    // the same, and the tables it lacks (tags, plans) read as empty. The next write
    // upgrades it, with a backup first.
  }
  return Store(std::move(db), false, nullptr);
}

std::optional<Store> Store::open_existing(const std::string& given_path)
{
  const std::string path = real_db_path(given_path);
  struct stat st
  {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    throw StorageError(fmt::format("cannot open database {}: it is a directory", given_path),
                       "give the path of a file with --db");
  }
  auto db = std::make_unique<Connection>(path, OpenMode::existing);
  const int found = checked_version(*db, path);
  refuse_foreign(*db, found, path);
  // 16 MiB of page cache: big imports keep the uuid index in memory instead of writing
  // its pages again and again (the default 2 MiB made a 100,000-night import I/O-bound).
  db->exec("PRAGMA cache_size = -16384");
  if (found == schema_version()) {
    Statement wal(*db, "PRAGMA journal_mode = WAL");
    wal.step();
  }
  // An older file is switched to WAL only after its upgrade is committed (write()): a
  // command that fails leaves it byte for byte as it was.
  return Store(std::move(db), false, nullptr);
}

std::optional<Store> Store::begin_new(const std::string& given_path)
{
  auto file = std::make_unique<NewFile>();
  // The folder stays even if the command then fails: removing it could pull it from
  // under another command starting at the same moment.
  make_db_folder(given_path);
  const std::string path = real_db_path(given_path);
  file->target = path;
  // Creators in one folder take turns, so that racing first commands build one database
  // between them instead of each building one to throw away.
  file->folder_fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (file->folder_fd >= 0) {
    ::flock(file->folder_fd, LOCK_EX);
  }
  if (path_exists(path)) {
    return std::nullopt;
  }
  const auto slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  for (int attempt = 0; attempt < 100 && file->temporary.empty(); ++attempt) {
    std::string name = fmt::format("{}/.{}.{}.new", folder_of(path), base, new_uuid().substr(0, 8));
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
      file->temporary = std::move(name);
    } else if (errno != EEXIST) {
      throw StorageError(
        fmt::format("cannot create database {}: {}", given_path, std::strerror(errno)),
        "check that its folder is writable, or choose another with --db");
    }
  }
  if (file->temporary.empty()) {
    throw StorageError(fmt::format("cannot create database {}: no free temporary name", path));
  }
  // While it is private, the journal is kept in memory and nothing is synced: every
  // commit is in the file itself, which publish() syncs once before linking it (a WAL
  // could be left behind under the temporary name).
  auto db = std::make_unique<Connection>(file->temporary, OpenMode::existing);
  db->exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384");
  build_schema(*db, file->temporary);
  return Store(std::move(db), true, std::move(file));
}

bool Store::publish()
{
  if (!m_new_file) {
    return true;
  }
  m_statements.clear();
  m_recorder.reset();
  {
    // WAL is set while the file is still private: switching a shared file to WAL needs
    // an exclusive lock, and a command that opened it just after the link would make
    // that switch fail after this command's change was already in place.
    Statement st(*m_db, "PRAGMA journal_mode = WAL");
    st.step();
  }
  m_db.reset(); // closed: everything committed is in the temporary file
  NewFile& file = *m_new_file;
  const int fd = ::open(file.temporary.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) {
      ::close(fd);
    }
    throw StorageError(
      fmt::format("cannot create database {}: {}", file.target, std::strerror(error)),
      "check that the disk has space, or choose another place with --db");
  }
  ::close(fd);
  const int rc = ::link(file.temporary.c_str(), file.target.c_str());
  const int error = errno;
  if (rc != 0 && error != EEXIST) {
    throw StorageError(
      fmt::format("cannot create database {}: {}", file.target, std::strerror(error)),
      "check that its folder is writable, or choose another with --db");
  }
  ::unlink(file.temporary.c_str());
  file.published = true;
  if (rc != 0) {
    m_new_file.reset();
    return false; // someone else's database is there: it was not touched
  }
  if (file.folder_fd >= 0) {
    ::fsync(file.folder_fd);
  }
  m_new_file.reset();
  return true;
}

Store Store::open_write(const std::string& path)
{
  for (int attempt = 0; attempt < 10; ++attempt) {
    if (auto existing = open_existing(path)) {
      return std::move(*existing);
    }
    if (auto created = begin_new(path)) {
      if (created->publish()) {
        auto opened = open_existing(path);
        if (opened) {
          opened->m_created = true;
          return std::move(*opened);
        }
      }
    }
  }
  throw StorageError(
    fmt::format("cannot open database {}: it keeps appearing and vanishing", path));
}

int Store::file_schema_version() const
{
  return user_version(*m_db);
}

void Store::write(const std::function<void()>& body)
{
  write_if([&] {
    body();
    return true;
  });
}

bool Store::write_if(const std::function<bool()>& body)
{
  Transaction tx(*m_db);
  // Read again under the write lock: of processes starting together on an old file, one
  // upgrades it and the others find it upgraded.
  const int found = checked_version(*m_db, m_db->path());
  const bool upgrade = found < schema_version();
  std::int64_t events = 0;
  if (upgrade) {
    refuse_foreign(*m_db, found, m_db->path());
    events = count_events(*m_db);
    // A rollback-journal file must keep the upgrade out of the file until commit, so
    // that the backup connection reads it as it was.
    m_db->exec("PRAGMA cache_spill = OFF");
    m_statements.clear();
    migrate_within(*m_db, found);
  }
  if (!body()) {
    m_statements.clear();
    return false; // rolled back: the transaction ends unwritten
  }
  if (upgrade && found > 0 && events > 0 && !m_new_file) {
    // The command is valid (body did not throw): only now is the old file copied, and
    // the upgrade is committed only once its checked backup is in place.
    write_checked_backup(m_db->path(), found, events);
  }
  tx.commit();
  if (upgrade && !m_new_file) {
    m_db->exec("PRAGMA cache_spill = ON");
    Statement wal(*m_db, "PRAGMA journal_mode = WAL");
    wal.step();
  }
  return true;
}

Statement& Store::prepared(const char* sql) const
{
  auto& slot = m_statements[sql];
  if (!slot) {
    slot = std::make_unique<Statement>(*m_db, sql);
  }
  slot->reset();
  return *slot;
}

std::vector<Child> Store::children() const
{
  std::vector<Child> result;
  Statement st(*m_db, "SELECT id, name, coalesce(born, '') FROM child ORDER BY id");
  while (st.step()) {
    result.push_back(Child{st.int64(0), std::string(st.text(1)), std::string(st.text(2))});
  }
  return result;
}

std::optional<Child> Store::child_by_name(const std::string& name) const
{
  Statement st(*m_db, "SELECT id, name, coalesce(born, '') FROM child WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) {
    return std::nullopt;
  }
  return Child{st.int64(0), std::string(st.text(1)), std::string(st.text(2))};
}

Child Store::add_child(const std::string& name, const std::string& born)
{
  refuse_bad_text("a child's name", name);
  if (name.empty()) {
    throw InputError("a child's name cannot be empty");
  }
  if (child_by_name(name)) {
    throw InputError(fmt::format("there is already a child named '{}'", shown_value(name)),
                     "see them with `sleeplog child list`");
  }
  Statement st(*m_db,
               "INSERT INTO child(name, born, uuid) VALUES (?, ?, lower(hex(randomblob(16))))");
  st.bind(1, name).bind_text_or_null(2, born).run();
  return Child{m_db->last_insert_rowid(), name, born};
}

void Store::rename_child(const std::string& old_name, const std::string& new_name)
{
  refuse_bad_text("a child's name", new_name);
  if (!child_by_name(old_name)) {
    throw InputError(fmt::format("no child named '{}'", shown_value(old_name)),
                     "see them with `sleeplog child list`");
  }
  if (new_name.empty()) {
    throw InputError("a child's name cannot be empty");
  }
  if (child_by_name(new_name)) {
    throw InputError(fmt::format("there is already a child named '{}'", shown_value(new_name)));
  }
  Statement st(*m_db, "UPDATE child SET name = ? WHERE name = ?");
  st.bind(1, new_name).bind(2, old_name).run();
  if (setting("default-child") == old_name) {
    set_setting("default-child", new_name);
  }
}

void Store::set_child_born(const std::string& name, const std::string& born)
{
  if (!child_by_name(name)) {
    throw InputError(fmt::format("no child named '{}'", name),
                     "see them with `sleeplog child list`");
  }
  Statement st(*m_db, "UPDATE child SET born = ? WHERE name = ?");
  st.bind_text_or_null(1, born).bind(2, name).run();
}

std::optional<std::string> Store::setting(const std::string& key) const
{
  Statement st(*m_db, "SELECT value FROM setting WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) {
    return std::nullopt;
  }
  return std::string(st.text(0));
}

void Store::set_setting(const std::string& key, const std::string& value)
{
  refuse_bad_text("a setting", value);
  if (value.empty()) {
    Statement st(*m_db, "DELETE FROM setting WHERE key = ?");
    st.bind(1, key).run();
    return;
  }
  Statement st(*m_db, "INSERT INTO setting(key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value).run();
}

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

void Store::insert_event(model::Event& event, std::int64_t change_id, const std::string& source_key)
{
  refuse_bad_event(event);
  if (event.uuid.empty()) {
    event.uuid = new_uuid();
  }
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
                           const std::function<void(const model::Event&)>& fn) const
{
  Statement st(*m_db, fmt::format("SELECT {} FROM event WHERE child_id = ? AND start_at >= ? "
                                  "AND start_at < ? ORDER BY start_at, id",
                                  event_columns));
  st.bind(1, child_id).bind(2, from).bind(3, to);
  while (st.step()) {
    fn(read_event(st));
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
    m_db->exec(fmt::format("DROP INDEX IF EXISTS {}", index.name));
  }
}

void Store::end_bulk_load()
{
  m_statements.clear();
  for (const auto& index : event_indexes()) {
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

void Store::backup_to(const std::string& target)
{
  if (path_exists(target)) {
    throw InputError(fmt::format("{} already exists", target),
                     "choose a new file name; backup never overwrites");
  }
  // Create the file 0600 first so the copy is never readable by others.
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw StorageError(fmt::format("cannot create {}", target),
                       "check that the folder exists and is writable");
  }
  ::close(fd);
  try {
    Statement st(*m_db, "VACUUM INTO ?");
    st.bind(1, target).run();
  } catch (...) {
    ::unlink(target.c_str());
    throw;
  }
}

std::vector<std::string> Store::integrity_problems() const
{
  std::vector<std::string> problems;
  Statement st(*m_db, "PRAGMA integrity_check");
  while (st.step()) {
    if (st.text(0) != "ok") {
      problems.emplace_back(st.text(0));
    }
  }
  return problems;
}

std::vector<std::int64_t> Store::orphan_event_ids() const
{
  std::vector<std::int64_t> ids;
  Statement st(*m_db,
               "SELECT id FROM event WHERE child_id NOT IN (SELECT id FROM child) ORDER BY id");
  while (st.step()) {
    ids.push_back(st.int64(0));
  }
  return ids;
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
