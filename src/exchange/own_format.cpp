#include <sleeplog/exchange/json_reader.hpp>
#include <sleeplog/exchange/own_format.hpp>
#include <sleeplog/report/events.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/shown.hpp>

#include <array>
#include <charconv>
#include <cstring>

namespace sleeplog::exchange {

namespace {

// A 64-bit hash of a uuid, eight bytes a step (a file of a long history hashes a
// million of them); 0 is never returned.
std::uint64_t uuid_hash(std::string_view text)
{
  constexpr std::uint64_t mul = 0xbf58476d1ce4e5b9ull;
  std::uint64_t hash = 0x9e3779b97f4a7c15ull ^ text.size();
  const auto mix = [&hash](std::uint64_t word) {
    hash = (hash ^ word) * mul;
    hash ^= hash >> 31;
  };
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + at, sizeof word);
    mix(word);
  }
  if (at < text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + at, text.size() - at);
    mix(word);
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  return hash == 0 ? 1 : hash; // 0 marks an empty slot
}

bool read_int(std::string_view text, std::int64_t& value)
{
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string quoted(std::string_view text)
{
  return "'" + shown_value(text) + "'";
}

// Checks the columns that are only validated (id, night, duration_s); "" when fine.
std::string check_numbers(const EventFields& f, std::int64_t& id)
{
  id = 0;
  if (!f.id.empty() && (!read_int(f.id, id) || id <= 0)) {
    return "bad id " + quoted(f.id) + " (a positive whole number, or empty)";
  }
  if (id > largest_id) {
    return "id " + std::string(f.id) + " is above 2^53 - 2^32 (" + std::to_string(largest_id) +
           "): the ids after it would not export exactly";
  }
  if (!f.night.empty() && !time::parse_iso_date(f.night)) {
    return "bad night " + quoted(f.night) + " (expected YYYY-MM-DD)";
  }
  std::int64_t seconds = 0;
  if (!f.duration_s.empty() && (!read_int(f.duration_s, seconds) || seconds < 0)) {
    return "bad duration_s " + quoted(f.duration_s) + " (whole seconds, or empty)";
  }
  return {};
}

// The text of a CSV cell without its formula guard, without copying in the usual case.
std::string_view unguarded(std::string_view cell, std::string& scratch)
{
  if (cell.empty() || cell.front() != '\'') {
    return cell;
  }
  scratch = report::unguard_formula(cell);
  return scratch;
}

// Hands a checked row to the sink, or records its problem; counts the row either way.
void deliver(const EventFields& fields, std::size_t line, UuidSeen& seen, ImportedEvent& event,
             Problems& problems, ReadResult& result, const EventSink& sink,
             std::optional<time::Instant> now)
{
  ++result.rows;
  // Its slot in `seen` is fetched while the row is checked.
  const std::uint64_t hash = fields.uuid.empty() ? 0 : seen.fetch(fields.uuid);
  std::string problem = event_from_fields(fields, event, now);
  if (problem.empty() && !fields.uuid.empty() && !seen.insert_hash(hash)) {
    problem = "duplicate uuid " + quoted(fields.uuid) + " (it is on an earlier line too)";
  }
  if (!problem.empty()) {
    problems.add(line, problem);
    return;
  }
  event.line = line;
  if (problems.empty()) {
    sink(event);
  }
}

enum Column : std::size_t {
  c_id,
  c_uuid,
  c_child,
  c_night,
  c_kind,
  c_start,
  c_end,
  c_duration,
  c_by,
  c_note,
  c_count
};

} // namespace

std::string event_from_fields(const EventFields& f, ImportedEvent& out,
                              std::optional<time::Instant> now)
{
  model::Event& e = out.event;
  if (std::string problem = check_numbers(f, e.id); !problem.empty()) {
    return problem;
  }
  const auto kind = model::parse_kind(f.kind);
  if (!kind) {
    return f.kind.empty() ? "no kind"
                          : "unknown kind " + quoted(f.kind) +
                              " (bed, asleep, woke, up, cry, checkin, feed, nap or note)";
  }
  e.kind = *kind;
  const auto start = time::parse_iso_instant(f.start);
  if (!start) {
    return (f.start.empty() ? std::string("no start")
                            : "bad time " + quoted(f.start) + " in start") +
           " (expected ISO 8601 with offset, e.g. 2026-11-27T19:32:00-05:00)";
  }
  e.start = start->at;
  e.offset_s = start->offset_seconds;
  e.end.reset();
  if (!f.end.empty()) {
    if (!model::is_interval(e.kind)) {
      return "a " + std::string(f.kind) + " is a point in time and has no end";
    }
    const auto end = time::parse_iso_instant(f.end);
    if (!end) {
      return "bad time " + quoted(f.end) + " in end (expected ISO 8601 with offset)";
    }
    if (end->at < e.start) {
      return "end before start";
    }
    e.end = end->at;
  }
  e.uuid.assign(f.uuid);
  e.by.assign(f.by);
  e.note.assign(f.note);
  out.child.assign(f.child);
  out.source_key.clear();
  if (std::string problem = model::event_problem(e); !problem.empty()) {
    return problem;
  }
  for (const auto& [what, text] : {std::pair{"uuid", f.uuid}, std::pair{"child", f.child}}) {
    if (std::string problem = model::text_problem(what, text); !problem.empty()) {
      return problem;
    }
  }
  if (now && (e.start > *now || (e.end && *e.end > *now))) {
    return "in the future (" + std::string(e.end && *e.end > *now ? f.end : f.start) + ")";
  }
  return {};
}

namespace {

// How far `slot` is from the home slot of `hash` in a table of mask + 1 slots.
std::size_t home_distance(std::uint64_t hash, std::size_t slot, std::size_t mask)
{
  return (slot - static_cast<std::size_t>(hash)) & mask;
}

} // namespace

// Robin Hood open addressing: along a probe, a hash that is further from its home slot
// takes the place of one nearer to its own. Probes stay short at nine tenths full, so
// the table of a 100,000-night file (814,576 uuids) is 8 MiB, not 16.
std::uint64_t UuidSeen::fetch(std::string_view uuid) const
{
  const std::uint64_t hash = uuid_hash(uuid);
  if (!m_slots.empty()) {
    __builtin_prefetch(&m_slots[static_cast<std::size_t>(hash) & (m_slots.size() - 1)]);
  }
  return hash;
}

bool UuidSeen::insert_hash(std::uint64_t hash)
{
  if ((m_size + 1) * 10 > m_slots.size() * 9) {
    grow();
  }
  const std::size_t mask = m_slots.size() - 1;
  // It is here only between its home and the first slot whose hash is nearer to its own.
  std::size_t i = static_cast<std::size_t>(hash) & mask;
  for (std::size_t d = 0; m_slots[i] != 0 && home_distance(m_slots[i], i, mask) >= d;
       i = (i + 1) & mask, ++d) {
    if (m_slots[i] == hash) {
      return false;
    }
  }
  place(hash);
  ++m_size;
  return true;
}

void UuidSeen::reserve(std::size_t expected)
{
  // Capped: an estimate from a file of long notes must not claim memory for nothing.
  constexpr std::size_t most = std::size_t{1} << 20;
  std::size_t slots = 1024;
  while (slots < most && slots * 9 < expected * 10) {
    slots *= 2;
  }
  if (slots > m_slots.size() && m_size == 0) {
    m_slots.assign(slots, 0);
  }
}

void UuidSeen::place(std::uint64_t hash)
{
  const std::size_t mask = m_slots.size() - 1;
  std::size_t d = 0;
  for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask, ++d) {
    if (m_slots[i] == 0) {
      m_slots[i] = hash;
      return;
    }
    const std::size_t theirs = home_distance(m_slots[i], i, mask);
    if (theirs < d) {
      std::swap(hash, m_slots[i]);
      d = theirs;
    }
  }
}

void UuidSeen::grow()
{
  const auto old = std::move(m_slots);
  m_slots.assign(old.empty() ? 1024 : old.size() * 2, 0);
  for (const std::uint64_t hash : old) {
    if (hash != 0) {
      place(hash);
    }
  }
}

void read_own_csv(report::CsvReader& reader, std::istream& in,
                  const std::vector<std::string>& header, Problems& problems, ReadResult& result,
                  const EventSink& sink, std::optional<time::Instant> now)
{
  // Where each known column is in this file (columns may come in any order).
  std::array<std::size_t, c_count> where{};
  where.fill(header.size());
  const auto& names = report::event_columns();
  for (std::size_t i = 0; i < header.size(); ++i) {
    for (std::size_t c = 0; c < c_count; ++c) {
      if (header[i] == names[c]) {
        where[c] = i;
      }
    }
  }
  UuidSeen seen;
  // A file's rows are at least some 90 bytes: its size tells how many uuids to expect,
  // so the table is made once instead of growing (and moving every entry) twenty times.
  std::streambuf& buffer = *in.rdbuf();
  const auto here = buffer.pubseekoff(0, std::ios::cur, std::ios::in);
  if (here != std::streampos(-1)) {
    const auto end = buffer.pubseekoff(0, std::ios::end, std::ios::in);
    buffer.pubseekpos(here, std::ios::in);
    if (end != std::streampos(-1) && end > here) {
      seen.reserve(static_cast<std::size_t>(end - here) / 100);
    }
  }
  ImportedEvent event;
  std::string uuid_scratch, child_scratch, by_scratch, note_scratch;
  static const std::string none;
  report::CsvRecord row; // one for all rows: its cells keep their storage
  for (;;) {
    const auto more = reader.next(row);
    if (!more) {
      problems.add(reader.line(), more.error().message);
      return;
    }
    if (!*more) {
      return;
    }
    if (row.cells.size() == 1 && row.cells[0].empty()) {
      continue; // a blank line
    }
    if (row.cells.size() != header.size()) {
      const bool last = in.rdbuf()->sgetc() == std::char_traits<char>::eof();
      ++result.rows;
      problems.add(row.line, column_count_problem(row.cells.size(), header.size(), last));
      continue;
    }
    const auto cell = [&](Column c) -> const std::string& {
      return where[c] < row.cells.size() ? row.cells[where[c]] : none;
    };
    EventFields fields{cell(c_id),
                       unguarded(cell(c_uuid), uuid_scratch),
                       unguarded(cell(c_child), child_scratch),
                       cell(c_night),
                       cell(c_kind),
                       cell(c_start),
                       cell(c_end),
                       cell(c_duration),
                       unguarded(cell(c_by), by_scratch),
                       unguarded(cell(c_note), note_scratch)};
    deliver(fields, row.line, seen, event, problems, result, sink, now);
  }
}

void read_own_json(std::istream& in, std::size_t first_line, Problems& problems, ReadResult& result,
                   const EventSink& sink, std::optional<time::Instant> now)
{
  JsonReader reader(in, first_line);
  JsonRecord record;
  UuidSeen seen;
  ImportedEvent event;
  const auto& names = report::event_columns();
  for (;;) {
    auto more = reader.next(record);
    if (!more) {
      ++result.rows;
      problems.add(reader.line(), more.error().message);
      continue; // JSON Lines carries on with the next line; an array ends
    }
    if (!*more) {
      break;
    }
    std::array<std::string_view, c_count> values{};
    for (const auto& [key, value] : record.fields) {
      for (std::size_t c = 0; c < c_count; ++c) {
        if (key == names[c] && value) {
          values[c] = *value;
        }
      }
    }
    EventFields fields{values[c_id],   values[c_uuid],  values[c_child], values[c_night],
                       values[c_kind], values[c_start], values[c_end],   values[c_duration],
                       values[c_by],   values[c_note]};
    deliver(fields, record.line, seen, event, problems, result, sink, now);
  }
  result.format = reader.is_array() ? "json" : "jsonl";
}

} // namespace sleeplog::exchange
