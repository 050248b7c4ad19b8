#include <sleeplog/exchange/sleep_periods.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace sleeplog::exchange {

namespace {

// A nap-looking period that starts this soon after a night period ends is that night going on.
constexpr time::Instant continuation_s = 30 * 60;

// Rows of one child that overlap or touch, merged into one period of sleep.
struct Merged
{
  time::Instant start = 0;
  time::Instant end = 0;
  const SleepPeriod* first = nullptr;  // the row that starts it
  const SleepPeriod* ending = nullptr; // the row whose end is its end
  std::vector<const SleepPeriod*> rows;
  std::size_t inside = 0; // of its rows, those wholly inside another
  bool nap = false;
  bool said_by_source = false; // the app said nap or night
};

std::vector<Merged> merge_rows(const std::vector<const SleepPeriod*>& rows, ReadResult& result)
{
  std::vector<Merged> merged;
  for (const SleepPeriod* row : rows) {
    if (!merged.empty() && row->start <= merged.back().end) {
      Merged& m = merged.back();
      if (row->end <= m.end) {
        ++result.inside; // adds no minute of sleep
        ++m.inside;
      } else {
        m.end = row->end;
        m.ending = row;
      }
      m.rows.push_back(row);
      continue;
    }
    merged.push_back({row->start, row->end, row, row, {row}, 0, false, false});
  }
  return merged;
}

// Nap or night: a row that says night makes the whole period night, rows that all say
// nap make a nap; otherwise the hour rule, and a period starting less than 30 min after a
// night period continues it whatever its hour.
void classify(std::vector<Merged>& periods)
{
  std::optional<time::Instant> night_end;
  for (Merged& m : periods) {
    const bool any_night = std::any_of(m.rows.begin(), m.rows.end(),
                                       [](const SleepPeriod* r) { return r->nap == false; });
    const bool all_nap = std::all_of(m.rows.begin(), m.rows.end(),
                                     [](const SleepPeriod* r) { return r->nap == true; });
    m.said_by_source = any_night || all_nap;
    if (m.said_by_source) {
      m.nap = !any_night;
    } else {
      SleepPeriod whole = *m.first;
      whole.end = m.end;
      m.nap = looks_like_nap(whole) && !(night_end && m.start - *night_end < continuation_s);
    }
    if (!m.nap) {
      night_end = m.end;
    }
  }
}

// The content key of a night or nap: the source and a hash of the child and every row
// in it, so a night that gained a row is a different night to re-import.
std::string group_key(Source source, const std::vector<const Merged*>& group)
{
  std::uint64_t hash = 14695981039346656037ull;
  const auto mix = [&hash](std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      hash = (hash ^ ((value >> (8 * i)) & 0xffu)) * 1099511628211ull;
    }
  };
  for (const char c : group.front()->first->child) {
    mix(static_cast<unsigned char>(c));
  }
  for (const Merged* m : group) {
    for (const SleepPeriod* row : m->rows) {
      mix(row->row_hash);
    }
  }
  return fmt::format("{}:{:016x}", source_name(source), hash);
}

// Builds the events of one night or nap (periods less than 3 h apart).
class GroupEvents
{
public:
  GroupEvents(Source source, const std::vector<const Merged*>& group,
              std::vector<ImportedEvent>& out)
    : m_key(group_key(source, group)),
      m_start(
        std::min(group.front()->start, group.front()->first->bed.value_or(group.front()->start))),
      m_end(group.back()->end), m_rows(group.size()), m_out(out)
  {
    for (const Merged* m : group) {
      m_merged += m->rows.size() - 1 - m->inside;
    }
  }

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
    e.source_key = fmt::format("{}:{}:{}", m_key, m_count++, model::kind_name(kind));
    e.group_key = m_key;
    e.group_start = m_start;
    e.group_end = m_end;
    e.line = row.line;
    e.group_rows = m_rows;
    e.group_merged = m_merged;
    m_out.push_back(std::move(e));
  }

private:
  std::string m_key;
  time::Instant m_start;
  time::Instant m_end;
  std::size_t m_rows;
  std::size_t m_merged = 0;
  std::vector<ImportedEvent>& m_out;
  int m_count = 0;
};

void emit_night(Source source, const std::vector<const Merged*>& group,
                std::vector<ImportedEvent>& out)
{
  using model::Kind;
  GroupEvents events(source, group, out);
  const Merged* before = nullptr;
  for (const Merged* m : group) {
    if (before != nullptr) {
      events.emit(*before->ending, Kind::woke, before->end, before->ending->end_offset_s);
    }
    const auto& bed = m->first->bed;
    if (bed && *bed <= m->start && (before == nullptr || *bed >= before->end)) {
      events.emit(*m->first, Kind::bed, *bed, m->first->bed_offset_s);
    }
    events.emit(*m->first, Kind::asleep, m->start, m->first->start_offset_s);
    before = m;
  }
  events.emit(*before->ending, Kind::up, before->end, before->ending->end_offset_s);
}

void emit_child(Source source, const std::vector<const SleepPeriod*>& rows, ReadResult& result,
                std::vector<ImportedEvent>& out)
{
  std::vector<Merged> periods = merge_rows(rows, result);
  classify(periods);
  std::vector<const Merged*> night;
  for (const Merged& m : periods) {
    if (m.nap) {
      GroupEvents(source, {&m}, out)
        .emit(*m.first, model::Kind::nap, m.start, m.first->start_offset_s, m.end);
      continue;
    }
    if (!night.empty() && m.start - night.back()->end >= same_night_gap_s) {
      emit_night(source, night, out);
      night.clear();
    }
    night.push_back(&m);
  }
  if (!night.empty()) {
    emit_night(source, night, out);
  }
}

} // namespace

bool looks_like_nap(const SleepPeriod& period)
{
  const int hour = time::local_civil(period.start, period.start_offset_s).hour;
  return hour >= 6 && hour < 18 && period.end - period.start < 4 * 3600;
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
      ++result.inside; // a repeat lies inside the row it repeats
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const SleepPeriod& a, const SleepPeriod& b) {
    return std::tie(a.child, a.start, a.end) < std::tie(b.child, b.start, b.end);
  });
  std::vector<ImportedEvent> out;
  for (std::size_t first = 0; first < rows.size();) {
    std::size_t last = first;
    std::vector<const SleepPeriod*> child_rows;
    for (; last < rows.size() && rows[last].child == rows[first].child; ++last) {
      child_rows.push_back(&rows[last]);
    }
    emit_child(source, child_rows, result, out);
    first = last;
  }
  std::stable_sort(out.begin(), out.end(), [](const ImportedEvent& a, const ImportedEvent& b) {
    return a.event.start < b.event.start;
  });
  return out;
}

} // namespace sleeplog::exchange
