// Typed errors of the storage layer. The command layer maps StorageError to exit 1 and
// InputError to exit 2.
#pragma once

#include <stdexcept>
#include <string>

namespace sleeplog::store {

/// An error with an optional hint for the user.
class HintedError : public std::runtime_error
{
public:
  explicit HintedError(const std::string& message, std::string hint = {})
    : std::runtime_error(message), m_hint(std::move(hint))
  {}
  /// A suggestion for the user, or empty.
  const std::string& hint() const { return m_hint; }

private:
  std::string m_hint;
};

/// Something went wrong reading or writing the database (exit 1); nothing was written.
class StorageError : public HintedError
{
public:
  using HintedError::HintedError;
  /// An error SQLite reported with result code `code` (extended).
  StorageError(const std::string& message, std::string hint, int code)
    : HintedError(message, std::move(hint)), m_code(code)
  {}
  /// SQLite's result code, or 0 when the error did not come from SQLite.
  int code() const { return m_code; }

private:
  int m_code = 0;
};

/// The user asked for something invalid (exit 2); nothing was written.
class InputError : public HintedError
{
  using HintedError::HintedError;
};

} // namespace sleeplog::store
