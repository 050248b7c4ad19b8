// Events as rows: the events columns of DESIGN §6.2 in CSV, JSON and JSONL, and the text
// table of `list`. Writers stream one row at a time.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/time/civil.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::report {

/// The events columns: id,uuid,child,night,kind,start,end,duration_s,by,note.
const std::vector<std::string>& event_columns();

/// An event with what the row needs beside it.
struct EventRow
{
  const model::Event& event;
  std::string_view child;
  time::Date night;
};

/// Streams event rows in one format; finish() closes a JSON array.
class EventWriter
{
public:
  virtual ~EventWriter() = default;
  /// Writes one row.
  virtual void write(const EventRow& row) = 0;
  /// Ends the output (a header alone or "[]" when no row was written).
  virtual void finish() = 0;
};

/// A writer for "csv", "json" or "jsonl"; nullptr for another format.
std::unique_ptr<EventWriter> make_event_writer(std::string_view format, std::ostream& out);

/// The `list` table: id, night, kind, start, end, length, by, note (controls escaped),
/// written as it is read. Every row is measured first (the columns' widths), then written
/// in a second pass over the same rows, so nothing of a row is kept: memory does not grow
/// with the number or the size of the notes.
class EventTable
{
public:
  /// A table written to `out`.
  explicit EventTable(std::ostream& out);
  /// First pass: widens the columns to hold this row.
  void measure(const EventRow& row);
  /// Second pass: writes this row (after the header, before the first row).
  void write(const EventRow& row);
  /// Ends the table: a line saying there is nothing when no row was written.
  void finish();

private:
  // One line: the cells padded, then `last` (trailing spaces trimmed); with note_follows,
  // the padded cells only (the caller writes the note and the newline).
  void write_line(const std::vector<std::string>& cells, std::string_view last,
                  bool note_follows = false);

  std::ostream& m_out;
  std::vector<std::size_t> m_widths;
  bool m_started = false;
};

} // namespace sleeplog::report
