// The checked backup written before a migration: a consistent copy of the database as it
// was, proved readable and complete before the upgrade is committed.
#pragma once

#include <cstdint>
#include <string>

namespace sleeplog::store {

/// The name a backup of `path` at schema `version` takes: FILE.vN.bak, or the first free
/// FILE.vN.K.bak (K = 1, 2, …) when something already has that name (it is kept).
std::string free_backup_name(const std::string& path, int version);

/// Copies the committed state of the database at `path` (schema `version`, holding
/// `events` events) with VACUUM INTO to a temporary name beside it, checks the copy
/// (integrity_check, user_version, event count), syncs it and links it to
/// free_backup_name(); returns that name. Throws StorageError naming the backup, and
/// leaves no temporary file, when any step fails.
std::string write_checked_backup(const std::string& path, int version, std::int64_t events);

} // namespace sleeplog::store
