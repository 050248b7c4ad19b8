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

/// The evening of the latest night that is over at `clock` (its morning is past: after
/// 09:00 the night just gone, before it the one before).
time::Date last_finished_night(const Clock& clock);

/// Whether any RANGE option was given.
bool range_given(const RangeOptions& options);

/// A DATE option (--since, --baseline-until) read at `clock`; a bad one throws
/// InputError naming `option`.
time::Date date_option(const Clock& clock, const std::string& text, const char* option);

/// The range the options name; `default_nights` nights up to the latest when none given.
/// nullopt when nothing is logged and no explicit range was given. Dates are read at
/// `clock`; a bad one throws InputError naming its option.
std::optional<NightRange> resolve_range(const Clock& clock, const NightSource& source,
                                        const RangeOptions& options, int default_nights);

/// The most nights after its first a NIGHT..NIGHT range may reach (a year).
inline constexpr int max_range_days = 366;

/// NIGHT or FIRST..LAST as typed (tag, untag): each end is read by night_argument()
/// (app/plans.hpp), so an empty end is the current night. Throws InputError when an end
/// names no night, FIRST is after LAST, or LAST is more than max_range_days after FIRST.
NightRange night_range_argument(const Clock& clock, const NightSource& source,
                                const std::string& text);

/// NIGHT as `show` reads it: YYYY-MM-DD, yesterday, a weekday, last or "" (the latest
/// logged), -N (N nights before the latest); nullopt when "", last or -N is asked of a
/// log with nothing logged. A text that names no night throws InputError.
std::optional<time::Date> night_to_show(const Clock& clock, const NightSource& source,
                                        const std::string& text);

/// trend's --baseline-since and --baseline-until as typed ("" when not given).
struct BaselineOptions
{
  std::string since;
  std::string until;
};

/// The nights a trend's baseline is drawn from, and how many of their first kept nights
/// it counts (nullopt: all of them).
struct Baseline
{
  NightRange range;
  std::optional<int> limit;
};

/// The baseline the options name. Without either: the first 7 kept nights of the 21
/// from the first logged night (from 1970-01-01 when nothing is logged). One alone
/// names 7 nights from --baseline-since, or up to --baseline-until. Throws InputError
/// for a bad date or a since after the until.
Baseline baseline_range(const Clock& clock, const NightSource& source,
                        const BaselineOptions& options);

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
