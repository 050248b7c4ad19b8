// Sparklines for the trend report.
#include <sleeplog/report/sparkline.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace sleeplog::report {

namespace {

constexpr std::array<std::string_view, 8> unicode_levels = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr std::string_view ascii_levels = "_.,-=+*#";

bool usable(const std::optional<double>& value)
{
  return value && std::isfinite(*value);
}

} // namespace

std::string sparkline(const std::vector<std::optional<double>>& values, bool unicode)
{
  double low = 0.0;
  double high = 0.0;
  bool any = false;
  for (const auto& value : values) {
    if (usable(value)) {
      low = any ? std::min(low, *value) : *value;
      high = any ? std::max(high, *value) : *value;
      any = true;
    }
  }

  const std::size_t top = ascii_levels.size() - 1;
  std::string out;
  for (const auto& value : values) {
    if (!usable(value)) {
      out += ' ';
      continue;
    }
    // A flat series has no direction to show: draw it at mid height.
    std::size_t level = top / 2;
    if (high > low) {
      level = static_cast<std::size_t>(
        std::lround((*value - low) / (high - low) * static_cast<double>(top)));
    }
    if (unicode) {
      out += unicode_levels[level];
    } else {
      out += ascii_levels[level];
    }
  }
  return out;
}

} // namespace sleeplog::report
