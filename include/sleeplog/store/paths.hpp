// Where the database lives (SPEC §1) and how its folder and file are created.
#pragma once

#include <string>

namespace sleeplog::store {

/// --db, else $SLEEPLOG_DB, else $XDG_DATA_HOME/sleeplog/sleeplog.db, else
/// $HOME/.local/share/sleeplog/sleeplog.db. Empty arguments count as unset.
std::string resolve_db_path(const std::string& flag, const std::string& env_db,
                            const std::string& xdg_data_home, const std::string& home);

/// True when a file (or anything) exists at path.
bool path_exists(const std::string& path);

/// Creates the database's folder (mode 0700, parents too) and an empty file (mode 0600)
/// if missing, so that SQLite never creates it with looser modes.
void prepare_db_file(const std::string& path);

} // namespace sleeplog::store
