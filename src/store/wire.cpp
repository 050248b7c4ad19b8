// The wire schema of sync files and a new machine's first load (DESIGN §12): see wire.hpp.
#include <sleeplog/model/event.hpp>
#include <sleeplog/store/wire.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store_shared.hpp"
#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <limits>
#include <set>
#include <utility>

namespace sleeplog::store {

namespace {

// What a synced row may hold. Sending writes rows into it under a session
// (which needs each table's key); receiving reads a file's rows into it unkeyed, so that
// they go in as they come (a row a file repeats meets its clock when merged). A CHECK
// spells a list of words with OR, not IN: SQLite builds a temporary table for an IN list
// each time an INSERT runs, which cost a new machine's first sync a fifth of its time.
constexpr const char* wire_schema_text = R"sql(
CREATE TABLE {prefix}child(
  uuid TEXT {key}NOT NULL CHECK (length(uuid) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
  born TEXT,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22)
) STRICT{rowid};
CREATE TABLE {prefix}plan(
  uuid TEXT {key}NOT NULL CHECK (length(uuid) BETWEEN 1 AND 64),
  child TEXT NOT NULL,
  method TEXT NOT NULL
    CHECK (method = 'ferber' OR method = 'checks' OR method = 'chair' OR method = 'fading'),
  from_night TEXT NOT NULL CHECK (from_night GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  until_night TEXT CHECK (until_night IS NULL OR until_night >= from_night),
  waits TEXT,
  stage_nights INTEGER,
  positions TEXT,
  start_min INTEGER,
  goal_min INTEGER,
  step_min INTEGER,
  checkin_max_s INTEGER NOT NULL,
  timer TEXT NOT NULL CHECK (timer = 'waking' OR timer = 'crying'),
  created_at INTEGER NOT NULL,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22)
) STRICT{rowid};
CREATE TABLE {prefix}plan_hold(
  uuid TEXT {key}NOT NULL CHECK (length(uuid) BETWEEN 1 AND 64),
  plan TEXT NOT NULL,
  from_night TEXT NOT NULL CHECK (from_night GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  nights INTEGER NOT NULL CHECK (nights > 0),
  created_at INTEGER NOT NULL,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22)
) STRICT{rowid};
CREATE TABLE {prefix}event(
  uuid TEXT {key}NOT NULL CHECK (length(uuid) BETWEEN 1 AND 64),
  child TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind = 'bed' OR kind = 'asleep' OR kind = 'woke' OR kind = 'up' OR kind = 'cry'
           OR kind = 'checkin' OR kind = 'feed' OR kind = 'nap' OR kind = 'note'),
  start_at INTEGER NOT NULL CHECK (start_at BETWEEN -2208988800 AND 7258118399),
  end_at INTEGER CHECK (end_at IS NULL OR (end_at >= start_at AND end_at - start_at <= 86400)),
  utc_offset INTEGER NOT NULL CHECK (utc_offset BETWEEN -64800 AND 64800),
  by_name TEXT,
  note TEXT,
  source_key TEXT,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22)
) STRICT{rowid};
CREATE TABLE {prefix}tag(
  child TEXT NOT NULL,
  night TEXT NOT NULL CHECK (night GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  word TEXT NOT NULL CHECK (word <> '' AND length(word) <= 40 AND word NOT GLOB '*[ ,;]*'),
  note TEXT,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22){tag_key}
) STRICT{rowid};
CREATE TABLE {prefix}setting(
  key TEXT {key}NOT NULL CHECK (key <> ''),
  value TEXT NOT NULL,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22)
) STRICT{rowid};
CREATE TABLE {prefix}tombstone(
  tbl TEXT NOT NULL CHECK (tbl = 'child' OR tbl = 'plan' OR tbl = 'plan_hold' OR tbl = 'event'
                           OR tbl = 'tag' OR tbl = 'setting'),
  key TEXT NOT NULL,
  hlc TEXT NOT NULL CHECK (length(hlc) > 22){tombstone_key}
) STRICT{rowid};
)sql";

// The wire event table's rules, which add() keeps at least as strictly.
constexpr std::int64_t earliest_s = -2208988800; // 1900-01-01
constexpr std::int64_t latest_s = 7258118399;    // 2199-12-31 23:59:59
constexpr std::int64_t longest_event_s = 86400;
constexpr std::int64_t widest_offset_s = 64800;
constexpr std::size_t longest_uuid = 64;
constexpr std::size_t shortest_clock = 23;

// The indexes of `count` texts in their byte order (ties in index order). Past the prefix
// they all share (the clocks of one send share their time), each is keyed by its next 16
// bytes, and the keys are sorted a byte at a time from the last (a radix sort: no
// comparison to mispredict, and a byte every key shares costs nothing; std::sort took 7%
// of a first sync). Texts with the same key are then compared whole.
template <typename TextOf>
std::vector<std::uint32_t> sorted_order(std::size_t count, TextOf text_of)
{
  struct Key
  {
    std::uint64_t high;
    std::uint64_t low;
    std::uint32_t index;
  };
  constexpr std::size_t key_bytes = 16;
  // The 8 bytes of s from `from` (zeros past its end) as a big-endian number.
  const auto word = [](std::string_view s, std::size_t from) {
    std::array<unsigned char, 8> bytes{};
    if (from < s.size()) {
      std::memcpy(bytes.data(), s.data() + from, std::min<std::size_t>(8, s.size() - from));
    }
    std::uint64_t w = 0;
    for (const unsigned char b : bytes) {
      w = (w << 8) | b;
    }
    return w;
  };
  const auto byte_of = [](const Key& key, std::size_t at) {
    return static_cast<std::size_t>(((at < 8 ? key.high : key.low) >> (56 - 8 * (at % 8))) & 0xff);
  };
  std::size_t shared = count > 0 ? text_of(0).size() : 0;
  for (std::uint32_t i = 1; i < count && shared > 0; ++i) {
    const std::string_view first = text_of(0).substr(0, shared);
    const std::string_view s = text_of(i);
    shared = static_cast<std::size_t>(
      std::mismatch(first.begin(), first.end(), s.begin(), s.begin() + std::min(shared, s.size()))
        .first -
      first.begin());
  }
  // The keys, then as many again to sort into; each byte's counts from one pass.
  std::vector<Key, util::HugePageAllocator<Key>> keys;
  // At least a whole huge page: one fault where 4 KiB pages took a hundred and more.
  keys.reserve(std::max(2 * count, (util::huge_page + sizeof(Key) - 1) / sizeof(Key)));
  keys.resize(2 * count);
  std::vector<std::array<std::uint32_t, 256>> counts(key_bytes);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view s = text_of(i);
    keys[i] = Key{word(s, shared), word(s, shared + 8), i};
    for (std::size_t at = 0; at < key_bytes; ++at) {
      ++counts[at][byte_of(keys[i], at)];
    }
  }
  Key* from = keys.data();
  Key* to = keys.data() + count;
  for (std::size_t at = key_bytes; at-- > 0;) {
    auto& here = counts[at];
    if (count == 0 || here[byte_of(from[0], at)] == count) {
      continue; // every key has this byte
    }
    std::uint32_t next = 0;
    for (auto& n : here) {
      next += std::exchange(n, next);
    }
    for (std::size_t i = 0; i < count; ++i) {
      to[here[byte_of(from[i], at)]++] = from[i];
    }
    std::swap(from, to);
  }
  for (std::size_t i = 0; i < count;) {
    std::size_t j = i + 1;
    while (j < count && from[j].high == from[i].high && from[j].low == from[i].low) {
      ++j;
    }
    if (j - i > 1) {
      std::sort(from + i, from + j, [&](const Key& a, const Key& b) {
        const int order = text_of(a.index).compare(text_of(b.index));
        return order != 0 ? order < 0 : a.index < b.index;
      });
    }
    i = j;
  }
  std::vector<std::uint32_t> order(count);
  for (std::size_t i = 0; i < count; ++i) {
    order[i] = from[i].index;
  }
  return order;
}

bool is_ascii(std::string_view s)
{
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0 && c < 0x7f; });
}

// ASCII without spaces or control characters: a clock can be joined to others by newlines.
bool is_printable(std::string_view s)
{
  return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

// A clock run's line for `clock` told from the clock `before` it (see clock_in_run). The
// clocks of one send share their time and replica, so a line of some forty bytes becomes
// four or five: a first sync of 80,000 events writes 3 MB less.
constexpr std::size_t longest_shared = '~' - '!'; // the length one character can say
constexpr char told_from_before = ' ';

void append_told_from(std::string& out, std::string_view before, std::string_view clock)
{
  std::size_t prefix = 0;
  const std::size_t most = std::min({before.size(), clock.size(), longest_shared});
  while (prefix < most && before[prefix] == clock[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  const std::size_t most_after =
    std::min({before.size() - prefix, clock.size() - prefix, longest_shared});
  while (suffix < most_after &&
         before[before.size() - 1 - suffix] == clock[clock.size() - 1 - suffix]) {
    ++suffix;
  }
  out.push_back(told_from_before);
  out.push_back(static_cast<char>('!' + prefix));
  out.push_back(static_cast<char>('!' + suffix));
  out.append(clock.substr(prefix, clock.size() - prefix - suffix));
}

} // namespace

std::optional<std::string> clock_in_run(std::string_view hlcs, std::size_t n)
{
  std::string clock;
  for (std::size_t k = 0;; ++k) {
    const auto end = hlcs.find('\n');
    const std::string_view line = hlcs.substr(0, end);
    if (line.empty() || line[0] != told_from_before) {
      clock = line;
    } else {
      const auto length = [&](std::size_t at) {
        return line.size() > at && line[at] >= '!' && line[at] <= '~'
                 ? static_cast<std::size_t>(line[at] - '!')
                 : clock.size() + 1; // too long for any clock: refused below
      };
      const std::size_t prefix = length(1);
      const std::size_t suffix = length(2);
      if (k == 0 || prefix + suffix > clock.size()) {
        throw StorageError("a clock of the events a first sync brought (event_clock_run) is "
                           "damaged");
      }
      std::string next(clock, 0, prefix);
      next.append(line.substr(3));
      next.append(clock, clock.size() - suffix, suffix);
      clock = std::move(next);
    }
    if (k == n) {
      return clock;
    }
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    hlcs.remove_prefix(end + 1);
  }
}

std::string wire_schema(Keyed keyed, std::string_view prefix)
{
  const bool yes = keyed == Keyed::yes;
  return fmt::format(wire_schema_text, fmt::arg("prefix", prefix),
                     fmt::arg("key", yes ? "PRIMARY KEY " : ""),
                     fmt::arg("rowid", yes ? ", WITHOUT ROWID" : ""),
                     fmt::arg("tag_key", yes ? ",\n  PRIMARY KEY (child, night, word)" : ""),
                     fmt::arg("tombstone_key", yes ? ",\n  PRIMARY KEY (tbl, key)" : ""));
}

std::string wire_table_schema(Keyed keyed, std::string_view prefix, std::string_view name)
{
  const std::string all = wire_schema(keyed, prefix);
  const std::string head = fmt::format("CREATE TABLE {}{}(", prefix, name);
  const auto from = all.find(head);
  if (from == std::string::npos) {
    return {};
  }
  const auto to = all.find(";\n", from); // a CHECK may hold a ';' (a tag's word)
  std::string one = all.substr(from, to == std::string::npos ? to : to + 1 - from);
  one.insert(std::string_view("CREATE TABLE ").size(), "IF NOT EXISTS ");
  return one;
}

WireEvents::WireEvents(std::string_view body) : m_body(body)
{
  // A changeset spends at least a byte on each value and its type.
  m_rows.reserve(body.size() / (2 * columns));
}

bool WireEvents::add(const ChangeValue* values)
{
  const auto keep_text = [&](const ChangeValue& v, Span& out, bool nullable) {
    if (v.type == ChangeValue::Type::null && nullable) {
      out = Span{};
      return true;
    }
    if (v.type != ChangeValue::Type::text) {
      return false;
    }
    // Where it lies in the body (an empty text anywhere: it has no bytes to point at).
    std::size_t at = 0;
    if (!v.bytes.empty()) {
      const std::less<const char*> before;
      if (before(v.bytes.data(), m_body.data()) ||
          !before(v.bytes.data() + v.bytes.size() - 1, m_body.data() + m_body.size())) {
        return false;
      }
      at = static_cast<std::size_t>(v.bytes.data() - m_body.data());
    }
    if (at + v.bytes.size() >= null_size) {
      return false;
    }
    out = Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(v.bytes.size())};
    return true;
  };
  const auto integer = [](const ChangeValue& v, std::int64_t& out) {
    if (v.type != ChangeValue::Type::integer) {
      return false;
    }
    out = v.integer;
    return true;
  };
  Row row;
  bool ok = keep_text(values[0], row.uuid, false) && keep_text(values[1], row.child, false) &&
            keep_text(values[2], row.kind, false) && integer(values[3], row.start_at) &&
            integer(values[5], row.utc_offset) && keep_text(values[6], row.by_name, true) &&
            keep_text(values[7], row.note, true) && keep_text(values[8], row.source_key, true) &&
            keep_text(values[9], row.hlc, false);
  if (ok && values[4].type != ChangeValue::Type::null) {
    row.has_end = true;
    ok = integer(values[4], row.end_at);
  }
  // Lengths are counted in characters by the table; ASCII keeps bytes and characters one.
  ok = ok && is_ascii(text(row.uuid)) && !text(row.uuid).empty() &&
       text(row.uuid).size() <= longest_uuid && is_printable(text(row.hlc)) &&
       text(row.hlc).size() >= shortest_clock && model::parse_kind(text(row.kind)).has_value() &&
       row.start_at >= earliest_s && row.start_at <= latest_s &&
       (!row.has_end ||
        (row.end_at >= row.start_at && row.end_at - row.start_at <= longest_event_s)) &&
       row.utc_offset >= -widest_offset_s && row.utc_offset <= widest_offset_s;
  if (!ok) {
    return false;
  }
  m_rows.push_back(row);
  return true;
}

std::vector<std::string> WireEvents::children() const
{
  // A family has a few children: a look along them costs less than a set (a lookup per
  // row was 1% of a first sync); any past the first few are looked up in one.
  constexpr std::size_t few = 8;
  std::vector<std::string_view> first;
  std::set<std::string_view> more;
  std::vector<std::string> out;
  for (const Row& row : m_rows) {
    const std::string_view child = text(row.child);
    if (std::find(first.begin(), first.end(), child) != first.end()) {
      continue;
    }
    if (first.size() < few) {
      first.push_back(child);
      out.emplace_back(child);
    } else if (more.insert(child).second) {
      out.emplace_back(child);
    }
  }
  return out;
}

void WireEvents::bind(Statement& st, int index, Span span) const
{
  if (span.size == null_size) {
    st.bind(index, std::nullopt);
  } else {
    st.bind_static(index, text(span));
  }
}

void WireEvents::put_into(Statement& insert) const
{
  for (const Row& row : m_rows) {
    bind(insert, 1, row.uuid);
    bind(insert, 2, row.child);
    bind(insert, 3, row.kind);
    insert.bind(4, row.start_at);
    if (row.has_end) {
      insert.bind(5, row.end_at);
    }
    insert.bind(6, row.utc_offset);
    bind(insert, 7, row.by_name);
    bind(insert, 8, row.note);
    bind(insert, 9, row.source_key);
    bind(insert, 10, row.hlc);
    insert.run();
  }
}

namespace {

// Inserts rows `order` names with `head` VALUES `marks`, many rows to a statement (SQLite
// then runs one statement where it would run 64); bind(statement, first parameter, row).
// The rows are read in `order`, all over memory: prefetch(row, false) asks for a row's
// place a little ahead and prefetch(row, true) for its texts nearer, so that the loads
// overlap the statements' work instead of each waiting in turn.
template <typename Bind, typename Prefetch>
void insert_rows(const Connection& db, std::string_view head, std::string_view marks,
                 int parameters, const std::vector<std::uint32_t>& order, Bind bind,
                 Prefetch prefetch)
{
  constexpr std::size_t batch = 64;
  constexpr std::size_t ahead = 8;
  for (std::size_t k = 0; k < std::min(2 * ahead, order.size()); ++k) {
    prefetch(order[k], false);
  }
  for (std::size_t k = 0; k < std::min(ahead, order.size()); ++k) {
    prefetch(order[k], true);
  }
  const auto bind_at = [&](Statement& st, std::size_t k, std::size_t at) {
    if (at + k + 2 * ahead < order.size()) {
      prefetch(order[at + k + 2 * ahead], false);
    }
    if (at + k + ahead < order.size()) {
      prefetch(order[at + k + ahead], true);
    }
    bind(st, static_cast<int>(k) * parameters + 1, order[at + k]);
  };
  std::size_t at = 0;
  if (order.size() >= batch) {
    Statement full(db, multi_row_insert_sql(head, marks, batch));
    for (; at + batch <= order.size(); at += batch) {
      for (std::size_t k = 0; k < batch; ++k) {
        bind_at(full, k, at);
      }
      full.run();
    }
  }
  if (at < order.size()) {
    Statement rest(db, multi_row_insert_sql(head, marks, order.size() - at));
    for (std::size_t k = 0; at + k < order.size(); ++k) {
      bind_at(rest, k, at);
    }
    rest.run();
  }
}

} // namespace

WireEvents::Clocks
WireEvents::insert_events(const Connection& db,
                          const std::unordered_map<std::string, std::int64_t>& child_ids) const
{
  const auto order =
    sorted_order(m_rows.size(), [&](std::uint32_t i) { return text(m_rows[i].hlc); });
  std::string_view child;
  std::int64_t child_id = 0;
  // The clocks, told each from the one before, as the rows go in (their texts are near
  // then: a second pass in this order waited on memory for each).
  Clocks clocks;
  auto& runs = clocks.runs;
  runs.reserve((order.size() + clock_run - 1) / clock_run);
  std::string_view before;
  std::size_t placed = 0;
  insert_rows(
    db,
    "INSERT INTO main.event(uuid, child_id, kind, start_at, end_at, utc_offset, "
    "by_name, note, source_key)",
    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", 9, order,
    [&](Statement& insert, int at, std::uint32_t i) {
      const Row& row = m_rows[i];
      if (text(row.child) != child) {
        child = text(row.child);
        child_id = child_ids.at(std::string(child));
      }
      bind(insert, at, row.uuid);
      insert.bind(at + 1, child_id);
      bind(insert, at + 2, row.kind);
      insert.bind(at + 3, row.start_at);
      if (row.has_end) {
        insert.bind(at + 4, row.end_at);
      }
      insert.bind(at + 5, row.utc_offset);
      bind(insert, at + 6, row.by_name);
      bind(insert, at + 7, row.note);
      bind(insert, at + 8, row.source_key);
      const std::string_view clock = text(row.hlc);
      if (placed++ % clock_run == 0) {
        runs.emplace_back().reserve(clock_run * 8);
        runs.back().append(clock);
      } else {
        runs.back().push_back('\n');
        append_told_from(runs.back(), before, clock);
      }
      before = clock;
    },
    [&](std::uint32_t i, bool texts) { prefetch_row(i, texts); });
  clocks.latest = before; // the last in clock order
  return clocks;
}

void insert_clock_runs(const Connection& db, const std::vector<std::string>& runs,
                       std::int64_t first_id, std::string_view origin, std::int64_t oseq)
{
  Statement insert(db, "INSERT INTO main.event_clock_run(first_id, origin, oseq, hlcs) VALUES "
                       "(?, ?, ?, ?)");
  for (std::size_t n = 0; n < runs.size(); ++n) {
    insert.bind(1, first_id + static_cast<std::int64_t>(n * WireEvents::clock_run));
    insert.bind_static(2, origin);
    insert.bind(3, oseq);
    insert.bind_static(4, runs[n]);
    insert.run();
  }
}

void WireEvents::prefetch_row(std::uint32_t i, bool texts) const
{
  const Row& row = m_rows[i];
  if (!texts) {
    __builtin_prefetch(&row);
    return;
  }
  __builtin_prefetch(m_body.data() + row.uuid.at);
  __builtin_prefetch(m_body.data() + row.hlc.at);
  if (row.note.size != null_size) {
    __builtin_prefetch(m_body.data() + row.note.at);
  }
}

} // namespace sleeplog::store
