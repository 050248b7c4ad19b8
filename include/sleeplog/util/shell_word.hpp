// How a value is spelled inside a command that a hint prints, so that the command,
// pasted at a shell prompt, passes the value back as one word.
#pragma once

#include <string>
#include <string_view>

namespace sleeplog {

/// `text` as one shell word: bare when it holds only letters, digits and `-_.,:/@%+=`
/// (and any non-ASCII letters), else in double quotes ("Leo Smith"), or in single quotes
/// when it holds a character that double quotes would not keep (`"`, `$`, `` ` ``, `\`,
/// `!`), a `'` inside written as `'\''`.
inline std::string shell_word(std::string_view text)
{
  const auto bare = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           std::string_view("-_.,:/@%+=").find(c) != std::string_view::npos;
  };
  bool all_bare = !text.empty();
  bool double_quotes_keep = true;
  for (const char c : text) {
    all_bare = all_bare && bare(c);
    double_quotes_keep =
      double_quotes_keep && std::string_view("\"$`\\!").find(c) == std::string_view::npos;
  }
  if (all_bare) {
    return std::string(text);
  }
  if (double_quotes_keep) {
    return "\"" + std::string(text) + "\"";
  }
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

} // namespace sleeplog
