// What the output device can show: colour (SPEC §1 rules) and Unicode (UTF-8 locale),
// and the escaping of control characters in user text shown on a terminal.
#pragma once

#include <string>
#include <string_view>

namespace sleeplog::report {

/// How to draw: decided once by the command layer and passed to renderers.
struct Style
{
  bool color = false;
  bool unicode = true;
};

/// --color=auto|always|never with NO_COLOR, TERM=dumb and whether stdout is a terminal.
bool decide_color(std::string_view when, bool stdout_is_tty, bool no_color_set,
                  std::string_view term);

/// True when LC_ALL / LC_CTYPE / LANG (first one set) names UTF-8.
bool locale_is_utf8(std::string_view lc_all, std::string_view lc_ctype, std::string_view lang);

/// User text made safe for a terminal: control characters as \n, \t, \x1b.
std::string escape_controls(std::string_view text);

/// Wraps text in an ANSI colour when style.color ("green", "red", "yellow", "dim", "bold").
std::string paint(const Style& style, std::string_view color, std::string_view text);

/// The number of terminal columns text takes (UTF-8 code points; no wide glyphs used).
std::size_t display_width(std::string_view text);

} // namespace sleeplog::report
