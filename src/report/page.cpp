// Building the report page's data: the noon-to-noon sheet, weeks and caregivers.
#include <sleeplog/report/nights.hpp>
#include <sleeplog/report/page.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::report {

namespace {

constexpr std::int64_t day_s = 86400;
constexpr std::int64_t noon_s = 43200;

std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

std::vector<WakingLine> night_wakings(const model::Night& night, const model::NightMetrics& m)
{
  std::vector<WakingLine> lines;
  for (std::size_t i = 0; i + 1 < m.stretches.size(); ++i) {
    const time::Instant from = m.stretches[i].end;
    const time::Instant to = m.stretches[i + 1].start;
    const model::Event* woke = nullptr;
    const model::Event* response = nullptr;
    for (const auto& e : night.events) {
      if (e.start == from && (e.kind == model::Kind::woke || e.kind == model::Kind::up)) {
        woke = &e;
      }
      if (response == nullptr && e.start >= from && e.start < to &&
          (e.kind == model::Kind::checkin || e.kind == model::Kind::feed)) {
        response = &e;
      }
    }
    WakingLine line;
    line.at = time::format_clock(
      from, woke != nullptr ? woke->offset_s
                            : (night.events.empty() ? 0 : night.events.front().offset_s));
    line.minutes = static_cast<double>(to - from) / 60.0;
    if (response != nullptr) {
      line.how = response->kind == model::Kind::checkin ? "check-in" : "feed";
      line.by = response->by;
    } else {
      line.how = "self-settled";
      line.by = woke != nullptr ? woke->by : "";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

NightLine night_line(const model::Night& night, const model::NightMetrics& m,
                     const model::PlanNight* plan)
{
  NightLine line;
  line.date = night.date;
  line.tags = night.tags;
  for (const auto& note : night.tag_notes) {
    // "sick: temp 38.4" replaces its bare word.
    const auto word = note.substr(0, note.find(": "));
    std::replace(line.tags.begin(), line.tags.end(), word, note);
  }
  const auto clock = [](const std::optional<model::LocalInstant>& at) {
    return at ? time::format_clock(at->at, at->offset_s) : std::string();
  };
  line.put_down = clock(m.bedtime);
  line.asleep = clock(m.asleep);
  line.sol_min = m.sol_min;
  line.wakings = night_wakings(night, m);
  line.up = clock(m.up);
  line.naps = m.naps;
  line.nap_min = m.nap_min;
  line.sleep_24h_min = m.sleep_24h_min;
  if (plan != nullptr) {
    line.plan_night = plan->night;
    line.adherence_pct = plan->adherence_pct;
  }
  if (m.concern.value_or(false)) {
    line.tough = model::concern_text(m);
  }
  return line;
}

std::optional<double> median_response(const Caregiver& who)
{
  if (who.responses.empty()) {
    return std::nullopt;
  }
  std::vector<double> sorted = who.responses;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t mid = sorted.size() / 2;
  return sorted.size() % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
}

std::optional<int> age_months(time::Date born, time::Date today)
{
  if (born > today) {
    return std::nullopt;
  }
  int months = (today.year - born.year) * 12 + (today.month - born.month);
  if (today.day < born.day) {
    --months;
  }
  return std::max(months, 0);
}

std::string age_text(int months)
{
  const int years = months / 12;
  const int rest = months % 12;
  const auto part = [](int n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  if (years == 0) {
    return part(rest, "month", "months");
  }
  if (rest == 0) {
    return part(years, "year", "years");
  }
  return part(years, "year", "years") + " " + part(rest, "month", "months");
}

std::optional<std::pair<int, int>> aasm_range(int months)
{
  if (months >= 4 && months < 12) {
    return std::pair{12, 16};
  }
  if (months >= 12 && months < 36) {
    return std::pair{11, 14};
  }
  if (months >= 36 && months < 72) {
    return std::pair{10, 13};
  }
  return std::nullopt;
}

PageBuilder::PageBuilder(time::Date first, time::Date last, bool sunday_weeks,
                         std::optional<double> target_bedtime, RowSink sink)
  : m_first(first), m_count(std::max<std::int64_t>(
                      time::days_from_date(last) - time::days_from_date(first) + 1, 0)),
    m_sunday(sunday_weeks), m_target(target_bedtime), m_sink(std::move(sink))
{
  if (!m_sink) {
    m_sink = [this](SheetRow&& row) { m_kept.push_back(std::move(row)); };
  }
  // Every week of the period at once: grown by doubling, a long history's weeks were
  // copied again and again into fresh memory.
  m_weeks.reserve(static_cast<std::size_t>(m_count / 7 + 2));
}

SheetRow* PageBuilder::row_at(std::int64_t index)
{
  if (index < m_open_first || index >= m_count) {
    return nullptr;
  }
  while (m_open_first + static_cast<std::int64_t>(m_open.size()) <= index) {
    SheetRow row;
    row.date = time::add_days(m_first, m_open_first + static_cast<std::int64_t>(m_open.size()));
    m_open.push_back(std::move(row));
  }
  return &m_open[static_cast<std::size_t>(index - m_open_first)];
}

void PageBuilder::flush_before(std::int64_t index)
{
  index = std::min(index, m_count);
  while (m_open_first < index) {
    if (m_open.empty()) {
      row_at(m_open_first);
    }
    SheetRow row = std::move(m_open.front());
    m_open.pop_front();
    ++m_open_first;
    // Marks draw in kind order, so that check-ins sit on top of sleep.
    std::stable_sort(row.marks.begin(), row.marks.end(),
                     [](const SheetMark& a, const SheetMark& b) { return a.kind < b.kind; });
    m_sink(std::move(row));
  }
}

void PageBuilder::mark(Mark kind, std::int64_t local_from, std::int64_t local_to)
{
  // Rows are noon to noon of wall-clock time, so both ends are local seconds (each at
  // its own offset: a night across a DST change ends where the clock on the wall says).
  std::int64_t at = local_from;
  while (at < local_to) {
    const std::int64_t row_day = floor_div(at - noon_s, day_s);
    const std::int64_t row_start = row_day * day_s + noon_s;
    const std::int64_t stop = std::min(local_to, row_start + day_s);
    if (SheetRow* row = row_at(row_day - time::days_from_date(m_first))) {
      const auto begin_min = static_cast<int>((at - row_start) / 60);
      const auto end_min = static_cast<int>((stop - row_start + 59) / 60);
      row->marks.push_back({kind, begin_min, std::max(end_min, begin_min + 1)});
    }
    at = stop;
  }
}

void PageBuilder::add(const model::Night& night, const model::NightMetrics& m,
                      const model::PlanNight* plan)
{
  const auto index = time::days_from_date(night.date) - time::days_from_date(m_first);
  // The night after the period still draws its morning naps in the period's last row;
  // nights further out draw nothing.
  if (index < -1 || index > m_count) {
    return;
  }
  const bool in_period = index >= 0 && index < m_count;
  if (in_period && m_lines_wanted) {
    for (auto& note : night_notes(night)) {
      m_notes.emplace_back(night.date, std::move(note));
    }
    if (!night.events.empty()) {
      m_lines.push_back(night_line(night, m, plan));
    }
  }
  if (!m_draw) {
    count(night, m, in_period, plan);
    return;
  }
  // Night N marks only rows N-1 (its morning naps) and on: the rows before are done.
  flush_before(index - 1);
  if (in_period) {
    SheetRow& row = *row_at(index);
    row.tags = night.tags;
    row.tst_min = m.tst_min;
    row.sleep_24h_min = m.sleep_24h_min;
    row.tough = m.concern.value_or(false);
  }

  // Sleep stretches carry no offset: the event at or before each end gives it.
  const auto offset_at = [&](time::Instant at) {
    int offset = night.events.empty() ? 0 : night.events.front().offset_s;
    for (const auto& e : night.events) {
      if (e.start > at) {
        break;
      }
      offset = e.offset_s;
    }
    return offset;
  };
  if (m.bedtime && m.up) {
    mark(Mark::in_bed, m.bedtime->at + m.bedtime->offset_s, m.up->at + m.up->offset_s);
  }
  for (const auto& nap : night.naps) {
    if (nap.end) {
      // A nap's end is at most a few hours on: its start's offset holds but across DST.
      mark(Mark::nap, nap.start + nap.offset_s, *nap.end + nap.offset_s);
    }
  }
  for (const auto& stretch : m.stretches) {
    mark(Mark::asleep, stretch.start + offset_at(stretch.start),
         stretch.end + offset_at(stretch.end));
  }
  for (const auto& e : night.events) {
    const auto local_start = e.start + e.offset_s;
    const auto local_end = e.end ? *e.end + offset_at(*e.end) : local_start + 60;
    if (e.kind == model::Kind::cry) {
      mark(Mark::crying, local_start, local_end);
    } else if (e.kind == model::Kind::feed) {
      mark(Mark::feed, local_start, local_end);
    } else if (e.kind == model::Kind::checkin) {
      mark(Mark::checkin, local_start, local_end);
    }
  }

  count(night, m, in_period, plan);
}

void PageBuilder::count(const model::Night& night, const model::NightMetrics& m, bool in_period,
                        const model::PlanNight* plan)
{
  if (!in_period) {
    return;
  }
  const auto who = [this](const std::string& name) -> Caregiver& {
    Caregiver& c = m_caregivers[name];
    c.name = name;
    return c;
  };
  // Real wakings only: the gaps inside the main sleep, not the morning's last waking.
  for (const auto& waking : night_wakings(night, m)) {
    ++who(waking.by).wakings;
  }
  for (const auto& e : night.events) {
    if (e.kind == model::Kind::checkin) {
      Caregiver& c = who(e.by);
      ++c.checkins;
      c.checkin_min += static_cast<double>(duration_seconds(e).value_or(0)) / 60.0;
    } else if (e.kind == model::Kind::feed) {
      ++who(e.by).feeds;
    } else if (e.kind == model::Kind::cry && e.end) {
      // The response to a crying episode: the first check-in or feed starting in it.
      for (const auto& r : night.events) {
        if ((r.kind == model::Kind::checkin || r.kind == model::Kind::feed) && r.start >= e.start &&
            r.start < *e.end) {
          who(r.by).responses.push_back(static_cast<double>(r.start - e.start) / 60.0);
          break;
        }
      }
    }
  }
  if (plan != nullptr) {
    for (const auto& result : plan->checkins) {
      Caregiver& c = who(result.checkin.by);
      ++c.plan_checkins;
      c.on_time += result.timing == model::Timing::on_time ? 1 : 0;
    }
  }
  const int back = m_sunday ? (time::weekday(night.date) + 1) % 7 : time::weekday(night.date);
  const auto week_start = time::add_days(night.date, -back);
  if (m_weeks.empty() || m_weeks.back().start != week_start) {
    m_weeks.push_back({week_start, {}});
  }
  // The charts need only these means (no SRI, which is the costly part of a period).
  WeekNumbers& w = m_weeks.back().stats;
  if (night.events.empty()) {
    return; // naps alone are not a night yet (as in PeriodAccumulator)
  }
  WeekSums& sums = m_week_sums;
  if (sums.start != week_start) {
    sums = WeekSums{};
    sums.start = week_start;
  }
  const auto add = [](std::pair<double, int>& sum, std::optional<double> value) {
    if (value) {
      sum.first += *value;
      sum.second += 1;
    }
  };
  add(sums.sol, m.sol_min);
  add(sums.wakings, m.wakings ? std::optional<double>(*m.wakings) : std::nullopt);
  add(sums.waso, m.waso_min);
  add(sums.tst, m.tst_min);
  add(sums.cry, m.cry_min);
  const auto mean = [](const std::pair<double, int>& sum) {
    return sum.second > 0 ? std::optional<double>(sum.first / sum.second) : std::nullopt;
  };
  ++w.nights;
  w.complete_nights += m.complete ? 1 : 0;
  w.sol_min = mean(sums.sol);
  w.wakings = mean(sums.wakings);
  w.waso_min = mean(sums.waso);
  w.tst_min = mean(sums.tst);
  w.cry_min = mean(sums.cry);
}

void PageBuilder::finish(PageInput& page)
{
  flush_before(m_count);
  page.rows = std::move(m_kept);
  page.notes = std::move(m_notes);
  page.nights = std::move(m_lines);
  page.weeks = std::move(m_weeks);
  page.caregivers.clear();
  for (auto& [name, who] : m_caregivers) {
    page.caregivers.push_back(who);
  }
}

} // namespace sleeplog::report
