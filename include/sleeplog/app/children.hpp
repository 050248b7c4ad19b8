// Which child a command is about (--child, SLEEPLOG_CHILD, the default child, or the only
// one), and how a hint names that child so that the command it prints works as typed.
#pragma once

#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace sleeplog::app {

/// The name a command gives: `flag` (--child), else `env` (SLEEPLOG_CHILD), else the
/// `default-child` setting; "" when none names a child.
std::string wanted_child(const store::Store& store, const std::string& flag,
                         const std::string& env);

/// The child a command is about: the one wanted_child() names, else the log's only
/// child; nullopt when the log holds none and none is named. Throws InputError when the
/// name matches no child, or when the log holds several and none is named.
std::optional<store::Child> chosen_child(const store::Store& store, const std::string& flag,
                                         const std::string& env);

/// The child a write applies to: chosen_child(), or a new child called "baby" when the
/// log holds none (`added` says so, for the note the write prints once committed).
struct ChildForWrite
{
  store::Child child;
  bool added = false;
};
ChildForWrite child_for_write(store::Store& store, const std::string& flag, const std::string& env);

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
