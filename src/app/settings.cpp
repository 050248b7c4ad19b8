#include <sleeplog/app/settings.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::app {

namespace {

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// A stored value `config` would not have written.
[[noreturn]] void refuse_stored(const std::string& key, const std::string& value)
{
  throw StorageError(
    fmt::format("the setting {} holds '{}', which is not a value it takes", key,
                shown_value(value)),
    fmt::format("set it again with `sleeplog config {} VALUE`, or back to its default with "
                "`sleeplog config {} \"\"`",
                key, key));
}

// The stored value of `key`, checked; nullopt when unset or empty (the default).
std::optional<std::string> stored(const store::Store& store, const std::string& key)
{
  auto value = store.setting(key);
  if (!value || value->empty()) {
    return std::nullopt;
  }
  if (!setting_value_ok(key, *value)) {
    refuse_stored(key, *value);
  }
  return value;
}

} // namespace

std::optional<int> parse_hhmm(std::string_view text)
{
  if (text.size() != 5 || text[2] != ':' || !is_digit(text[0]) || !is_digit(text[1]) ||
      !is_digit(text[3]) || !is_digit(text[4])) {
    return std::nullopt;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour >= 24 || minute >= 60) {
    return std::nullopt;
  }
  return hour * 60 + minute;
}

bool setting_value_ok(std::string_view key, std::string_view value)
{
  if (value.empty()) {
    return true; // "" puts any setting back to its default
  }
  if (key == "night-boundary" || key == "target-bedtime") {
    return parse_hhmm(value).has_value();
  }
  if (key == "week-start") {
    return value == "mon" || value == "sun";
  }
  if (key == "naps") {
    return value == "auto" || value == "logged" || value == "untracked";
  }
  if (key == "disruptions") {
    return std::all_of(value.begin(), value.end(), [](char c) {
      return c == ',' || (static_cast<unsigned char>(c) > ' ' && c != ';');
    });
  }
  return true; // default-child, caregiver: any text
}

Settings read_settings(const store::Store& store)
{
  Settings settings;
  if (const auto value = stored(store, "night-boundary")) {
    settings.night_boundary_min = *parse_hhmm(*value);
  }
  settings.week_starts_sunday = stored(store, "week-start") == std::string("sun");
  if (const auto value = stored(store, "target-bedtime")) {
    settings.target_bedtime_min = parse_hhmm(*value);
  }
  settings.default_child = store.setting("default-child").value_or("");
  settings.caregiver = store.setting("caregiver").value_or("");
  if (const auto value = stored(store, "naps")) {
    settings.naps = *value == "logged"      ? model::NapsMode::logged
                    : *value == "untracked" ? model::NapsMode::untracked
                                            : model::NapsMode::automatic;
  }
  stored(store, "disruptions"); // checked; store::disruptions splits it, as the store does
  settings.disruptions = store::disruptions(store);
  return settings;
}

std::optional<double> Settings::target_bedtime_since_noon() const
{
  if (!target_bedtime_min) {
    return std::nullopt;
  }
  const int minute = *target_bedtime_min;
  return minute >= 720 ? minute - 720 : minute + 720;
}

time::Date Settings::week_start(time::Date day) const
{
  const int back = week_starts_sunday ? (time::weekday(day) + 1) % 7 : time::weekday(day);
  return time::add_days(day, -back);
}

} // namespace sleeplog::app
