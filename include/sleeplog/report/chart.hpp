// Night timelines for the terminal, like a page of a sleep diary: one line per night on a
// fixed wall-clock axis from 18:00 to 08:00, a cell per 15 minutes.
#pragma once

#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/terminal.hpp>

#include <string>

namespace sleeplog::report {

/// Minutes of wall clock per cell, and cells on the 18:00–08:00 axis.
inline constexpr int chart_cell_min = 15;
inline constexpr int chart_cells = 56;

/// The 56 glyphs of one night: asleep █ (#), awake in bed ░ (.), crying ▓ (~), check-in
/// !, feed f, out of bed or unknown blank. Positions are wall-clock times at each event's
/// own offset, so a DST night lines up with the clock. Anything still open at `now`
/// (a stretch, a waking, a cry) is drawn up to `now`.
std::string night_timeline(const model::Night& night, const Style& style, model::Instant now);

/// The hour axis line that heads a chart ("18  19  20 …  08  sleep").
std::string chart_header();

/// One chart line: short date, the timeline and the night's total sleep as h:mm ("-"
/// when unknown), ending in "\n".
std::string chart_row(const model::Night& night, const model::NightMetrics& metrics,
                      const Style& style, model::Instant now);

/// The legend line that ends a chart.
std::string chart_legend(const Style& style);

} // namespace sleeplog::report
