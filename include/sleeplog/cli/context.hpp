// What every command needs: global options, now, the zone, the streams, and the shared
// steps of opening the log and choosing the child.
#pragma once

#include <sleeplog/app/children.hpp>
#include <sleeplog/app/clock.hpp>
#include <sleeplog/cli/run.hpp>
#include <sleeplog/model/night.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/errors.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sleeplog::cli {

/// Options accepted before or after any command.
struct GlobalOptions
{
  std::string db;
  std::string child;
  std::string format = "text";
  std::string color = "auto";
  bool quiet = false;
};

/// The state of one run; its app::Clock (`now`, `zone`) is what the app layer is asked with.
class Context : public app::Clock
{
public:
  Context(const Environment& env, std::ostream& out, std::ostream& err);

  /// Settles now, the zone and the style once options are parsed.
  void finish_setup();

  /// An environment variable, or "" when unset.
  std::string var(const std::string& name) const;

  /// The database path after --db / SLEEPLOG_DB / XDG.
  std::string db_path() const;

  /// Opens the log for reading; when it does not exist prints "nothing logged yet"
  /// (unless the format is csv/json) and returns nullopt. Every query then reads one
  /// snapshot (store/snapshot.hpp): end it before waiting for what is logged meanwhile.
  std::optional<store::Store> open_read();

  /// Opens the log for writing (creating it).
  store::Store open_write();

  /// The child a write applies to; creates "baby" when there is none yet.
  store::Child child_for_write(store::Store& store);

  /// The child a report reads, or nullopt (message printed) when there is none.
  std::optional<store::Child> child_for_read(const store::Store& store);

  /// child_option() of the child this command names (--child, SLEEPLOG_CHILD, the
  /// default child), for a hint given before the log is open: "" when the log holds at
  /// most one child or cannot be read; " -c NAME" when it holds several and none is named.
  std::string child_option_for_hint() const;

  /// Who logged a write (app::who_logged): --by, else SLEEPLOG_BY, else the `caregiver`
  /// setting, else the machine's chosen replica name.
  std::string caregiver(const store::Store& store, const std::string& by_flag) const;

  /// Parses WHEN tokens (throws InputError); prints any warning.
  time::ParsedWhen when(std::span<const std::string> tokens);

  /// Prints a warning line to stderr.
  void warn(const std::string& message) const;

  /// Moves `now` toward `due`: with SLEEPLOG_NOW set (or no real clock) at once, without
  /// sleeping; else sleeps at most `step` seconds and reads the clock again.
  void wait_toward(time::Instant due, long long step = 30);

  /// Prints an informational line to stderr unless --quiet.
  void note(const std::string& message) const;

  /// note(), but held until the write in progress is committed (with_store prints it
  /// then, or drops it when the write fails): "Added child 'baby'" is never printed
  /// before an error that takes the child back.
  void note_when_written(const std::string& message);

  /// Prints the held notes (after a commit), or drops them.
  void flush_held_notes(bool written);

  GlobalOptions opts;
  /// The command as typed, without the options that do not change what it does
  /// (`--db`, `--color`, `-q`): the name a write gets in the change journal.
  std::string command_line;
  report::Style style;
  std::ostream& out;
  std::ostream& err;
  /// The terminal-safety filter on `out`, when there is one (run() sets it).
  report::TerminalSafeBuf* out_filter = nullptr;

  /// Declares that this command writes data (CSV, JSON): stdout gets its bytes exactly.
  void data_output();

private:
  const Environment& m_env;
  std::vector<std::string> m_held_notes;
};

// Hints name the child (app/children.hpp).
using app::child_label;
using app::child_option;
using app::command_for_each_child;

} // namespace sleeplog::cli
