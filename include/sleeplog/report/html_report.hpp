// `sleeplog report` as one self-contained HTML page and as Markdown (DESIGN §10): for a
// partner, a sleep consultant or a paediatrician. Pure: a PageInput in, text out.
#pragma once

#include <sleeplog/report/page.hpp>

#include <ostream>
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

/// The page after the last sheet row: the nights table, plan, outcomes, weeks, who
/// handled the wakings, notes (all from `page`; the pieces below stream the same bytes).
std::string html_report_tail(const PageInput& page);

// The tail in pieces, for a page written as the log is read: nights_head, one
// html_night_line per night, middle, one write_html_note per note, end.

/// Closes the sheet and opens the nights table.
std::string html_report_nights_head();

/// One line of the nights table.
std::string html_night_line(const PageInput& page, const NightLine& line);

/// Closes the nights table; the plan, outcomes, weeks and caregivers; opens the notes.
void write_html_report_middle(std::ostream& out, const PageInput& page, bool any_nights,
                              bool any_notes);

/// One note ("Fri 27 Nov 02:10 temp 38.4"), escaped a piece at a time.
void write_html_note(std::ostream& out, time::Date night, const model::Event& noted);

/// Closes the notes and the page.
std::string html_report_end(bool any_notes);

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

// The Markdown tail in pieces, as for HTML: nights_head, the nights table (measured over
// every line first: its columns are padded to the widest cell), middle, notes, end.

/// Closes the grid (with its key) and heads the nights table.
std::string md_report_nights_head();

/// The Markdown nights table, written a line at a time once every line was measured.
class MdNightsTable
{
public:
  explicit MdNightsTable(const PageInput& page);
  /// Widens the columns for one line (call for every line before head()).
  void measure(const NightLine& line);
  /// The header and the rule.
  std::string head() const;
  /// One line, padded.
  std::string line(const NightLine& line) const;

private:
  std::vector<std::string> cells(const NightLine& line) const;
  const PageInput& m_page;
  std::vector<std::size_t> m_widths;
};

/// After the nights table: plan, outcomes, weeks, caregivers, the notes' heading.
std::string md_report_middle(const PageInput& page);

/// One note as a list item, escaped a piece at a time.
void write_md_note(std::ostream& out, time::Date night, const model::Event& noted);

/// The end of the page.
std::string md_report_end(bool any_notes);

/// One sheet row as 96 quarter-hour cells from noon, with `chart`'s symbols: '#' asleep,
/// '.' in bed awake, '~' crying, '!' check-in, 'f' feed, 'n' nap, ' ' nothing logged.
std::string ascii_sheet_row(const SheetRow& row);

} // namespace sleeplog::report
