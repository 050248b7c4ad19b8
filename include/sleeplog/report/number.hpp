// How numbers print everywhere (DESIGN §6.1): at most one decimal, no trailing ".0".
#pragma once

#include <optional>
#include <string>

namespace sleeplog::report {

/// 86.25 → "86.3", 20.0 → "20", -0.04 → "0"; empty string for nullopt.
std::string format_number(std::optional<double> value);

/// "true" / "false"; empty string for nullopt.
std::string format_bool(std::optional<bool> value);

} // namespace sleeplog::report

namespace sleeplog::report {

/// A mean for text tables, always with one decimal: 75 → "75.0", 2.64 → "2.6"; "" for
/// nullopt.
std::string format_mean(std::optional<double> value);

/// A duration in minutes for text tables: under an hour as minutes (with one decimal when
/// `mean`, else whole), from an hour as h:mm (59.96 → "1:00", 643.7 → "10:44"); "" for
/// nullopt.
std::string format_minutes(std::optional<double> minutes, bool mean);

} // namespace sleeplog::report
