#include <sleeplog/exchange/sleep_periods.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace sleeplog::exchange {

namespace {

// Builds the events of one child's periods, remembering which rows produced any.
class Assembly
{
public:
  Assembly(Source source, std::vector<ImportedEvent>& out) : m_source(source), m_out(out) {}

  void emit(const SleepPeriod& row, model::Kind kind, time::Instant at, int offset_s,
            std::optional<time::Instant> end = std::nullopt)
  {
    ImportedEvent e;
    e.event.kind = kind;
    e.event.start = at;
    e.event.end = end;
    e.event.offset_s = offset_s;
    e.event.by = row.by;
    if (kind == model::Kind::asleep || kind == model::Kind::nap) {
      e.event.note = row.note;
    }
    e.child = row.child;
    e.source_key = content_key(m_source, row.row_hash, kind);
    e.line = row.line;
    m_out.push_back(std::move(e));
    m_produced.insert(&row);
  }

  void nights(const std::vector<const SleepPeriod*>& periods);
  void naps(const std::vector<const SleepPeriod*>& periods);
  bool produced(const SleepPeriod& row) const { return m_produced.contains(&row); }

private:
  Source m_source;
  std::vector<ImportedEvent>& m_out;
  std::unordered_set<const SleepPeriod*> m_produced;
};

void Assembly::nights(const std::vector<const SleepPeriod*>& periods)
{
  using model::Kind;
  const SleepPeriod* open = nullptr; // the period whose end is the night's latest so far
  for (const SleepPeriod* p : periods) {
    if (open != nullptr && p->start - open->end < same_night_gap_s) {
      if (p->start <= open->end) { // overlapping or touching: one stretch of sleep
        if (p->end > open->end) {
          open = p;
        }
        continue;
      }
      emit(*open, Kind::woke, open->end, open->end_offset_s);
      emit(*p, Kind::asleep, p->start, p->start_offset_s);
      open = p;
      continue;
    }
    if (open != nullptr) {
      emit(*open, Kind::up, open->end, open->end_offset_s);
    }
    emit(*p, Kind::asleep, p->start, p->start_offset_s);
    open = p;
  }
  if (open != nullptr) {
    emit(*open, Kind::up, open->end, open->end_offset_s);
  }
}

void Assembly::naps(const std::vector<const SleepPeriod*>& periods)
{
  const SleepPeriod* nap = nullptr;
  time::Instant nap_end = 0;
  for (const SleepPeriod* p : periods) {
    if (nap != nullptr && p->start < nap_end) { // overlaps the nap before: one nap
      nap_end = std::max(nap_end, p->end);
      continue;
    }
    if (nap != nullptr) {
      emit(*nap, model::Kind::nap, nap->start, nap->start_offset_s, nap_end);
    }
    nap = p;
    nap_end = p->end;
  }
  if (nap != nullptr) {
    emit(*nap, model::Kind::nap, nap->start, nap->start_offset_s, nap_end);
  }
}

} // namespace

bool looks_like_nap(const SleepPeriod& period)
{
  const int hour = time::local_civil(period.start, period.start_offset_s).hour;
  return hour >= 6 && hour < 18 && period.end - period.start < 4 * 3600;
}

std::string content_key(Source source, std::uint64_t row_hash, model::Kind kind)
{
  return fmt::format("{}:{:016x}:{}", source_name(source), row_hash, model::kind_name(kind));
}

std::vector<ImportedEvent> assemble_periods(std::vector<SleepPeriod> periods, Source source,
                                            ReadResult& result)
{
  std::unordered_set<std::uint64_t> seen;
  std::vector<SleepPeriod> rows;
  rows.reserve(periods.size());
  for (auto& p : periods) {
    if (seen.insert(p.row_hash).second) {
      rows.push_back(std::move(p));
    } else {
      ++result.duplicate;
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const SleepPeriod& a, const SleepPeriod& b) {
    return std::tie(a.child, a.start, a.end) < std::tie(b.child, b.start, b.end);
  });
  std::vector<ImportedEvent> out;
  Assembly assembly(source, out);
  for (std::size_t first = 0; first < rows.size();) {
    std::size_t last = first;
    std::vector<const SleepPeriod*> nights, naps;
    for (; last < rows.size() && rows[last].child == rows[first].child; ++last) {
      (rows[last].nap.value_or(looks_like_nap(rows[last])) ? naps : nights).push_back(&rows[last]);
    }
    assembly.nights(nights);
    assembly.naps(naps);
    first = last;
  }
  for (const auto& row : rows) {
    if (!assembly.produced(row)) {
      ++result.overlapping;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ImportedEvent& a, const ImportedEvent& b) {
    return a.event.start < b.event.start;
  });
  return out;
}

} // namespace sleeplog::exchange
