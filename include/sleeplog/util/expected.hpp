// A value or an error message: how expected failures (bad input, bad files) travel
// up to the command layer without exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sleeplog {

/// An error a user can act on: what went wrong and, when there is one, a hint.
struct Error
{
  std::string message;
  std::string hint;
};

/// Holds either a T or an Error.
template <typename T>
class Expected
{
public:
  Expected(T value) : m_value(std::move(value)) {}     // NOLINT: implicit by design
  Expected(Error error) : m_value(std::move(error)) {} // NOLINT: implicit by design

  /// True when a value is held.
  [[nodiscard]] bool ok() const { return m_value.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// The value; only call when ok().
  T& value() { return std::get<0>(m_value); }
  const T& value() const { return std::get<0>(m_value); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The error; only call when !ok().
  const Error& error() const { return std::get<1>(m_value); }

private:
  std::variant<T, Error> m_value;
};

/// Makes an Error with an optional hint.
inline Error make_error(std::string message, std::string hint = {})
{
  return Error{std::move(message), std::move(hint)};
}

} // namespace sleeplog
