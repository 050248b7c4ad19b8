// The one error vocabulary: what a user is told when a command cannot do what was asked.
// Expected failures travel as Expected<T> (util/expected.hpp) until a caller cannot go
// on; then value_or_throw turns the Error into a thrown Failure. Only cli::run catches,
// and only it turns a Failure's kind into an exit status (DESIGN §1.3).
#pragma once

#include <sleeplog/util/expected.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace sleeplog {

/// Whose the fault is: the input given (exit 2) or the storage (exit 1). Nothing was
/// written in either case.
enum class ErrorKind {
  input,
  storage,
};

/// The error every layer throws: a message, an optional hint, and its kind.
class Failure : public std::runtime_error
{
public:
  Failure(ErrorKind kind, const std::string& message, std::string hint = {}, int code = 0)
    : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint)), m_code(code)
  {}
  /// Input or storage: decides the exit status.
  ErrorKind kind() const { return m_kind; }
  /// A suggestion for the user, or empty.
  const std::string& hint() const { return m_hint; }
  /// SQLite's extended result code, or 0 when the error did not come from SQLite.
  int code() const { return m_code; }

private:
  ErrorKind m_kind;
  std::string m_hint;
  int m_code;
};

/// A Failure of the input: the user asked for something invalid (exit 2).
class InputError : public Failure
{
public:
  explicit InputError(const std::string& message, std::string hint = {})
    : Failure(ErrorKind::input, message, std::move(hint))
  {}
  /// The Error of an Expected, as a thrown input failure.
  explicit InputError(const Error& error) : Failure(ErrorKind::input, error.message, error.hint) {}
};

/// A Failure of the storage: reading or writing the database or a file failed (exit 1).
class StorageError : public Failure
{
public:
  explicit StorageError(const std::string& message, std::string hint = {}, int code = 0)
    : Failure(ErrorKind::storage, message, std::move(hint), code)
  {}
};

/// The value of `result`, or an InputError with its message (after "`context`: " when
/// a context such as an option name is given) and hint.
template <typename T>
T value_or_throw(Expected<T> result, std::string_view context = {})
{
  if (!result) {
    const Error& error = result.error();
    throw InputError(context.empty() ? error.message : std::string(context) + ": " + error.message,
                     error.hint);
  }
  return std::move(result.value());
}

} // namespace sleeplog
