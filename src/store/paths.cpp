#include <sleeplog/store/errors.hpp>
#include <sleeplog/store/paths.hpp>

#include <fmt/format.h>

#include <cerrno>
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

void make_dirs(const std::string& dir)
{
  if (dir.empty() || path_exists(dir)) {
    return;
  }
  const auto slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    make_dirs(dir.substr(0, slash));
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw StorageError(fmt::format("cannot create folder {}: {}", dir, std::strerror(errno)),
                       "choose another place with --db or SLEEPLOG_DB");
  }
}

} // namespace

void prepare_db_file(const std::string& path)
{
  struct stat st
  {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      throw StorageError(fmt::format("cannot open database {}: it is a directory", path),
                         "give the path of a file with --db");
    }
    return;
  }
  const auto slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    make_dirs(path.substr(0, slash));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) {
    throw StorageError(fmt::format("cannot create database {}: {}", path, std::strerror(errno)),
                       "check that its folder is writable, or choose another with --db");
  }
  if (fd >= 0) {
    ::close(fd);
  }
}

} // namespace sleeplog::store
