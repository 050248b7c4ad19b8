// One zone read straight from its compiled TZif file (RFC 8536), so the local zone costs
// one file read instead of the date/tz library's scan of the whole zoneinfo folder. The
// answers follow the library's own rules for the same file to the second: the same
// transitions (the 64-bit table, no footer rule, equal neighbours merged) and the same
// way of telling a gap from an overlap. Used by Zone for the local zone.
#pragma once

#include <sleeplog/time/civil.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::time::tzif {

/// The offset in force over [begin, end).
struct Span
{
  Instant begin = 0;
  Instant end = 0;
  int offset = 0;
};

/// A zone's transitions, as loaded from one TZif file.
class Rules
{
public:
  /// The rules in the file at `path`; nothing when it cannot be read or is not TZif.
  static std::shared_ptr<const Rules> load(const std::string& path);

  /// The rules in TZif bytes; nothing when they are not TZif.
  static std::shared_ptr<const Rules> parse(const std::string& bytes);

  /// The span holding an instant.
  Span span_at(Instant instant) const;

  /// The instants whose wall-clock time, in seconds since the epoch as if UTC, is `wall`:
  /// none in a gap, one normally, two (earliest first) in an overlap.
  std::vector<Instant> resolve(std::int64_t wall) const;

private:
  struct Type
  {
    int offset = 0;
    bool dst = false;
    std::string abbrev;
  };
  struct Transition
  {
    Instant at = 0;
    std::size_t type = 0;
  };

  Span span_before(std::size_t index) const;
  int offset_of(std::size_t index) const { return m_types[m_transitions[index].type].offset; }

  std::vector<Type> m_types;
  std::vector<Transition> m_transitions; // the first stands for the beginning of time
};

} // namespace sleeplog::time::tzif
