// The wire schema of sync files (DESIGN §12), and a file's events held for a new
// machine's first load.
#pragma once

#include <sleeplog/store/changeset.hpp>
#include <sleeplog/store/sqlite.hpp>
#include <sleeplog/util/huge_pages.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sleeplog::store {

enum class Keyed { yes, no };

/// The wire tables (child, plan, plan_hold, event, tag, setting, tombstone), each named
/// `prefix` + its name: keyed for sending (a session needs each table's key), unkeyed for
/// receiving. Their STRICT types and CHECKs are the rules a synced row must keep.
std::string wire_schema(Keyed keyed, std::string_view prefix);
/// The one statement of wire_schema(keyed, prefix) that makes the table `name` (one of
/// them, or "tombstone"), as CREATE TABLE IF NOT EXISTS; empty for another name.
std::string wire_table_schema(Keyed keyed, std::string_view prefix, std::string_view name);

/// One file's events, held in memory for a new machine's first sync, which puts them into
/// the log directly, as an import does, rather than through a temporary table.
///
/// add() keeps a row only when each value has exactly its column's type and keeps the wire
/// event table's rules; it is never more lenient than that table. A row it refuses is not
/// necessarily wrong (STRICT converts a number given for a text column): the caller hands
/// such a file's events to the table, whose CHECKs decide.
class WireEvents
{
public:
  /// The wire event table's columns: uuid, child, kind, start_at, end_at, utc_offset,
  /// by_name, note, source_key, then the clock.
  static constexpr int columns = 10;

  /// Makes room for the rows of a changeset of `changeset_bytes` (address space only: no
  /// page is touched before a row needs it).
  void reserve(std::size_t changeset_bytes);
  /// Keeps the row `values` (`columns` of them); false, keeping nothing, when a value is
  /// not one the wire table certainly takes.
  bool add(const ChangeValue* values);

  std::size_t size() const { return m_rows.size(); }
  /// The children the events name, as on the wire, each once.
  std::vector<std::string> children() const;
  /// The latest clock of the rows kept ("" for none).
  std::string latest_clock() const;

  /// Runs `insert` (the wire table's INSERT, one parameter per column) for each row, in
  /// the order added.
  void put_into(Statement& insert) const;
  /// Inserts the rows into main.event in clock order, so that the new ids follow it, with
  /// the child ids of `child_ids` (by the uuid on the wire; each child must be there).
  /// Returns that order (indexes of the rows as added).
  std::vector<std::uint32_t>
  insert_events(const Connection& db,
                const std::unordered_map<std::string, std::int64_t>& child_ids) const;
  /// The events' clocks go into main.event_clock_run this many to a row.
  static constexpr std::size_t clock_run = 128;
  /// Inserts the clocks of the rows in `order` (insert_events' order) into
  /// main.event_clock_run, for the events of ids `first_id`, `first_id` + 1 and so on,
  /// sent by `origin` in its file `oseq`: one row per `clock_run` events, their clocks
  /// joined by newlines (which add() keeps out of a clock).
  void insert_clock_runs(const Connection& db, const std::vector<std::uint32_t>& order,
                         std::int64_t first_id, std::string_view origin, std::int64_t oseq) const;

private:
  struct Span
  {
    std::uint32_t at = 0;
    std::uint32_t size = null_size; // null_size: NULL
  };
  static constexpr std::uint32_t null_size = 0xffffffffU;
  struct Row
  {
    Span uuid, child, kind, by_name, note, source_key, hlc;
    std::int64_t start_at = 0;
    std::int64_t end_at = 0;
    std::int64_t utc_offset = 0;
    bool has_end = false;
  };

  std::string_view text(Span span) const { return {m_text.data() + span.at, span.size}; }
  void bind(Statement& st, int index, Span span) const;
  // Asks for row i's place, or (`texts`) for the texts that live apart from the shared ones.
  void prefetch_row(std::uint32_t i, bool texts) const;

  // Every row's text, one after another; a child, kind or caregiver's name that a recent
  // row already holds is not kept again (the spans share it). Both on huge pages.
  std::vector<char, util::HugePageAllocator<char>> m_text;
  std::vector<Row, util::HugePageAllocator<Row>> m_rows;
  std::array<Span, 8> m_recent{}; // the texts last kept for those columns, tried first
  std::size_t m_recent_next = 0;  // where the next of them goes, round the array
};

} // namespace sleeplog::store
