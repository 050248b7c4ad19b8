// Period statistics (DESIGN §5.5): means over the nights where a number is defined, the
// spread of bedtime and wake time on a noon-based clock, consistency and the SRI.
#include <sleeplog/model/period.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace sleeplog::model {

namespace {

std::optional<double> mean_of(const std::vector<double>& values)
{
  if (values.empty()) {
    return std::nullopt;
  }
  double sum = 0;
  for (double v : values) {
    sum += v;
  }
  return sum / static_cast<double>(values.size());
}

// Sample standard deviation (n − 1): a week of bedtimes is a sample, not a population.
std::optional<double> sample_sd(const std::vector<double>& values)
{
  if (values.size() < 2) {
    return std::nullopt;
  }
  const double mean = *mean_of(values);
  double squares = 0;
  for (double v : values) {
    squares += (v - mean) * (v - mean);
  }
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

double median_of(std::vector<double> values)
{
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

// Share of bedtimes within ±15 min of the reference, in percent with one decimal.
std::optional<double> consistency_of(const std::vector<double>& bedtimes,
                                     std::optional<double> target)
{
  if (bedtimes.empty()) {
    return std::nullopt;
  }
  const double reference = target ? *target : median_of(bedtimes);
  const auto within = std::count_if(bedtimes.begin(), bedtimes.end(),
                                    [&](double b) { return std::abs(b - reference) <= 15.0; });
  const double pct = 100.0 * static_cast<double>(within) / static_cast<double>(bedtimes.size());
  return std::round(pct * 10.0) / 10.0;
}

std::optional<double> as_double(std::optional<int> value)
{
  return value ? std::optional<double>(static_cast<double>(*value)) : std::nullopt;
}

} // namespace

double minutes_since_noon(const LocalInstant& at)
{
  const time::CivilTime local = time::local_civil(at.at, at.offset_s);
  const double minute_of_day = local.hour * 60.0 + local.minute + local.second / 60.0;
  return minute_of_day >= 720.0 ? minute_of_day - 720.0 : minute_of_day + 720.0;
}

void PeriodAccumulator::Mean::add(std::optional<double> v)
{
  if (v) {
    sum += *v;
    ++n;
  }
}

std::optional<double> PeriodAccumulator::Mean::value() const
{
  return n > 0 ? std::optional<double>(sum / n) : std::nullopt;
}

PeriodAccumulator::PeriodAccumulator(std::optional<double> target_bedtime_min)
  : m_target(target_bedtime_min)
{}

void PeriodAccumulator::add(const Night& night, const NightMetrics& metrics)
{
  // A date with only naps (today, before bed) feeds the SRI but is not a night yet.
  m_sri.add(night, metrics);
  if (night.events.empty()) {
    return;
  }
  if (!m_base.first_night) {
    m_base.first_night = night.date;
  }
  m_base.last_night = night.date;
  ++m_base.nights;
  m_base.complete_nights += metrics.complete ? 1 : 0;
  if (metrics.bedtime) {
    m_bedtimes.push_back(minutes_since_noon(*metrics.bedtime));
  }
  if (metrics.up) {
    m_ups.push_back(minutes_since_noon(*metrics.up));
  }
  m_sol.add(metrics.sol_min);
  m_wakings.add(as_double(metrics.wakings));
  m_waso.add(metrics.waso_min);
  m_twak.add(metrics.twak_min);
  m_tib.add(metrics.tib_min);
  m_tst.add(metrics.tst_min);
  m_se.add(metrics.se_pct);
  m_longest.add(metrics.longest_stretch_min);
  m_cry.add(metrics.cry_min);
  m_checkins.add(static_cast<double>(metrics.checkins));
  m_nap.add(metrics.nap_min);
  m_sleep24.add(metrics.sleep_24h_min);
}

PeriodStats PeriodAccumulator::result() const
{
  PeriodStats s = m_base;
  s.bedtime_mean = mean_of(m_bedtimes);
  s.bedtime_sd_min = sample_sd(m_bedtimes);
  s.up_mean = mean_of(m_ups);
  s.up_sd_min = sample_sd(m_ups);
  s.consistency_pct = consistency_of(m_bedtimes, m_target);
  s.sri = m_sri.value();
  s.sol_min = m_sol.value();
  s.wakings = m_wakings.value();
  s.waso_min = m_waso.value();
  s.twak_min = m_twak.value();
  s.tib_min = m_tib.value();
  s.tst_min = m_tst.value();
  s.se_pct = m_se.value();
  s.longest_stretch_min = m_longest.value();
  s.cry_min = m_cry.value();
  s.checkins = m_checkins.value();
  s.nap_min = m_nap.value();
  s.sleep_24h_min = m_sleep24.value();
  return s;
}

const std::vector<PeriodMetric>& period_metrics()
{
  static const std::vector<PeriodMetric> metrics{
    {"sol_min", "settling", Better::lower, &PeriodStats::sol_min},
    {"wakings", "wakings", Better::lower, &PeriodStats::wakings},
    {"waso_min", "time awake at night", Better::lower, &PeriodStats::waso_min},
    {"twak_min", "early waking", Better::lower, &PeriodStats::twak_min},
    {"tib_min", "time in bed", Better::neither, &PeriodStats::tib_min},
    {"tst_min", "night sleep", Better::higher, &PeriodStats::tst_min},
    {"se_pct", "sleep efficiency", Better::higher, &PeriodStats::se_pct},
    {"longest_stretch_min", "longest stretch", Better::higher, &PeriodStats::longest_stretch_min},
    {"cry_min", "crying", Better::lower, &PeriodStats::cry_min},
    {"checkins", "check-ins", Better::lower, &PeriodStats::checkins},
    {"nap_min", "naps", Better::neither, &PeriodStats::nap_min},
    {"sleep_24h_min", "sleep in 24 h", Better::neither, &PeriodStats::sleep_24h_min},
    {"bedtime_sd_min", "bedtime spread", Better::lower, &PeriodStats::bedtime_sd_min},
    {"up_sd_min", "wake-up spread", Better::lower, &PeriodStats::up_sd_min},
    {"consistency_pct", "bedtime consistency", Better::higher, &PeriodStats::consistency_pct},
    {"sri", "SRI", Better::higher, &PeriodStats::sri},
  };
  return metrics;
}

} // namespace sleeplog::model
