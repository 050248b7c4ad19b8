// A streaming reader of flat JSON objects, one at a time, from JSON Lines or from one
// JSON array: what sleeplog's own JSON exports hold. Not a general JSON parser: values
// are strings, numbers, booleans or null; nested objects and arrays are refused.
#pragma once

#include <sleeplog/util/expected.hpp>

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sleeplog::exchange {

/// One object: its keys in file order with their values as text (strings unescaped,
/// numbers and booleans as written, null as nullopt), and the line its `{` is on.
struct JsonRecord
{
  std::size_t line = 0;
  std::vector<std::pair<std::string, std::optional<std::string>>> fields;
};

/// Reads objects from JSON Lines (one per line) or a JSON array (decided by the first
/// character). After a malformed line of JSON Lines it carries on with the next line;
/// in an array it stops.
class JsonReader
{
public:
  explicit JsonReader(std::istream& in, std::size_t first_line = 1);

  /// Fills `record` with the next object: true when one was read, false at the end, or
  /// an error about line().
  Expected<bool> next(JsonRecord& record);

  /// The line an error is about (1-based).
  std::size_t line() const { return m_error_line; }

  /// True when the input is a JSON array rather than JSON Lines.
  bool is_array() const { return m_array; }

private:
  int peek_after_space();
  Expected<bool> fail(const std::string& message);
  Expected<bool> read_object(JsonRecord& record);
  bool read_string(std::string& out, std::string& problem);
  bool read_scalar(std::optional<std::string>& out, std::string& problem);

  std::istream& m_in;
  std::size_t m_line = 1;
  std::size_t m_error_line = 1;
  bool m_started = false;
  bool m_array = false;
  bool m_done = false;
  bool m_need_comma = false;
  bool m_in_object = false; // inside an object, where a newline ends a JSON Lines record
};

} // namespace sleeplog::exchange
