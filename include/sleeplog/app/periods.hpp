// The periods a report page sets side by side (DESIGN §10): the part of a range that
// holds logged nights, and the two columns of its outcomes.
#pragma once

#include <sleeplog/app/nights.hpp>

#include <optional>
#include <utility>

namespace sleeplog::app {

/// The range less the days before the first logged night and after the last (no empty
/// rows); the range itself when no logged night falls in it.
NightRange logged_part(const NightSource& source, NightRange range);

/// The two columns of the outcomes, before and now: before the plan and on it (the plan's
/// first night splits the page's nights; a plan begun before them is set against as many
/// nights before it), or without a plan the period of the same length before the page's.
std::pair<NightRange, NightRange> comparison_columns(const NightRange& sheet,
                                                     std::optional<time::Date> plan_first);

} // namespace sleeplog::app
