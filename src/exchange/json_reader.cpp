// Works on the stream buffer directly, like CsvReader: JSON Lines imports of millions of
// rows pass every byte through here.
#include <sleeplog/exchange/json_reader.hpp>
#include <sleeplog/util/shown.hpp>

#include <cstdint>
#include <streambuf>

namespace sleeplog::exchange {

namespace {

constexpr int end_of_input = std::char_traits<char>::eof();

bool is_space(int c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hex_value(int c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp)
{
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Four hex digits after "\u"; -1 when malformed.
long read_hex4(std::streambuf& buffer)
{
  long value = 0;
  for (int i = 0; i < 4; ++i) {
    const int digit = hex_value(buffer.sbumpc());
    if (digit < 0) {
      return -1;
    }
    value = value * 16 + digit;
  }
  return value;
}

} // namespace

JsonReader::JsonReader(std::istream& in, std::size_t first_line)
  : m_in(in), m_line(first_line), m_error_line(first_line)
{}

// Skips white space; in JSON Lines a newline is not skipped (it ends the record) once
// an object has begun, so callers see it as '\n'.
int JsonReader::peek_after_space()
{
  std::streambuf& buffer = *m_in.rdbuf();
  for (;;) {
    const int c = buffer.sgetc();
    if (!is_space(c)) {
      return c;
    }
    if (c == '\n') {
      if (m_in_object && !m_array) {
        return c;
      }
      ++m_line;
    }
    buffer.sbumpc();
  }
}

Expected<bool> JsonReader::fail(const std::string& message)
{
  m_error_line = m_line;
  m_in_object = false;
  std::streambuf& buffer = *m_in.rdbuf();
  if (m_array || message.starts_with("binary")) {
    m_done = true; // no safe place to resume
  } else {
    for (int c = buffer.sbumpc(); c != end_of_input; c = buffer.sbumpc()) {
      if (c == '\n') {
        ++m_line;
        break;
      }
    }
  }
  return make_error(message);
}

Expected<bool> JsonReader::next(JsonRecord& record)
{
  if (m_done || m_in.rdbuf() == nullptr) {
    return false;
  }
  std::streambuf& buffer = *m_in.rdbuf();
  if (!m_started) {
    m_started = true;
    if (buffer.sgetc() == 0xef) { // a UTF-8 BOM
      buffer.sbumpc();
      buffer.sbumpc();
      buffer.sbumpc();
    }
    if (peek_after_space() == '[') {
      m_array = true;
      buffer.sbumpc();
    }
  }
  int c = peek_after_space();
  if (m_array) {
    if (c == ']') {
      buffer.sbumpc();
      m_done = true;
      if (peek_after_space() != end_of_input) {
        m_done = false;
        return fail("text after the closing ]");
      }
      return false;
    }
    if (m_need_comma) {
      if (c != ',') {
        return fail(c == end_of_input ? "unfinished array (no closing ])"
                                      : "expected , or ] between objects");
      }
      buffer.sbumpc();
      c = peek_after_space();
    }
    if (c == end_of_input) {
      return fail("unfinished array (no closing ])");
    }
  } else if (c == end_of_input) {
    return false;
  }
  if (c == 0) {
    return fail("binary data (NUL byte)");
  }
  if (c != '{') {
    return fail("expected a JSON object");
  }
  return read_object(record);
}

Expected<bool> JsonReader::read_object(JsonRecord& record)
{
  std::streambuf& buffer = *m_in.rdbuf();
  buffer.sbumpc(); // '{'
  m_in_object = true;
  record.line = m_line;
  record.fields.clear();
  std::string problem;
  int c = peek_after_space();
  if (c == '}') {
    buffer.sbumpc();
  } else {
    for (;;) {
      c = peek_after_space();
      if (c != '"') {
        return fail(c == '\n' || c == end_of_input ? "the object is not closed"
                                                   : "expected a \"key\"");
      }
      buffer.sbumpc();
      std::string key;
      if (!read_string(key, problem)) {
        return fail(problem);
      }
      if (peek_after_space() != ':') {
        return fail("expected : after a key");
      }
      buffer.sbumpc();
      peek_after_space();
      std::optional<std::string> value;
      if (!read_scalar(value, problem)) {
        return fail(problem);
      }
      record.fields.emplace_back(std::move(key), std::move(value));
      c = peek_after_space();
      if (c == ',') {
        buffer.sbumpc();
        c = peek_after_space();
        continue;
      }
      if (c == '}') {
        buffer.sbumpc();
        break;
      }
      return fail(c == '\n' || c == end_of_input ? "the object is not closed" : "expected , or }");
    }
  }
  m_need_comma = true;
  if (!m_array) { // the rest of the line must be empty (m_in_object keeps the newline)
    c = peek_after_space();
    if (c != end_of_input && c != '\n') {
      return fail("text after the object");
    }
  }
  m_in_object = false;
  return true;
}

bool JsonReader::read_string(std::string& out, std::string& problem)
{
  std::streambuf& buffer = *m_in.rdbuf();
  for (;;) {
    const int c = buffer.sbumpc();
    if (c == end_of_input || c == '\n') {
      problem = "unbalanced quote";
      if (c == '\n') {
        buffer.sungetc(); // let fail() end the line
      }
      return false;
    }
    if (c == 0) {
      problem = "binary data (NUL byte)";
      return false;
    }
    if (c == '"') {
      return true;
    }
    if (c != '\\') {
      out += static_cast<char>(c);
      continue;
    }
    const int e = buffer.sbumpc();
    switch (e) {
    case '"':
    case '\\':
    case '/': out += static_cast<char>(e); break;
    case 'b': out += '\b'; break;
    case 'f': out += '\f'; break;
    case 'n': out += '\n'; break;
    case 'r': out += '\r'; break;
    case 't': out += '\t'; break;
    case 'u': {
      long cp = read_hex4(buffer);
      if (cp >= 0xd800 && cp < 0xdc00 && buffer.sbumpc() == '\\' && buffer.sbumpc() == 'u') {
        const long low = read_hex4(buffer);
        cp =
          (low >= 0xdc00 && low < 0xe000) ? 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00) : -1;
      } else if (cp >= 0xd800 && cp < 0xe000) {
        cp = -1;
      }
      if (cp < 0) {
        problem = "bad \\u escape in a string";
        return false;
      }
      append_utf8(out, static_cast<std::uint32_t>(cp));
      break;
    }
    default: problem = "bad escape in a string"; return false;
    }
  }
}

bool JsonReader::read_scalar(std::optional<std::string>& out, std::string& problem)
{
  std::streambuf& buffer = *m_in.rdbuf();
  const int c = buffer.sgetc();
  if (c == '"') {
    buffer.sbumpc();
    out.emplace();
    return read_string(*out, problem);
  }
  if (c == '{' || c == '[') {
    problem = "nested objects and arrays are not event fields";
    return false;
  }
  std::string word;
  for (int d = buffer.sgetc(); d != end_of_input; d = buffer.sgetc()) {
    const char ch = static_cast<char>(d);
    const bool number_char = (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.';
    if (!number_char && !(ch >= 'a' && ch <= 'z') && ch != 'E') {
      break;
    }
    word += ch;
    buffer.sbumpc();
  }
  if (word == "null") {
    out.reset();
    return true;
  }
  const bool is_number =
    !word.empty() && word.find_first_not_of("0123456789+-.eE") == std::string::npos;
  if (word == "true" || word == "false" || is_number) {
    out = std::move(word);
    return true;
  }
  problem = word.empty() ? "expected a value" : "bad value '" + shown_value(word) + "'";
  return false;
}

} // namespace sleeplog::exchange
