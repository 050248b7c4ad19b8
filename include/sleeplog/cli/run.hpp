// The command line: parses arguments, runs one command, maps errors to exit codes.
#pragma once

#include <sleeplog/util/errors.hpp>

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace sleeplog::cli {

/// What a run sees of the outside world; tests pass their own.
struct Environment
{
  std::map<std::string, std::string> vars; // environment variables
  long long clock_now = 0;                 // the real clock, unless SLEEPLOG_NOW is set
  bool stdout_is_tty = false;
  // `next --wait` sleeps through these; tests leave them empty, so it never waits.
  std::function<void(long long seconds)> sleep; // waits in real time
  std::function<long long()> read_clock;        // the real clock after a wait
};

/// Runs sleeplog with args (without the program name); returns the exit status.
int run(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
        std::ostream& err);

/// The exit status of a failure of `kind`: 2 for input, 1 for storage (DESIGN §1.3).
int exit_status(ErrorKind kind);

} // namespace sleeplog::cli
