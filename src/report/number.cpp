// Number printing shared by text, CSV and JSON output (SPEC §2).
#include <sleeplog/report/number.hpp>

#include <cmath>
#include <cstdio>

namespace sleeplog::report {

std::string format_number(std::optional<double> value)
{
  if (!value || !std::isfinite(*value)) {
    return {};
  }
  // Beyond this the tenths no longer fit a long long; such values are never fractional
  // in practice, so print them whole.
  if (std::fabs(*value) >= 1e15) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.0f", *value);
    return buffer;
  }
  // std::llround rounds half away from zero; working in whole tenths avoids "-0".
  const long long tenths = std::llround(*value * 10.0);
  const long long magnitude = tenths < 0 ? -tenths : tenths;
  std::string text = tenths < 0 ? "-" : "";
  text += std::to_string(magnitude / 10);
  if (magnitude % 10 != 0) {
    text += '.';
    text += static_cast<char>('0' + magnitude % 10);
  }
  return text;
}

std::string format_bool(std::optional<bool> value)
{
  if (!value) {
    return {};
  }
  return *value ? "true" : "false";
}

} // namespace sleeplog::report
