// The wire schema of sync files and a new machine's first load (DESIGN §12): see wire.hpp.
#include <sleeplog/model/event.hpp>
#include <sleeplog/store/wire.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include "store_shared.hpp"
#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

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
// they all share (the clocks of one send share their time), each is first compared by its
// next 16 bytes as two numbers, where clocks and uuids mostly differ.
template <typename TextOf>
std::vector<std::uint32_t> sorted_order(std::size_t count, TextOf text_of)
{
  struct Key
  {
    std::uint64_t high;
    std::uint64_t low;
    std::uint32_t index;
  };
  const auto word = [](std::string_view s, std::size_t from) {
    std::uint64_t w = 0;
    for (std::size_t i = from; i < from + 8; ++i) {
      w = (w << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0U);
    }
    return w;
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
  std::vector<Key, util::HugePageAllocator<Key>> keys(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view s = text_of(i);
    keys[i] = Key{word(s, shared), word(s, shared + 8), i};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.high != b.high) {
      return a.high < b.high;
    }
    if (a.low != b.low) {
      return a.low < b.low;
    }
    const int order = text_of(a.index).compare(text_of(b.index));
    return order != 0 ? order < 0 : a.index < b.index;
  });
  std::vector<std::uint32_t> order(count);
  for (std::size_t i = 0; i < count; ++i) {
    order[i] = keys[i].index;
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

} // namespace

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

void WireEvents::reserve(std::size_t changeset_bytes)
{
  // Each row's text and numbers come from the changeset, which spends at least a byte on
  // each value and its type.
  m_text.reserve(util::bulk_capacity(changeset_bytes));
  m_rows.reserve(changeset_bytes / (2 * columns));
}

bool WireEvents::add(const ChangeValue* values)
{
  const std::size_t text_before = m_text.size();
  const auto recent_before = m_recent;
  std::size_t next_recent = 0;
  // `shared`: a text many rows repeat (child, kind, caregiver), kept once while recent.
  const auto keep_text = [&](const ChangeValue& v, Span& out, bool nullable, bool shared) {
    if (v.type == ChangeValue::Type::null && nullable) {
      out = Span{};
      return true;
    }
    if (v.type != ChangeValue::Type::text) {
      return false;
    }
    const char* bytes = v.bytes.empty() ? "" : v.bytes.data();
    const std::size_t size = v.bytes.size();
    if (shared) {
      for (const Span& kept : m_recent) {
        if (kept.size == size && std::memcmp(m_text.data() + kept.at, bytes, size) == 0) {
          out = kept;
          return true;
        }
      }
    }
    if (m_text.size() + size >= null_size) {
      return false;
    }
    out = Span{static_cast<std::uint32_t>(m_text.size()), static_cast<std::uint32_t>(size)};
    m_text.insert(m_text.end(), bytes, bytes + size);
    if (shared) {
      m_recent[(m_recent_next + next_recent++) % m_recent.size()] = out;
    }
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
  bool ok = keep_text(values[0], row.uuid, false, false) &&
            keep_text(values[1], row.child, false, true) &&
            keep_text(values[2], row.kind, false, true) && integer(values[3], row.start_at) &&
            integer(values[5], row.utc_offset) && keep_text(values[6], row.by_name, true, true) &&
            keep_text(values[7], row.note, true, false) &&
            keep_text(values[8], row.source_key, true, false) &&
            keep_text(values[9], row.hlc, false, false);
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
    m_text.resize(text_before);
    m_recent = recent_before; // none may name the text just dropped
    return false;
  }
  m_recent_next += next_recent;
  m_rows.push_back(row);
  return true;
}

std::vector<std::string> WireEvents::children() const
{
  std::set<std::string_view> seen;
  std::vector<std::string> out;
  for (const Row& row : m_rows) {
    if (seen.insert(text(row.child)).second) {
      out.emplace_back(text(row.child));
    }
  }
  return out;
}

std::string WireEvents::latest_clock() const
{
  std::string_view latest;
  for (const Row& row : m_rows) {
    latest = std::max(latest, text(row.hlc));
  }
  return std::string(latest);
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

std::vector<std::uint32_t>
WireEvents::insert_events(const Connection& db,
                          const std::unordered_map<std::string, std::int64_t>& child_ids) const
{
  auto order = sorted_order(m_rows.size(), [&](std::uint32_t i) { return text(m_rows[i].hlc); });
  std::string_view child;
  std::int64_t child_id = 0;
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
    },
    [&](std::uint32_t i, bool texts) { prefetch_row(i, texts); });
  return order;
}

void WireEvents::insert_clock_runs(const Connection& db, const std::vector<std::uint32_t>& order,
                                   std::int64_t first_id, std::string_view origin,
                                   std::int64_t oseq) const
{
  Statement insert(db, "INSERT INTO main.event_clock_run(first_id, origin, oseq, hlcs) VALUES "
                       "(?, ?, ?, ?)");
  std::string hlcs;
  for (std::size_t from = 0; from < order.size(); from += clock_run) {
    const std::size_t to = std::min(order.size(), from + clock_run);
    hlcs.clear();
    for (std::size_t k = from; k < to; ++k) {
      if (k + 8 < to) {
        __builtin_prefetch(m_text.data() + m_rows[order[k + 8]].hlc.at);
      }
      hlcs.append(text(m_rows[order[k]].hlc));
      hlcs.push_back('\n');
    }
    hlcs.pop_back();
    insert.bind(1, first_id + static_cast<std::int64_t>(from));
    insert.bind_static(2, origin);
    insert.bind(3, oseq);
    insert.bind_static(4, hlcs);
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
  __builtin_prefetch(m_text.data() + row.uuid.at);
  if (row.note.size != null_size) {
    __builtin_prefetch(m_text.data() + row.note.at);
  }
}

} // namespace sleeplog::store
