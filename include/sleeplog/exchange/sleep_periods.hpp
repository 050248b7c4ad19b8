// Other apps record sleep periods, not put-downs: this turns them into sleeplog's events
// by the rules of DESIGN §6.6 (naps, and nights of periods less than 3 h apart).
#pragma once

#include <sleeplog/exchange/import.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::exchange {

/// One row of an app's export that recorded a finished sleep.
struct SleepPeriod
{
  std::size_t line = 0;
  std::string child; // empty = the default child
  time::Instant start = 0;
  time::Instant end = 0;
  int start_offset_s = 0;
  int end_offset_s = 0;
  std::optional<bool> nap;          // when the app says
  std::optional<time::Instant> bed; // a sheet's put-down, before `start`
  int bed_offset_s = 0;
  std::string by;
  std::string note;
  std::uint64_t row_hash = 0; // of the whole source row: the content key's core
};

/// Night periods this close (or closer) join one night; the gap between them is a waking.
inline constexpr time::Instant same_night_gap_s = 3 * 3600;

/// The nap rule when the app does not say: starts between 06:00 and 17:59 local time
/// (at the period's own offset) and lasts under 4 h.
bool looks_like_nap(const SleepPeriod& period);

/// The events of a set of periods, in start order: each nap a `nap` interval; each night
/// `asleep` at its first start, `woke` and `asleep` around each gap, `up` at its last end,
/// and a `bed` only where a row gave a put-down (a sheet). Rows of a child that overlap or
/// touch merge into one period first; a period starting less than 30 min after a night
/// period continues that night. Rows repeated exactly or lying wholly inside another count
/// in result.inside; every event carries how many rows of its night or nap start a period
/// and how many lengthen one. Each event's content key is its night's or nap's key (source
/// and a hash of all its rows), its place in it and its kind: "babyconnect:<hex>:2:woke".
std::vector<ImportedEvent> assemble_periods(std::vector<SleepPeriod> periods, Source source,
                                            ReadResult& result);

} // namespace sleeplog::exchange
