// Per-night metrics of DESIGN §5.1 (Consensus Sleep Diary): each one empty when its inputs
// are missing, never guessed.
#pragma once

#include <sleeplog/model/night.hpp>
#include <sleeplog/model/sleep_blocks.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sleeplog::model {

/// An instant together with the UTC offset it was logged at, for local display.
struct LocalInstant
{
  Instant at = 0;
  int offset_s = 0;
};

/// A sleep stretch: from falling asleep to the next `woke` or `up`.
struct SleepStretch
{
  Instant start = 0;
  Instant end = 0;
};

/// Every per-night number of DESIGN §5.1. Minutes are whole or fractional minutes of
/// absolute time.
struct NightMetrics
{
  std::optional<LocalInstant> bedtime;
  std::optional<LocalInstant> asleep;
  std::optional<double> sol_min;
  std::optional<int> wakings;
  std::optional<double> waso_min;
  std::optional<LocalInstant> final_wake;
  std::optional<LocalInstant> up;
  std::optional<double> twak_min;
  std::optional<double> tib_min;
  std::optional<double> tst_min;
  std::optional<double> se_pct; // one decimal
  std::optional<double> longest_stretch_min;
  double cry_min = 0;
  int cry_episodes = 0;
  int checkins = 0;
  double checkin_min = 0;
  int feeds = 0;
  std::optional<int> naps;       // empty when the day's naps are unknown
  std::optional<double> nap_min; // naps and sleep outside the main sleep of that day
  std::optional<double> sleep_24h_min;
  bool complete = false;
  std::optional<bool> concern;
  std::vector<std::string> concern_reasons; // "wakings>3", "waso>60", "sleep_24h<540"
  std::vector<SleepStretch> stretches;      // of the main sleep: for timelines and the SRI
  // Added with plans (DESIGN §5.1, §8, §9): the last columns of the nights export.
  std::vector<std::string> tags;      // the night's context tags
  std::vector<std::string> tag_notes; // "sick: temp 38.4" for each tag with a note
  int self_settled = 0;               // crying episodes that ended with no check-in or feed
  std::optional<double> response_min;
  std::string plan; // the method of the plan the night is in, or empty
  std::optional<int> plan_night;
  std::optional<double> adherence_pct;
  // Crying and check-ins around the naps of the night's day (DESIGN §4.4, §5.1).
  double nap_cry_min = 0;
  int nap_checkins = 0;
};

/// The concern reasons joined as CSV and JSON print them: "wakings>3;waso>60".
std::string concern_reasons_cell(const NightMetrics& m);

/// The concern reasons in the night's own numbers, for people: "4 wakings, 85 min awake";
/// empty when there is no concern.
std::string concern_text(const NightMetrics& m);

/// Computes the metrics of one night: they describe its main sleep (DESIGN §4.2). The plan
/// columns stay empty: see plan_night.hpp.
NightMetrics compute_metrics(const Night& night);

/// Fills self_settled and response_min from the crying, check-ins and feeds of the
/// night's own part (from its put-down to its `up`).
void add_crying_response(const Night& night, const NightBounds& bounds, NightMetrics& metrics);

} // namespace sleeplog::model
