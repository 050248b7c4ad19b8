#include <sleeplog/app/children.hpp>
#include <sleeplog/app/settings.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/shell_word.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

namespace sleeplog::app {

std::string wanted_child(const store::Store& store, const std::string& flag, const std::string& env)
{
  if (!flag.empty()) {
    return flag;
  }
  if (!env.empty()) {
    return env;
  }
  return read_settings(store).default_child;
}

std::optional<store::Child> chosen_child(const store::Store& store, const std::string& flag,
                                         const std::string& env)
{
  const std::string name = wanted_child(store, flag, env);
  if (!name.empty()) {
    auto child = store.child_by_name(name);
    if (!child) {
      throw InputError(
        fmt::format("no child named '{}'", shown_value(name)),
        fmt::format("add it with `sleeplog child add {}`, or see `sleeplog child list`",
                    shown_value(name)));
    }
    return child;
  }
  auto all = store.children();
  if (all.empty()) {
    return std::nullopt;
  }
  if (all.size() > 1) {
    throw InputError("there are several children; say which one",
                     "use --child NAME, or set one with `sleeplog child default NAME`");
  }
  return all.front();
}

ChildForWrite child_for_write(store::Store& store, const std::string& flag, const std::string& env)
{
  if (auto child = chosen_child(store, flag, env)) {
    return {*child, false};
  }
  return {store.add_child("baby", ""), true};
}

std::string child_option(const store::Store& store, const store::Child& child)
{
  if (store.children().size() < 2) {
    return {};
  }
  // A name that begins with '-' would read as an option after -c.
  return child.name.starts_with('-') ? " --child=" + shell_word(child.name)
                                     : " -c " + shell_word(child.name);
}

std::string child_label(const store::Store& store, const store::Child& child)
{
  return store.children().size() > 1 ? child.name : std::string();
}

std::string command_for_each_child(const store::Store& store, const std::string& command,
                                   std::optional<std::int64_t> except)
{
  const auto children = store.children();
  if (children.size() < 2) {
    return fmt::format("`{}`", command);
  }
  std::string text;
  for (const auto& child : children) {
    if (child.id != except) {
      text +=
        fmt::format("{}`{}{}`", text.empty() ? "" : " or ", command, child_option(store, child));
    }
  }
  return text;
}

} // namespace sleeplog::app
