// The file's life: opening (read, existing, write), creating a new database privately and
// publishing it, bringing an older schema forward inside a write, backups and integrity
// checks (DESIGN §7.1–7.3).
#include <sleeplog/store/backup.hpp>
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/schema.hpp>
#include <sleeplog/store/store.hpp>

#include <fmt/format.h>

#include "store_shared.hpp"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sleeplog::store {

namespace {

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

// SQLite's open fails on first use, not in sqlite3_open_v2: the version is the first read.
int checked_version(Connection& db, const std::string& path)
{
  const int found = user_version(db);
  refuse_unknown(found, path);
  return found;
}

} // namespace

bool has_table(const Connection& db, const char* name)
{
  Statement st(db, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?)");
  st.bind(1, name);
  return st.step() && st.int64(0) != 0;
}

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

namespace {

// The database file's status; nullopt when there is none yet. A folder given as the
// database is refused.
std::optional<struct stat> stat_of_db(const std::string& path, const std::string& given_path)
{
  struct stat st
  {};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    throw StorageError(fmt::format("cannot open database {}: it is a directory", given_path),
                       "give the path of a file with --db");
  }
  return st;
}

} // namespace

int schema_version()
{
  return static_cast<int>(migrations().size());
}

std::optional<Store> Store::open_read(const std::string& given_path, bool force_immutable)
{
  const std::string path = real_db_path(given_path);
  const auto st = stat_of_db(path, given_path);
  if (!st) {
    return std::nullopt;
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
    if (found == 0 && st->st_size == 0) {
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
  const auto st = stat_of_db(path, given_path);
  if (!st) {
    return std::nullopt;
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
  auto temporary = create_temporary_beside(path, "new");
  if (temporary.fd < 0 && temporary.error != 0) {
    throw StorageError(
      fmt::format("cannot create database {}: {}", given_path, std::strerror(temporary.error)),
      "check that its folder is writable, or choose another with --db");
  }
  if (temporary.fd < 0) {
    throw StorageError(fmt::format("cannot create database {}: no free temporary name", path));
  }
  ::close(temporary.fd);
  file->temporary = std::move(temporary.name);
  // While it is private, the journal is kept in memory and nothing is synced: every
  // commit is in the file itself, which publish() syncs once before linking it (a WAL
  // could be left behind under the temporary name). A new file is filled by bulk loads,
  // whose indexes are built after: a small page cache serves them (16 MiB only cost a
  // 100,000-night import 12 MiB more at its peak, and some time).
  auto db = std::make_unique<Connection>(file->temporary, OpenMode::existing);
  db->exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -1024");
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

} // namespace sleeplog::store
