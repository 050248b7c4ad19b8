// How numbers print everywhere (SPEC §2): at most one decimal, no trailing ".0".
#pragma once

#include <optional>
#include <string>

namespace sleeplog::report {

/// 86.25 → "86.3", 20.0 → "20", -0.04 → "0"; empty string for nullopt.
std::string format_number(std::optional<double> value);

/// "true" / "false"; empty string for nullopt.
std::string format_bool(std::optional<bool> value);

} // namespace sleeplog::report
