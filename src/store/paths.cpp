#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sleeplog::store {

std::string resolve_db_path(const std::string& flag, const std::string& env_db,
                            const std::string& xdg_data_home, const std::string& home)
{
  if (!flag.empty()) {
    return flag;
  }
  if (!env_db.empty()) {
    return env_db;
  }
  if (!xdg_data_home.empty()) {
    return xdg_data_home + "/sleeplog/sleeplog.db";
  }
  return (home.empty() ? std::string(".") : home) + "/.local/share/sleeplog/sleeplog.db";
}

bool path_exists(const std::string& path)
{
  struct stat st
  {};
  return ::lstat(path.c_str(), &st) == 0;
}

namespace {

void make_dirs(const std::string& dir, std::vector<std::string>& made)
{
  if (dir.empty() || path_exists(dir)) {
    return;
  }
  const auto slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    make_dirs(dir.substr(0, slash), made);
  }
  if (::mkdir(dir.c_str(), 0700) == 0) {
    made.push_back(dir);
  } else if (errno != EEXIST) {
    throw StorageError(fmt::format("cannot create folder {}: {}", dir, std::strerror(errno)),
                       "choose another place with --db or SLEEPLOG_DB");
  }
}

} // namespace

std::vector<std::string> make_db_folder(const std::string& path)
{
  std::vector<std::string> made;
  const auto slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    make_dirs(path.substr(0, slash), made);
  }
  return made;
}

std::string folder_of(const std::string& path)
{
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path)
{
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string real_db_path(const std::string& path)
{
  const std::string base = base_of(path);
  char* real_folder = ::realpath(folder_of(path).c_str(), nullptr);
  if (real_folder == nullptr) {
    return path; // the folder does not exist yet: the first write creates it
  }
  std::string resolved = real_folder;
  std::free(real_folder);
  resolved += (resolved == "/" ? "" : "/") + base;
  struct stat st
  {};
  if (::lstat(resolved.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    char* target = ::realpath(resolved.c_str(), nullptr);
    if (target == nullptr) {
      throw StorageError(
        fmt::format("database {} is a symbolic link to nothing ({})", path, std::strerror(errno)),
        "point the link at the database file, or give its real path with --db");
    }
    resolved = target;
    std::free(target);
  }
  return resolved;
}

bool can_write_file_and_folder(const std::string& path)
{
  return ::access(path.c_str(), W_OK) == 0 && ::access(folder_of(path).c_str(), W_OK) == 0;
}

TemporaryFile create_temporary_beside(const std::string& path, const std::string& suffix)
{
  const std::string folder = folder_of(path);
  const std::string base = base_of(path);
  TemporaryFile file;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = fmt::format("{}/.{}.{}.{}", folder, base, new_uuid().substr(0, 8), suffix);
    file.fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (file.fd >= 0) {
      file.name = std::move(name);
      return file;
    }
    if (errno != EEXIST) {
      file.error = errno;
      return file;
    }
  }
  return file;
}

} // namespace sleeplog::store
