#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/events.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::report {

namespace {

std::string end_iso(const model::Event& e)
{
  return e.end ? time::format_iso(*e.end, e.offset_s) : std::string();
}

std::string duration_text(const model::Event& e)
{
  const auto seconds = model::duration_seconds(e);
  return seconds ? std::to_string(*seconds) : std::string();
}

class CsvEvents : public EventWriter
{
public:
  explicit CsvEvents(std::ostream& out) : m_csv(out) { m_csv.row(event_columns()); }
  void write(const EventRow& row) override
  {
    const auto& e = row.event;
    m_csv.cell(std::to_string(e.id));
    m_csv.guarded_cell(e.uuid);
    m_csv.guarded_cell(row.child);
    m_csv.cell(time::format_date(row.night));
    m_csv.cell(model::kind_name(e.kind));
    m_csv.cell(time::format_iso(e.start, e.offset_s));
    m_csv.cell(end_iso(e));
    m_csv.cell(duration_text(e));
    m_csv.guarded_cell(e.by);
    m_csv.guarded_cell(e.note);
    m_csv.end_row();
  }
  void finish() override {}

private:
  CsvWriter m_csv;
};

class JsonEvents : public EventWriter
{
public:
  JsonEvents(std::ostream& out, bool lines) : m_out(out), m_rows(out, lines) {}
  void write(const EventRow& row) override
  {
    m_rows.begin();
    const auto& e = row.event;
    const auto empty_null = [](const std::string& s) -> std::optional<std::string_view> {
      return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
    };
    {
      JsonObject obj(m_out);
      obj.integer("id", e.id)
        .text("uuid", e.uuid)
        .text("child", row.child)
        .text("night", time::format_date(row.night))
        .text("kind", model::kind_name(e.kind))
        .text("start", time::format_iso(e.start, e.offset_s));
      const std::string end = end_iso(e);
      obj.text("end", empty_null(end));
      const auto seconds = model::duration_seconds(e);
      obj.integer("duration_s", seconds);
      obj.text("by", empty_null(e.by)).text("note", empty_null(e.note));
    }
    m_rows.end();
  }
  void finish() override { m_rows.finish(); }

private:
  std::ostream& m_out;
  JsonRows m_rows;
};

} // namespace

const std::vector<std::string>& event_columns()
{
  static const std::vector<std::string> columns{"id",    "uuid", "child",      "night", "kind",
                                                "start", "end",  "duration_s", "by",    "note"};
  return columns;
}

std::unique_ptr<EventWriter> make_event_writer(std::string_view format, std::ostream& out)
{
  if (format == "csv") {
    return std::make_unique<CsvEvents>(out);
  }
  if (format == "json" || format == "jsonl") {
    return std::make_unique<JsonEvents>(out, format == "jsonl");
  }
  return nullptr;
}

namespace {

const std::vector<std::string>& table_headers()
{
  static const std::vector<std::string> headers{"id",  "night",  "kind", "start",
                                                "end", "length", "by",   "note"};
  return headers;
}

// Every cell of a row but the note, which is the last column and never padded.
std::vector<std::string> leading_cells(const EventRow& row)
{
  const auto& e = row.event;
  const auto seconds = model::duration_seconds(e);
  return {fmt::format("#{}", e.id),
          time::format_date(row.night),
          std::string(model::kind_name(e.kind)),
          time::format_clock(e.start, e.offset_s),
          e.end ? time::format_clock(*e.end, e.offset_s)
                : (model::is_interval(e.kind) ? std::string("open") : std::string()),
          seconds ? time::format_duration(*seconds) : std::string(),
          escape_controls(e.by)};
}

} // namespace

EventTable::EventTable(std::ostream& out) : m_out(out)
{
  const auto& headers = table_headers();
  for (std::size_t i = 0; i + 1 < headers.size(); ++i) {
    m_widths.push_back(display_width(headers[i]));
  }
}

void EventTable::measure(const EventRow& row)
{
  const auto cells = leading_cells(row);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    m_widths[i] = std::max(m_widths[i], display_width(cells[i]));
  }
}

void EventTable::write(const EventRow& row)
{
  if (!m_started) {
    m_started = true;
    const auto& headers = table_headers();
    write_line({headers.begin(), headers.end() - 1}, headers.back());
  }
  // Escaped a piece at a time: a long note is not held twice more. Escapes never end in a
  // space, so trimming the note's own trailing spaces trims the escaped text's.
  std::string_view note = row.event.note;
  note = note.substr(0, note.find_last_not_of(' ') + 1);
  if (note.empty()) {
    write_line(leading_cells(row), "");
    return;
  }
  write_line(leading_cells(row), "", true);
  write_in_pieces(m_out, note, [](std::string_view piece) { return escape_controls(piece); });
  m_out << '\n';
}

void EventTable::write_line(const std::vector<std::string>& cells, std::string_view last,
                            bool note_follows)
{
  // Two spaces between columns, the id and the length right-aligned, no trailing spaces.
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::size_t used = display_width(cells[i]);
    const std::string padding(m_widths[i] > used ? m_widths[i] - used : 0, ' ');
    const bool right = i == 0 || i == 5;
    line += right ? padding + cells[i] : cells[i] + padding;
    line += "  ";
  }
  if (note_follows) {
    m_out << line; // the caller writes the note and the line's end
    return;
  }
  const std::size_t last_end = last.find_last_not_of(' ');
  if (last_end == std::string_view::npos) {
    line.erase(line.find_last_not_of(' ') + 1);
    m_out << line << '\n';
    return;
  }
  m_out << line << last.substr(0, last_end + 1) << '\n';
}

void EventTable::finish()
{
  if (!m_started) {
    m_out << "No events in this range.\n";
  }
}

} // namespace sleeplog::report
