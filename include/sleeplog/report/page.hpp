// The data of `sleeplog report` (DESIGN §10): a plain struct the CLI fills and the HTML and
// Markdown renderers read, and the pure pieces that build it: the noon-to-noon sleep
// sheet, the age and its AASM range, the weeks and who handled the wakings.
#pragma once

#include <sleeplog/model/period.hpp>
#include <sleeplog/model/plan_night.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sleeplog::report {

/// What a stretch of a sheet row shows, in drawing order (later kinds on top).
enum class Mark { in_bed, nap, asleep, crying, feed, checkin };

/// One drawn stretch of a sheet row, in minutes since the row's noon [from, to).
struct SheetMark
{
  Mark kind = Mark::asleep;
  int from = 0;
  int to = 0;
};

/// One row of the sleep sheet: noon of `date` to noon of the day after, local time.
struct SheetRow
{
  time::Date date;
  std::vector<SheetMark> marks;
  std::vector<std::string> tags;
  std::optional<double> tst_min;
  std::optional<double> sleep_24h_min;
  bool tough = false;
};

/// The plan section, when a plan covers the period (filled once plans exist).
struct PagePlan
{
  std::string method;             // "ferber"
  time::Date first;               // plan night 1
  std::optional<time::Date> last; // the night it stopped, if it did
  int checkins = 0;
  std::optional<double> on_time_pct;
  std::optional<double> adherence_pct;
};

/// One waking of a night in numbers: "02:10 25m Dad check-in".
struct WakingLine
{
  std::string at;     // "02:10"
  double minutes = 0; // from waking to asleep again
  std::string by;     // who responded (or logged the waking); "" when not given
  std::string how;    // "check-in", "feed" or "self-settled"
};

/// One night of the nights table under the sleep sheet.
struct NightLine
{
  time::Date date;
  std::vector<std::string> tags; // "sick: temp 38.4" (a tag with its note)
  std::string put_down;          // "19:05", "" when not logged
  std::string asleep;
  std::optional<double> sol_min;
  std::vector<WakingLine> wakings;
  std::string up;
  std::optional<int> naps;
  std::optional<double> nap_min;
  std::optional<double> sleep_24h_min;
  std::optional<int> plan_night;
  std::optional<double> adherence_pct;
  std::string tough; // "4 wakings, 85 min awake" (BISQ), "" when not tough
};

/// Who handled the wakings, over the nights the outcomes count: one caregiver.
struct Caregiver
{
  std::string name;              // "" when not given
  int wakings = 0;               // real wakings (not the morning's) this caregiver handled
  std::vector<double> responses; // minutes from the start of crying to this one's response
  int checkins = 0;
  double checkin_min = 0;
  int plan_checkins = 0; // check-ins on plan nights, and those on time
  int on_time = 0;
  int feeds = 0;
};

/// Counts over one comparison column that PeriodStats does not hold.
struct ColumnCounts
{
  int nights = 0; // nights with events
  int feeds = 0;
  int cry_episodes = 0;
  int self_settled = 0;
};

/// One week of the period, for the line charts.
/// The means of a week that the page charts (a long history has thousands of weeks:
/// only these, not a whole PeriodStats each).
struct WeekNumbers
{
  int nights = 0;
  int complete_nights = 0;
  std::optional<double> sol_min;
  std::optional<double> wakings;
  std::optional<double> waso_min;
  std::optional<double> tst_min;
  std::optional<double> cry_min;
};

struct PageWeek
{
  time::Date start;
  WeekNumbers stats;
};

/// Everything the report page shows.
struct PageInput
{
  std::string child;
  std::optional<time::Date> born;
  time::Date today;
  time::Date first; // the period
  time::Date last;
  int logged = 0;           // nights of the period with something logged
  bool before_plan = false; // the columns are before the plan and on it
  time::Date before_first;  // the "before" column: before the plan, or the period before
  time::Date before_last;
  time::Date now_first; // the "now" column
  time::Date now_last;
  model::PeriodStats before;
  model::PeriodStats now;
  ColumnCounts before_counts;
  ColumnCounts now_counts;
  std::optional<PagePlan> plan;
  std::vector<NightLine> nights; // the nights table, date order
  std::vector<SheetRow> rows;    // empty when the rows are streamed (see PageBuilder)
  std::vector<PageWeek> weeks;
  std::vector<std::pair<time::Date, std::string>> notes; // night, "02:10 temp 38.4"
  std::vector<Caregiver> caregivers;                     // by name
  std::string message;                                   // the progress sentence
};

/// Whole months from `born` to `today` (nullopt when born is after today).
std::optional<int> age_months(time::Date born, time::Date today);

/// "9 months", "1 year 4 months", "3 years".
std::string age_text(int months);

/// The AASM 2016 recommended sleep in 24 h for an age, in hours: {12, 16} for 4-12
/// months, {11, 14} for 1-2 years, {10, 13} for 3-5 years; nullopt outside those ages.
std::optional<std::pair<int, int>> aasm_range(int months);

/// The real wakings of a night's main sleep (the gaps between its sleep stretches), each
/// with who responded and how.
std::vector<WakingLine> night_wakings(const model::Night& night, const model::NightMetrics& m);

/// One night of the nights table; `plan` is the night against its plan, if any.
NightLine night_line(const model::Night& night, const model::NightMetrics& metrics,
                     const model::PlanNight* plan);

/// Calls fn(event) for each event or nap of the night with a note, in the order of
/// night_notes (start order, naps first on a tie): the notes without copying them.
template <typename Fn>
void for_each_noted(const model::Night& night, Fn&& fn)
{
  std::vector<const model::Event*> noted;
  for (const auto* list : {&night.naps, &night.events}) {
    for (const auto& e : *list) {
      if (!e.note.empty()) {
        noted.push_back(&e);
      }
    }
  }
  std::stable_sort(noted.begin(), noted.end(),
                   [](const auto* a, const auto* b) { return a->start < b->start; });
  for (const auto* e : noted) {
    fn(*e);
  }
}

/// A caregiver's median response to crying, in minutes (nullopt with none).
std::optional<double> median_response(const Caregiver& who);

/// Builds the sheet rows, the weeks, the caregivers and the notes from nights streamed in
/// date order. A stretch goes in the row of the noon-to-noon day it falls in, so a morning
/// nap shows beside the night before it, as on a paper sheet. Rows are handed to the sink
/// as soon as no later night can mark them, so memory does not grow with the period;
/// without a sink they are kept for finish().
class PageBuilder
{
public:
  using RowSink = std::function<void(SheetRow&&)>;

  /// Rows for every night from `first` to `last`; weeks start on Monday, or Sunday.
  PageBuilder(time::Date first, time::Date last, bool sunday_weeks,
              std::optional<double> target_bedtime, RowSink sink = nullptr);

  /// Gathers only the weeks, caregivers and notes: no rows are drawn (a first pass
  /// over the period, before the rows are streamed).
  void numbers_only() { m_draw = false; }

  /// Adds one night of the period (date order); `plan` is the night against its plan.
  void add(const model::Night& night, const model::NightMetrics& metrics,
           const model::PlanNight* plan = nullptr);

  /// Also keeps the nights table (one line per night of the period with events) and the
  /// notes for finish(); without it neither is kept (a caller streams them itself).
  void keep_lines() { m_lines_wanted = true; }

  /// Hands over the last rows; fills the page's rows (when kept), weeks, caregivers and
  /// notes.
  void finish(PageInput& page);

private:
  // Adds a mark over [local_from, local_to), local seconds, split at each noon.
  void mark(Mark kind, std::int64_t local_from, std::int64_t local_to);
  // The row of day `index` of the period (created as needed), or null once handed over.
  SheetRow* row_at(std::int64_t index);
  // Counts a night into the weeks and the caregivers.
  void count(const model::Night& night, const model::NightMetrics& metrics, bool in_period,
             const model::PlanNight* plan);
  // Hands over every row before day `index`.
  void flush_before(std::int64_t index);

  time::Date m_first;
  std::int64_t m_count = 0;
  bool m_sunday;
  std::optional<double> m_target;
  RowSink m_sink;
  bool m_draw = true;
  std::deque<SheetRow> m_open;   // rows from day m_open_first on
  std::int64_t m_open_first = 0; // day index of m_open.front()
  std::vector<SheetRow> m_kept;  // rows handed over when there is no sink
  std::vector<PageWeek> m_weeks;
  struct WeekSums // sums and counts of the charted numbers of the week being filled
  {
    time::Date start;
    std::pair<double, int> sol, wakings, waso, tst, cry;
  };
  WeekSums m_week_sums;
  std::map<std::string, Caregiver> m_caregivers;
  bool m_lines_wanted = false;
  std::vector<NightLine> m_lines;
  std::vector<std::pair<time::Date, std::string>> m_notes;
};

} // namespace sleeplog::report
