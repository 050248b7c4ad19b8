// A parent's spreadsheet: the columns come from --columns, the date order from
// --date-order or from a date that settles it, and each row's times follow each other
// (an up earlier than the put-down is the next morning).
#include <sleeplog/exchange/app_formats.hpp>
#include <sleeplog/exchange/sheet_format.hpp>
#include <sleeplog/exchange/wall_time.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sleeplog::exchange {

namespace {

constexpr int day_s = 86400;

std::string_view trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string lower(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Digits only, as a number; nullopt for anything else.
std::optional<int> number(std::string_view text)
{
  int value = 0;
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// A date's three numbers as written: ISO when the first has four digits.
struct DateParts
{
  int first = 0;
  int second = 0;
  int third = 0;
  bool iso = false;
  std::size_t year_digits = 0;
};

std::optional<DateParts> split_date(std::string_view text)
{
  text = trim(text);
  // A time after the date ("3/4/2025 0:00", as spreadsheets export dates) is left out.
  text = text.substr(0, text.find(' '));
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    const auto cut = text.find_first_of("/-.");
    if ((i < 2) == (cut == std::string_view::npos)) {
      return std::nullopt;
    }
    parts[i] = text.substr(0, cut);
    text = cut == std::string_view::npos ? std::string_view() : text.substr(cut + 1);
  }
  const auto a = number(parts[0]);
  const auto b = number(parts[1]);
  const auto c = number(parts[2]);
  if (!a || !b || !c) {
    return std::nullopt;
  }
  const bool iso = parts[0].size() == 4;
  return DateParts{*a, *b, *c, iso, iso ? parts[0].size() : parts[2].size()};
}

// The date the parts name in `order` (ISO dates are always year first), or the problem.
Expected<time::Date> to_date(const DateParts& p, DateOrder order, std::string_view text)
{
  int year = p.third;
  int month = order == DateOrder::dmy ? p.second : p.first;
  int day = order == DateOrder::dmy ? p.first : p.second;
  if (p.iso) {
    year = p.first;
    month = p.second;
    day = p.third;
  } else if (order == DateOrder::ymd) {
    return Error{fmt::format("the date '{}' is not year first (--date-order ymd)", text), ""};
  }
  if (p.year_digits == 2) {
    year += 2000;
  } else if (p.year_digits != 4) {
    return Error{
      fmt::format("the year of '{}' has {} digits (write it with 4)", text, p.year_digits), ""};
  }
  if (year < 1900 || year > 2199) {
    return Error{fmt::format("the year {} of '{}' is outside 1900-2199 (a typo?)", year, text), ""};
  }
  if (!time::is_valid_date(year, month, day)) {
    return Error{fmt::format("'{}' is not a date (read as {})", text,
                             order == DateOrder::dmy ? "day/month/year" : "month/day/year"),
                 ""};
  }
  return time::Date{year, month, day};
}

// The order the file's dates settle when none was given, or the problem and its line.
struct Settled
{
  std::optional<DateOrder> order;
  std::size_t line = 1;
  std::string problem;
};

// dmy when a first number is over 12, mdy when a second one is; a problem at the first
// date that reads both ways when none settles it (or when both do).
Settled settle_order(const std::vector<report::CsvRecord>& rows, std::size_t at)
{
  bool dmy = false;
  bool mdy = false;
  std::size_t ambiguous = 0;
  std::string example;
  for (const auto& row : rows) {
    if (at >= row.cells.size()) {
      continue;
    }
    const auto parts = split_date(row.cells[at]);
    if (!parts || parts->iso) {
      continue;
    }
    dmy = dmy || parts->first > 12;
    mdy = mdy || parts->second > 12;
    if (ambiguous == 0 && parts->first != parts->second) {
      ambiguous = row.line;
      example = std::string(trim(row.cells[at]));
    }
  }
  if (dmy && mdy) {
    return {std::nullopt, 1,
            "the dates are written both day first and month first (use --date-order dmy or mdy)"};
  }
  if (dmy || mdy || ambiguous == 0) {
    return {dmy ? DateOrder::dmy : DateOrder::mdy, 0, {}};
  }
  return {std::nullopt, ambiguous,
          fmt::format("the date '{}' reads as day/month or month/day and no date in the file "
                      "settles it (use --date-order dmy or mdy)",
                      example)};
}

// Where the mapped columns are, or npos when not mapped.
struct SheetAt
{
  std::size_t date, bed, asleep, up, note;
};

// The instant of a clock time on `date`, the next day when it is earlier than `after`.
ZonedInstant on_or_after(time::Date date, int clock_s, std::optional<time::Instant> after,
                         const time::Zone& zone)
{
  const time::CivilTime civil =
    time::seconds_to_civil(time::civil_to_seconds({date, 0, 0, 0}) + clock_s);
  ZonedInstant at = resolve_wall_time({civil, std::nullopt}, zone, after);
  if (after && at.at < *after) {
    const time::CivilTime next =
      time::seconds_to_civil(time::civil_to_seconds({date, 0, 0, 0}) + clock_s + day_s);
    at = resolve_wall_time({next, std::nullopt}, zone, after);
  }
  return at;
}

// Reads one row into `period`: "" for a sleep, "-" to skip (counted), else the problem.
std::string read_row(const report::CsvRecord& row, const std::vector<std::string>& header,
                     const SheetAt& at, DateOrder order, const ReadOptions& options,
                     SleepPeriod& period, ReadResult& result)
{
  const auto cell = [&row](std::size_t i) {
    return i < row.cells.size() ? trim(row.cells[i]) : std::string_view();
  };
  const auto parts = split_date(cell(at.date));
  if (!parts) {
    return fmt::format("bad date '{}' in {} (expected M/D/YYYY, D/M/YYYY or YYYY-MM-DD)",
                       cell(at.date), header[at.date]);
  }
  const auto date = to_date(*parts, order, cell(at.date));
  if (!date) {
    return date.error().message;
  }
  if (cell(at.asleep).empty() || cell(at.up).empty()) {
    ++result.unfinished;
    return "-";
  }
  std::optional<time::Instant> cursor;
  const auto read_time = [&](std::size_t i) -> std::optional<ZonedInstant> {
    const auto clock = parse_sheet_clock(cell(i));
    if (!clock) {
      return std::nullopt;
    }
    const ZonedInstant z = on_or_after(*date, *clock, cursor, options.zone);
    cursor = z.at;
    return z;
  };
  for (const std::size_t i : {at.bed, at.asleep, at.up}) {
    if (i != std::string::npos && !cell(i).empty() && !parse_sheet_clock(cell(i))) {
      return fmt::format("bad time '{}' in {} (expected 7:15 PM or 19:15)", cell(i), header[i]);
    }
  }
  if (at.bed != std::string::npos && !cell(at.bed).empty()) {
    const auto bed = read_time(at.bed);
    period.bed = bed->at;
    period.bed_offset_s = bed->offset_s;
  }
  const auto asleep = read_time(at.asleep);
  const auto up = read_time(at.up);
  if (up->at == asleep->at) {
    ++result.zero_length;
    return "-";
  }
  if (options.now && up->at > *options.now) {
    return fmt::format("{} {} is in the future", cell(at.date), cell(at.up));
  }
  std::string note(cell(at.note));
  for (std::size_t i = 0; i < header.size() && i < row.cells.size(); ++i) {
    const bool mapped = i == at.date || i == at.bed || i == at.asleep || i == at.up || i == at.note;
    if (!mapped && !cell(i).empty()) {
      note += fmt::format("{}{}: {}", note.empty() ? "" : "; ", trim(header[i]), cell(i));
    }
  }
  period.line = row.line;
  period.start = asleep->at;
  period.start_offset_s = asleep->offset_s;
  period.end = up->at;
  period.end_offset_s = up->offset_s;
  period.note = note;
  period.row_hash = row_hash(row.cells);
  return {};
}

} // namespace

Expected<SheetColumns> parse_sheet_columns(std::string_view text)
{
  SheetColumns columns;
  const Error usage{"--columns takes KEY=COLUMN pairs for date, bed, asleep, up and note",
                    "e.g. --columns date=Date,bed=\"Put down\",asleep=Asleep,up=\"Woke up\""};
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view pair = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || trim(pair.substr(equals + 1)).empty()) {
      return usage;
    }
    const std::string key = lower(trim(pair.substr(0, equals)));
    const std::string name(trim(pair.substr(equals + 1)));
    std::string* slot = key == "date"     ? &columns.date
                        : key == "bed"    ? &columns.bed
                        : key == "asleep" ? &columns.asleep
                        : key == "up"     ? &columns.up
                        : key == "note"   ? &columns.note
                                          : nullptr;
    if (slot == nullptr) {
      return Error{fmt::format("--columns: no key '{}'", key), usage.hint};
    }
    *slot = name;
  }
  for (const auto& [name, key] :
       {std::pair{&columns.date, "date"}, {&columns.asleep, "asleep"}, {&columns.up, "up"}}) {
    if (name->empty()) {
      return Error{fmt::format("--columns needs {}=COLUMN", key), usage.hint};
    }
  }
  return columns;
}

std::optional<DateOrder> parse_date_order(std::string_view text)
{
  if (text == "dmy") {
    return DateOrder::dmy;
  }
  if (text == "mdy") {
    return DateOrder::mdy;
  }
  if (text == "ymd") {
    return DateOrder::ymd;
  }
  return std::nullopt;
}

std::optional<int> parse_sheet_clock(std::string_view text)
{
  std::string t = lower(trim(text));
  std::erase(t, '.'); // "p.m."
  int half = -1;      // 0 am, 12 pm
  for (const auto& [suffix, add] : {std::pair{"am", 0}, {"pm", 12}, {"a", 0}, {"p", 12}}) {
    const std::string_view s(suffix);
    if (t.size() > s.size() && t.ends_with(s)) {
      half = add;
      t = std::string(trim(t.substr(0, t.size() - s.size())));
      break;
    }
  }
  int fields[3] = {0, 0, 0};
  int count = 0;
  std::string_view rest(t);
  while (count < 3) {
    const auto colon = rest.find(':');
    const auto value = number(rest.substr(0, colon));
    const std::size_t digits = rest.substr(0, colon).size();
    if (!value || (count > 0 && digits != 2) || (count == 0 && digits > 2)) {
      return std::nullopt;
    }
    fields[count++] = *value;
    if (colon == std::string_view::npos) {
      break;
    }
    rest = rest.substr(colon + 1);
  }
  if ((count == 1 && half < 0) || fields[1] > 59 || fields[2] > 59) {
    return std::nullopt; // a bare "7" is no time
  }
  int hour = fields[0];
  if (half >= 0) {
    if (hour < 1 || hour > 12) {
      return std::nullopt;
    }
    hour = hour % 12 + half;
  } else if (hour > 23) {
    return std::nullopt;
  }
  return hour * 3600 + fields[1] * 60 + fields[2];
}

std::vector<SleepPeriod> read_sheet_rows(report::CsvReader& reader,
                                         const std::vector<std::string>& header,
                                         const ReadOptions& options, Problems& problems,
                                         ReadResult& result)
{
  std::vector<SleepPeriod> periods;
  const auto columns = parse_sheet_columns(options.columns);
  if (!columns) {
    problems.add(1, columns.error().message);
    return periods;
  }
  const auto find = [&](const std::string& name) {
    if (name.empty()) {
      return std::string::npos;
    }
    const std::size_t i = column_index(header, name);
    if (i == std::string::npos) {
      std::string known;
      for (const auto& h : header) {
        known += (known.empty() ? "" : ", ") + h;
      }
      problems.add(1, fmt::format("no column '{}' in the header (it has: {})", name, known));
    }
    return i;
  };
  const SheetAt at{find(columns->date), find(columns->bed), find(columns->asleep),
                   find(columns->up), find(columns->note)};
  if (!problems.empty()) {
    return periods;
  }
  std::vector<report::CsvRecord> rows;
  for (;;) {
    auto record = reader.next();
    if (!record) {
      problems.add(reader.line(), record.error().message);
      return periods;
    }
    if (!*record) {
      break;
    }
    auto& row = **record;
    if (std::all_of(row.cells.begin(), row.cells.end(),
                    [](const std::string& c) { return trim(c).empty(); })) {
      continue; // a blank row of the sheet
    }
    ++result.rows;
    if (row.cells.size() > header.size()) {
      problems.add(row.line, column_count_problem(row.cells.size(), header.size(), false));
      continue;
    }
    rows.push_back(std::move(row));
  }
  DateOrder order = DateOrder::mdy;
  if (options.date_order) {
    order = *options.date_order;
  } else if (const Settled settled = settle_order(rows, at.date); settled.order) {
    order = *settled.order;
  } else {
    problems.add(settled.line, settled.problem);
    return periods;
  }
  for (const auto& row : rows) {
    SleepPeriod period;
    const std::string problem = read_row(row, header, at, order, options, period, result);
    if (problem.empty()) {
      periods.push_back(std::move(period));
    } else if (problem != "-") {
      problems.add(row.line, problem);
    }
  }
  return periods;
}

} // namespace sleeplog::exchange
