#include <sleeplog/cli/suggest.hpp>

#include <algorithm>
#include <numeric>

namespace sleeplog::cli {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates)
{
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  std::size_t prefix_matches = 0;
  std::string prefix_match;
  for (const auto& candidate : candidates) {
    const auto d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
    if (!word.empty() && candidate.starts_with(word)) {
      ++prefix_matches;
      prefix_match = candidate;
    }
  }
  if (!best && prefix_matches == 1) {
    best = prefix_match;
  }
  return best;
}

} // namespace sleeplog::cli
