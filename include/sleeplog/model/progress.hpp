// The progress sentence that ends summary and trend: computed from the numbers, naming
// real improvements and the tough nights of the latest week without alarm.
#pragma once

#include <sleeplog/model/period.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::model {

/// A night of the latest period that went badly, for the sentence.
struct ToughNight
{
  time::Date date;
  std::string why; // "4 wakings", "55 min crying"
};

/// Finds the tough nights among (night, metrics) of the latest period: nights past a
/// BISQ cut-off (more than 3 wakings, over 60 min awake, under 9 h of sleep in 24 h), the
/// one meaning of "tough" in every command. `period` is kept for the callers.
std::vector<ToughNight> tough_nights(const std::vector<std::pair<Night, NightMetrics>>& nights,
                                     const PeriodStats& period);

/// The sentence comparing `now` with `before` (baseline or previous period): the largest
/// real improvements, what got worse if anything, and the tough nights. Never claims a
/// change that the numbers do not show; says plainly when there is too little data.
/// `reference` names `before` in the sentence ("the baseline", "the period before").
std::string progress_sentence(const PeriodStats& before, const PeriodStats& now,
                              const std::vector<ToughNight>& tough,
                              std::string_view reference = "the period before");

} // namespace sleeplog::model
