// Sparklines: a series of numbers as one line of block characters (▁▂▃▄▅▆▇█), or of
// ASCII (_.,-=+*#) when the terminal cannot show Unicode; a gap for a missing value.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sleeplog::report {

/// One glyph per value, scaled between the series' minimum and maximum.
std::string sparkline(const std::vector<std::optional<double>>& values, bool unicode);

} // namespace sleeplog::report
