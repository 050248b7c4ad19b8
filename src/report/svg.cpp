// Inline SVG for the report page: no script, no external reference, colours named once.
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/svg.hpp>
#include <sleeplog/report/terminal.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace sleeplog::report {

std::string xml_escape(std::string_view raw)
{
  // Controls, bidi overrides and bytes that are not UTF-8 become visible escapes first
  // (`\u202e`), as on a terminal: a name cannot reverse the text around it.
  // Most text needs nothing: printable ASCII, tab and newline, none of & < > " '.
  const auto as_is = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return ((byte >= 0x20 && byte < 0x7f) || c == '\t' || c == '\n') && c != '&' && c != '<' &&
           c != '>' && c != '"' && c != '\'';
  };
  if (std::all_of(raw.begin(), raw.end(), as_is)) {
    return std::string(raw);
  }
  const std::string text = escape_controls(raw, Layout::keep);
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    if (as_is(c)) {
      out.push_back(c); // the common case first
      continue;
    }
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default:
      // XML 1.0 allows no control characters but tab and newline.
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') {
        out += c;
      } else {
        out += ' ';
      }
    }
  }
  return out;
}

std::string_view mark_name(Mark kind)
{
  switch (kind) {
  case Mark::in_bed: return "inbed";
  case Mark::nap: return "nap";
  case Mark::asleep: return "asleep";
  case Mark::crying: return "crying";
  case Mark::feed: return "feed";
  case Mark::checkin: return "checkin";
  }
  return "";
}

std::string_view mark_label(Mark kind)
{
  switch (kind) {
  case Mark::in_bed: return "in bed, awake";
  case Mark::nap: return "nap";
  case Mark::asleep: return "asleep";
  case Mark::crying: return "crying";
  case Mark::feed: return "feed";
  case Mark::checkin: return "check-in";
  }
  return "";
}

std::string_view mark_colour(Mark kind)
{
  // Okabe–Ito: reddish purple, blue, vermillion (hatched), bluish green, black; every
  // fill at least 3:1 against the white page.
  switch (kind) {
  case Mark::in_bed: return "#FFFFFF"; // drawn as an outline: white fill, black edge
  case Mark::nap: return "#CC79A7";    // reddish purple: 3:1 against white
  case Mark::asleep: return "#0072B2";
  case Mark::crying: return "#D55E00";
  case Mark::feed: return "#009E73";
  case Mark::checkin: return "#000000";
  }
  return "#000000";
}

std::string sheet_row_svg(const SheetRow& row, std::string_view description)
{
  std::string out;
  out.reserve(description.size() + 256 + row.marks.size() * 64);
  // Compiled formats: a long history draws a row per night and a rect per mark.
  fmt::format_to(std::back_inserter(out),
                 FMT_COMPILE("<svg class=\"row\" viewBox=\"0 0 1440 30\" "
                             "preserveAspectRatio=\"none\" role=\"img\"><title>{}: {}</title>"),
                 time::format_date(row.date), xml_escape(description));
  // The hour lines, the same on every row, are drawn once in the page's hidden defs
  // (page_defs, html_report.cpp) and used here: drawn in every row they were 40% of a long
  // history's page.
  out += "<use href=\"#hours\"/>";
  for (const SheetMark& m : row.marks) {
    // Short events (a 2-minute check-in) still need to be seen: at least 6 minutes wide.
    const int width = std::max(m.to - m.from, 6);
    // Check-ins are ticks above the bar; in bed and naps are the thinner bands.
    int y = 9;
    int height = 20;
    if (m.kind == Mark::checkin) {
      y = 0;
      height = 8;
    } else if (m.kind == Mark::in_bed || m.kind == Mark::nap) {
      y = 13;
      height = 12;
    }
    fmt::format_to(std::back_inserter(out),
                   FMT_COMPILE("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"),
                   mark_name(m.kind), m.from, y, width, height);
  }
  out += "</svg>";
  return out;
}

std::string line_chart_svg(std::string_view title, const std::vector<std::optional<double>>& values,
                           const std::vector<std::string>& week_labels,
                           std::string (*format)(std::optional<double>))
{
  constexpr double width = 320, height = 140, left = 44, right = 10, top = 22, bottom = 24;
  double low = 0, high = 0;
  bool any = false;
  for (const auto& v : values) {
    if (v) {
      low = any ? std::min(low, *v) : *v;
      high = any ? std::max(high, *v) : *v;
      any = true;
    }
  }
  low = std::min(low, 0.0);
  if (high <= low) {
    high = low + 1;
  }
  const double step =
    values.size() > 1 ? (width - left - right) / static_cast<double>(values.size() - 1) : 0;
  const auto x_of = [&](std::size_t i) {
    return values.size() > 1 ? left + step * static_cast<double>(i) : (width + left - right) / 2;
  };
  const auto y_of = [&](double v) {
    return top + (height - top - bottom) * (high - v) / (high - low);
  };
  // A chart of a long history has a dot per week: compiled formats, written in place.
  std::string out;
  out.reserve(values.size() * 64 + 1024);
  const auto put = [&out](const auto& pattern, const auto&... args) {
    fmt::format_to(std::back_inserter(out), pattern, args...);
  };
  put(FMT_COMPILE("<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
                  "aria-label=\"{}, week by week\">"),
      width, height, xml_escape(title));
  put(FMT_COMPILE("<text class=\"title\" x=\"4\" y=\"14\">{}</text>"), xml_escape(title));
  put(FMT_COMPILE("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>"), left,
      height - bottom, width - right);
  put(FMT_COMPILE("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"), left - 4,
      top + 4, xml_escape(format(high)));
  put(FMT_COMPILE("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"), left - 4,
      height - bottom, xml_escape(format(low)));
  std::string points;
  points.reserve(values.size() * 16);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      if (!points.empty()) {
        put(FMT_COMPILE("<polyline class=\"line\" points=\"{}\"/>"), points);
        points.clear();
      }
      continue;
    }
    fmt::format_to(std::back_inserter(points), FMT_COMPILE("{}{:.1f},{:.1f}"),
                   points.empty() ? "" : " ", x_of(i), y_of(*values[i]));
    put(FMT_COMPILE("<circle class=\"dot\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"/>"), x_of(i),
        y_of(*values[i]));
  }
  if (!points.empty()) {
    put(FMT_COMPILE("<polyline class=\"line\" points=\"{}\"/>"), points);
  }
  if (!week_labels.empty()) {
    put(FMT_COMPILE("<text class=\"tick\" x=\"{}\" y=\"{}\">{}</text>"), left, height - 6,
        xml_escape(week_labels.front()));
    put(FMT_COMPILE("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"),
        width - right, height - 6, xml_escape(week_labels.back()));
  }
  out += "</svg>";
  return out;
}

} // namespace sleeplog::report
