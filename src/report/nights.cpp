#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/nights.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/page.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sleeplog::report {

namespace {

std::string iso(const std::optional<model::LocalInstant>& at)
{
  return at ? time::format_iso(at->at, at->offset_s) : std::string();
}

std::string clock(const std::optional<model::LocalInstant>& at)
{
  return at ? time::format_clock(at->at, at->offset_s) : std::string("-");
}

std::optional<double> as_double(std::optional<int> v)
{
  return v ? std::optional<double>(*v) : std::nullopt;
}

/// Column kinds, so JSON knows what to quote.
enum class Cell { text, number, boolean };

constexpr Cell cell_kinds[] = {
  Cell::text, Cell::text, Cell::text, Cell::text, Cell::number, Cell::number, Cell::number,
  Cell::text, Cell::text, Cell::number, Cell::number, Cell::number, Cell::number, Cell::number,
  Cell::number, Cell::number, Cell::number, Cell::number, Cell::number, Cell::number, Cell::number,
  Cell::number, Cell::boolean, Cell::boolean,
  // concern_reasons, tags, self_settled, response_min, plan, plan_night, adherence_pct
  Cell::text, Cell::text, Cell::number, Cell::number, Cell::text, Cell::number, Cell::number,
  // nap_cry_min, nap_checkins, tag_notes
  Cell::number, Cell::number, Cell::text};

constexpr std::size_t tags_column = 25;
constexpr std::size_t tag_notes_column = 33;

// "sick: temp 38.4; travel: at grandma's", as DESIGN §5.1 joins them.
std::string joined_tag_notes(const model::NightMetrics& m)
{
  std::string text;
  for (const auto& note : m.tag_notes) {
    text += (text.empty() ? "" : "; ") + note;
  }
  return text;
}

std::string joined_tags(const model::NightMetrics& m)
{
  std::string text;
  for (const auto& t : m.tags) {
    text += (text.empty() ? "" : ";") + t;
  }
  return text;
}

class CsvNights : public NightWriter
{
public:
  explicit CsvNights(std::ostream& out) : m_csv(out) { m_csv.row(night_columns()); }
  void write(time::Date night, std::string_view child, const model::NightMetrics& m) override
  {
    m_csv.row(night_cells(night, child, m));
  }
  void finish() override {}

private:
  CsvWriter m_csv;
};

class JsonNights : public NightWriter
{
public:
  JsonNights(std::ostream& out, bool lines) : m_out(out), m_rows(out, lines) {}
  void write(time::Date night, std::string_view child, const model::NightMetrics& m) override
  {
    m_rows.begin();
    const auto cells = night_cells(night, child, m);
    const auto& names = night_columns();
    {
      JsonObject obj(m_out);
      for (std::size_t i = 0; i < names.size(); ++i) {
        const auto& c = cells[i];
        if (c.empty()) {
          obj.raw(names[i], "null");
        } else if (cell_kinds[i] == Cell::text) {
          obj.text(names[i], i == 1                  ? std::string(child)
                             : i == tags_column      ? joined_tags(m)
                             : i == tag_notes_column ? joined_tag_notes(m)
                                                     : c);
        } else {
          obj.raw(names[i], c);
        }
      }
    }
    m_rows.end();
  }
  void finish() override { m_rows.finish(); }

private:
  std::ostream& m_out;
  JsonRows m_rows;
};

std::string minutes_text(std::optional<double> minutes)
{
  return minutes ? format_minutes(minutes, false) : "-";
}

std::string hours_text(std::optional<double> minutes)
{
  if (!minutes) {
    return "-";
  }
  const auto total = static_cast<long>(std::lround(*minutes));
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

} // namespace

const std::vector<std::string>& night_columns()
{
  static const std::vector<std::string> columns{
    "night", "child", "bedtime", "asleep", "sol_min", "wakings", "waso_min", "final_wake", "up",
    "twak_min", "tib_min", "tst_min", "se_pct", "longest_stretch_min", "cry_min", "cry_episodes",
    "checkins", "checkin_min", "feeds", "naps", "nap_min", "sleep_24h_min", "complete", "concern",
    // added with plans, always at the end
    "concern_reasons", "tags", "self_settled", "response_min", "plan", "plan_night",
    "adherence_pct",
    // added with night and nap put-downs, then tag notes
    "nap_cry_min", "nap_checkins", "tag_notes"};
  return columns;
}

std::vector<std::string> night_cells(time::Date night, std::string_view child,
                                     const model::NightMetrics& m)
{
  return {time::format_date(night),
          guard_formula(child),
          iso(m.bedtime),
          iso(m.asleep),
          format_number(m.sol_min),
          format_number(as_double(m.wakings)),
          format_number(m.waso_min),
          iso(m.final_wake),
          iso(m.up),
          format_number(m.twak_min),
          format_number(m.tib_min),
          format_number(m.tst_min),
          format_number(m.se_pct),
          format_number(m.longest_stretch_min),
          format_number(m.cry_min),
          format_number(m.cry_episodes),
          format_number(m.checkins),
          format_number(m.checkin_min),
          format_number(m.feeds),
          format_number(as_double(m.naps)),
          format_number(m.nap_min),
          format_number(m.sleep_24h_min),
          format_bool(m.complete),
          format_bool(m.concern),
          model::concern_reasons_cell(m),
          guard_formula(joined_tags(m)),
          format_number(m.self_settled),
          format_number(m.response_min),
          m.plan,
          format_number(m.plan_night ? std::optional<double>(*m.plan_night) : std::nullopt),
          format_number(m.adherence_pct),
          format_number(m.nap_cry_min),
          format_number(m.nap_checkins),
          guard_formula(joined_tag_notes(m))};
}

std::unique_ptr<NightWriter> make_night_writer(std::string_view format, std::ostream& out)
{
  if (format == "csv") {
    return std::make_unique<CsvNights>(out);
  }
  if (format == "json" || format == "jsonl") {
    return std::make_unique<JsonNights>(out, format == "jsonl");
  }
  return nullptr;
}

namespace {

/// The columns of the nights table: header, width, alignment.
struct Column
{
  const char* header;
  std::size_t width;
  bool right;
};

constexpr Column night_table_columns[] = {
  {"night", 10, false}, {"bed", 5, false}, {"settle", 6, true}, {"wake", 4, true},
  {"waso", 4, true},    {"up", 5, false},  {"sleep", 5, true},  {"se%", 4, true},
  {"cry", 4, true},     {"chk", 3, true},  {"naps", 5, true},   {"", 0, false}};

void write_row(std::ostream& out, const std::vector<std::string>& cells)
{
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& column = night_table_columns[i];
    const std::size_t width = display_width(cells[i]);
    const std::string pad(column.width > width ? column.width - width : 0, ' ');
    if (i > 0) {
      line += "  ";
    }
    line += column.right ? pad + cells[i] : cells[i] + pad;
  }
  while (!line.empty() && line.back() == ' ') {
    line.pop_back();
  }
  out << line << '\n';
}

} // namespace

std::vector<std::string> night_notes(const model::Night& night)
{
  std::vector<const model::Event*> noted;
  for (const auto* list : {&night.naps, &night.events}) {
    for (const auto& e : *list) {
      if (!e.note.empty()) {
        noted.push_back(&e);
      }
    }
  }
  std::stable_sort(noted.begin(), noted.end(),
                   [](const auto* a, const auto* b) { return a->start < b->start; });
  std::vector<std::string> notes;
  for (const auto* e : noted) {
    notes.push_back(time::format_clock(e->start, e->offset_s) + " " + e->note);
  }
  return notes;
}

void NightTable::add(time::Date night, const model::NightMetrics& m,
                     const std::vector<std::string>& notes)
{
  if (!m_started) {
    std::vector<std::string> headers;
    for (const auto& column : night_table_columns) {
      headers.emplace_back(column.header);
    }
    write_row(m_out, headers);
    m_started = true;
  }
  std::string flag;
  if (m.concern.value_or(false)) {
    flag = paint(m_style, "yellow", "tough: " + model::concern_text(m));
  } else if (!m.complete) {
    flag = paint(m_style, "dim", "partial");
  }
  // Tags show beside the night, so a disrupted night is never silently different.
  if (!m.tags.empty()) {
    std::string tags;
    for (const auto& t : m.tags) {
      tags += (tags.empty() ? "" : ",") + escape_controls(t);
    }
    flag = flag.empty() ? tags : tags + " " + flag;
  }
  write_row(m_out,
            {time::format_date_short(night), clock(m.bedtime), minutes_text(m.sol_min),
             m.wakings ? std::to_string(*m.wakings) : "-", minutes_text(m.waso_min), clock(m.up),
             hours_text(m.tst_min), m.se_pct ? format_number(m.se_pct) : "-",
             minutes_text(m.cry_min), std::to_string(m.checkins), hours_text(m.nap_min), flag});
  for (const auto& note : m.tag_notes) {
    m_out << "            tag " << escape_controls(note) << '\n';
  }
  for (const auto& note : notes) {
    m_out << "            note " << escape_controls(note) << '\n';
  }
}

void NightTable::add(const model::Night& night, const model::NightMetrics& m)
{
  add(night.date, m);
  for_each_noted(night, [&](const model::Event& e) {
    m_out << "            note " << time::format_clock(e.start, e.offset_s) << ' ';
    write_in_pieces(m_out, e.note, [](std::string_view piece) { return escape_controls(piece); });
    m_out << '\n';
  });
}

void NightTable::finish()
{
  if (!m_started) {
    m_out << "No nights in this range.\n";
    return;
  }
  m_out << "settle, waso, cry: minutes, or h:mm from an hour; wake: night wakings;\n"
           "sleep, naps: h:mm; chk: check-ins\n"
        << metrics_pointer;
}

} // namespace sleeplog::report
