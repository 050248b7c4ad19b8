// What the output device can show: colour (DESIGN §1.2) and Unicode (UTF-8 locale),
// and the escaping of control characters in user text shown on a terminal.
#pragma once

#include <algorithm>
#include <ostream>
#include <streambuf>
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

/// Whether newlines and tabs in text are layout (kept) or content (shown as \\n, \\t).
enum class Layout { escape, keep };

/// The one function that makes text safe for a terminal: C0 controls (except \n and \t
/// with Layout::keep), DEL, C1 controls (U+0080..U+009F, e.g. the CSI `\xc2\x9b`),
/// bidirectional overrides and bytes that are not UTF-8 become visible escapes
/// (`\x1b`, `\u009b`, `\u202e`, `\xff`); everything else is kept.
std::string escape_controls(std::string_view text, Layout layout = Layout::escape);

/// Writes `text` through `escape` a piece at a time, each piece ending before an ASCII byte
/// (so no UTF-8 sequence is cut and the escapes come out as for the whole), so that a long
/// note is never held escaped whole.
template <typename Escape>
void write_in_pieces(std::ostream& out, std::string_view text, Escape&& escape)
{
  constexpr std::size_t piece = std::size_t{1} << 16;
  while (!text.empty()) {
    std::size_t n = std::min(piece, text.size());
    while (n < text.size() && static_cast<unsigned char>(text[n]) >= 0x80) {
      ++n;
    }
    out << escape(text.substr(0, n));
    text.remove_prefix(n);
  }
}

/// An output filter that passes every byte written through escape_controls (with
/// Layout::keep) on its way to `target`, so no message or text report can carry a
/// control sequence, whatever it holds. With colour on, SGR colour codes
/// (`ESC [ digits ; ... m`) pass; in passthrough mode (data: CSV, JSON) bytes pass exactly.
class TerminalSafeBuf : public std::streambuf
{
public:
  explicit TerminalSafeBuf(std::streambuf* target) : m_target(target) {}
  TerminalSafeBuf(const TerminalSafeBuf&) = delete;
  TerminalSafeBuf& operator=(const TerminalSafeBuf&) = delete;
  ~TerminalSafeBuf() override;

  /// Lets SGR colour codes through (decided once colour is known).
  void allow_color(bool allow) { m_color = allow; }
  /// Data output: from now on bytes are written exactly.
  void set_passthrough(bool raw);
  /// Writes what is held back (an unfinished escape or UTF-8 sequence) and flushes;
  /// false when the target refused a write at any time.
  bool finish();
  /// True once the target has refused a write.
  bool failed() const { return m_failed; }
  /// errno when the target first refused a write (0 if unknown).
  int error_number() const { return m_errno; }

protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

private:
  void process(bool final);
  void emit(std::string_view bytes);

  std::streambuf* m_target;
  std::string m_held;
  std::string m_safe;
  bool m_color = false;
  bool m_raw = false;
  bool m_failed = false;
  int m_errno = 0;
};

/// Wraps text in an ANSI colour when style.color ("green", "red", "yellow", "dim", "bold").
std::string paint(const Style& style, std::string_view color, std::string_view text);

/// The number of terminal columns text takes (UTF-8 code points; no wide glyphs used).
std::size_t display_width(std::string_view text);

} // namespace sleeplog::report
