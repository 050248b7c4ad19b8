// How a value the user gave is echoed in a message: whole when short, else its first 40
// characters and "…", so that a 50 MB cell never becomes 50 MB of stderr.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sleeplog {

/// The longest value, in characters, that messages echo whole.
constexpr std::size_t shown_value_limit = 40;

/// `value` cut to shown_value_limit characters (never inside a UTF-8 sequence), with "…"
/// after a cut.
inline std::string shown_value(std::string_view value)
{
  std::size_t characters = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if ((byte & 0xC0) != 0x80 && ++characters > shown_value_limit) {
      return std::string(value.substr(0, i)) + "…";
    }
  }
  return std::string(value);
}

} // namespace sleeplog
