// Files written other than the database, reporting every failed write: a stream buffer over
// a file descriptor (standard output too), and the export or report file written beside its
// target and renamed into place (DESIGN §6.1, §7.1). Beside paths.hpp, so that the store
// owns every file the program creates.
#pragma once

#include <memory>
#include <streambuf>
#include <string>

namespace sleeplog::store {

/// A buffered stream buffer writing to a file descriptor it does not own; remembers the
/// errno of the first write that failed (a full disk, a file-size limit, a closed pipe).
class FdOutBuf : public std::streambuf
{
public:
  explicit FdOutBuf(int fd);
  FdOutBuf(const FdOutBuf&) = delete;
  FdOutBuf& operator=(const FdOutBuf&) = delete;
  ~FdOutBuf() override;

  /// errno of the first failed write, or 0.
  int error() const { return m_error; }

protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

private:
  bool drain();
  bool write_all(const char* data, std::size_t size);

  int m_fd;
  int m_error = 0;
  std::string m_buffer;
};

/// An export file: a new private temporary (O_EXCL | O_NOFOLLOW) in the target's folder,
/// renamed over the target on commit() only if the target is absent or a regular file.
/// A FIFO at the target is written through instead; a symlink, directory, device or
/// socket there is refused (InputError) and left untouched.
class OutputFile
{
public:
  explicit OutputFile(const std::string& path);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  /// Removes the temporary unless committed.
  ~OutputFile();

  /// Where to write.
  std::streambuf& buffer() { return *m_buffer; }

  /// Flushes, syncs and closes, then renames into place; StorageError on any failure
  /// (the target is then as it was).
  void commit();

private:
  std::string m_path;
  std::string m_temporary; // empty when writing through
  bool m_unnamed = false;  // an O_TMPFILE file: nothing is left behind if the process dies
  int m_fd = -1;
  std::unique_ptr<FdOutBuf> m_buffer;
  bool m_done = false;
};

} // namespace sleeplog::store
