// The property behind truthful nights (DESIGN §4, §6): for any set of sleep periods from an
// app, every minute of sleep is counted exactly once — the total sleep of the nights plus
// the naps of the days equals the minutes of the union of the periods.
#include <sleeplog/exchange/sleep_periods.hpp>
#include <sleeplog/exchange/summary.hpp>
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace sleeplog;

namespace {

constexpr time::Instant day0 = 1767225600; // 2026-01-01T00:00Z

double union_minutes(std::vector<exchange::SleepPeriod> periods);
time::Instant longest_sleep(std::vector<exchange::SleepPeriod> periods);

// Random minute-aligned periods over a month, some overlapping, at one UTC offset. No
// sleep (periods merged where they overlap or touch) lasts over 20 h: that is no night.
std::vector<exchange::SleepPeriod> random_periods(unsigned seed, int offset_s)
{
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> count(5, 60);
  std::uniform_int_distribution<int> start_min(0, 30 * 24 * 60);
  std::uniform_int_distribution<int> length_min(5, 11 * 60);
  std::bernoulli_distribution nap_known(0.2);
  std::vector<exchange::SleepPeriod> periods;
  const int n = count(random);
  for (int i = 0; i < n; ++i) {
    exchange::SleepPeriod p;
    p.line = static_cast<std::size_t>(i + 2);
    p.start = day0 + start_min(random) * 60;
    p.end = p.start + length_min(random) * 60;
    p.start_offset_s = offset_s;
    p.end_offset_s = offset_s;
    if (nap_known(random)) {
      p.nap = random() % 2 == 0;
    }
    p.row_hash = random();
    periods.push_back(p);
    if (longest_sleep(periods) > 20 * 3600) {
      periods.pop_back();
    }
  }
  return periods;
}

time::Instant longest_sleep(std::vector<exchange::SleepPeriod> periods)
{
  std::sort(periods.begin(), periods.end(),
            [](const auto& a, const auto& b) { return a.start < b.start; });
  time::Instant longest = 0;
  time::Instant from = 0;
  time::Instant to = 0;
  for (const auto& p : periods) {
    if (p.start > to) {
      from = p.start;
    }
    to = std::max(to, p.end);
    longest = std::max(longest, to - from);
  }
  return longest;
}

double union_minutes(std::vector<exchange::SleepPeriod> periods)
{
  std::sort(periods.begin(), periods.end(),
            [](const auto& a, const auto& b) { return a.start < b.start; });
  time::Instant total = 0;
  time::Instant covered_to = 0;
  for (const auto& p : periods) {
    const time::Instant from = std::max(p.start, covered_to);
    if (p.end > from) {
      total += p.end - from;
    }
    covered_to = std::max(covered_to, p.end);
  }
  return static_cast<double>(total) / 60.0;
}

// App-like days over a month: a morning nap, sometimes an evening catnap, a night split
// into rows with small gaps, touching or overlapping rows, and rows wholly inside others
// or repeated, sometimes a morning block after the night.
std::vector<exchange::SleepPeriod> app_days(unsigned seed)
{
  std::mt19937 random(seed);
  const auto between = [&random](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(random);
  };
  std::vector<exchange::SleepPeriod> periods;
  const auto add = [&](time::Instant start, time::Instant end) {
    exchange::SleepPeriod p;
    p.line = periods.size() + 2;
    p.start = start;
    p.end = end;
    p.start_offset_s = -5 * 3600;
    p.end_offset_s = -5 * 3600;
    p.row_hash = random();
    periods.push_back(p);
  };
  for (int day = 0; day < 30; ++day) {
    const time::Instant base = day0 + day * 86400 + 5 * 3600; // local midnight at −05:00
    const auto at = [base](int minute) { return base + minute * 60; };
    const int nap = between(9 * 60, 14 * 60);
    add(at(nap), at(nap + between(20, 120)));
    if (between(0, 1) == 0) {
      const int catnap = between(16 * 60 + 30, 18 * 60 + 30);
      add(at(catnap), at(catnap + between(5, 100)));
    }
    int cursor = between(19 * 60 + 40, 21 * 60);
    const int pieces = between(1, 4);
    for (int i = 0; i < pieces; ++i) {
      const int length = between(30, 240);
      add(at(cursor), at(cursor + length));
      if (between(0, 3) == 0) { // a row wholly inside, or the same row again
        periods.push_back(periods.back());
        periods.back().line = periods.size() + 1;
        if (between(0, 1) == 0) {
          periods.back().end -= 60;
          periods.back().row_hash = random();
        }
      }
      cursor += length + between(-20, 90); // overlapping, touching or a waking
    }
    if (between(0, 2) == 0) {
      const int morning = 24 * 60 + between(4 * 60 + 30, 6 * 60);
      if (morning > cursor) {
        add(at(morning), at(morning + between(30, 200)));
      }
    }
  }
  return periods;
}

} // namespace

TEST_CASE("app-like days: every minute once, and every row in exactly one summary category")
{
  for (unsigned seed = 1; seed <= 100; ++seed) {
    const auto periods = app_days(seed);
    exchange::ReadResult result;
    result.rows = periods.size();
    std::vector<model::Event> events;
    std::map<std::string, std::pair<std::size_t, std::size_t>> group_rows;
    for (auto& imported :
         exchange::assemble_periods(periods, exchange::Source::babytracker, result)) {
      events.push_back(imported.event);
      group_rows[imported.group_key] = {imported.group_rows, imported.group_merged};
    }
    double counted = 0;
    for (const auto& night : model::assemble_nights(events, 12 * 60, model::NapsMode::logged)) {
      const auto m = model::compute_metrics(night);
      counted += m.tst_min.value_or(0.0) + m.nap_min.value_or(0.0);
    }
    CHECK_MESSAGE(counted == union_minutes(periods), "seed ", seed);
    exchange::ImportCounts counts;
    for (const auto& [key, rows] : group_rows) {
      // Every night and nap is new, as importing into an empty log counts them.
      counts.imported += rows.first;
      counts.overlapping += rows.second;
    }
    std::size_t sum = 0;
    for (const auto& [name, n] : exchange::row_categories(counts, result)) {
      sum += n;
    }
    CHECK_MESSAGE(sum == result.rows, "seed ", seed);
  }
}

TEST_CASE("Σ tst over nights + Σ nap_min over days = minutes of the union of all periods")
{
  for (unsigned seed = 1; seed <= 200; ++seed) {
    const int offset_s = (seed % 3 == 0 ? -8 : seed % 3 == 1 ? 1 : 0) * 3600;
    const auto periods = random_periods(seed, offset_s);
    exchange::ReadResult result;
    std::vector<model::Event> events;
    for (auto& imported : exchange::assemble_periods(periods, exchange::Source::glow, result)) {
      events.push_back(imported.event);
    }
    double counted = 0;
    for (const auto& night : model::assemble_nights(events, 12 * 60, model::NapsMode::logged)) {
      const auto m = model::compute_metrics(night);
      counted += m.tst_min.value_or(0.0) + m.nap_min.value_or(0.0);
      if (!night.events.empty()) {
        CHECK_MESSAGE(m.tst_min.has_value(), "seed ", seed, " night ",
                      time::format_date(night.date));
      }
    }
    CHECK_MESSAGE(counted == union_minutes(periods), "seed ", seed);
  }
}
