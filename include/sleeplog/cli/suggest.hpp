// "Did you mean …?": the nearest known word to a mistyped one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::cli {

/// Levenshtein distance between two words.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` when it is close enough to be a likely typo
/// (distance ≤ 2, or `word` is a prefix of exactly one candidate).
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

} // namespace sleeplog::cli
