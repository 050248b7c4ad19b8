#include <sleeplog/app/children.hpp>
#include <sleeplog/util/shell_word.hpp>

#include <fmt/format.h>

namespace sleeplog::app {

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
