// Compact JSON output: one object per line so the same writer serves JSON and JSONL.
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/number.hpp>

#include <cmath>

namespace sleeplog::report {

std::string json_string(std::string_view text)
{
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (const char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        const auto byte = static_cast<unsigned char>(c);
        out += "\\u00";
        out += hex[byte >> 4];
        out += hex[byte & 0x0f];
      } else {
        out += c; // UTF-8 passes through: JSON text is UTF-8.
      }
    }
  }
  out += '"';
  return out;
}

JsonObject::JsonObject(std::ostream& out) : m_out(out)
{
  m_out << '{';
}

JsonObject::~JsonObject()
{
  try {
    close();
  } catch (...) { // NOLINT(bugprone-empty-catch): destructors never throw
  }
}

JsonObject& JsonObject::text(std::string_view key_name, std::optional<std::string_view> value)
{
  key(key_name);
  if (value) {
    m_out << json_string(*value);
  } else {
    m_out << "null";
  }
  return *this;
}

JsonObject& JsonObject::number(std::string_view key_name, std::optional<double> value)
{
  key(key_name);
  // JSON has no NaN or infinity: an undefined number is null, like a missing one.
  if (value && std::isfinite(*value)) {
    m_out << format_number(value);
  } else {
    m_out << "null";
  }
  return *this;
}

JsonObject& JsonObject::integer(std::string_view key_name, std::optional<std::int64_t> value)
{
  key(key_name);
  if (value) {
    m_out << std::to_string(*value);
  } else {
    m_out << "null";
  }
  return *this;
}

JsonObject& JsonObject::boolean(std::string_view key_name, std::optional<bool> value)
{
  key(key_name);
  m_out << (value ? format_bool(value) : "null");
  return *this;
}

JsonObject& JsonObject::raw(std::string_view key_name, std::string_view json)
{
  key(key_name);
  m_out << json;
  return *this;
}

void JsonObject::close()
{
  if (!m_closed) {
    m_out << '}';
    m_closed = true;
  }
}

void JsonObject::key(std::string_view k)
{
  if (!m_first) {
    m_out << ',';
  }
  m_first = false;
  m_out << json_string(k) << ':';
}

void JsonRows::begin()
{
  if (!m_lines) {
    m_out << (m_count == 0 ? "[\n" : ",\n");
  }
  ++m_count;
}

void JsonRows::end()
{
  if (m_lines) {
    m_out << '\n';
  }
}

void JsonRows::finish()
{
  if (!m_lines) {
    m_out << (m_count == 0 ? "[]\n" : "\n]\n");
  }
}

} // namespace sleeplog::report
