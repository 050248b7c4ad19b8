// The sleeplog binary: the process is set up here (file mode, signals, the environment,
// the real clock, standard output), then cli::run does the rest. Everything below this
// file takes these as arguments, so tests run commands in-process with their own.
#include <sleeplog/cli/run.hpp>
#include <sleeplog/store/output_file.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <malloc.h>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

long long read_clock()
{
  return std::chrono::duration_cast<std::chrono::seconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

// What cli::run sees of the outside world: the variables, the real clock, the terminal.
sleeplog::cli::Environment real_environment()
{
  sleeplog::cli::Environment env;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq != std::string::npos) {
      env.vars.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  env.clock_now = read_clock();
  env.stdout_is_tty = ::isatty(STDOUT_FILENO) != 0;
  env.read_clock = read_clock;
  env.sleep = [](long long seconds) { std::this_thread::sleep_for(std::chrono::seconds(seconds)); };
  return env;
}

} // namespace

int main(int argc, char** argv)
{
  ::umask(077); // every file sleeplog creates (database, backups, exports) is private
  // A long note's buffers (tens of MiB) are mapped and unmapped whole. Left to itself,
  // glibc raises this threshold to the largest block freed and serves the next one from
  // the heap, where anything allocated after it (a statement kept for reuse) keeps the
  // freed block from being handed back: a report then peaked at two copies of the note.
  ::mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  // A file-size limit (ulimit -f) then fails the write, which is reported, instead of
  // killing the process with the output cut short.
  std::signal(SIGXFSZ, SIG_IGN);
  const sleeplog::cli::Environment env = real_environment();
  const std::vector<std::string> args(argv + 1, argv + argc);
  sleeplog::store::FdOutBuf stdout_buffer(STDOUT_FILENO);
  std::ostream out(&stdout_buffer);
  int status = sleeplog::cli::run(args, env, out, std::cerr);
  // A write error was reported by run; a failing close (NFS, a full disk) is one too.
  if (stdout_buffer.error() == 0 && ::close(STDOUT_FILENO) != 0 && errno != EBADF && status == 0) {
    std::cerr << "sleeplog: error: cannot write the output (standard output): "
              << std::strerror(errno) << '\n';
    status = sleeplog::cli::exit_status(sleeplog::ErrorKind::storage);
  }
  return status;
}
