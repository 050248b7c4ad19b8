// The report page's pure pieces: readable numbers, the metrics help, age and AASM range,
// the noon-to-noon sheet (each event at its minute), the ASCII grid and the HTML.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/metrics_help.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/page.hpp>
#include <sleeplog/report/svg.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "night_fixture.hpp"
#include <string>
#include <vector>

using namespace sleeplog;

TEST_CASE("readable numbers: means keep one decimal, durations from an hour are h:mm")
{
  CHECK(report::format_mean(75.0) == "75.0");
  CHECK(report::format_mean(2.64) == "2.6");
  CHECK(report::format_mean(std::nullopt).empty());
  CHECK(report::format_minutes(33.14, true) == "33.1");
  CHECK(report::format_minutes(33.0, true) == "33.0");
  CHECK(report::format_minutes(33.4, false) == "33");
  CHECK(report::format_minutes(59.96, true) == "1:00");
  CHECK(report::format_minutes(59.4, false) == "59");
  CHECK(report::format_minutes(643.7, true) == "10:44");
  CHECK(report::format_minutes(60.0, false) == "1:00");
  CHECK(report::format_minutes(std::nullopt, true).empty());
}

TEST_CASE("help metrics explains every metric name of DESIGN §5")
{
  const auto text = report::render_metrics_help();
  for (const char* name : {"bedtime",
                           "asleep",
                           "sol_min",
                           "wakings",
                           "waso_min",
                           "final_wake",
                           "up",
                           "twak_min",
                           "tib_min",
                           "tst_min",
                           "se_pct",
                           "longest_stretch_min",
                           "cry_min",
                           "cry_episodes",
                           "checkins",
                           "checkin_min",
                           "feeds",
                           "naps",
                           "nap_min",
                           "sleep_24h_min",
                           "complete",
                           "concern",
                           "concern_reasons",
                           "tags",
                           "self_settled",
                           "response_min",
                           "nights",
                           "complete_nights",
                           "bedtime_mean",
                           "bedtime_sd_min",
                           "up_mean",
                           "up_sd_min",
                           "consistency_pct",
                           "sri"}) {
    CAPTURE(name);
    CHECK(text.find(std::string("(") + name + ")\n") != std::string::npos);
  }
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    CHECK(end - start <= 80);
    start = end + 1;
  }
}

TEST_CASE("age and the AASM 2016 range for it")
{
  CHECK(report::age_months({2026, 2, 15}, {2026, 11, 28}) == 9);
  CHECK(report::age_months({2026, 2, 29 - 1}, {2026, 3, 27}) == 0);
  CHECK_FALSE(report::age_months({2027, 1, 1}, {2026, 11, 28}));
  CHECK(report::age_text(9) == "9 months");
  CHECK(report::age_text(16) == "1 year 4 months");
  CHECK(report::age_text(36) == "3 years");
  CHECK_FALSE(report::aasm_range(3));
  CHECK(*report::aasm_range(4) == std::pair{12, 16});
  CHECK(*report::aasm_range(11) == std::pair{12, 16});
  CHECK(*report::aasm_range(12) == std::pair{11, 14});
  CHECK(*report::aasm_range(35) == std::pair{11, 14});
  CHECK(*report::aasm_range(36) == std::pair{10, 13});
  CHECK_FALSE(report::aasm_range(72));
}

namespace {

report::PageInput worked_page()
{
  report::PageBuilder builder({2026, 11, 26}, {2026, 11, 27}, false, std::nullopt);
  builder.keep_lines();
  auto night = fixture::worked_night();
  night.tags = {"sick"};
  const auto metrics = model::compute_metrics(night);
  builder.add(night, metrics);
  report::PageInput page;
  page.child = "Mia <3";
  page.first = {2026, 11, 26};
  page.last = {2026, 11, 27};
  page.before_first = {2026, 11, 24};
  page.before_last = {2026, 11, 25};
  page.now.sol_min = 20;
  page.now.tst_min = 595;
  page.message = "Progress, not perfection.";
  builder.finish(page);
  return page;
}

} // namespace

TEST_CASE("sheet: one row per night, each event at its minute from noon")
{
  const auto page = worked_page();
  REQUIRE(page.rows.size() == 2);
  // The worked night: bed 19:00 (minute 420) to up 06:30 (1110); asleep 19:20 (440);
  // the cry 23:11-23:20 (671-680); the check-in 02:05-02:08 (845-848).
  const auto& row = page.rows[1];
  CHECK(row.date == time::Date{2026, 11, 27});
  CHECK(row.tags == std::vector<std::string>{"sick"});
  const auto has = [&](report::Mark kind, int from, int to) {
    for (const auto& m : row.marks) {
      if (m.kind == kind && m.from == from && m.to == to) {
        return true;
      }
    }
    return false;
  };
  CHECK(has(report::Mark::in_bed, 420, 1110));
  CHECK(has(report::Mark::asleep, 440, 670));
  CHECK(has(report::Mark::crying, 671, 680));
  CHECK(has(report::Mark::checkin, 845, 848));
  // The nap of 27 Nov at 09:30 falls in the row of the 26th (noon to noon); the one at
  // 13:00 in the row of the 27th.
  CHECK(has(report::Mark::nap, 60, 150));
  const auto& before = page.rows[0];
  REQUIRE(before.marks.size() == 1);
  CHECK(before.marks[0].kind == report::Mark::nap);
  CHECK(before.marks[0].from == 1290); // 09:30
  CHECK(before.marks[0].to == 1335);
  // Quarter hours with chart's symbols: the 9-minute cry and the check-in show; the
  // waking 02:00-02:40 leaves its cells in bed awake.
  CHECK(report::ascii_sheet_row(row) ==
        "    nnnnnn                  ..##############~~##########!..#############..                "
        "      ");
}

TEST_CASE("sheet: HTML rows and SVG rects carry the minute; text is escaped")
{
  const auto page = worked_page();
  const auto html = report::html_report(page);
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK(html.find("<title>Sleep report: Mia &lt;3</title>") != std::string::npos);
  CHECK(html.find("<tr data-night=\"2026-11-27\"><th>Fri 27 Nov</th>") != std::string::npos);
  CHECK(html.find("<rect class=\"checkin\" x=\"845\"") != std::string::npos);
  CHECK(html.find("<span class=\"tag\">sick</span>") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("url(") == html.find("url(#hatch)")); // the page's own crying hatch only
  CHECK(html.find("rect.checkin,i.checkin{fill:#000000}") != std::string::npos);
  CHECK(html.find("<tr data-key=\"sol_min\"><th>Settling time</th><td data-label=\"unit\">min"
                  "</td><td class=\"n\" data-label=\"Before (0 nights)\" data-value=\"\">–</td>"
                  "<td class=\"n\" data-label=\"Now (0 nights)\" data-value=\"20\">20.0</td>") !=
        std::string::npos);
  // One unit per row: night sleep from an hour is h:mm in both columns.
  CHECK(html.find("data-value=\"595\">9:55</td>") != std::string::npos);
  // Every waking in the nights table: time, length, who, how.
  CHECK(html.find("<span class=\"w\">23:10 15m self-settled</span>") != std::string::npos);
}

TEST_CASE("sheet and nights table: what every night repeats is written once per page")
{
  const auto page = worked_page();
  const auto html = report::html_report(page);
  const auto count = [&html](std::string_view what) {
    std::size_t n = 0;
    for (auto at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) {
      ++n;
    }
    return n;
  };
  // The hour lines: eleven rects defined once, used by each of the page's rows.
  const auto rows = count("<tr data-night=");
  REQUIRE(rows > 1);
  CHECK(count("<g id=\"hours\"") == 1);
  CHECK(count("<use href=\"#hours\"/>") == rows);
  const auto hours = html.substr(html.find("<g id=\"hours\""));
  CHECK(hours.find("<rect x=\"120\" y=\"0\" width=\"1\" height=\"30\"/>") < hours.find("</g>"));
  CHECK(hours.find("<rect x=\"1320\" y=\"0\"") < hours.find("</g>"));
  CHECK(count("<rect x=\"") == 11); // no row draws them again
}

TEST_CASE("nights table on a phone: each cell is named, from the style sheet, by its column")
{
  const auto page = worked_page();
  const auto html = report::html_report(page);
  // The column heads, after "night", in order.
  const auto head = report::html_report_nights_head();
  std::vector<std::string> titles;
  for (auto at = head.find("<th>"); at != std::string::npos; at = head.find("<th>", at + 1)) {
    titles.emplace_back(head.substr(at + 4, head.find("</th>", at) - at - 4));
  }
  REQUIRE(titles.size() == 9);
  CHECK(titles.front() == "night");
  for (std::size_t i = 1; i < titles.size(); ++i) {
    CAPTURE(titles[i]);
    CHECK(html.find(fmt::format("table.nights td:nth-of-type({})::before{{content:\"{}: \"}}", i,
                                titles[i])) != std::string::npos);
  }
  // And each line has that many cells, without a label of its own.
  const auto line = html.substr(html.find("<tr data-line="));
  const auto end = line.find("</tr>");
  std::size_t cells = 0;
  for (auto at = line.find("<td"); at < end; at = line.find("<td", at + 1)) {
    ++cells;
  }
  CHECK(cells == titles.size() - 1);
  CHECK(line.substr(0, end).find("data-label") == std::string::npos);
}

TEST_CASE("report in Markdown: outcomes, the ASCII sheet and tags")
{
  const auto md = report::md_report(worked_page());
  CHECK(md.starts_with("# Sleep report: Mia \\<3\n"));
  const auto row = md.substr(md.find("| Settling time"));
  CHECK(row.substr(0, row.find('\n')).find("| min ") != std::string::npos);
  CHECK(row.substr(0, row.find('\n')).find(" 20.0 |") != std::string::npos);
  CHECK(md.find(
          "Fri 27 Nov      nnnnnn                  ..##############~~##########!..#############..  "
          "                     9:55 [sick]\n") != std::string::npos);
}

TEST_CASE("sheet: rows stream to the sink in date order; the next night's morning nap "
          "still lands on the last row")
{
  std::vector<report::SheetRow> seen;
  report::PageBuilder builder({2026, 11, 25}, {2026, 11, 26}, false, std::nullopt,
                              [&](report::SheetRow&& row) { seen.push_back(std::move(row)); });
  for (const auto& night : {fixture::night_before(), fixture::worked_night()}) {
    builder.add(night, model::compute_metrics(night));
  }
  // The 25th (nothing logged) is handed over as soon as the 27th is read.
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].date == time::Date{2026, 11, 25});
  CHECK(seen[0].marks.empty());
  report::PageInput page;
  builder.finish(page);
  CHECK(page.rows.empty()); // streamed, not kept
  REQUIRE(seen.size() == 2);
  const auto& last = seen[1];
  CHECK(last.date == time::Date{2026, 11, 26});
  CHECK(last.tst_min == 560.0);
  bool nap = false;
  for (const auto& m : last.marks) {
    nap = nap || (m.kind == report::Mark::nap && m.from == 1290 && m.to == 1335);
  }
  CHECK(nap); // 09:30-10:15 on the 27th, the morning after the period's last night
  // Weeks and caregivers count only the period's nights.
  REQUIRE(page.weeks.size() == 1);
  CHECK(page.weeks[0].stats.nights == 1);
  CHECK(page.caregivers.size() == 1);
  CHECK(page.caregivers[0].wakings == 1);
}
