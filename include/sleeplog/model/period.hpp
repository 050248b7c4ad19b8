// Period statistics (DESIGN §5.5): means, sample SDs of bedtime and wake
// time, bedtime consistency and the Sleep Regularity Index, accumulated night by night
// so a report over years of history holds one night at a time.
#pragma once

#include <sleeplog/model/metrics.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sleeplog::model {

/// A state of one minute on the SRI timeline.
enum class Epoch : std::int8_t { unknown = -1, awake = 0, asleep = 1 };

/// SRI over a ready-made array of 1-minute epochs (Phillips et al. 2017): every epoch t
/// is compared with t + 1440; pairs with an unknown side are skipped; nullopt when
/// fewer than 1440 pairs. One decimal.
std::optional<double> sri_from_epochs(const std::vector<Epoch>& epochs);

/// Streams the SRI: feed known stretches of time in order; memory is one day of epochs.
class SriAccumulator
{
public:
  /// Marks [from, to) as known with the given state; times are absolute seconds and must
  /// not go backwards. Gaps between calls are unknown.
  void add(Instant from, Instant to, Epoch state);

  /// The SRI so far (one decimal), or nullopt when fewer than 1440 pairs.
  std::optional<double> value() const;

  std::int64_t pairs() const { return m_pairs; }

private:
  // Pushes `minutes` epochs of `state` (none when minutes <= 0).
  void push(std::int64_t minutes, Epoch state);

  std::array<Epoch, 1440> m_ring{};
  std::int64_t m_next_minute = 0; // absolute minute of the next epoch to push
  bool m_started = false;
  std::int64_t m_pairs = 0;
  std::int64_t m_matches = 0;
};

/// The SRI timeline of a sequence of nights: for each night, [put-down, up] with its
/// sleep stretches; for each day with known naps, from an `up` to the next put-down with
/// its naps and sleep moved out of nights. Nights must be fed in date order.
class SriTimeline
{
public:
  /// Adds one night (with its naps) to the timeline.
  void add(const Night& night, const NightMetrics& metrics);

  /// The SRI so far.
  std::optional<double> value() const;

private:
  SriAccumulator m_acc;
  std::optional<Instant> m_last_up; // the open day starts here
};

/// The numbers of a period, as printed by summary and trend and keyed as in DESIGN §5.5.
struct PeriodStats
{
  std::optional<time::Date> first_night;
  std::optional<time::Date> last_night;
  int nights = 0;
  int complete_nights = 0;
  std::optional<double> bedtime_mean;   // minutes since noon
  std::optional<double> bedtime_sd_min; // sample SD
  std::optional<double> up_mean;        // minutes since noon
  std::optional<double> up_sd_min;
  std::optional<double> consistency_pct;
  std::optional<double> sri;
  std::optional<double> sol_min;
  std::optional<double> wakings;
  std::optional<double> waso_min;
  std::optional<double> twak_min;
  std::optional<double> tib_min;
  std::optional<double> tst_min;
  std::optional<double> se_pct;
  std::optional<double> longest_stretch_min;
  std::optional<double> cry_min;
  std::optional<double> checkins;
  std::optional<double> nap_min;
  std::optional<double> sleep_24h_min;
};

/// Minutes since noon of a local clock time (19:00 → 420, 00:30 → 750), so bedtimes
/// around midnight average without wrapping.
double minutes_since_noon(const LocalInstant& at);

/// Gathers nights (in date order) into PeriodStats.
class PeriodAccumulator
{
public:
  /// `target_bedtime_min`: minutes since noon of the target-bedtime setting, if set.
  explicit PeriodAccumulator(std::optional<double> target_bedtime_min = std::nullopt);

  /// Adds one night and its metrics.
  void add(const Night& night, const NightMetrics& metrics);

  /// The statistics of everything added.
  PeriodStats result() const;

private:
  struct Mean
  {
    double sum = 0;
    int n = 0;
    void add(std::optional<double> v);
    std::optional<double> value() const;
  };
  std::optional<double> m_target;
  PeriodStats m_base;
  std::vector<double> m_bedtimes; // minutes since noon; for SD, median and consistency
  std::vector<double> m_ups;
  Mean m_sol, m_wakings, m_waso, m_twak, m_tib, m_tst, m_se, m_longest, m_cry, m_checkins, m_nap,
    m_sleep24;
  SriTimeline m_sri;
};

/// Which way is better for a period metric.
enum class Better { lower, higher, neither };

/// A metric of PeriodStats by its key (DESIGN §5.5), with which way is better.
struct PeriodMetric
{
  std::string_view key;   // "sol_min"
  std::string_view label; // "settling"
  Better better;
  std::optional<double> PeriodStats::*field;
};

/// The period metrics in report order.
const std::vector<PeriodMetric>& period_metrics();

} // namespace sleeplog::model
