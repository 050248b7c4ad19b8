// The bad rows of an import file, collected rather than thrown: a user fixing a file
// wants every problem at once, as `file:line: problem`, not one per run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sleeplog::exchange {

/// Problems found in one file, each naming its line; keeps the first `limit` in full.
class Problems
{
public:
  explicit Problems(std::string file, std::size_t limit = 20)
    : m_file(std::move(file)), m_limit(limit)
  {}

  /// Records a problem on a 1-based line.
  void add(std::size_t line, const std::string& problem);

  /// True when no problem was recorded.
  bool empty() const { return m_count == 0; }

  /// How many problems were recorded (kept or not).
  std::size_t count() const { return m_count; }

  /// "file:line: problem" for each kept problem, then "file: and N more problems" when
  /// some were left out.
  std::vector<std::string> lines() const;

  /// The file name problems are reported against.
  const std::string& file() const { return m_file; }

private:
  std::string m_file;
  std::size_t m_limit;
  std::size_t m_count = 0;
  std::vector<std::string> m_kept;
};

/// The problem of a CSV row with the wrong number of cells ("truncated last line: 4
/// cells, the header has 10" when it is the last row and short).
std::string column_count_problem(std::size_t cells, std::size_t header_cells, bool last_row);

} // namespace sleeplog::exchange
