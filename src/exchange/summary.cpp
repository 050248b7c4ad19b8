#include <sleeplog/exchange/summary.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace sleeplog::exchange {

namespace {

std::string count(std::size_t n, const char* one, const char* many)
{
  return with_commas(n) + " " + (n == 1 ? one : many);
}

std::string children_text(const std::vector<std::string>& children)
{
  if (children.size() <= 2) {
    return fmt::format("{}", fmt::join(children, " and "));
  }
  return fmt::format("{} children", children.size());
}

} // namespace

std::string with_commas(std::size_t n)
{
  std::string digits = std::to_string(n);
  for (std::size_t i = digits.size(); i > 3; i -= 3) {
    digits.insert(i - 3, 1, ',');
  }
  return digits;
}

std::vector<std::pair<std::string, std::size_t>> row_categories(const ImportCounts& counts,
                                                                const ReadResult& read)
{
  return {{"imported", counts.imported},       {"not sleep", read.not_sleep},
          {"zero length", read.zero_length},   {"unfinished", read.unfinished},
          {"overlapping", counts.overlapping}, {"inside a longer row", read.inside},
          {"already imported", counts.already}};
}

std::string render_summary(const ImportCounts& counts, const ReadResult& read,
                           const std::string& file, bool dry_run)
{
  std::string line =
    fmt::format("{} {} ({}, {}, {})", dry_run ? "Would import" : "Imported",
                count(counts.events, "event", "events"), count(counts.nights, "night", "nights"),
                count(counts.naps, "nap", "naps"), count(counts.wakings, "waking", "wakings"));
  if (!counts.children.empty()) {
    line += " for " + children_text(counts.children);
  }
  line += " from " + file;
  std::vector<std::string> parts;
  for (const auto& [why, n] : row_categories(counts, read)) {
    if (n > 0 || why == "imported") {
      parts.push_back(with_commas(n) + " " + (why == "imported" && dry_run ? "to import" : why));
    }
  }
  line += fmt::format("; {}: {}", count(read.rows, "row", "rows"), fmt::join(parts, ", "));
  if (counts.rebuilt > 0) {
    line += fmt::format("; {} {} that an earlier import had shorter ({} old {} replaced)",
                        dry_run ? "would rebuild" : "rebuilt",
                        count(counts.rebuilt, "night or nap", "nights or naps"),
                        with_commas(counts.replaced), counts.replaced == 1 ? "event" : "events");
  }
  return line;
}

} // namespace sleeplog::exchange
