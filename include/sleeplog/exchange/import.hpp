// Reading a file to import (DESIGN §6.5): sleeplog's own CSV, JSON Lines and JSON, and the
// exports of five baby-tracking apps, turned into events handed one at a time to a sink.
// Pure: no database; the command layer stores what the sink receives.
#pragma once

#include <sleeplog/exchange/problems.hpp>
#include <sleeplog/model/event.hpp>
#include <sleeplog/time/zone.hpp>

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace sleeplog::exchange {

/// Who wrote the file.
enum class Source { sleeplog, huckleberry, babybuddy, babyconnect, babytracker, glow, sheet };

/// How a parent's sheet writes its dates (`--date-order`).
enum class DateOrder { dmy, mdy, ymd };

/// The source named by `name` ("babyconnect"), or nullopt.
std::optional<Source> parse_source(std::string_view name);

/// The source's name as --from takes it.
std::string_view source_name(Source source);

/// "sleeplog, huckleberry, babybuddy, babyconnect, babytracker, glow or sheet", for messages.
std::string_view source_names();

/// One event read from a file, with what the store needs to place it.
struct ImportedEvent
{
  model::Event event;            // id as in the file (0 = none), uuid (empty = make one)
  std::string child;             // the child's name in the file; empty = the default child
  std::string source_key;        // content key of an app import; empty for sleeplog files
  std::string group_key;         // app imports: the key of its night or nap ("babyconnect:<hex>")
  time::Instant group_start = 0; // ... and that night's or nap's first and last instant
  time::Instant group_end = 0;
  std::size_t line = 0; // the line of the row it comes from
  // App imports: the rows of the file in its night or nap that start a period of sleep,
  // and those that overlap or touch one and lengthen it (the import summary's categories).
  std::size_t group_rows = 0;
  std::size_t group_merged = 0;
};

/// Receives each event; it may modify it (fill in the id it got).
using EventSink = std::function<void(ImportedEvent&)>;

/// How to read a file.
struct ReadOptions
{
  std::optional<Source> from;                      // nullopt = detect from the header
  time::Zone zone;                                 // where app exports' wall-clock times are read
  std::optional<time::Instant> now = std::nullopt; // events after it are bad rows (sleeplog)
  std::string columns = {};                        // sheet: "date=COL,bed=COL,asleep=COL,up=COL"
  std::optional<DateOrder> date_order = std::nullopt; // sheet: nullopt = from the dates
};

/// What a read found besides events: the format, and rows that gave no event and why.
struct ReadResult
{
  Source source = Source::sleeplog;
  std::string format = "csv";  // csv, jsonl or json
  std::size_t rows = 0;        // data rows read
  std::size_t not_sleep = 0;   // app rows of another activity (feeds, diapers...)
  std::size_t zero_length = 0; // app sleep rows that end where they start
  std::size_t unfinished = 0;  // app sleep rows without an end
  std::size_t inside = 0;      // app sleep rows lying wholly inside another, or repeating one
};

/// Reads a whole file: sleeplog files stream row by row in file order, app exports are
/// assembled into nights and naps and handed over in start order. Every bad row is
/// added to `problems`; once there is one, the sink is no longer called.
ReadResult read_import(std::istream& in, const ReadOptions& options, Problems& problems,
                       const EventSink& sink);

} // namespace sleeplog::exchange
