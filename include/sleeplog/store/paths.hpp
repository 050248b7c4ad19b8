// Where the database lives (DESIGN §1.2) and how its folder and file are created.
#pragma once

#include <string>
#include <vector>

namespace sleeplog::store {

/// --db, else $SLEEPLOG_DB, else $XDG_DATA_HOME/sleeplog/sleeplog.db, else
/// $HOME/.local/share/sleeplog/sleeplog.db. Empty arguments count as unset.
std::string resolve_db_path(const std::string& flag, const std::string& env_db,
                            const std::string& xdg_data_home, const std::string& home);

/// True when a file (or anything) exists at path.
bool path_exists(const std::string& path);

/// Creates the database's folder (mode 0700, parents too) if missing; returns the
/// folders it made, parents first.
std::vector<std::string> make_db_folder(const std::string& path);

/// The path with the symbolic links of its folder resolved (HOME under a symlinked
/// folder works), and a symlinked final component followed to its target; a dangling
/// final link is refused (StorageError). The path unchanged when its folder is missing.
std::string real_db_path(const std::string& path);

/// The folder part of a path ("." when none).
std::string folder_of(const std::string& path);

/// The last part of a path: what follows its last slash (the whole path when none).
std::string base_of(const std::string& path);

/// A private file created beside another, and the open descriptor to write it.
struct TemporaryFile
{
  /// Open for writing; -1 when no file was created.
  int fd = -1;
  /// Its path; "" when none was created.
  std::string name;
  /// When none was created: the errno that stopped it, or 0 when every name tried was taken.
  int error = 0;
};

/// Creates FOLDER/.BASE.XXXXXXXX.SUFFIX beside `path` (random X), mode 0600, with O_EXCL
/// and O_NOFOLLOW so that it is new and never reached through a link; tries another name
/// while one is taken, up to 100. The one place that names the files sleeplog writes
/// before moving them into place (a new database, an export or report file).
TemporaryFile create_temporary_beside(const std::string& path, const std::string& suffix);

/// True when this process could write both the file and its folder (a reader needs
/// both to share a WAL database normally).
bool can_write_file_and_folder(const std::string& path);

} // namespace sleeplog::store
