// How a hint names the child it is about, so that the command it prints works as typed.
#pragma once

#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace sleeplog::app {

/// The words that name `child` in a command a hint prints: " -c Leo" (" -c \"Leo Smith\""
/// when the name needs quotes) once the log holds two children or more, else "". Every
/// hint that names a command about one child carries it, so the command works as
/// printed; commands about the whole log (undo, check, config, child, help) need none.
std::string child_option(const store::Store& store, const store::Child& child);

/// "Leo" when the log holds two children or more, else "": a write's line names it.
std::string child_label(const store::Store& store, const store::Child& child);

/// `command` once for each child but `except`, with its child_option(), in backticks and
/// joined by " or " ("`sleeplog list -c Leo` or `sleeplog list -c Nora`"), for a hint
/// that cannot know which child is meant; "`command`" alone when the log holds one child.
std::string command_for_each_child(const store::Store& store, const std::string& command,
                                   std::optional<std::int64_t> except = std::nullopt);

} // namespace sleeplog::app
