// SVG pieces of the report page: the colour-blind-safe palette (Okabe & Ito 2008), one
// row of the sleep sheet and a week-by-week line chart. Pure functions returning text.
#pragma once

#include <sleeplog/report/page.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::report {

/// Text made safe inside XML and HTML (& < > " ' escaped; control characters dropped).
std::string xml_escape(std::string_view text);

/// The name of a sheet mark as used in CSS classes and legends ("checkin").
std::string_view mark_name(Mark kind);

/// What a parent calls a sheet mark ("check-in").
std::string_view mark_label(Mark kind);

/// The mark's Okabe–Ito colour, "#0072B2"; the only place colours are named.
std::string_view mark_colour(Mark kind);

/// One sheet row as an inline SVG 1440 units wide (one per minute from noon), each mark
/// a <rect> at its minute; `description` (what the row shows, in words) is its <title>.
std::string sheet_row_svg(const SheetRow& row, std::string_view description);

/// A line chart of one value per week (gaps left open), with its axis, as an inline SVG;
/// `format` turns a value into its label.
std::string line_chart_svg(std::string_view title, const std::vector<std::optional<double>>& values,
                           const std::vector<std::string>& week_labels,
                           std::string (*format)(std::optional<double>));

} // namespace sleeplog::report
