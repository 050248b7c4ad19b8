#include <sleeplog/app/settings.hpp>
#include <sleeplog/store/sync.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/time/parse.hpp>
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

bool is_hhmm(std::string_view value)
{
  return parse_hhmm(value).has_value();
}

bool any_text(std::string_view /*value*/)
{
  return true;
}

bool is_week_start(std::string_view value)
{
  return value == "mon" || value == "sun";
}

bool is_naps_mode(std::string_view value)
{
  return value == "auto" || value == "logged" || value == "untracked";
}

bool is_word_list(std::string_view value)
{
  return std::all_of(value.begin(), value.end(), [](char c) {
    return c == ',' || (static_cast<unsigned char>(c) > ' ' && c != ';');
  });
}

constexpr SettingSpec specs[] = {
  {"night-boundary", "12:00",
   "a time of day (12:00, 1pm): loose events before it belong to the night before", is_hhmm},
  {"week-start", "mon", "mon or sun", is_week_start},
  {"target-bedtime", "",
   "a time of day (19:30, 7:30pm, 7pm; a bare 7:30 means 19:30), or \"\" to judge consistency "
   "against the median bedtime",
   is_hhmm},
  {"default-child", "", "a child's name", any_text},
  {"caregiver", "", "the default --by name", any_text},
  {"naps", "auto",
   "auto (a day's naps are known when one is logged within 2 days), logged (every day) or "
   "untracked (never)",
   is_naps_mode},
  {"disruptions", "sick,teething,travel,vaccine,regression",
   "tag words separated by commas: nights so tagged leave trends and pause a plan", is_word_list},
  {"replica-name", "",
   "this machine's name in a shared sync folder (letters, digits, '-', '_', '.'; default: "
   "the host name); kept on this machine only",
   any_text, true},
};

const SettingSpec* find_spec(std::string_view key)
{
  for (const auto& spec : specs) {
    if (spec.key == key) {
      return &spec;
    }
  }
  return nullptr;
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

// The stored value of `key`, checked, or its default from the table when unset or empty.
std::string stored_or_default(const store::Store& store, const std::string& key)
{
  const auto& spec = setting_spec(key);
  auto value = store.setting(key);
  if (!value || value->empty()) {
    return std::string(spec.fallback);
  }
  if (!spec.valid(*value)) {
    refuse_stored(key, *value);
  }
  return *value;
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

std::span<const SettingSpec> setting_specs()
{
  return specs;
}

const SettingSpec& setting_spec(std::string_view key)
{
  if (const auto* spec = find_spec(key)) {
    return *spec;
  }
  std::string keys;
  for (const auto& spec : specs) {
    keys += fmt::format("{}{}", keys.empty() ? "" : ", ", spec.key);
  }
  throw InputError(fmt::format("unknown setting '{}'", shown_value(std::string(key))),
                   "settings: " + keys);
}

bool setting_value_ok(std::string_view key, std::string_view value)
{
  const auto* spec = find_spec(key);
  // "" puts any setting back to its default
  return spec != nullptr && (value.empty() || spec->valid(value));
}

std::string normalise_setting(std::string_view key, const std::string& value)
{
  if (value.empty() || (key != "night-boundary" && key != "target-bedtime")) {
    return value;
  }
  const auto minutes = value_or_throw(time::parse_clock_setting(value, key == "target-bedtime"),
                                      fmt::format("{}: '{}' is not valid", key, value));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

void check_setting(const store::Store& store, std::string_view key, const std::string& value)
{
  const auto& spec = setting_spec(key);
  if (value.empty()) {
    return; // "" puts any setting back to its default
  }
  if (key == "default-child" && !store.child_by_name(value)) {
    throw InputError(fmt::format("no child named '{}'", shown_value(value)),
                     "add it with `sleeplog child add NAME`");
  }
  if (!spec.valid(value)) {
    throw InputError(fmt::format("{}: '{}' is not valid", key, shown_value(value)),
                     fmt::format("{} takes {}", key, spec.accepts));
  }
}

Settings read_settings(const store::Store& store)
{
  Settings settings;
  settings.night_boundary_min = *parse_hhmm(stored_or_default(store, "night-boundary"));
  settings.week_starts_sunday = stored_or_default(store, "week-start") == "sun";
  settings.target_bedtime_min = parse_hhmm(stored_or_default(store, "target-bedtime"));
  settings.default_child = stored_or_default(store, "default-child");
  settings.caregiver = stored_or_default(store, "caregiver");
  const auto naps = stored_or_default(store, "naps");
  settings.naps = naps == "logged"      ? model::NapsMode::logged
                  : naps == "untracked" ? model::NapsMode::untracked
                                        : model::NapsMode::automatic;
  // Checked here; store::disruptions splits it (its defaults are the table's).
  stored_or_default(store, "disruptions");
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

time::Date Settings::weeks_before(time::Date day, int weeks) const
{
  return time::add_days(week_start(day), -7 * static_cast<long>(weeks - 1));
}

std::int64_t Settings::weeks_spanned(time::Date first, time::Date last) const
{
  return (time::days_from_date(week_start(last)) - time::days_from_date(week_start(first))) / 7 + 1;
}

std::vector<std::pair<std::string, std::string>> listed_settings(const store::Store* store,
                                                                 std::string_view only)
{
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& spec : setting_specs()) {
    if (!only.empty() && only != spec.key) {
      continue;
    }
    const std::string key(spec.key);
    std::string value(spec.fallback);
    if (spec.machine_local) { // replica-name, the one kept on this machine
      value = store != nullptr ? store::replica_name(*store) : std::string();
    } else if (store != nullptr) {
      value = store->setting(key).value_or(value);
    }
    rows.emplace_back(key, value);
  }
  return rows;
}

void store_setting(store::Store& store, std::string_view key, const std::string& value)
{
  if (setting_spec(key).machine_local) {
    store::set_replica_name(store, value);
    return;
  }
  check_setting(store, key, value);
  store.set_setting(std::string(key), value);
}

} // namespace sleeplog::app
