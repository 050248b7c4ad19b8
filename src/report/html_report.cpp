// The report page in HTML: one file a parent can send, print or open on a phone.
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/svg.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/time/parse.hpp>
#include <sleeplog/util/shell_word.hpp>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <iterator>
#include <sstream>

namespace sleeplog::report {

namespace {

constexpr std::array<Mark, 6> all_marks{Mark::in_bed, Mark::nap,  Mark::asleep,
                                        Mark::crying, Mark::feed, Mark::checkin};

std::string clock_of(int minute_from_noon)
{
  const int m = (720 + minute_from_noon) % 1440;
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string css()
{
  std::string out = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:0.8rem;color:#111;line-height:1.4;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:0.2rem 0}h2{font-size:1.15rem;margin:1.2rem 0 0.4rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:0.9rem}th,td{padding:0.2rem 0.35rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
caption{text-align:left;font-weight:bold;padding:0.2rem 0}
td.n,th.n{text-align:right}tr+tr{border-top:1px solid #ddd}
.better{font-weight:bold}.worse{font-style:italic}
table.sheet{table-layout:fixed}.sheet th{white-space:nowrap;font-weight:normal;width:6.5rem}
.sheet td.bar{padding:0.1rem 0}.sheet td.side{font-size:0.8rem;width:7rem}
td.t,table.nights th{white-space:nowrap}
.bar{overflow:hidden}
svg.row{display:block;width:100%;height:1.5rem;background:#fff;border:1px solid #bbb}
.hours{display:flex;justify-content:space-between;font-size:0.75rem;color:#222}.hours.phone{display:none}
.legend span{display:inline-block;margin-right:0.8rem;white-space:nowrap}
.legend svg{width:1rem;height:1rem;vertical-align:middle;margin-right:0.2rem}
.charts{display:flex;flex-wrap:wrap;gap:0.5rem}svg.chart{width:100%;max-width:20rem;height:auto}
svg.chart .line{fill:none;stroke:#0072B2;stroke-width:2}svg.chart .dot{fill:#0072B2}
svg.chart .axis{stroke:#555}svg.chart text{font-size:12px;fill:#222}svg.chart .title{font-size:13px;font-weight:bold}
.tag{display:inline-block;border:1px solid #555;border-radius:0.3rem;padding:0 0.25rem;margin-right:0.2rem;font-size:0.75rem}
.note{color:#333}.phone-note{display:none;font-size:0.85rem}
table.nights{font-size:0.8rem}table.nights td{padding:0.1rem 0.3rem}.w{display:block;white-space:nowrap}
rect.inbed,i.inbed{fill:#fff;stroke:#000;stroke-width:1.5;vector-effect:non-scaling-stroke}
@media (max-width:600px){
body{padding:0.4rem}
table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block;width:auto}
table.stack tr.head{display:none}table.stack caption{display:block}table.stack tr{border:1px solid #999;margin:0 0 0.4rem;padding:0.2rem}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
table.nights td::before{font-weight:bold}table.nights td:nth-of-type(1)::before{content:"tags: "}
table.nights td:nth-of-type(2)::before{content:"put down: "}table.nights td:nth-of-type(3)::before{content:"asleep (settling): "}
table.nights td:nth-of-type(4)::before{content:"wakings: "}table.nights td:nth-of-type(5)::before{content:"up: "}
table.nights td:nth-of-type(6)::before{content:"naps: "}table.nights td:nth-of-type(7)::before{content:"sleep in 24 h: "}
table.nights td:nth-of-type(8)::before{content:"plan night: "}
table.stack td.n{text-align:left}.w{white-space:normal}
.sheet th{width:auto;font-size:0.8rem}.sheet tr{display:grid;grid-template-columns:5.2rem minmax(0,1fr)}
.sheet td.side{grid-column:1/3;width:auto}
svg.row{width:171.43%;margin-left:-42.86%;height:2rem}
.hours.desk{display:none}.hours.phone{display:flex}.phone-note{display:block}}
@media print{@page{size:A4;margin:10mm}body{max-width:none;padding:0;font-size:9pt}
h2{font-size:11pt;margin:0.4rem 0 0.2rem}.hours,.sheet td.side,.tag,table.nights{font-size:8pt}
svg.row{height:0.75rem}.sheet td,.sheet th{padding:0 0.2rem}table.nights td,table.nights th{padding:0 0.15rem}
body{line-height:1.15}p{margin:0.15rem 0}h1{font-size:13pt}tr+tr{border-top:1px solid #bbb}table.nights td.tg{min-width:7rem}
section.weeks{break-before:page}tr{break-inside:avoid}svg.chart{max-width:32%}svg.chart text{font-size:12px}
*{overflow:visible!important}.bar{overflow:hidden!important}}
)";
  // Each filled mark's colour, named once in svg.cpp (the in-bed mark is an outline).
  for (const Mark kind : all_marks) {
    if (kind == Mark::in_bed) {
      continue;
    }
    out += fmt::format("rect.{0},i.{0}{{fill:{1}}}\n", mark_name(kind),
                       kind == Mark::crying ? std::string("url(#hatch)")
                                            : std::string(mark_colour(kind)));
  }
  return out;
}

std::string date_range(time::Date first, time::Date last)
{
  return fmt::format("{} – {}", time::format_date_short(first), time::format_date_short(last));
}

std::string nights_text(int n)
{
  return fmt::format("{} night{}", n, n == 1 ? "" : "s");
}

// "2h05m" or "25m": a waking's length.
std::string waking_length(double minutes)
{
  const auto total = static_cast<long>(std::lround(minutes));
  return total >= 60 ? fmt::format("{}h{:02}m", total / 60, total % 60) : fmt::format("{}m", total);
}

// clock_of(from) + "–" + clock_of(to % 1440), appended to `out` without a string of its own.
void append_clock_range(std::string& out, int from, int to)
{
  const auto append_clock = [&out](int minute_from_noon) {
    const int m = (720 + minute_from_noon) % 1440;
    if (m < 0) {
      out += clock_of(minute_from_noon);
      return;
    }
    const std::array<char, 5> digits{
      static_cast<char>('0' + m / 600), static_cast<char>('0' + m / 60 % 10), ':',
      static_cast<char>('0' + m % 60 / 10), static_cast<char>('0' + m % 10)};
    out.append(digits.data(), digits.size());
  };
  append_clock(from);
  out += "–";
  append_clock(to % 1440);
}

// What a row shows, in words: when in bed, each stretch of sleep, each cry, check-in,
// feed and nap, so a screen reader and a printout without colour say what the bar says.
std::string row_description(const SheetRow& row)
{
  std::string text;
  for (const Mark kind : all_marks) {
    bool first = true;
    for (const SheetMark& m : row.marks) {
      if (m.kind != kind) {
        continue;
      }
      if (first) {
        text += text.empty() ? "" : "; ";
        text += kind == Mark::in_bed ? "in bed" : mark_label(kind);
        text += ' ';
        first = false;
      } else {
        text += ", ";
      }
      append_clock_range(text, m.from, m.to);
    }
  }
  return text.empty() ? "nothing logged" : text;
}

} // namespace

std::string aasm_note(const PageInput& page)
{
  if (!page.born) {
    return fmt::format("Add a birth date (sleeplog child edit {} --born YYYY-MM-DD) to compare "
                       "sleep in 24 h with the recommended range for the age.",
                       shell_word(page.child));
  }
  const auto months = age_months(*page.born, page.today);
  const auto range = months ? aasm_range(*months) : std::nullopt;
  if (!range) {
    return "The AASM 2016 recommendation covers ages 4 months to 5 years; this age is outside it.";
  }
  std::string text = fmt::format("Recommended for {} (AASM 2016): {}–{} h of sleep in 24 h.",
                                 age_text(*months), range->first, range->second);
  if (page.now.sleep_24h_min) {
    const double hours = *page.now.sleep_24h_min / 60.0;
    text += hours < range->first    ? " The latest average is below that range."
            : hours > range->second ? " The latest average is above that range."
                                    : " The latest average is within it.";
  }
  return text;
}

std::vector<Outcome> outcomes(const PageInput& page)
{
  using B = model::Better;
  const auto per_night = [](const ColumnCounts& c) {
    return c.nights > 0 ? std::optional<double>(static_cast<double>(c.feeds) / c.nights)
                        : std::nullopt;
  };
  const auto settled_share = [](const ColumnCounts& c) {
    return c.cry_episodes > 0 ? std::optional<double>(100.0 * c.self_settled / c.cry_episodes)
                              : std::nullopt;
  };
  return {
    {"sol_min", "Settling time", B::lower, page.before.sol_min, page.now.sol_min},
    {"wakings", "Night wakings", B::lower, page.before.wakings, page.now.wakings},
    {"waso_min", "Time awake at night", B::lower, page.before.waso_min, page.now.waso_min},
    {"tst_min", "Night sleep", B::higher, page.before.tst_min, page.now.tst_min},
    {"sleep_24h_min", "Sleep in 24 h", B::neither, page.before.sleep_24h_min,
     page.now.sleep_24h_min},
    {"twak_min", "Early waking (awake before up)", B::lower, page.before.twak_min,
     page.now.twak_min},
    {"cry_min", "Crying", B::lower, page.before.cry_min, page.now.cry_min},
    {"feeds", "Night feeds", B::neither, per_night(page.before_counts), per_night(page.now_counts)},
    {"self_settled_pct", "Crying episodes settled alone", B::higher,
     settled_share(page.before_counts), settled_share(page.now_counts)},
  };
}

std::string outcome_unit(const Outcome& o)
{
  if (o.key.ends_with("_pct")) {
    return "%";
  }
  if (!o.key.ends_with("_min")) {
    return "a night";
  }
  return o.before.value_or(0) >= 59.95 || o.now.value_or(0) >= 59.95 ? "h:mm" : "min";
}

std::string outcome_value(const Outcome& o, std::optional<double> value)
{
  if (!value) {
    return "–";
  }
  const std::string unit = outcome_unit(o);
  if (unit == "h:mm") {
    const auto total = static_cast<long>(std::lround(*value));
    return fmt::format("{}:{:02}", total / 60, total % 60);
  }
  if (unit == "%") {
    return format_number(std::round(*value));
  }
  return format_mean(value);
}

bool comparable(const PageInput& page)
{
  return page.before.nights >= 3 && page.now.nights >= 3;
}

std::pair<std::string, std::string> column_titles(const PageInput& page)
{
  return page.before_plan ? std::pair<std::string, std::string>{"Before the plan", "On the plan"}
                          : std::pair<std::string, std::string>{"Before", "Now"};
}

std::string waking_text(const WakingLine& w)
{
  std::string text = w.at + " " + waking_length(w.minutes);
  if (!w.by.empty()) {
    text += " " + w.by;
  }
  return text + " " + w.how;
}

std::string sleep_24h_text(const PageInput& page, std::optional<double> minutes)
{
  if (!minutes) {
    return "–";
  }
  std::string text = format_minutes(minutes, false);
  const auto months = page.born ? age_months(*page.born, page.today) : std::nullopt;
  if (const auto range = months ? aasm_range(*months) : std::nullopt) {
    const double hours = *minutes / 60.0;
    if (hours < range->first || hours > range->second) {
      text += fmt::format(" ({} {}–{} h)", hours < range->first ? "below" : "above", range->first,
                          range->second);
    }
  }
  return text;
}

std::vector<std::vector<std::string>> caregiver_rows(const PageInput& page)
{
  std::vector<std::vector<std::string>> rows{{"wakings handled"},
                                             {"median response to crying, min"},
                                             {"check-ins on time (plan nights)"},
                                             {"mean check-in length, min"},
                                             {"night feeds"}};
  for (const Caregiver& c : page.caregivers) {
    rows[0].push_back(std::to_string(c.wakings));
    const auto median = median_response(c);
    rows[1].push_back(median ? format_mean(median) : "–");
    rows[2].push_back(c.plan_checkins > 0 ? fmt::format("{} of {}", c.on_time, c.plan_checkins)
                                          : "–");
    rows[3].push_back(c.checkins > 0 ? format_mean(c.checkin_min / c.checkins) : "–");
    rows[4].push_back(std::to_string(c.feeds));
  }
  return rows;
}

namespace {

// A hidden SVG holding what every sheet row uses: the crying hatch (the legend's too), so
// that crying stays visible in grey and on a black-and-white printout, and the hour lines
// every 2 hours of the row's 1440 minutes.
std::string page_defs()
{
  std::string out =
    "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>"
    "<pattern id=\"hatch\" width=\"12\" height=\"12\" patternUnits=\"userSpaceOnUse\" "
    "patternTransform=\"rotate(45)\"><rect width=\"12\" height=\"12\" fill=\"#D55E00\"/>"
    "<rect width=\"5\" height=\"12\" fill=\"#ffffff\"/></pattern><g id=\"hours\" "
    "fill=\"#cccccc\">";
  for (int x = 120; x < 1440; x += 120) {
    fmt::format_to(std::back_inserter(out), "<rect x=\"{}\" y=\"0\" width=\"1\" height=\"30\"/>",
                   x);
  }
  return out + "</g></defs></svg>\n";
}

std::string legend_swatch(Mark kind)
{
  return fmt::format("<svg viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"{}\" "
                     "x=\"1\" y=\"1\" width=\"10\" height=\"10\"/></svg>",
                     mark_name(kind));
}

std::string cell(std::string_view label, std::string_view body, std::string_view cls = "")
{
  // Compiled formats here and in the rows below: a long history has a row per night.
  if (cls.empty()) {
    return fmt::format(FMT_COMPILE("<td data-label=\"{}\">{}</td>"), label, body);
  }
  return fmt::format(FMT_COMPILE("<td class=\"{}\" data-label=\"{}\">{}</td>"), cls, label, body);
}

std::string outcomes_html(const PageInput& page)
{
  const Style plain{false, true};
  const auto [before_title, now_title] = column_titles(page);
  const bool compare = comparable(page);
  std::string out =
    fmt::format("<section class=\"outcomes\">\n<h2>{}</h2>\n<table class=\"outcomes stack\">\n"
                "<caption>Average per night: {} ({}, {}) and {} ({}, {})</caption>\n",
                page.before_plan ? "Before the plan and on it" : "Outcomes", before_title,
                date_range(page.before_first, page.before_last), nights_text(page.before.nights),
                now_title, date_range(page.now_first, page.now_last), nights_text(page.now.nights));
  out += fmt::format(
    "<tr class=\"head\"><th>Average per night</th><th>unit</th><th "
    "class=\"n\">{}<br/>{}</th><th class=\"n\">{}<br/>{}</th><th>Change</th></tr>\n",
    before_title, nights_text(page.before.nights), now_title, nights_text(page.now.nights));
  for (const Outcome& o : outcomes(page)) {
    auto [arrow, verdict] = change_direction(o.before, o.now, o.better, plain);
    if (!compare) {
      arrow.clear();
      verdict.clear();
    }
    const std::string before_label =
      fmt::format("{} ({})", before_title, nights_text(page.before.nights));
    const std::string now_label = fmt::format("{} ({})", now_title, nights_text(page.now.nights));
    out += fmt::format(
      "<tr data-key=\"{0}\"><th>{1}</th>{2}<td class=\"n\" data-label=\"{3}\" "
      "data-value=\"{4}\">{5}</td><td class=\"n\" data-label=\"{6}\" data-value=\"{7}\">{8}</td>"
      "{9}</tr>\n",
      o.key, o.label, cell("unit", outcome_unit(o)), xml_escape(before_label),
      format_number(o.before), outcome_value(o, o.before), xml_escape(now_label),
      format_number(o.now), outcome_value(o, o.now),
      cell("change", arrow.empty() ? "–" : arrow + (verdict.empty() ? "" : " " + verdict),
           verdict));
  }
  out += "</table>\n";
  if (!compare) {
    out += "<p>No arrows and no better or worse: a column with fewer than 3 nights says too "
           "little to compare.</p>\n";
  }
  out += fmt::format("<p>{}</p>\n", xml_escape(aasm_note(page)));
  out += fmt::format("<p class=\"progress\"><b>{}</b></p>\n</section>\n", xml_escape(page.message));
  return out;
}

std::string plan_html(const PageInput& page)
{
  std::string out = "<section class=\"plan\">\n<h2>Plan</h2>\n";
  if (!page.plan) {
    return out + "<p>No sleep-training plan was logged for these nights.</p>\n</section>\n";
  }
  const PagePlan& p = *page.plan;
  out += fmt::format("<p>Method: <b>{}</b>, from the night of {}{}. {} check-in{}; on time: {}; "
                     "adherence: {}.",
                     xml_escape(p.method), time::format_date_short(p.first),
                     p.last ? " to " + time::format_date_short(*p.last) : std::string(), p.checkins,
                     p.checkins == 1 ? "" : "s",
                     p.on_time_pct ? format_number(p.on_time_pct) + "%" : "–",
                     p.adherence_pct ? format_number(p.adherence_pct) + "%" : "–");
  if (page.now.checkins) {
    out += fmt::format(" Check-ins a night, {}: {}.",
                       column_titles(page).second == "On the plan" ? "on the plan" : "now",
                       format_mean(page.now.checkins));
  }
  return out + "</p>\n</section>\n";
}

} // namespace

std::string html_report_head(const PageInput& page)
{
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += fmt::format("<title>Sleep report: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     xml_escape(page.child), css());
  out += page_defs();
  // Who, how old, which nights.
  out += fmt::format("<header>\n<h1>Sleep report: {}</h1>\n<p>", xml_escape(page.child));
  if (page.born) {
    const auto months = age_months(*page.born, page.today);
    out += fmt::format("Born {}{}. ", time::format_date(*page.born),
                       months ? ", " + age_text(*months) + " old" : std::string());
  }
  out += fmt::format("Nights {} ({} logged).</p>\n</header>\n", date_range(page.first, page.last),
                     page.logged);

  // The consultant's sheet first, and the nights in numbers under it (page 1 in print);
  // the plan and the outcomes follow the nights table.: one row per night, noon to noon.
  out += "<section class=\"sheet\">\n<h2>Sleep sheet, noon to noon</h2>\n<p class=\"legend\">";
  for (const Mark kind : all_marks) {
    out += fmt::format("<span>{}{}</span>", legend_swatch(kind), mark_label(kind));
  }
  out += fmt::format("</p>\n<p class=\"note\">{} Sleep beside each row is night sleep.</p>\n"
                     "<p class=\"phone-note\">On a narrow screen the sheet shows 18:00 to 08:00, "
                     "enlarged; printed or on a wider screen it shows noon to noon.</p>\n",
                     xml_escape(tough_meaning));
  out += "<table class=\"sheet\">\n<caption>One row per night, noon to noon</caption>\n"
         "<tr><th>night</th><td class=\"bar\"><div class=\"hours desk\"><span>12</span>"
         "<span>16</span><span>20</span><span>0</span><span>4</span><span>8</span><span>12</span>"
         "</div><div class=\"hours phone\"><span>18</span><span>20</span><span>22</span>"
         "<span>0</span><span>2</span><span>4</span><span>6</span><span>8</span></div></td>"
         "<td class=\"side\">sleep</td></tr>\n";
  return out;
}

std::string html_sheet_row(const SheetRow& row)
{
  std::string out;
  fmt::format_to(std::back_inserter(out),
                 FMT_COMPILE("<tr data-night=\"{}\"><th>{}</th><td class=\"bar\">{}</td>"
                             "<td class=\"side\">{}{}"),
                 time::format_date(row.date), time::format_date_short(row.date),
                 sheet_row_svg(row, row_description(row)),
                 row.tst_min ? format_minutes(row.tst_min, false) : "–", row.tough ? " tough" : "");
  for (std::size_t i = 0; i < row.tags.size(); ++i) {
    out += i == 0 ? " " : "";
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("<span class=\"tag\">{}</span>"),
                   xml_escape(row.tags[i]));
  }
  out += "</td></tr>\n";
  return out;
}

std::string html_report_nights_head()
{
  return "</table>\n</section>\n<section class=\"nights\">\n<table class=\"nights stack\">\n"
         "<caption>Nights in numbers (times are clock times; lengths in minutes, or h:mm)"
         "</caption>\n<tr class=\"head\"><th>night</th><th>tags</th><th>put down</th><th>asleep "
         "(settling)</th><th>wakings</th><th>up</th><th>naps</th><th>sleep in 24 h</th>"
         "<th>plan night</th></tr>\n";
}

std::string html_night_line(const PageInput& page, const NightLine& n)
{
  std::string tags;
  for (const auto& tag : n.tags) {
    fmt::format_to(std::back_inserter(tags), FMT_COMPILE("<span class=\"tag\">{}</span>"),
                   xml_escape(tag));
  }
  if (!n.tough.empty()) {
    tags += xml_escape(" tough: " + n.tough);
  }
  std::string wakings;
  for (const auto& w : n.wakings) {
    fmt::format_to(std::back_inserter(wakings), FMT_COMPILE("<span class=\"w\">{}</span>"),
                   xml_escape(waking_text(w)));
  }
  const std::string asleep =
    n.asleep.empty() ? "–"
                     : n.asleep + (n.sol_min ? " (" + format_minutes(n.sol_min, false) + ")" : "");
  const std::string naps =
    n.naps ? fmt::format("{} · {}", *n.naps, format_minutes(n.nap_min, false)) : "–";
  std::string plan = n.plan_night ? std::to_string(*n.plan_night) : "–";
  if (n.adherence_pct) {
    plan += " · " + format_number(n.adherence_pct) + "% on time";
  }
  // The cells name their columns on a phone from the style sheet (td:nth-of-type), not
  // each from an attribute of its own: a long history has a line per night.
  return fmt::format(
    FMT_COMPILE("<tr data-line=\"{}\"><th>{}</th><td class=\"tg\">{}</td><td class=\"t\">{}</td>"
                "<td class=\"t\">{}</td><td>{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td>"
                "<td>{}</td><td>{}</td></tr>\n"),
    time::format_date(n.date), time::format_date_short(n.date), tags.empty() ? "–" : tags,
    n.put_down.empty() ? "–" : n.put_down, asleep, wakings.empty() ? "none" : wakings,
    n.up.empty() ? "–" : n.up, naps, xml_escape(sleep_24h_text(page, n.sleep_24h_min)), plan);
}

namespace {

std::string caregivers_html(const PageInput& page)
{
  std::string out = "<section class=\"who\">\n<h2>Caregivers side by side</h2>\n";
  int handling = 0;
  for (const Caregiver& c : page.caregivers) {
    handling += c.wakings > 0 || c.checkins > 0 || c.feeds > 0 ? 1 : 0;
  }
  if (page.caregivers.empty()) {
    return out + "<p>No wakings, check-ins or feeds were logged.</p>\n</section>\n";
  }
  if (handling < 2) {
    out += "<p>One caregiver handled the night wakings.</p>\n";
  }
  out += "<table class=\"who stack\">\n<caption>The same measures for each caregiver, over the "
         "nights the outcomes count</caption>\n<tr class=\"head\"><th>measure</th>";
  for (const Caregiver& c : page.caregivers) {
    out +=
      fmt::format("<th class=\"n\">{}</th>", c.name.empty() ? "not given" : xml_escape(c.name));
  }
  out += "</tr>\n";
  for (const auto& row : caregiver_rows(page)) {
    out += fmt::format("<tr><th>{}</th>", row[0]);
    for (std::size_t i = 1; i < row.size(); ++i) {
      const auto& name = page.caregivers[i - 1].name;
      out += cell(name.empty() ? "not given" : xml_escape(name), row[i], "n");
    }
    out += "</tr>\n";
  }
  return out + "</table>\n</section>\n";
}

} // namespace

void write_html_report_middle(std::ostream& out, const PageInput& page, bool any_nights,
                              bool any_notes)
{
  // Written as it is made: the weeks of a long history are megabytes of table.
  out << (any_nights ? "" : "<tr><td>No nights logged.</td></tr>\n");
  out << "</table>\n</section>\n";
  out << plan_html(page);
  out << outcomes_html(page);
  // Week by week.
  out << "<section class=\"weeks\">\n<h2>Week by week</h2>\n<div class=\"charts\">\n";
  // A chart names its first and last week only.
  std::vector<std::string> labels;
  if (!page.weeks.empty()) {
    labels = {time::format_date_short(page.weeks.front().start),
              time::format_date_short(page.weeks.back().start)};
  }
  struct Series
  {
    const char* title;
    std::optional<double> WeekNumbers::*field;
    bool minutes;
  };
  const Series series[] = {{"Settling time", &WeekNumbers::sol_min, true},
                           {"Night wakings", &WeekNumbers::wakings, false},
                           {"Time awake at night", &WeekNumbers::waso_min, true},
                           {"Night sleep", &WeekNumbers::tst_min, true},
                           {"Crying", &WeekNumbers::cry_min, true}};
  const auto minutes_label = [](std::optional<double> v) { return format_minutes(v, false); };
  const auto mean_label = [](std::optional<double> v) { return format_mean(v); };
  int nights = 0;
  for (const auto& w : page.weeks) {
    nights += w.stats.nights;
  }
  for (const Series& s : series) {
    std::vector<std::optional<double>> values;
    for (const auto& w : page.weeks) {
      values.push_back(w.stats.*s.field);
    }
    const std::string title = fmt::format(
      "{} ({}; {})", s.title, s.minutes ? "min or h:mm" : "a night", nights_text(nights));
    out << line_chart_svg(title, values, labels, s.minutes ? +minutes_label : +mean_label) << '\n';
  }
  out << "</div>\n<table class=\"weeks stack\">\n<caption>Week by week: means per night "
         "(minutes, or h:mm from an hour)</caption>\n<tr class=\"head\"><th>week of</th><th "
         "class=\"n\">nights</th>";
  for (const Series& s : series) {
    out << fmt::format("<th class=\"n\">{}</th>", s.title);
  }
  out << "</tr>\n";
  std::string row; // one week's row, its memory reused week after week
  for (const auto& w : page.weeks) {
    row.clear();
    fmt::format_to(std::back_inserter(row), FMT_COMPILE("<tr><th>{}</th>{}"),
                   time::format_date_short(w.start),
                   cell("nights", std::to_string(w.stats.nights), "n"));
    for (const Series& s : series) {
      const auto& v = w.stats.*s.field;
      row += cell(s.title, v ? (s.minutes ? format_minutes(v, true) : format_mean(v)) : "–", "n");
    }
    row += "</tr>\n";
    out << row;
  }
  out << "</table>\n</section>\n";
  out << caregivers_html(page);
  out << "<section class=\"notes\">\n<h2>Notes</h2>\n";
  out << (any_notes ? "<ul class=\"note\">\n" : "<p>No notes.</p>\n");
}

void write_html_note(std::ostream& out, time::Date night, const model::Event& noted)
{
  out << "<li>" << time::format_date_short(night) << ' '
      << time::format_clock(noted.start, noted.offset_s) << ' ';
  write_in_pieces(out, noted.note, [](std::string_view piece) { return xml_escape(piece); });
  out << "</li>\n";
}

std::string html_report_end(bool any_notes)
{
  std::string out = any_notes ? "</ul>\n" : "";
  out += "</section>\n<footer><p>Made with sleeplog. Settling is the time from being put down to "
         "falling asleep; time awake at night adds up the night wakings; averages are over the "
         "nights where the number is known. The command sleeplog help metrics explains every "
         "number.</p></footer>\n</body>\n</html>\n";
  return out;
}

std::string html_report_tail(const PageInput& page)
{
  std::string out = html_report_nights_head();
  for (const NightLine& n : page.nights) {
    out += html_night_line(page, n);
  }
  std::ostringstream middle;
  write_html_report_middle(middle, page, !page.nights.empty(), !page.notes.empty());
  out += middle.str();
  for (const auto& [date, note] : page.notes) {
    out += fmt::format("<li>{} {}</li>\n", time::format_date_short(date), xml_escape(note));
  }
  return out + html_report_end(!page.notes.empty());
}

std::string html_report(const PageInput& page)
{
  std::string out = html_report_head(page);
  for (const SheetRow& row : page.rows) {
    out += html_sheet_row(row);
  }
  return out + html_report_tail(page);
}

} // namespace sleeplog::report
