// Typed errors of the storage layer. The command layer maps StorageError to exit 1 and
// InputError to exit 2.
#pragma once

#include <stdexcept>
#include <string>

namespace sleeplog::store {

/// Something went wrong reading or writing the database (exit 1); nothing was written.
class StorageError : public std::runtime_error
{
public:
  explicit StorageError(const std::string& message, std::string hint = {})
    : std::runtime_error(message), m_hint(std::move(hint))
  {}
  /// A suggestion for the user, or empty.
  const std::string& hint() const { return m_hint; }

private:
  std::string m_hint;
};

/// The user asked for something invalid (exit 2); nothing was written.
class InputError : public std::runtime_error
{
public:
  explicit InputError(const std::string& message, std::string hint = {})
    : std::runtime_error(message), m_hint(std::move(hint))
  {}
  /// A suggestion for the user, or empty.
  const std::string& hint() const { return m_hint; }

private:
  std::string m_hint;
};

} // namespace sleeplog::store
