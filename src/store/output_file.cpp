#include <sleeplog/store/output_file.hpp>
#include <sleeplog/store/paths.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace sleeplog::store {

namespace {

constexpr std::size_t buffer_size = 1 << 16;

[[noreturn]] void refuse(const std::string& path, const char* what)
{
  throw InputError(fmt::format("will not write over {}: it is {}", path, what),
                   "give the path of a regular file (or a new one) with -o");
}

} // namespace

FdOutBuf::FdOutBuf(int fd) : m_fd(fd)
{
  m_buffer.reserve(buffer_size);
}

FdOutBuf::~FdOutBuf()
{
  drain();
}

bool FdOutBuf::write_all(const char* data, std::size_t size)
{
  while (size > 0 && m_error == 0) {
    const ssize_t written = ::write(m_fd, data, size);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      m_error = errno;
      break;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return m_error == 0;
}

bool FdOutBuf::drain()
{
  const bool ok = write_all(m_buffer.data(), m_buffer.size());
  m_buffer.clear();
  return ok;
}

FdOutBuf::int_type FdOutBuf::overflow(int_type c)
{
  if (traits_type::eq_int_type(c, traits_type::eof())) {
    return traits_type::not_eof(c);
  }
  const char byte = traits_type::to_char_type(c);
  return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
}

std::streamsize FdOutBuf::xsputn(const char* data, std::streamsize size)
{
  if (m_error != 0) {
    return 0;
  }
  const auto count = static_cast<std::size_t>(size);
  if (m_buffer.size() + count > buffer_size) {
    if (!drain()) {
      return 0;
    }
    if (count >= buffer_size) {
      return write_all(data, count) ? size : 0;
    }
  }
  m_buffer.append(data, count);
  return size;
}

int FdOutBuf::sync()
{
  return drain() ? 0 : -1;
}

OutputFile::OutputFile(const std::string& path) : m_path(path)
{
  struct stat st
  {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      refuse(path, "a symbolic link");
    }
    if (S_ISDIR(st.st_mode)) {
      refuse(path, "a directory");
    }
    if (S_ISFIFO(st.st_mode)) {
      m_fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
      if (m_fd < 0) {
        throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
      }
      m_buffer = std::make_unique<FdOutBuf>(m_fd);
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      refuse(path, "a device or socket, not a regular file");
    }
  }
  const std::string folder = folder_of(path);
  // An unnamed file in the target's folder, given a name only when complete: a command
  // killed while writing leaves no partial file behind. Needs O_TMPFILE and /proc.
  if (::access("/proc/self/fd", X_OK) == 0) {
    m_fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    m_unnamed = m_fd >= 0;
  }
  if (m_fd < 0) {
    auto temporary = create_temporary_beside(path, "partial");
    if (temporary.fd < 0 && temporary.error != 0) {
      throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(temporary.error)),
                         "check that its folder exists and is writable");
    }
    if (temporary.fd < 0) {
      throw StorageError(fmt::format("cannot write {}: no free temporary name", path));
    }
    m_fd = temporary.fd;
    m_temporary = std::move(temporary.name);
  }
  if (m_unnamed) {
    m_temporary = fmt::format("{}/.{}.{}.partial", folder, base_of(path), new_uuid().substr(0, 8));
  }
  m_buffer = std::make_unique<FdOutBuf>(m_fd);
}

OutputFile::~OutputFile()
{
  m_buffer.reset();
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  if (!m_done && !m_temporary.empty() && !m_unnamed) {
    ::unlink(m_temporary.c_str());
  }
}

void OutputFile::commit()
{
  const auto fail = [this](int error) {
    throw StorageError(fmt::format("cannot write {}: {}", m_path, std::strerror(error)),
                       error == ENOSPC ? "the disk is full; free some space (the file "
                                         "was left as it was)"
                                       : "");
  };
  m_buffer->pubsync();
  if (m_buffer->error() != 0) {
    fail(m_buffer->error());
  }
  if (!m_temporary.empty() && ::fsync(m_fd) != 0) {
    fail(errno);
  }
  if (m_temporary.empty()) { // a pipe, written in place
    const int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0) {
      fail(errno);
    }
    m_done = true;
    return;
  }
  struct stat st
  {};
  const bool exists = ::lstat(m_path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    refuse(m_path, "no longer a regular file");
  }
  if (m_unnamed) {
    // A new file is named in one step. An old one is replaced by a rename of a temporary
    // name: only a kill between those two calls can leave that name behind.
    const std::string self = fmt::format("/proc/self/fd/{}", m_fd);
    if (!exists &&
        ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, m_path.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      m_done = true;
      if (::close(std::exchange(m_fd, -1)) != 0) {
        fail(errno);
      }
      return;
    }
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, m_temporary.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      fail(errno);
    }
    m_unnamed = false; // named now: removed by the destructor unless renamed
  }
  if (::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
    fail(errno);
  }
  m_done = true;
  if (::close(std::exchange(m_fd, -1)) != 0) {
    fail(errno);
  }
}

} // namespace sleeplog::store
