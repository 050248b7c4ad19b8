// The one CSV writer and reader of sleeplog (RFC 4180, DESIGN §6.1): used by list, nights,
// export and every importer.
#pragma once

#include <sleeplog/util/expected.hpp>

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::report {

/// Prefixes `'` to a text cell that begins with =, +, -, @, tab or CR (formula guard),
/// and to one that already looks guarded (`'=x` -> `''=x`) so unguarding is exact.
std::string guard_formula(std::string_view text);

/// Removes exactly the guard added by guard_formula (a leading `'` before text that
/// guard_formula would guard); anything else is returned unchanged.
std::string unguard_formula(std::string_view text);

/// Writes rows as RFC 4180 CSV with LF line endings; quotes only cells that need it.
class CsvWriter
{
public:
  explicit CsvWriter(std::ostream& out) : m_out(out) {}

  /// Writes one row.
  void row(const std::vector<std::string>& cells);

  /// Writes one cell of the current row; end_row() finishes the row.
  void cell(std::string_view text);
  /// The same as cell(guard_formula(text)), without copying the text.
  void guarded_cell(std::string_view text);
  void end_row();

private:
  // Appends a cell's content (quotes doubled when quoted); a long one goes straight to the
  // stream after the row so far, so it is never held again.
  void content(std::string_view text, bool quoted);

  std::ostream& m_out;
  std::string m_row; // the row being built, written in one piece
  bool m_first = true;
};

/// One parsed record and the 1-based line on which it starts.
struct CsvRecord
{
  std::size_t line = 0;
  std::vector<std::string> cells;
};

/// Reads RFC 4180 CSV (quoted cells with commas, quotes and newlines; CRLF or LF; a
/// leading UTF-8 BOM skipped). Errors name the line: "unbalanced quote", "binary data".
class CsvReader
{
public:
  explicit CsvReader(std::istream& in) : m_in(in) {}

  /// The next record, nullopt at end of input, or an error for malformed input (the
  /// stream is then put in the fail state and later calls return nullopt).
  Expected<std::optional<CsvRecord>> next();
  /// The same into `record`, whose cells' storage is reused: false at end of input.
  Expected<bool> next(CsvRecord& record);

  /// The line the reader is on (1-based); after an error, the line the error is about.
  std::size_t line() const { return m_line; }

private:
  std::istream& m_in;
  std::size_t m_line = 1;
  bool m_started = false;
};

} // namespace sleeplog::report
