#include <sleeplog/exchange/app_formats.hpp>
#include <sleeplog/exchange/wall_time.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/shown.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sleeplog::exchange {

namespace {

// Where one app keeps what a sleep period needs; nullptr = the app has no such column.
struct Layout
{
  Source source;
  std::vector<const char*> required; // the columns that identify the format
  const char* start;
  const char* end;      // or nullptr with
  const char* duration; // minutes from start
  const char* type;     // rows are sleep when this says "Sleep"
  const char* nap;
  const char* note;
  const char* by;
  const char* child;
  const char* time_form; // for messages
};

const std::vector<Layout>& layouts()
{
  static const std::vector<Layout> all{
    {Source::sleeplog,
     {"uuid", "kind", "start"},
     "start",
     "end",
     nullptr,
     nullptr,
     nullptr,
     "note",
     "by",
     "child",
     ""},
    {Source::huckleberry,
     {"Type", "Start", "End"},
     "Start",
     "End",
     nullptr,
     "Type",
     nullptr,
     "Notes",
     nullptr,
     nullptr,
     "YYYY-MM-DD HH:MM"},
    {Source::babyconnect,
     {"Date and Time", "End Time", "Activity"},
     "Date and Time",
     "End Time",
     nullptr,
     "Activity",
     nullptr,
     "Notes",
     "Caregiver",
     nullptr,
     "M/D/YY h:mm AM"},
    {Source::babybuddy,
     {"child_first_name", "start", "end"},
     "start",
     "end",
     nullptr,
     nullptr,
     "nap",
     "notes",
     nullptr,
     "child_first_name",
     "YYYY-MM-DD HH:MM:SS"},
    {Source::babytracker,
     {"Baby", "Time", "Duration(minutes)"},
     "Time",
     nullptr,
     "Duration(minutes)",
     nullptr,
     nullptr,
     "Note",
     nullptr,
     "Baby",
     "M/D/YY, HH:MM"},
    {Source::glow,
     {"Begin time", "End time"},
     "Begin time",
     "End time",
     nullptr,
     nullptr,
     nullptr,
     "Notes",
     nullptr,
     nullptr,
     "MM/DD/YYYY h:mm:ss AM"},
  };
  return all;
}

const Layout& layout_of(Source source)
{
  return *std::find_if(layouts().begin(), layouts().end(),
                       [source](const Layout& l) { return l.source == source; });
}

std::string_view trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool same_name(std::string_view a, std::string_view b)
{
  a = trim(a);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The column index of `name`, or npos when absent (or name is nullptr).
std::size_t column(const std::vector<std::string>& header, const char* name)
{
  return name == nullptr ? std::string::npos : column_index(header, name);
}

} // namespace

std::size_t column_index(const std::vector<std::string>& header, std::string_view name)
{
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (same_name(header[i], trim(name))) {
      return i;
    }
  }
  return std::string::npos;
}

// Trailing empty cells are left out, so a row keeps its key whether the app wrote them or not.
std::uint64_t row_hash(const std::vector<std::string>& cells)
{
  std::size_t used = cells.size();
  while (used > 0 && cells[used - 1].empty()) {
    --used;
  }
  std::uint64_t hash = 14695981039346656037ull;
  for (std::size_t i = 0; i < used; ++i) {
    const std::string& cell = cells[i];
    for (const char c : cell) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    hash = (hash ^ 0x1fu) * 1099511628211ull; // the cell separator
  }
  return hash;
}

namespace {

std::optional<bool> read_flag(std::string_view text, bool& bad)
{
  text = trim(text);
  if (text.empty()) {
    return std::nullopt;
  }
  for (const char* yes : {"true", "1", "yes", "y"}) {
    if (same_name(text, yes)) {
      return true;
    }
  }
  for (const char* no : {"false", "0", "no", "n"}) {
    if (same_name(text, no)) {
      return false;
    }
  }
  bad = true;
  return std::nullopt;
}

// The columns of one layout found in the header.
struct Columns
{
  std::size_t start, end, duration, type, nap, note, by, child;
};

// A wall time without an offset that the zone skips (spring forward) names no instant: the
// file was written in another zone, or the row is wrong. Never moved silently.
std::string gap_problem(const WallTime& wall, std::string_view text, const char* column,
                        const time::Zone& zone)
{
  if (wall.offset_s || !zone.resolve(wall.civil).empty()) {
    return {};
  }
  return "'" + shown_value(text) + "' in " + column + " does not exist in " + zone.name() +
         " (the clocks went forward); if the app recorded another zone, give it with --tz";
}

// Reads one row into `period`: "" when it is a finished sleep, "-" when it is to be
// skipped (counted in result), else the problem.
std::string read_row(const report::CsvRecord& row, const Layout& layout, const Columns& at,
                     const time::Zone& zone, SleepPeriod& period, ReadResult& result)
{
  const auto cell = [&row](std::size_t i) {
    return i < row.cells.size() ? std::string_view(row.cells[i]) : std::string_view();
  };
  if (at.type != std::string::npos && !same_name(cell(at.type), "sleep")) {
    ++result.not_sleep;
    return "-";
  }
  const auto start_wall = parse_wall_time(cell(at.start));
  if (!start_wall) {
    return "bad time '" + shown_value(cell(at.start)) + "' in " + layout.start + " (expected " +
           layout.time_form + ")";
  }
  if (auto problem = gap_problem(*start_wall, cell(at.start), layout.start, zone);
      !problem.empty()) {
    return problem;
  }
  const ZonedInstant start = resolve_wall_time(*start_wall, zone);
  ZonedInstant end;
  if (at.end != std::string::npos) {
    if (trim(cell(at.end)).empty()) {
      ++result.unfinished;
      return "-";
    }
    const auto end_wall = parse_wall_time(cell(at.end));
    if (!end_wall) {
      return "bad time '" + shown_value(cell(at.end)) + "' in " + layout.end + " (expected " +
             layout.time_form + ")";
    }
    if (auto problem = gap_problem(*end_wall, cell(at.end), layout.end, zone); !problem.empty()) {
      return problem;
    }
    end = resolve_wall_time(*end_wall, zone, start.at);
  } else {
    const std::string_view text = trim(cell(at.duration));
    double minutes = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), minutes);
    if (text.empty()) {
      ++result.unfinished;
      return "-";
    }
    if (ec == std::errc() && ptr == text.data() + text.size() && minutes == 0) {
      ++result.zero_length;
      return "-";
    }
    if (ec != std::errc() || ptr != text.data() + text.size() || !(minutes >= 0)) {
      return "bad duration '" + shown_value(text) + "' in " + layout.duration + " (minutes)";
    }
    if (minutes > 24 * 60) { // before converting: a huge value would overflow
      return "a sleep of " + std::string(text) + " minutes is longer than 24 h";
    }
    end.at = start.at + static_cast<time::Instant>(std::llround(minutes * 60));
    end.offset_s = start_wall->offset_s ? start.offset_s : zone.offset_at(end.at);
  }
  if (end.at < start.at) {
    return "end before start";
  }
  if (end.at == start.at) {
    ++result.zero_length;
    return "-";
  }
  if (end.at - start.at > 24 * 3600) {
    return "a sleep of " + time::format_duration(end.at - start.at) + " is longer than 24 h";
  }
  bool bad_flag = false;
  period.nap = at.nap != std::string::npos ? read_flag(cell(at.nap), bad_flag) : std::nullopt;
  if (bad_flag) {
    return "bad nap value '" + shown_value(cell(at.nap)) + "' (true or false)";
  }
  period.line = row.line;
  period.start = start.at;
  period.start_offset_s = start.offset_s;
  period.end = end.at;
  period.end_offset_s = end.offset_s;
  period.child = trim(cell(at.child));
  period.by = trim(cell(at.by));
  period.note = cell(at.note);
  period.row_hash = row_hash(row.cells);
  return {};
}

} // namespace

std::optional<Source> detect_source(const std::vector<std::string>& header)
{
  for (const auto& layout : layouts()) {
    if (missing_columns(layout.source, header).empty()) {
      return layout.source;
    }
  }
  return std::nullopt;
}

std::vector<std::string> missing_columns(Source source, const std::vector<std::string>& header)
{
  std::vector<std::string> missing;
  for (const char* name : layout_of(source).required) {
    if (column(header, name) == std::string::npos) {
      missing.emplace_back(name);
    }
  }
  return missing;
}

std::vector<SleepPeriod> read_app_rows(report::CsvReader& reader, std::istream& in,
                                       const std::vector<std::string>& header, Source source,
                                       const time::Zone& zone, Problems& problems,
                                       ReadResult& result)
{
  const Layout& layout = layout_of(source);
  const Columns at{column(header, layout.start),    column(header, layout.end),
                   column(header, layout.duration), column(header, layout.type),
                   column(header, layout.nap),      column(header, layout.note),
                   column(header, layout.by),       column(header, layout.child)};
  std::vector<SleepPeriod> periods;
  for (;;) {
    auto record = reader.next();
    if (!record) {
      problems.add(reader.line(), record.error().message);
      break;
    }
    if (!*record) {
      break;
    }
    const report::CsvRecord& row = **record;
    if (row.cells.size() == 1 && row.cells[0].empty()) {
      continue; // a blank line
    }
    ++result.rows;
    // Real exports leave out empty trailing cells (Baby Tracker's Note): missing = empty.
    if (row.cells.size() > header.size()) {
      const bool last = in.rdbuf()->sgetc() == std::char_traits<char>::eof();
      problems.add(row.line, column_count_problem(row.cells.size(), header.size(), last));
      continue;
    }
    SleepPeriod period;
    const std::string problem = read_row(row, layout, at, zone, period, result);
    if (problem.empty()) {
      periods.push_back(std::move(period));
    } else if (problem != "-") {
      problems.add(row.line, problem);
    }
  }
  return periods;
}

} // namespace sleeplog::exchange
