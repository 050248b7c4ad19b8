// Nights as rows: the nights columns of DESIGN §6.3 in CSV, JSON and JSONL, and the
// 80-column text table of `nights`.
#pragma once

#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/terminal.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::report {

/// The nights columns, in order.
const std::vector<std::string>& night_columns();

/// The cells of one night in night_columns() order (empty string for null).
std::vector<std::string> night_cells(time::Date night, std::string_view child,
                                     const model::NightMetrics& m);

/// Streams night rows in csv, json or jsonl.
class NightWriter
{
public:
  virtual ~NightWriter() = default;
  /// Writes one night.
  virtual void write(time::Date night, std::string_view child, const model::NightMetrics& m) = 0;
  /// Ends the output.
  virtual void finish() = 0;
};

/// A writer for "csv", "json" or "jsonl"; nullptr for another format.
std::unique_ptr<NightWriter> make_night_writer(std::string_view format, std::ostream& out);

/// The notes of a night (and of its naps), in time order, each as "02:10 temp 38.4" in
/// the event's own local time; a note event with no text is left out.
std::vector<std::string> night_notes(const model::Night& night);

/// The `nights` text table, one row per night, at most 80 columns. Columns have fixed
/// widths so that each row is written as soon as it is added: memory does not grow with
/// the number of nights.
class NightTable
{
public:
  NightTable(const Style& style, std::ostream& out) : m_style(style), m_out(out) {}
  /// Writes one night (after the header, for the first), then its notes indented below.
  void add(time::Date night, const model::NightMetrics& m,
           const std::vector<std::string>& notes = {});
  /// The same for a night's own notes, each escaped a piece at a time (never copied whole).
  void add(const model::Night& night, const model::NightMetrics& m);
  /// Writes the legend, or a line saying there were no nights.
  void finish();

private:
  Style m_style;
  std::ostream& m_out;
  bool m_started = false;
};

} // namespace sleeplog::report
