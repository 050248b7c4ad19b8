// The RANGE options of a read command and the log and child it reads: the command-line
// side of app/nights (DESIGN §3.3).
#pragma once

#include <sleeplog/app/nights.hpp>
#include <sleeplog/cli/context.hpp>

#include <optional>

namespace CLI {
class App;
}

namespace sleeplog::cli {

/// Adds --last, --since, --until and --week to a command.
void add_range_options(CLI::App& command, app::RangeOptions& range);

/// The log and child a read command works on; either may be empty (a message was printed).
struct Reading
{
  std::optional<store::Store> store;
  std::optional<store::Child> child;
};

/// Opens the log read-only and picks the child, saying so when there is none.
Reading open_reading(Context& ctx);

} // namespace sleeplog::cli
