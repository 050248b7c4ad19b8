// The settings kept in the log (DESIGN §1.4): one table of their keys, defaults and
// accepted values, which `config` lists and checks with, and one typed value read from
// it once: every command asks this struct, never the `setting` table, and a clock
// setting's HH:MM is parsed in one place.
#pragma once

#include <sleeplog/model/night.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/time/civil.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sleeplog::app {

/// One setting as `config` lists and checks it and read_settings() reads it.
struct SettingSpec
{
  /// The key `config KEY` takes.
  std::string_view key;
  /// The value when unset, as `config` prints it ("" prints "(not set)").
  std::string_view fallback;
  /// What the setting takes, for the hint when `config` refuses a value.
  std::string_view accepts;
  /// Whether `config` may store a non-empty `value` (clock values already as HH:MM).
  bool (*valid)(std::string_view value);
  /// Kept on this machine only, outside the log's settings (`replica-name`): neither
  /// synced nor journaled, and not part of Settings.
  bool machine_local = false;
};

/// Every setting, in the order `config` lists them.
std::span<const SettingSpec> setting_specs();

/// The setting `key` names; throws InputError listing every key when it names none.
const SettingSpec& setting_spec(std::string_view key);

/// Every setting of one log, each at its default when unset.
struct Settings
{
  /// `night-boundary`: loose events before it belong to the night before (minutes after midnight).
  int night_boundary_min = 12 * 60;
  /// `week-start`: weeks begin on Sunday (`sun`), else Monday.
  bool week_starts_sunday = false;
  /// `target-bedtime` in minutes after midnight; nullopt: judged against the median.
  std::optional<int> target_bedtime_min;
  /// `default-child`: the child commands work on without --child ("" when unset).
  std::string default_child;
  /// `caregiver`: the default --by ("" when unset).
  std::string caregiver;
  /// `naps`: which days' naps are known.
  model::NapsMode naps = model::NapsMode::automatic;
  /// `disruptions`: the tag words that leave a night out of the numbers.
  std::vector<std::string> disruptions;

  /// The target bedtime in minutes since noon, as PeriodAccumulator wants.
  std::optional<double> target_bedtime_since_noon() const;

  /// The first day of the week holding `day`, by `week-start`.
  time::Date week_start(time::Date day) const;

  /// The first day of the week `weeks - 1` weeks before the week holding `day`: where a
  /// trend of `weeks` whole weeks up to `day` begins.
  time::Date weeks_before(time::Date day, int weeks) const;

  /// How many weeks, by `week-start`, hold the days from `first` to `last` (1 when both
  /// are in one week).
  std::int64_t weeks_spanned(time::Date first, time::Date last) const;
};

/// The settings of `store`. A stored value that `config` would refuse (the file was
/// changed by other means) throws StorageError naming the key.
Settings read_settings(const store::Store& store);

/// "19:30" as 1170 minutes after midnight: the one reading of a stored clock setting;
/// nullopt unless it is HH:MM before 24:00.
std::optional<int> parse_hhmm(std::string_view text);

/// Whether `config KEY VALUE` may store `value` for `key` (clock values already written
/// as HH:MM; "" always may, it restores the default). `default-child` names a child,
/// which only the store can tell: any name passes here. False for an unknown key.
bool setting_value_ok(std::string_view key, std::string_view value);

/// `value` as `config` stores it: a clock setting's every form (DESIGN §3.2) as HH:MM,
/// a bedtime's bare 7:30 as the evening's 19:30; other values as given. A clock that does
/// not read throws InputError.
std::string normalise_setting(std::string_view key, const std::string& value);

/// Throws InputError unless `config KEY VALUE` may store `value` (already normalised)
/// in `store`: the key is known, the value is one it takes, and a default child is a
/// child of the log. "" always passes: it restores the default.
void check_setting(const store::Store& store, std::string_view key, const std::string& value);

/// The settings as `config` lists them, in the table's order, each key with its stored
/// value or else its default ("" prints "(not set)"); `replica-name` is this machine's
/// name. With no log (nullptr) every default, and "" for `replica-name`. Only `only`'s
/// row when `only` is given.
std::vector<std::pair<std::string, std::string>> listed_settings(const store::Store* store,
                                                                 std::string_view only);

/// `config KEY VALUE` (`value` already normalised): checks it (check_setting) and stores
/// it in the log, or, for a machine-local key, as this machine's own (neither synced nor
/// journaled).
void store_setting(store::Store& store, std::string_view key, const std::string& value);

} // namespace sleeplog::app
