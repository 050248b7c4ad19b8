// The export formats of five baby-tracking apps (DESIGN §6.6): how to recognise each from its
// header, and how to read its rows into sleep periods.
#pragma once

#include <sleeplog/exchange/sleep_periods.hpp>
#include <sleeplog/report/csv.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::exchange {

/// The source whose columns the header holds (sleeplog's own included), or nullopt.
std::optional<Source> detect_source(const std::vector<std::string>& header);

/// The columns `source` needs that the header lacks (empty when it can be read).
std::vector<std::string> missing_columns(Source source, const std::vector<std::string>& header);

/// The index of the column called `name` (case and surrounding blanks ignored), or npos.
std::size_t column_index(const std::vector<std::string>& header, std::string_view name);

/// A hash of a row's cells, trailing empty cells left out: the core of its content key.
std::uint64_t row_hash(const std::vector<std::string>& cells);

/// Reads the rows after an app's header into sleep periods, counting rows that are not
/// sleep or not finished; bad rows go to `problems`.
std::vector<SleepPeriod> read_app_rows(report::CsvReader& reader, std::istream& in,
                                       const std::vector<std::string>& header, Source source,
                                       const time::Zone& zone, Problems& problems,
                                       ReadResult& result);

} // namespace sleeplog::exchange
