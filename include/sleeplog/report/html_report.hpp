// `sleeplog report` as one self-contained HTML page and as Markdown (SPEC §10): for a
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
/// sleep, crying, check-ins and (when known) self-settled episodes.
std::vector<Outcome> outcomes(const PageInput& page);

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

/// The same content as Markdown, with the sleep sheet as an ASCII grid of half hours.
std::string md_report(const PageInput& page);

/// The Markdown page up to the first sheet row.
std::string md_report_head(const PageInput& page);

/// One sheet row as a line of the ASCII grid.
std::string md_sheet_row(const SheetRow& row);

/// The Markdown page after the last sheet row.
std::string md_report_tail(const PageInput& page);

/// One sheet row as 48 half-hour cells from noon: '#' asleep, 'n' nap, '-' in bed
/// awake, 'C' crying, '!' check-in, 'f' feed, '.' nothing logged.
std::string ascii_sheet_row(const SheetRow& row);

} // namespace sleeplog::report
