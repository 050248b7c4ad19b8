// The report page in HTML: one file a parent can send, print or open on a phone.
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/svg.hpp>

#include <fmt/format.h>

#include <array>

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
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:0.8rem;color:#111;line-height:1.4}
h1{font-size:1.4rem;margin:0.2rem 0}h2{font-size:1.15rem;margin:1.2rem 0 0.4rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;font-size:0.9rem}th,td{padding:0.2rem 0.35rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}tr+tr{border-top:1px solid #ddd}
.better{font-weight:bold}.worse{font-style:italic}
.sheet th{white-space:nowrap;font-weight:normal;width:6.5rem}.sheet td.bar{width:100%;padding:0.1rem 0}
.sheet td.side{white-space:nowrap;font-size:0.8rem}
svg.row{display:block;width:100%;height:1.3rem;background:#fff;border:1px solid #bbb}
svg.row{background-image:repeating-linear-gradient(90deg,#fff 0,#fff calc(100%/12 - 1px),#ddd calc(100%/12 - 1px),#ddd calc(100%/12))}
.hours{display:flex;justify-content:space-between;font-size:0.7rem;color:#444}
.legend span{display:inline-block;margin-right:0.8rem;white-space:nowrap}
.legend i{display:inline-block;width:0.9rem;height:0.9rem;vertical-align:middle;margin-right:0.2rem;border:1px solid #555}
.charts{display:flex;flex-wrap:wrap;gap:0.5rem}svg.chart{width:100%;max-width:20rem;height:auto}
svg.chart .line{fill:none;stroke:#0072B2;stroke-width:2}svg.chart .dot{fill:#0072B2}
svg.chart .axis{stroke:#555}svg.chart text{font-size:10px;fill:#222}svg.chart .title{font-size:12px;font-weight:bold}
.tag{display:inline-block;border:1px solid #555;border-radius:0.3rem;padding:0 0.25rem;margin-right:0.2rem;font-size:0.75rem}
.wide{overflow-x:auto}.note{color:#333}
@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:10pt}
section.sheet,section.weeks{break-before:page}tr{break-inside:avoid}svg.chart{max-width:32%}}
)";
  // Each mark's colour, named once in svg.cpp.
  for (const Mark kind : all_marks) {
    out += fmt::format("rect.{0},i.{0}{{fill:{1};background:{1}}}\n", mark_name(kind),
                       mark_colour(kind));
  }
  return out;
}

std::string date_range(time::Date first, time::Date last)
{
  return fmt::format("{} – {}", time::format_date_short(first), time::format_date_short(last));
}

bool is_duration(std::string_view key)
{
  return key.ends_with("_min");
}

// "33.1 min", "9:29 h", "2.6".
std::string shown(std::string_view key, std::optional<double> value)
{
  if (!value) {
    return "–";
  }
  if (key == "self_settled") {
    return format_number(value); // a count over the period, not a mean
  }
  if (!is_duration(key)) {
    return format_mean(value);
  }
  const std::string text = format_minutes(value, true);
  return text + (text.find(':') == std::string::npos ? " min" : " h");
}

std::string row_description(const SheetRow& row)
{
  std::string text;
  for (const SheetMark& m : row.marks) {
    text += fmt::format("{}{} {}–{}", text.empty() ? "" : "; ", mark_label(m.kind),
                        clock_of(m.from), clock_of(m.to % 1440));
  }
  return text.empty() ? "nothing logged" : text;
}

} // namespace

std::string aasm_note(const PageInput& page)
{
  if (!page.born) {
    return "Add a birth date (sleeplog child add NAME --born DATE) to compare sleep in 24 h "
           "with the recommended range for the age.";
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
  std::vector<Outcome> rows{
    {"sol_min", "Settling time", B::lower, page.before.sol_min, page.now.sol_min},
    {"wakings", "Night wakings", B::lower, page.before.wakings, page.now.wakings},
    {"waso_min", "Time awake at night", B::lower, page.before.waso_min, page.now.waso_min},
    {"tst_min", "Night sleep", B::higher, page.before.tst_min, page.now.tst_min},
    {"sleep_24h_min", "Sleep in 24 h", B::neither, page.before.sleep_24h_min,
     page.now.sleep_24h_min},
    {"cry_min", "Crying", B::lower, page.before.cry_min, page.now.cry_min},
    {"checkins", "Check-ins", B::lower, page.before.checkins, page.now.checkins},
  };
  if (page.before_self_settled || page.now_self_settled) {
    const auto as_double = [](std::optional<int> v) {
      return v ? std::optional<double>(*v) : std::nullopt;
    };
    rows.push_back({"self_settled", "Self-settled episodes (total)", B::higher,
                    as_double(page.before_self_settled), as_double(page.now_self_settled)});
  }
  return rows;
}

std::string html_report_head(const PageInput& page)
{
  const Style plain{false, true};
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += fmt::format("<title>Sleep report: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     xml_escape(page.child), css());
  // Who, how old, which nights.
  out += fmt::format("<header>\n<h1>Sleep report: {}</h1>\n<p>", xml_escape(page.child));
  if (page.born) {
    const auto months = age_months(*page.born, page.today);
    out += fmt::format("Born {}{}. ", time::format_date(*page.born),
                       months ? ", " + age_text(*months) + " old" : std::string());
  }
  out += fmt::format("Nights {} ({} logged, {} complete), compared with {}.</p>\n</header>\n",
                     date_range(page.first, page.last), page.now.nights, page.now.complete_nights,
                     date_range(page.before_first, page.before_last));

  out += "<section class=\"plan\">\n<h2>Plan</h2>\n";
  if (page.plan) {
    const PagePlan& p = *page.plan;
    out += fmt::format("<p>Method: <b>{}</b>, from the night of {}{}. {} check-in{}; on time: {}; "
                       "adherence: {}.</p>\n",
                       xml_escape(p.method), time::format_date_short(p.first),
                       p.last ? " to " + time::format_date_short(*p.last) : std::string(),
                       p.checkins, p.checkins == 1 ? "" : "s",
                       p.on_time_pct ? format_number(p.on_time_pct) + "%" : "–",
                       p.adherence_pct ? format_number(p.adherence_pct) + "%" : "–");
  } else {
    out += "<p>No sleep-training plan was logged for these nights.</p>\n";
  }
  out += "</section>\n";

  out += "<section class=\"outcomes\">\n<h2>Outcomes</h2>\n<div class=\"wide\"><table "
         "class=\"outcomes\">\n";
  out +=
    fmt::format("<tr><th>Average per night</th><th class=\"n\">Before<br/>{}</th><th "
                "class=\"n\">Now<br/>{}</th>"
                "<th>Change</th></tr>\n",
                date_range(page.before_first, page.before_last), date_range(page.first, page.last));
  for (const Outcome& o : outcomes(page)) {
    const auto [arrow, verdict] = change_direction(o.before, o.now, o.better, plain);
    out += fmt::format("<tr data-key=\"{0}\"><th>{1}</th><td class=\"n\" data-value=\"{2}\">{3}"
                       "</td><td class=\"n\" data-value=\"{4}\">{5}</td><td class=\"{6}\">{7}"
                       "</td></tr>\n",
                       o.key, o.label, format_number(o.before), shown(o.key, o.before),
                       format_number(o.now), shown(o.key, o.now), verdict,
                       arrow.empty() ? "–" : arrow + (verdict.empty() ? "" : " " + verdict));
  }
  out += "</table></div>\n";
  out += fmt::format("<p>{}</p>\n", xml_escape(aasm_note(page)));
  out += fmt::format("<p class=\"progress\"><b>{}</b></p>\n</section>\n", xml_escape(page.message));

  // The consultant's sheet: one row per night, noon to noon.
  out += "<section class=\"sheet\">\n<h2>Sleep sheet, noon to noon</h2>\n<p class=\"legend\">";
  for (const Mark kind : all_marks) {
    out += fmt::format("<span><i class=\"{}\"></i>{}</span>", mark_name(kind), mark_label(kind));
  }
  out += "</p>\n<table class=\"sheet\">\n<tr><th>night</th><td class=\"bar\"><div "
         "class=\"hours\"><span>12</span><span>16</span><span>20</span><span>0</span>"
         "<span>4</span><span>8</span><span>12</span></div></td><td "
         "class=\"side\">sleep</td></tr>\n";
  return out;
}

std::string html_sheet_row(const SheetRow& row)
{
  std::string tags;
  for (const auto& tag : row.tags) {
    tags += fmt::format("<span class=\"tag\">{}</span>", xml_escape(tag));
  }
  return fmt::format("<tr data-night=\"{}\"><th>{}</th><td class=\"bar\">{}</td>"
                     "<td class=\"side\">{}{}{}</td></tr>\n",
                     time::format_date(row.date), time::format_date_short(row.date),
                     sheet_row_svg(row, row_description(row)),
                     row.tst_min ? format_minutes(row.tst_min, false) : "–",
                     row.tough ? " tough" : "", tags.empty() ? "" : " " + tags);
}

std::string html_report_tail(const PageInput& page)
{
  std::string out = "</table>\n</section>\n";
  // Week by week.
  out += "<section class=\"weeks\">\n<h2>Week by week</h2>\n<div class=\"charts\">\n";
  std::vector<std::string> labels;
  for (const auto& w : page.weeks) {
    labels.push_back(time::format_date_short(w.start));
  }
  struct Series
  {
    const char* title;
    std::optional<double> model::PeriodStats::*field;
    bool minutes;
  };
  const Series series[] = {{"Settling time", &model::PeriodStats::sol_min, true},
                           {"Night wakings", &model::PeriodStats::wakings, false},
                           {"Time awake at night", &model::PeriodStats::waso_min, true},
                           {"Night sleep", &model::PeriodStats::tst_min, true},
                           {"Crying", &model::PeriodStats::cry_min, true}};
  const auto minutes_label = [](std::optional<double> v) { return format_minutes(v, false); };
  const auto mean_label = [](std::optional<double> v) { return format_mean(v); };
  for (const Series& s : series) {
    std::vector<std::optional<double>> values;
    for (const auto& w : page.weeks) {
      values.push_back(w.stats.*s.field);
    }
    out += line_chart_svg(s.title, values, labels, s.minutes ? +minutes_label : +mean_label) + "\n";
  }
  out += "</div>\n<div class=\"wide\"><table class=\"weeks\">\n<tr><th>week of</th><th "
         "class=\"n\">nights</th>";
  for (const Series& s : series) {
    out += fmt::format("<th class=\"n\">{}</th>", s.title);
  }
  out += "</tr>\n";
  for (const auto& w : page.weeks) {
    out += fmt::format("<tr><th>{}</th><td class=\"n\">{}</td>", time::format_date_short(w.start),
                       w.stats.nights);
    for (const Series& s : series) {
      out += fmt::format("<td class=\"n\">{}</td>", s.minutes ? shown("x_min", w.stats.*s.field)
                                                              : shown("", w.stats.*s.field));
    }
    out += "</tr>\n";
  }
  out += "</table></div>\n</section>\n";

  out += "<section class=\"who\">\n<h2>Who handled the wakings</h2>\n";
  if (page.caregivers.empty()) {
    out += "<p>No wakings, check-ins or feeds were logged.</p>\n";
  } else {
    out +=
      "<table>\n<tr><th>who</th><th class=\"n\">wakings logged</th><th class=\"n\">check-ins</th>"
      "<th class=\"n\">feeds</th></tr>\n";
    for (const Caregiver& c : page.caregivers) {
      out += fmt::format("<tr><th>{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
                         "class=\"n\">{}</td></tr>\n",
                         c.name.empty() ? "not given" : xml_escape(c.name), c.wakings, c.checkins,
                         c.feeds);
    }
    out += "</table>\n";
  }
  out += "</section>\n<section class=\"notes\">\n<h2>Notes</h2>\n";
  std::string notes;
  for (const auto& [date, note] : page.notes) {
    notes += fmt::format("<li>{} {}</li>\n", time::format_date_short(date), xml_escape(note));
  }
  out += notes.empty() ? "<p>No notes.</p>\n" : "<ul class=\"note\">\n" + notes + "</ul>\n";
  out += "</section>\n<footer><p>Made with sleeplog. Settling is the time from being put down to "
         "falling asleep; time awake at night adds up the night wakings; averages are over the "
         "nights where the number is known. `sleeplog help metrics` explains every "
         "number.</p></footer>\n</body>\n</html>\n";
  return out;
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
