// Terminal capabilities and safe display of user text.
#include <sleeplog/report/terminal.hpp>

#include <algorithm>
#include <cctype>

namespace sleeplog::report {

namespace {

std::string lowercase(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

// The SGR parameter of each colour name; empty when the name is unknown.
std::string_view sgr_code(std::string_view color)
{
  if (color == "bold")
    return "1";
  if (color == "dim")
    return "2";
  if (color == "red")
    return "31";
  if (color == "green")
    return "32";
  if (color == "yellow")
    return "33";
  if (color == "cyan")
    return "36";
  return {};
}

} // namespace

bool decide_color(std::string_view when, bool stdout_is_tty, bool no_color_set,
                  std::string_view term)
{
  if (when == "always") {
    return true;
  }
  if (when == "never") {
    return false;
  }
  return stdout_is_tty && !no_color_set && term != "dumb";
}

bool locale_is_utf8(std::string_view lc_all, std::string_view lc_ctype, std::string_view lang)
{
  // POSIX precedence: the first variable that is set and non-empty decides.
  std::string_view chosen;
  for (const std::string_view candidate : {lc_all, lc_ctype, lang}) {
    if (!candidate.empty()) {
      chosen = candidate;
      break;
    }
  }
  const std::string lower = lowercase(chosen);
  return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
}

std::string escape_controls(std::string_view text)
{
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c; // includes UTF-8 lead and continuation bytes
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0x0f];
    }
  }
  return out;
}

std::string paint(const Style& style, std::string_view color, std::string_view text)
{
  const std::string_view code = sgr_code(color);
  if (!style.color || code.empty()) {
    return std::string(text);
  }
  std::string out = "\x1b[";
  out += code;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
      // A CSI sequence (colour codes) ends with a byte in 0x40..0x7e and takes no room.
      i += 2;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) < 0x40 ||
                                 static_cast<unsigned char>(text[i]) > 0x7e)) {
        ++i;
      }
      ++i;
      continue;
    }
    if ((byte & 0xc0) != 0x80) { // count lead bytes, not continuation bytes
      ++width;
    }
    ++i;
  }
  return width;
}

} // namespace sleeplog::report
