// The one line an import ends with: what was added, for whom, and what was skipped and why.
#pragma once

#include <sleeplog/exchange/import.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace sleeplog::exchange {

/// What an import added and skipped.
struct ImportCounts
{
  std::size_t events = 0;            // events added
  std::size_t nights = 0;            // distinct nights those events fall in
  std::size_t naps = 0;              // nap events added
  std::size_t wakings = 0;           // woke events added
  std::size_t already = 0;           // rows skipped because they were imported before
  std::vector<std::string> children; // the children the events went to, in order seen
  std::size_t rebuilt = 0;           // nights or naps of an earlier import that grew, rebuilt
  std::size_t replaced = 0;          // events of their earlier versions, removed
};

/// "1,234" — thousands separated by commas.
std::string with_commas(std::size_t n);

/// "Imported 12 events (1 night, 2 naps, 2 wakings) for Eva from f.csv; skipped 3 rows
/// (2 not sleep, 1 already imported); rebuilt 1 night that an earlier import had shorter";
/// "Would import ..." for a dry run.
std::string render_summary(const ImportCounts& counts, const ReadResult& read,
                           const std::string& file, bool dry_run);

} // namespace sleeplog::exchange
