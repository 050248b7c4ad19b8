// `sleeplog report` as one self-contained HTML page and as Markdown (DESIGN §10): for a
// partner, a sleep consultant or a paediatrician. Pure: a PageInput in, text out.
#pragma once

#include <sleeplog/report/page.hpp>

#include <string>

namespace sleeplog::report {

/// One outcome row of the page: the trials' measures, before and now.
struct Outcome
{
  std::string_view key;   // the summary JSON key ("sol_min"), or "self_settled"
  std::string_view label; // "Settling time"
  model::Better better;
  std::optional<double> before;
  std::optional<double> now;
};

/// The outcome rows in page order: settling, wakings, time awake, night sleep, 24-h
/// sleep, early waking, crying, night feeds and self-settled as a share of crying
/// episodes. Check-ins belong to the plan section, never to better or worse.
std::vector<Outcome> outcomes(const PageInput& page);

/// The one unit of an outcome row: "min", "h:mm", "a night" or "%" (durations from an
/// hour in either column print both as h:mm).
std::string outcome_unit(const Outcome& outcome);

/// A value of an outcome row in its row's unit, without the unit; "–" when unknown.
std::string outcome_value(const Outcome& outcome, std::optional<double> value);

/// True when both columns hold at least 3 nights: only then an arrow and better/worse.
bool comparable(const PageInput& page);

/// The outcome columns' titles: "Before the plan", "On the plan" (or "Before", "Now").
std::pair<std::string, std::string> column_titles(const PageInput& page);

/// "02:10 25m Dad check-in".
std::string waking_text(const WakingLine& waking);

/// "13:05", with " (below 12–16 h)" or " (above …)" against the age's AASM range.
std::string sleep_24h_text(const PageInput& page, std::optional<double> minutes);

/// The caregivers side by side: one row per measure (label, then one cell per caregiver
/// in page.caregivers order).
std::vector<std::vector<std::string>> caregiver_rows(const PageInput& page);

/// What "tough" means on the page (the BISQ cut-offs).
inline constexpr std::string_view tough_meaning =
  "\"tough\" marks a night past a BISQ screening cut-off (Sadeh 2004): more than 3 wakings, "
  "more than 1 hour awake at night, or less than 9 hours of sleep in 24 h.";

/// The sentence on sleep in 24 h against the AASM 2016 range for the child's age (or
/// why there is none).
std::string aasm_note(const PageInput& page);

/// The page as HTML5 that is also well-formed XML: inline CSS and SVG, no script, no
/// external reference, A4 print rules.
std::string html_report(const PageInput& page);

/// The page up to the sleep sheet's first row (the head, plan, outcomes, sheet header).
std::string html_report_head(const PageInput& page);

/// One row of the sleep sheet: the night, its SVG (with a text description as its
/// title), its sleep and tags.
std::string html_sheet_row(const SheetRow& row);

/// The page after the last sheet row: weeks, who handled the wakings, notes.
std::string html_report_tail(const PageInput& page);

/// Text from the log made inert in Markdown: `[ ] ( ) ! < > # | * _ ` \` escaped, a
/// leading list marker escaped, controls and bidi overrides shown as escapes.
std::string md_escape(std::string_view text);

/// The same content as Markdown, with the sleep sheet as an ASCII grid of quarter hours.
std::string md_report(const PageInput& page);

/// The Markdown page up to the first sheet row.
std::string md_report_head(const PageInput& page);

/// One sheet row as a line of the ASCII grid.
std::string md_sheet_row(const SheetRow& row);

/// The Markdown page after the last sheet row.
std::string md_report_tail(const PageInput& page);

/// One sheet row as 96 quarter-hour cells from noon, with `chart`'s symbols: '#' asleep,
/// '.' in bed awake, '~' crying, '!' check-in, 'f' feed, 'n' nap, ' ' nothing logged.
std::string ascii_sheet_row(const SheetRow& row);

} // namespace sleeplog::report
