// Terminal capabilities and safe display of user text.
#include <sleeplog/report/terminal.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>

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

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_byte_escape(std::string& out, unsigned char byte)
{
  out += "\\x";
  out += hex_digits[byte >> 4];
  out += hex_digits[byte & 0x0f];
}

void append_code_point_escape(std::string& out, char32_t cp)
{
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += hex_digits[(cp >> shift) & 0x0f];
  }
}

// The length of an SGR colour code (ESC [ digits/semicolons m) at the start of text; 0
// when it is not one; npos when text ends before it could be told (more may come).
std::size_t sgr_length(std::string_view text)
{
  constexpr std::size_t longest = 24;
  if (text.size() < 2) {
    return std::string_view::npos;
  }
  if (text[1] != '[') {
    return 0;
  }
  for (std::size_t i = 2; i < text.size() && i < longest; ++i) {
    const char c = text[i];
    if (c == 'm') {
      return i + 1;
    }
    if ((c < '0' || c > '9') && c != ';') {
      return 0;
    }
  }
  return text.size() < longest ? std::string_view::npos : 0;
}

// Bytes a UTF-8 sequence starting with `lead` needs after it; -1 when lead cannot start one.
int continuation_count(unsigned char lead)
{
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 1;
  }
  if (lead >= 0xe0 && lead <= 0xef) {
    return 2;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    return 3;
  }
  return -1;
}

// The allowed range of the byte after `lead` (no overlongs, surrogates or > U+10FFFF).
bool second_byte_ok(unsigned char lead, unsigned char next)
{
  const unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
  const unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
  return next >= low && next <= high;
}

bool is_hidden_format(char32_t cp)
{
  return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Appends the safe form of the unit (one byte, escape code or UTF-8 sequence) at the
// start of text; returns its length, or 0 when text ends inside a unit that more bytes
// could complete (only when !final).
std::size_t escape_unit(std::string_view text, Layout layout, bool allow_sgr, bool final,
                        std::string& out)
{
  const auto byte = static_cast<unsigned char>(text[0]);
  if (byte == 0x1b && allow_sgr) {
    const std::size_t sgr = sgr_length(text);
    if (sgr == std::string_view::npos && !final) {
      return 0;
    }
    if (sgr != 0 && sgr != std::string_view::npos) {
      out += text.substr(0, sgr);
      return sgr;
    }
  }
  if (byte < 0x80) {
    if (byte >= 0x20 && byte != 0x7f) {
      out += text[0];
    } else if ((byte == '\n' || byte == '\t') && layout == Layout::keep) {
      out += text[0];
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte == '\r') {
      out += "\\r";
    } else {
      append_byte_escape(out, byte);
    }
    return 1;
  }
  const int more = continuation_count(byte);
  bool valid = more > 0;
  std::size_t length = 1;
  char32_t cp = byte & (more == 1 ? 0x1f : more == 2 ? 0x0f : 0x07);
  for (int k = 1; valid && k <= more; ++k) {
    if (static_cast<std::size_t>(k) >= text.size()) {
      if (!final) {
        return 0;
      }
      valid = false;
      break;
    }
    const auto next = static_cast<unsigned char>(text[static_cast<std::size_t>(k)]);
    valid = k == 1 ? second_byte_ok(byte, next) : (next & 0xc0) == 0x80;
    cp = (cp << 6) | (next & 0x3f);
    length = static_cast<std::size_t>(k) + 1;
  }
  if (!valid) {
    append_byte_escape(out, byte);
    return 1;
  }
  if (is_hidden_format(cp)) {
    append_code_point_escape(out, cp);
  } else {
    out += text.substr(0, length);
  }
  return length;
}

} // namespace

std::string escape_controls(std::string_view text, Layout layout)
{
  // Runs of printable ASCII come out as they are, copied whole, not byte by byte.
  const auto plain = [layout](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte >= 0x20 && byte < 0x7f) ||
           (layout == Layout::keep && (byte == '\n' || byte == '\t'));
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto run = static_cast<std::size_t>(
      std::find_if_not(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), plain) -
      (text.begin() + static_cast<std::ptrdiff_t>(i)));
    out.append(text.substr(i, run));
    i += run;
    if (i < text.size()) {
      i += escape_unit(text.substr(i), layout, false, true, out);
    }
  }
  return out;
}

TerminalSafeBuf::~TerminalSafeBuf()
{
  finish();
}

void TerminalSafeBuf::set_passthrough(bool raw)
{
  process(true);
  m_raw = raw;
}

bool TerminalSafeBuf::finish()
{
  process(true);
  if (!m_failed && m_target->pubsync() != 0) {
    m_errno = errno;
    m_failed = true;
  }
  return !m_failed;
}

void TerminalSafeBuf::emit(std::string_view bytes)
{
  if (bytes.empty() || m_failed) {
    return;
  }
  const auto size = static_cast<std::streamsize>(bytes.size());
  if (m_target->sputn(bytes.data(), size) != size) {
    m_errno = errno;
    m_failed = true;
  }
}

void TerminalSafeBuf::process(bool final)
{
  m_safe.clear();
  std::size_t i = 0;
  while (i < m_held.size()) {
    const std::size_t used =
      escape_unit(std::string_view(m_held).substr(i), Layout::keep, m_color, final, m_safe);
    if (used == 0) {
      break;
    }
    i += used;
  }
  m_held.erase(0, i);
  emit(m_safe);
}

TerminalSafeBuf::int_type TerminalSafeBuf::overflow(int_type c)
{
  if (traits_type::eq_int_type(c, traits_type::eof())) {
    return traits_type::not_eof(c);
  }
  const char byte = traits_type::to_char_type(c);
  return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
}

std::streamsize TerminalSafeBuf::xsputn(const char* data, std::streamsize size)
{
  const std::string_view bytes(data, static_cast<std::size_t>(size));
  if (m_raw) {
    emit(bytes);
  } else {
    m_held += bytes;
    process(false);
  }
  return m_failed ? 0 : size;
}

int TerminalSafeBuf::sync()
{
  // An unfinished sequence stays held: the rest of it may follow.
  return m_failed || m_target->pubsync() != 0 ? -1 : 0;
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
