// The wire schema of sync files (DESIGN §12), and a file's events held for a new
// machine's first load.
#pragma once

#include <sleeplog/store/changeset.hpp>
#include <sleeplog/store/sqlite.hpp>
#include <sleeplog/util/huge_pages.hpp>

#include <cstdint>
#include <optional>
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

/// The `n`th clock (from 0) of a clock run's `hlcs` (event_clock_run), or nullopt when it
/// has fewer. A line is a whole clock, or (starting with a space, which no clock does)
/// one told from the clock before it: a space, the length of the prefix they share and of
/// the suffix they share after it (each as the character '!' + length), then the bytes
/// between. StorageError when the lines do not read so.
std::optional<std::string> clock_in_run(std::string_view hlcs, std::size_t n);

/// Inserts `runs` (WireEvents::insert_events' clocks) into main.event_clock_run, for the
/// events of ids `first_id`, `first_id` + 1 and so on, sent by `origin` in its file `oseq`.
void insert_clock_runs(const Connection& db, const std::vector<std::string>& runs,
                       std::int64_t first_id, std::string_view origin, std::int64_t oseq);

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

  /// Holds rows whose texts lie in `body` (a sync file's changeset, which ChangesetReader
  /// reads in place): they are kept as places in it, so `body` must outlive this. Makes
  /// room for the rows a body that long can hold (address space only: no page is touched
  /// before a row needs it).
  explicit WireEvents(std::string_view body);
  /// Keeps the row `values` (`columns` of them); false, keeping nothing, when a value is
  /// not one the wire table certainly takes, or a text does not lie in the body.
  bool add(const ChangeValue* values);

  std::size_t size() const { return m_rows.size(); }
  /// The children the events name, as on the wire, each once.
  std::vector<std::string> children() const;

  /// Runs `insert` (the wire table's INSERT, one parameter per column) for each row, in
  /// the order added.
  void put_into(Statement& insert) const;
  /// The clocks of the rows put into the log: `clock_run` to a run, in id order (see
  /// clock_in_run), and the latest ("" for none).
  struct Clocks
  {
    std::vector<std::string> runs;
    std::string latest;
  };
  /// Inserts the rows into main.event in clock order, so that the new ids follow it, with
  /// the child ids of `child_ids` (by the uuid on the wire; each child must be there).
  /// Returns their clocks, for insert_clock_runs.
  Clocks insert_events(const Connection& db,
                       const std::unordered_map<std::string, std::int64_t>& child_ids) const;
  /// The events' clocks go into main.event_clock_run this many to a row.
  static constexpr std::size_t clock_run = 128;

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

  std::string_view text(Span span) const { return {m_body.data() + span.at, span.size}; }
  void bind(Statement& st, int index, Span span) const;
  // Asks for row i's place, or (`texts`) for its texts in the body.
  void prefetch_row(std::uint32_t i, bool texts) const;

  std::string_view m_body;                               // every row's texts lie in it
  std::vector<Row, util::HugePageAllocator<Row>> m_rows; // on huge pages
};

} // namespace sleeplog::store
