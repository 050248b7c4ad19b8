// The one line an import ends with: what was added, for whom, and what was skipped and why.
#pragma once

#include <sleeplog/exchange/import.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace sleeplog::exchange {

/// What an import added and skipped.
struct ImportCounts
{
  std::size_t events = 0;            // events added
  std::size_t nights = 0;            // distinct nights those events fall in
  std::size_t naps = 0;              // nap events added
  std::size_t wakings = 0;           // woke events added
  std::size_t imported = 0;          // rows whose sleep or event was added
  std::size_t overlapping = 0;       // app rows merged into a period another row starts
  std::size_t already = 0;           // rows skipped because they were imported before
  std::vector<std::string> children; // the children the events went to, in order seen
  std::size_t rebuilt = 0;           // nights or naps of an earlier import that grew, rebuilt
  std::size_t replaced = 0;          // events of their earlier versions, removed
};

/// "1,234" — thousands separated by commas.
std::string with_commas(std::size_t n);

/// "Imported 12 events (1 night, 2 naps, 2 wakings) for Eva from f.csv; 9 rows: 6
/// imported, 2 not sleep, 1 already imported; rebuilt 1 night that an earlier import had
/// shorter"; "Would import ..." (and "to import") for a dry run. Every row read is in
/// exactly one category.
std::string render_summary(const ImportCounts& counts, const ReadResult& read,
                           const std::string& file, bool dry_run);

/// The categories of the rows read, in the summary's order, with how many are in each:
/// imported, not sleep, zero length, unfinished, overlapping, inside a longer row,
/// already imported.
std::vector<std::pair<std::string, std::size_t>> row_categories(const ImportCounts& counts,
                                                                const ReadResult& read);

} // namespace sleeplog::exchange
