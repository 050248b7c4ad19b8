// A small streaming JSON writer: objects in arrays, strings escaped, numbers as
// format_number prints them, null for empty values.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sleeplog::report {

/// The JSON string literal of text, with quotes and escapes ("\n", "\u0001").
std::string json_string(std::string_view text);

/// Writes one JSON object, key by key, compact on one line (JSONL-ready): {"a":1,"b":null}.
class JsonObject
{
public:
  explicit JsonObject(std::ostream& out);
  ~JsonObject(); // writes the closing brace unless close() was called

  JsonObject(const JsonObject&) = delete;
  JsonObject& operator=(const JsonObject&) = delete;

  JsonObject& text(std::string_view key, std::optional<std::string_view> value);
  JsonObject& number(std::string_view key, std::optional<double> value);
  /// A whole number written exactly (64-bit, never through a double), or null.
  JsonObject& integer(std::string_view key, std::optional<std::int64_t> value);
  JsonObject& boolean(std::string_view key, std::optional<bool> value);
  /// A value already written as JSON (a nested object or array).
  JsonObject& raw(std::string_view key, std::string_view json);
  void close();

private:
  void key(std::string_view k);
  std::ostream& m_out;
  bool m_first = true;
  bool m_closed = false;
};

/// Frames a stream of objects as a JSON array ("[\n{…},\n{…}\n]\n", "[]\n" when empty)
/// or as JSON Lines (one object per line).
class JsonRows
{
public:
  JsonRows(std::ostream& out, bool lines) : m_out(out), m_lines(lines) {}
  /// Call before writing each object.
  void begin();
  /// Call after writing each object.
  void end();
  /// Ends the array.
  void finish();

private:
  std::ostream& m_out;
  bool m_lines;
  std::size_t m_count = 0;
};

} // namespace sleeplog::report
