#include <sleeplog/time/tzif.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace sleeplog::time::tzif {

namespace {

// Stand-ins for the beginning and the end of time, far beyond any civil year and far
// enough from the int64 limits that adding a day cannot overflow.
constexpr Instant time_begins = -(Instant{1} << 60);
constexpr Instant time_ends = Instant{1} << 60;
constexpr std::size_t largest_file = 1 << 20;
constexpr Instant one_day = 86400;

// Reads big-endian integers from the file's bytes, failing once past the end.
class Reader
{
public:
  explicit Reader(const std::string& bytes) : m_bytes(bytes) {}

  bool has(std::size_t count) const { return m_at + count <= m_bytes.size(); }
  void skip(std::size_t count) { m_at += count; }
  std::size_t position() const { return m_at; }

  std::int64_t number(std::size_t width)
  {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      value = (value << 8) | static_cast<unsigned char>(m_bytes[m_at + i]);
    }
    m_at += width;
    if (width == 4) {
      return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    }
    return static_cast<std::int64_t>(value);
  }

private:
  const std::string& m_bytes;
  std::size_t m_at = 0;
};

struct Counts
{
  std::size_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;

  std::size_t data_size(std::size_t time_width) const
  {
    return time * time_width + time + type * 6 + chars + leap * (time_width + 4) + isstd + isut;
  }
};

// The 44-byte header: magic, version, reserved bytes, six counts.
std::optional<Counts> read_header(Reader& in, char& version)
{
  if (!in.has(44)) {
    return std::nullopt;
  }
  if (in.number(4) != 0x545A6966) { // "TZif"
    return std::nullopt;
  }
  version = static_cast<char>(in.number(1));
  in.skip(15);
  Counts c;
  for (std::size_t* field : {&c.isut, &c.isstd, &c.leap, &c.time, &c.type, &c.chars}) {
    const std::int64_t n = in.number(4);
    if (n < 0) {
      return std::nullopt;
    }
    *field = static_cast<std::size_t>(n);
  }
  if (c.type == 0 || c.type > 256 || c.chars == 0) {
    return std::nullopt;
  }
  return c;
}

} // namespace

std::shared_ptr<const Rules> Rules::load(const std::string& path)
{
  std::FILE* file = std::fopen(path.c_str(), "rbe");
  if (file == nullptr) {
    return nullptr;
  }
  std::string bytes;
  char chunk[8192];
  std::size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0 && bytes.size() <= largest_file) {
    bytes.append(chunk, got);
  }
  std::fclose(file);
  if (bytes.size() > largest_file) {
    return nullptr;
  }
  return parse(bytes);
}

std::shared_ptr<const Rules> Rules::parse(const std::string& bytes)
{
  Reader in(bytes);
  char version = 0;
  auto counts = read_header(in, version);
  if (!counts || (version != 0 && (version < '2' || version > '9'))) {
    return nullptr;
  }
  std::size_t width = 4;
  if (version != 0) {
    // Version 2 and later repeat the data with 64-bit times after the 32-bit block.
    if (!in.has(counts->data_size(4))) {
      return nullptr;
    }
    in.skip(counts->data_size(4));
    char again = 0;
    counts = read_header(in, again);
    if (!counts || again != version) {
      return nullptr;
    }
    width = 8;
  }
  const Counts& c = *counts;
  // Times in a file with leap seconds ("right/") count them: not the civil time sleeplog
  // stores, and not a zone the database hands out either.
  if (c.leap != 0 || !in.has(c.data_size(width))) {
    return nullptr;
  }
  std::vector<Instant> times(c.time);
  for (auto& t : times) {
    t = in.number(width);
  }
  std::vector<std::size_t> indices(c.time);
  for (auto& index : indices) {
    index = static_cast<std::size_t>(in.number(1));
    if (index >= c.type) {
      return nullptr;
    }
  }
  auto rules = std::make_shared<Rules>();
  std::vector<std::size_t> abbrev_at(c.type);
  rules->m_types.resize(c.type);
  for (std::size_t i = 0; i < c.type; ++i) {
    rules->m_types[i].offset = static_cast<int>(in.number(4));
    rules->m_types[i].dst = in.number(1) != 0;
    abbrev_at[i] = static_cast<std::size_t>(in.number(1));
    if (abbrev_at[i] >= c.chars) {
      return nullptr;
    }
  }
  const std::size_t chars_at = in.position();
  for (std::size_t i = 0; i < c.type; ++i) {
    const char* start = bytes.data() + chars_at + abbrev_at[i];
    rules->m_types[i].abbrev.assign(start, strnlen(start, c.chars - abbrev_at[i]));
  }
  // Before the first transition the first standard-time type holds (the library's rule).
  const auto& types = rules->m_types;
  const auto standard =
    std::find_if(types.begin(), types.end(), [](const Type& t) { return !t.dst; });
  const std::size_t initial =
    standard == types.end() ? 0 : static_cast<std::size_t>(standard - types.begin());
  auto& transitions = rules->m_transitions;
  if (times.empty() || times.front() != time_begins) {
    transitions.push_back({time_begins, initial});
  }
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!transitions.empty() && times[i] <= transitions.back().at) {
      return nullptr; // times must rise
    }
    transitions.push_back({times[i], indices[i]});
  }
  // A transition to the same offset, abbreviation and DST flag changes nothing.
  std::vector<Transition> merged{transitions.front()};
  for (std::size_t i = 1; i < transitions.size(); ++i) {
    const Type& now = types[transitions[i].type];
    const Type& before = types[merged.back().type];
    if (now.offset != before.offset || now.abbrev != before.abbrev || now.dst != before.dst) {
      merged.push_back(transitions[i]);
    }
  }
  transitions = std::move(merged);
  return rules;
}

Span Rules::span_before(std::size_t index) const
{
  // The span ending at transition `index` (or, for the first, the one it starts).
  if (index == 0) {
    return {time_begins, m_transitions.size() > 1 ? m_transitions[1].at : time_ends, offset_of(0)};
  }
  return {m_transitions[index - 1].at,
          index < m_transitions.size() ? m_transitions[index].at : time_ends, offset_of(index - 1)};
}

Span Rules::span_at(Instant instant) const
{
  const auto next = std::upper_bound(m_transitions.begin(), m_transitions.end(), instant,
                                     [](Instant at, const Transition& t) { return at < t.at; });
  return span_before(static_cast<std::size_t>(next - m_transitions.begin()));
}

std::vector<Instant> Rules::resolve(std::int64_t wall) const
{
  // The first transition after the wall time read in the offset before it.
  const auto found = std::upper_bound(
    m_transitions.begin(), m_transitions.end(), wall,
    [this](std::int64_t w, const Transition& t) { return w - m_types[t.type].offset < t.at; });
  std::size_t next = static_cast<std::size_t>(found - m_transitions.begin());
  Span first = span_before(next);
  Instant at = wall - first.offset;
  if (at < first.begin + one_day && next != 0) {
    // Just after a transition: the wall time may also name an instant before it.
    const Span earlier = span_before(next - 1);
    const Instant earlier_at = wall - earlier.offset;
    if (earlier_at < earlier.end && first.end != earlier.end) {
      return {earlier_at, at};
    }
    return {at};
  }
  if (at >= first.end && next != m_transitions.size()) {
    const Span later = span_before(next + 1);
    if (wall - later.offset < later.begin) {
      return {}; // the clocks jumped over this wall time
    }
  }
  return {at};
}

} // namespace sleeplog::time::tzif
