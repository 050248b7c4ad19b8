// Number printing shared by text, CSV and JSON output (DESIGN §6.1).
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

namespace sleeplog::report {

std::string format_mean(std::optional<double> value)
{
  std::string text = format_number(value); // not const: returned, it moves
  if (text.empty() || text.find('.') != std::string::npos) {
    return text;
  }
  return text + ".0";
}

std::string format_minutes(std::optional<double> minutes, bool mean)
{
  if (!minutes || !std::isfinite(*minutes)) {
    return {};
  }
  // Decide on the printed value, so 59.96 prints as 1:00 and not as "60.0".
  const double shown = mean ? std::round(*minutes * 10.0) / 10.0 : std::round(*minutes);
  if (std::fabs(shown) < 60.0) {
    return mean ? format_mean(shown) : format_number(shown);
  }
  const long long total = std::llround(*minutes);
  const long long magnitude = total < 0 ? -total : total;
  return (total < 0 ? "-" : "") + std::to_string(magnitude / 60) + ":" +
         (magnitude % 60 < 10 ? "0" : "") + std::to_string(magnitude % 60);
}

} // namespace sleeplog::report
