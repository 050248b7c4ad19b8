#include <sleeplog/store/backup.hpp>
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/sqlite.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace sleeplog::store {

namespace {

constexpr const char* space_hint =
  "free some space or make the folder writable, then run the command again; the database "
  "was left as it was";

// The reason of a StorageError from SQLite, without the source database's name (which
// would read as if the source were the failing file).
std::string reason_of(const StorageError& error, const std::string& source)
{
  std::string text = error.what();
  const std::string prefix = "database " + source + ": ";
  if (text.rfind(prefix, 0) == 0) {
    text.erase(0, prefix.size());
  }
  const std::string query_failed = "query failed: ";
  if (text.rfind(query_failed, 0) == 0) {
    text.erase(0, query_failed.size());
  }
  return text;
}

void remove_partial(const std::string& partial)
{
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    ::unlink((partial + suffix).c_str());
  }
}

// What a backup must be before it may stand for the database: SQLite finds no damage,
// and it has the source's schema version and every one of its events.
void check_copy(const std::string& partial, const std::string& shown, int version,
                std::int64_t events)
{
  Connection copy(partial, OpenMode::immutable);
  {
    Statement st(copy, "PRAGMA integrity_check");
    if (!st.step() || st.text(0) != "ok") {
      throw StorageError(fmt::format("the backup {} failed SQLite's integrity check", shown),
                         space_hint);
    }
  }
  Statement v(copy, "PRAGMA user_version");
  const std::int64_t found_version = v.step() ? v.int64(0) : -1;
  Statement n(copy, "SELECT count(*) FROM event");
  const std::int64_t found_events = n.step() ? n.int64(0) : -1;
  if (found_version != version || found_events != events) {
    throw StorageError(fmt::format("the backup {} holds schema {} and {} events, not {} and {}",
                                   shown, found_version, found_events, version, events),
                       space_hint);
  }
}

void sync_file(const std::string& path, const std::string& shown)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) {
      ::close(fd);
    }
    throw StorageError(fmt::format("cannot write the backup {}: {}", shown, std::strerror(error)),
                       space_hint);
  }
  ::close(fd);
}

} // namespace

std::string free_backup_name(const std::string& path, int version)
{
  std::string name = fmt::format("{}.v{}.bak", path, version);
  for (int k = 1; path_exists(name); ++k) {
    name = fmt::format("{}.v{}.{}.bak", path, version, k);
  }
  return name;
}

std::string write_checked_backup(const std::string& path, int version, std::int64_t events)
{
  // The caller holds the write lock: no other sleeplog is writing a backup of this file,
  // so a partial one left by a killed command can go.
  const std::string partial = fmt::format("{}.v{}.bak.partial", path, version);
  const std::string shown = fmt::format("{}.v{}.bak", path, version);
  remove_partial(partial);
  try {
    {
      // A second connection reads the last committed state: the upgrade the caller has
      // begun is not part of it.
      Connection source(path, OpenMode::existing);
      Statement st(source, "VACUUM INTO ?");
      st.bind(1, partial);
      try {
        st.run();
      } catch (const StorageError& e) {
        throw StorageError(
          fmt::format("cannot write the backup {} before upgrading: {}", shown, reason_of(e, path)),
          space_hint);
      }
    }
    check_copy(partial, shown, version, events);
    sync_file(partial, shown);
    for (int attempt = 0; attempt < 1000; ++attempt) {
      std::string name = free_backup_name(path, version);
      // link() never replaces: a name taken meanwhile is kept and the next one tried.
      if (::link(partial.c_str(), name.c_str()) == 0) {
        remove_partial(partial);
        const int folder = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (folder >= 0) {
          ::fsync(folder);
          ::close(folder);
        }
        return name;
      }
      if (errno != EEXIST) {
        throw StorageError(
          fmt::format("cannot write the backup {}: {}", name, std::strerror(errno)), space_hint);
      }
    }
    throw StorageError(fmt::format("cannot write the backup {}: no free name", shown), space_hint);
  } catch (...) {
    remove_partial(partial);
    throw;
  }
}

} // namespace sleeplog::store
