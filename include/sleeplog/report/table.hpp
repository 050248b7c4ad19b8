// Aligned text tables for reports: pure, return a string.
#pragma once

#include <string>
#include <vector>

namespace sleeplog::report {

/// Columns of text, left or right aligned, separated by two spaces, no trailing spaces.
class TextTable
{
public:
  enum class Align { left, right };

  /// Declares the columns (headers may be empty for a table without a header row).
  TextTable(std::vector<std::string> headers, std::vector<Align> aligns);

  /// Adds a row; cells may contain ANSI colour codes, which take no width.
  void add_row(std::vector<std::string> cells);

  /// The table, one line per row, each ending in "\n".
  std::string render() const;

private:
  std::vector<std::string> m_headers;
  std::vector<Align> m_aligns;
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace sleeplog::report
