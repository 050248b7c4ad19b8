// Reading nights back from the store: ranges of nights (RANGE options of DESIGN §3.3),
// the night of an event, and night-ordered streams for the reports.
#pragma once

#include <sleeplog/app/clock.hpp>
#include <sleeplog/app/settings.hpp>
#include <sleeplog/model/night.hpp>
#include <sleeplog/store/store.hpp>

#include <functional>
#include <optional>
#include <string>

namespace sleeplog::app {

/// The RANGE options as given on the command line (cli adds them to a command).
struct RangeOptions
{
  int last = 0;
  std::string since;
  std::string until;
  std::string week; // "-" when --week was given without a date
};

/// An inclusive range of night dates.
struct NightRange
{
  time::Date first;
  time::Date last;
};

/// Everything needed to read one child's nights: the log, the child and the log's
/// settings (night-boundary and naps cut the nights; week-start names --week).
struct NightSource
{
  const store::Store& store;
  store::Child child;
  Settings settings;
};

/// The date of the child's latest night, if anything is logged.
std::optional<time::Date> latest_night(const NightSource& source);

/// The date of the child's first night, if anything is logged.
std::optional<time::Date> first_night(const NightSource& source);

/// The range the options name; `default_nights` nights up to the latest when none given.
/// nullopt when nothing is logged and no explicit range was given. Dates are read at
/// `clock`; a bad one throws InputError naming its option.
std::optional<NightRange> resolve_range(const Clock& clock, const NightSource& source,
                                        const RangeOptions& options, int default_nights);

/// Calls fn for each night in range, in date order (nights with naps only included).
void for_each_night(const NightSource& source, const NightRange& range,
                    const std::function<void(model::Night&&)>& fn);

/// Calls fn for each event whose night is in range, in start order, with its night.
void for_each_event_in(const NightSource& source, const NightRange& range,
                       const std::function<void(const model::Event&, time::Date)>& fn);

/// The night an event belongs to.
time::Date night_of_event(const NightSource& source, const model::Event& event);

/// The query window of instants that holds every event of the nights in range.
std::pair<time::Instant, time::Instant> window_of(const NightRange& range);

} // namespace sleeplog::app
