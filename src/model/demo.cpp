#include <sleeplog/model/demo.hpp>
#include <sleeplog/model/plan.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sleeplog::model {

namespace {

/// splitmix64: small, fast and the same on every platform.
class Random
{
public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next()
  {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Normal with mean 0 and the given SD (Box-Muller).
  double normal(double sd)
  {
    const double u = std::max(uniform(), 1e-12);
    return sd * std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
  }
  bool chance(double p) { return uniform() < p; }
  /// A count with the given mean (Poisson by inversion, fine for small means).
  int count(double mean)
  {
    const double limit = std::exp(-mean);
    double product = uniform();
    int n = 0;
    while (product > limit && n < 12) {
      product *= uniform();
      ++n;
    }
    return n;
  }

private:
  std::uint64_t m_state;
};

std::string uuid_from(Random& random)
{
  static constexpr char hex[] = "0123456789abcdef";
  const std::uint64_t hi = (random.next() & 0xffffffffffff0fffULL) | 0x4000ULL;
  const std::uint64_t lo = (random.next() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  std::string text(36, '-');
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (pos == 8 || pos == 13 || pos == 18 || pos == 23) {
      ++pos;
    }
    const std::uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    text[static_cast<std::size_t>(pos++)] = hex[(word >> shift) & 0xf];
  }
  return text;
}

/// How hard night i is, 1 = the baseline week, about 0.1 once trained.
double difficulty(int i, int total, Random& random)
{
  if (i < 7) {
    return 1.0;
  }
  double d = 0.1 + 0.8 * std::exp(-(i - 7) / 9.0);
  // A teething week: the fourth week of every twenty, once training has started.
  const int week = i / 7;
  if (week % 20 == 3) {
    d += 0.45;
  }
  // A bad night after travel: ten nights before the end, and now and then in long runs.
  if (i == total - 10 || (i > 30 && i % 61 == 0)) {
    d = std::max(d, 0.9);
  }
  return std::clamp(d + random.normal(0.05), 0.05, 1.2);
}

/// Builds one night's events in start order.
class NightBuilder
{
public:
  NightBuilder(const DemoOptions& options, const time::Zone& zone, Random& random, time::Date date)
    : m_options(options), m_zone(zone), m_random(random), m_date(date)
  {}

  /// The instant of a wall-clock time `minutes` after midnight of the night's date
  /// (may pass 1440 into the next day); a DST gap moves it an hour on.
  time::Instant at(double minutes) const
  {
    const auto whole = static_cast<std::int64_t>(std::lround(minutes));
    time::CivilTime civil{time::add_days(m_date, whole / 1440),
                          static_cast<int>((whole % 1440) / 60), static_cast<int>(whole % 60), 0};
    auto found = m_zone.resolve(civil);
    if (found.empty()) {
      civil.hour += 1;
      found = m_zone.resolve(civil);
    }
    return found.empty() ? time::civil_to_seconds(civil) : found.front();
  }

  void add(Kind kind, time::Instant start, std::optional<time::Instant> end, const std::string& by,
           std::string note = {})
  {
    Event e;
    e.uuid = uuid_from(m_random);
    e.child_id = m_options.child_id;
    e.kind = kind;
    e.start = start;
    e.end = end;
    e.offset_s = m_zone.offset_at(start);
    e.by = by;
    e.note = std::move(note);
    m_events.push_back(std::move(e));
  }

  /// Crying with check-ins during an awake spell [from, to).
  void protest(time::Instant from, time::Instant to, double d, const std::string& by)
  {
    if (to - from < 240 || !m_random.chance(0.25 + 0.7 * d)) {
      return;
    }
    const auto cry_start = from + 60;
    const auto cry_end =
      std::min(to - 60, cry_start + static_cast<time::Instant>((0.3 + 0.6 * d) *
                                                               static_cast<double>(to - from)));
    if (cry_end <= cry_start) {
      return;
    }
    add(Kind::cry, cry_start, cry_end, by);
    if (m_plan_night > 0) {
      follow_plan(from, cry_end, by);
      return;
    }
    const int checks =
      std::min(m_random.count(2.5 * d), static_cast<int>((cry_end - cry_start) / 300));
    for (int k = 0; k < checks; ++k) {
      const auto when = cry_start + (cry_end - cry_start) * (k + 1) / (checks + 1);
      add(Kind::checkin, when, when + 60 + static_cast<time::Instant>(m_random.uniform() * 120),
          by);
    }
  }

  /// Check-ins as Ferber's waits say, from the put-down or waking `from`, a little early
  /// or late now and then, while the crying lasts.
  void follow_plan(time::Instant from, time::Instant cry_end, const std::string& by)
  {
    Plan plan;
    plan.method = Method::ferber;
    time::Instant anchor = from;
    for (int k = 1; k <= 6; ++k) {
      const auto wait = static_cast<time::Instant>(wait_before(plan, m_plan_night, k)) * 60;
      const auto jitter = static_cast<time::Instant>(m_random.normal(50.0));
      const auto start = anchor + wait + jitter;
      if (start >= cry_end - 60) {
        return;
      }
      const auto end = start + 45 + static_cast<time::Instant>(m_random.uniform() * 90);
      add(Kind::checkin, start, end, by);
      anchor = end;
    }
  }

  /// This night's Ferber night (0 before the plan).
  void set_plan_night(int night) { m_plan_night = night; }

  std::vector<Event> build(double d, int index)
  {
    static const std::string carers[] = {"Sam", "Alex"};
    const std::string by = carers[m_random.next() % 2];
    // Naps of the day.
    const double nap1 = 9 * 60 + 30 + m_random.normal(15);
    add(Kind::nap, at(nap1), at(nap1 + 45 + m_random.uniform() * 45), carers[0]);
    const double nap2 = 13 * 60 + m_random.normal(20);
    add(Kind::nap, at(nap2), at(nap2 + 60 + m_random.uniform() * 60), carers[1]);
    // The night.
    const double bed = 19 * 60 + m_random.normal(8 + 35 * d) + 15 * d;
    const double settle = std::max(3.0, 6 + 38 * d + m_random.normal(4 + 6 * d));
    const time::Instant bed_at = at(bed);
    std::string note;
    if (index == m_options.sick_night) {
      note = "temp 38.4, calpol at 18:30";
    } else if (index == m_options.nights - 10) {
      note = "home late after travel";
    } else if (d > 0.5 && index >= 7 && m_random.chance(0.3)) {
      note = "teething, gave a cold teether";
    }
    add(Kind::bed, bed_at, std::nullopt, by, note);
    time::Instant asleep_at = at(bed + settle);
    protest(bed_at, asleep_at, d, by);
    add(Kind::asleep, asleep_at, std::nullopt, by);
    const double wake_final = 24 * 60 + 6 * 60 + 20 + m_random.normal(20);
    const int wakings = std::min(m_random.count(0.3 + 3.2 * d), 6);
    const double span = wake_final - (bed + settle);
    for (int w = 0; w < wakings; ++w) {
      const double woke =
        bed + settle + span * (w + 0.6 + 0.3 * m_random.uniform()) / (wakings + 1);
      const double awake = std::max(2.0, 4 + 30 * d + m_random.normal(3 + 8 * d));
      const time::Instant woke_at = at(woke);
      const time::Instant back_at = at(woke + awake);
      add(Kind::woke, woke_at, std::nullopt, by);
      if (d > 0.4 && w == 0 && m_random.chance(0.5) && back_at - woke_at >= 300) {
        add(Kind::feed, woke_at + 120, std::min(back_at - 60, woke_at + 720), by);
      } else {
        protest(woke_at, back_at, d, by);
      }
      add(Kind::asleep, back_at, std::nullopt, by);
    }
    add(Kind::woke, at(wake_final), std::nullopt, by);
    add(Kind::up, at(wake_final + 5 + m_random.uniform() * 15), std::nullopt, by);
    std::stable_sort(m_events.begin(), m_events.end(),
                     [](const Event& a, const Event& b) { return a.start < b.start; });
    return std::move(m_events);
  }

private:
  const DemoOptions& m_options;
  const time::Zone& m_zone;
  Random& m_random;
  time::Date m_date;
  std::vector<Event> m_events;
  int m_plan_night = 0;
};

} // namespace

void generate_demo(const DemoOptions& options, const time::Zone& zone,
                   const std::function<void(Event&)>& emit)
{
  Random random(options.seed * 0x2545f4914f6cdd1dULL + 7);
  const auto first = time::add_days(options.last_night, -(options.nights - 1));
  for (int i = 0; i < options.nights; ++i) {
    double d = difficulty(i, options.nights, random);
    if (i == options.sick_night) {
      d = std::max(d, 1.0);
    }
    NightBuilder builder(options, zone, random, time::add_days(first, i));
    // Ferber from night 8; the sick night pauses the plan.
    if (options.plan_from >= 0 && i >= options.plan_from && i != options.sick_night) {
      const bool after_sick = options.sick_night >= options.plan_from && i > options.sick_night;
      builder.set_plan_night(i - options.plan_from + 1 - (after_sick ? 1 : 0));
    }
    for (auto& e : builder.build(d, i)) {
      emit(e);
    }
  }
}

} // namespace sleeplog::model
