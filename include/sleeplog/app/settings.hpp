// The settings kept in the log (DESIGN §1.4), read once into one typed value: every
// command asks this struct, never the `setting` table, and a clock setting's HH:MM is
// parsed in one place.
#pragma once

#include <sleeplog/model/night.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/time/civil.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::app {

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
};

/// The settings of `store`. A stored value that `config` would refuse (the file was
/// changed by other means) throws StorageError naming the key.
Settings read_settings(const store::Store& store);

/// "19:30" as 1170 minutes after midnight: the one reading of a stored clock setting;
/// nullopt unless it is HH:MM before 24:00.
std::optional<int> parse_hhmm(std::string_view text);

/// Whether `config KEY VALUE` may store `value` for `key` (clock values already written
/// as HH:MM; "" always may, it restores the default). `default-child` names a child,
/// which only the store can tell: any name passes here.
bool setting_value_ok(std::string_view key, std::string_view value);

} // namespace sleeplog::app
