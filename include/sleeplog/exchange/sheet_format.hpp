// A parent's own spreadsheet (DESIGN §6.6): one row per sleep, put down → asleep →
// up, in columns the parent names with --columns; read into sleep periods that become
// nights and naps by the rules of app exports.
#pragma once

#include <sleeplog/exchange/sleep_periods.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/util/expected.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::exchange {

/// Which column of the sheet holds what (`--columns date=COL,bed=COL,asleep=COL,up=COL`).
struct SheetColumns
{
  std::string date;
  std::string bed; // optional: without it nights have no put-down
  std::string asleep;
  std::string up;
  std::string note; // optional
};

/// Reads the --columns map; date, asleep and up are required.
Expected<SheetColumns> parse_sheet_columns(std::string_view text);

/// The order named by --date-order ("dmy", "mdy", "ymd"), or nullopt.
std::optional<DateOrder> parse_date_order(std::string_view text);

/// A clock time as a sheet writes it, 12- or 24-hour ("7:15 PM", "7pm", "19:15",
/// "19:15:00"): seconds since midnight, or nullopt.
std::optional<int> parse_sheet_clock(std::string_view text);

/// Reads a sheet's rows after its header into sleep periods. Dates are M/D/YYYY, D/M/YYYY
/// or ISO; when the order is not given it comes from a date that settles it, and is a
/// problem when none does. An up (or asleep) earlier than the time before it is the next
/// day; unmapped columns with a value go into the note as "Column: value". Rows with
/// every cell empty are skipped; rows without an asleep or up are unfinished.
std::vector<SleepPeriod> read_sheet_rows(report::CsvReader& reader,
                                         const std::vector<std::string>& header,
                                         const ReadOptions& options, Problems& problems,
                                         ReadResult& result);

} // namespace sleeplog::exchange
