// sleeplog's own export read back (DESIGN §6.2, §6.5): the events columns as CSV, JSON Lines or a
// JSON array, checked row by row. `night` and `duration_s` are only checked, never
// trusted: the store recomputes both.
#pragma once

#include <sleeplog/exchange/import.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/util/huge_pages.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::exchange {

/// The cells of one events row as text; a null or missing value is empty.
struct EventFields
{
  std::string_view id, uuid, child, night, kind, start, end, duration_s, by, note;
};

/// The largest id an import keeps: 2^53 - 2^32, so that a lifetime of new ids after it
/// still stays below 2^53, the most a JSON export carries exactly (numbers are doubles to
/// most readers).
constexpr std::int64_t largest_id = (std::int64_t{1} << 53) - (std::int64_t{1} << 32);

/// Checks one row and fills `out` (its event and child name; the key is cleared).
/// Returns the problem, or "" when the row is fine. With `now`, an event after it is a
/// problem too.
std::string event_from_fields(const EventFields& fields, ImportedEvent& out,
                              std::optional<time::Instant> now = std::nullopt);

/// The uuids seen so far in one file, kept as 8-byte hashes so that millions fit.
class UuidSeen
{
public:
  /// Records a uuid; false when it was seen before.
  bool insert(std::string_view uuid) { return insert_hash(fetch(uuid)); }
  /// The same in two steps: fetch() hashes it and starts fetching the uuid's slot, so that a row's
  /// other checks run while it comes; insert_hash() then records it.
  [[nodiscard]] std::uint64_t fetch(std::string_view uuid) const;
  bool insert_hash(std::uint64_t hash);
  /// Before the first insert: room for about `expected` uuids (up to a million).
  void reserve(std::size_t expected);

private:
  void place(std::uint64_t hash);
  void grow();
  // Open addressing, Robin Hood; 0 = empty. Megabytes, each insert in a random slot: on
  // huge pages, whose translations hit.
  std::vector<std::uint64_t, util::HugePageAllocator<std::uint64_t>> m_slots;
  std::size_t m_size = 0;
};

/// Reads the rows after a sleeplog CSV header (already read from `in` by `reader`).
void read_own_csv(report::CsvReader& reader, std::istream& in,
                  const std::vector<std::string>& header, Problems& problems, ReadResult& result,
                  const EventSink& sink, std::optional<time::Instant> now = std::nullopt);

/// Reads sleeplog JSON Lines or a JSON array of events, the first byte being on `first_line`.
void read_own_json(std::istream& in, std::size_t first_line, Problems& problems, ReadResult& result,
                   const EventSink& sink, std::optional<time::Instant> now = std::nullopt);

} // namespace sleeplog::exchange
