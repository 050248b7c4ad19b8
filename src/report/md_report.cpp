// The report page as Markdown: the same sections, with the sheet as an ASCII grid.
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/summary.hpp>

#include <fmt/format.h>

namespace sleeplog::report {

namespace {

char mark_glyph(Mark kind)
{
  switch (kind) {
  case Mark::in_bed: return '-';
  case Mark::nap: return 'n';
  case Mark::asleep: return '#';
  case Mark::crying: return 'C';
  case Mark::feed: return 'f';
  case Mark::checkin: return '!';
  }
  return '?';
}

std::string md_value(std::string_view key, std::optional<double> value)
{
  if (!value) {
    return "–";
  }
  if (key == "self_settled") {
    return format_number(value); // a count over the period, not a mean
  }
  if (!key.ends_with("_min")) {
    return format_mean(value);
  }
  const std::string text = format_minutes(value, true);
  return text + (text.find(':') == std::string::npos ? " min" : " h");
}

// Markdown-safe table cell text.
std::string cell(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<') {
      out += '\\';
    }
    out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  }
  return out;
}

} // namespace

std::string ascii_sheet_row(const SheetRow& row)
{
  std::string cells(48, '.');
  for (const SheetMark& m : row.marks) {
    const bool brief = m.kind == Mark::crying || m.kind == Mark::feed || m.kind == Mark::checkin;
    for (int i = 0; i < 48; ++i) {
      const int overlap = std::min(m.to, 30 * i + 30) - std::max(m.from, 30 * i);
      // Sleep and bed fill a half hour they mostly cover; brief events show at any overlap.
      if (overlap >= (brief ? 1 : 15)) {
        cells[static_cast<std::size_t>(i)] = mark_glyph(m.kind);
      }
    }
  }
  return cells;
}

std::string md_report_head(const PageInput& page)
{
  const Style plain{false, true};
  std::string out = fmt::format("# Sleep report: {}\n\n", cell(page.child));
  if (page.born) {
    const auto months = age_months(*page.born, page.today);
    out += fmt::format("Born {}{}. ", time::format_date(*page.born),
                       months ? ", " + age_text(*months) + " old" : std::string());
  }
  out += fmt::format("Nights {} – {} ({} logged, {} complete), compared with {} – {}.\n\n",
                     time::format_date_short(page.first), time::format_date_short(page.last),
                     page.now.nights, page.now.complete_nights,
                     time::format_date_short(page.before_first),
                     time::format_date_short(page.before_last));
  out += "## Plan\n\n";
  if (page.plan) {
    out += fmt::format(
      "Method **{}** from the night of {}{}; {} check-in{}; on time {}; "
      "adherence {}.\n\n",
      cell(page.plan->method), time::format_date_short(page.plan->first),
      page.plan->last ? " to " + time::format_date_short(*page.plan->last) : std::string(),
      page.plan->checkins, page.plan->checkins == 1 ? "" : "s",
      page.plan->on_time_pct ? format_number(page.plan->on_time_pct) + "%" : "–",
      page.plan->adherence_pct ? format_number(page.plan->adherence_pct) + "%" : "–");
  } else {
    out += "No sleep-training plan was logged for these nights.\n\n";
  }
  out += "## Outcomes\n\n| Average per night | Before | Now | Change |\n|---|--:|--:|---|\n";
  for (const Outcome& o : outcomes(page)) {
    const auto [arrow, verdict] = change_direction(o.before, o.now, o.better, plain);
    out += fmt::format("| {} | {} | {} | {} |\n", o.label, md_value(o.key, o.before),
                       md_value(o.key, o.now),
                       arrow.empty() ? "–" : arrow + (verdict.empty() ? "" : " " + verdict));
  }
  out += "\n" + aasm_note(page) + "\n\n" + page.message + "\n\n";
  out += "## Sleep sheet, noon to noon\n\n```\n";
  std::string hours(49, ' ');
  for (int i = 0; i <= 48; i += 8) {
    const std::string label = std::to_string((12 + i / 2) % 24);
    hours.replace(static_cast<std::size_t>(i), label.size(), label);
  }
  hours.erase(hours.find_last_not_of(' ') + 1);
  out += "night       " + hours + "\n";
  return out;
}

std::string md_sheet_row(const SheetRow& row)
{
  std::string tags;
  for (const auto& tag : row.tags) {
    tags += " [" + tag + "]";
  }
  return fmt::format("{:<10}  {} {}{}{}\n", time::format_date_short(row.date), ascii_sheet_row(row),
                     row.tst_min ? format_minutes(row.tst_min, false) : "-",
                     row.tough ? " tough" : "", tags);
}

std::string md_report_tail(const PageInput& page)
{
  std::string out;
  out += "```\n\n`#` asleep, `n` nap, `-` in bed awake, `C` crying, `!` check-in, `f` feed, `.` "
         "nothing logged; one character per half hour; sleep in h:mm.\n\n";
  out += "## Week by week\n\n| week of | nights | settling | wakings | awake at night | night "
         "sleep | crying |\n|---|--:|--:|--:|--:|--:|--:|\n";
  for (const auto& w : page.weeks) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", time::format_date_short(w.start),
                       w.stats.nights, md_value("sol_min", w.stats.sol_min),
                       md_value("wakings", w.stats.wakings), md_value("waso_min", w.stats.waso_min),
                       md_value("tst_min", w.stats.tst_min), md_value("cry_min", w.stats.cry_min));
  }
  out += "\n## Who handled the wakings\n\n";
  if (page.caregivers.empty()) {
    out += "No wakings, check-ins or feeds were logged.\n";
  } else {
    out += "| who | wakings logged | check-ins | feeds |\n|---|--:|--:|--:|\n";
    for (const Caregiver& c : page.caregivers) {
      out += fmt::format("| {} | {} | {} | {} |\n", c.name.empty() ? "not given" : cell(c.name),
                         c.wakings, c.checkins, c.feeds);
    }
  }
  out += "\n## Notes\n\n";
  bool any = false;
  for (const auto& [date, note] : page.notes) {
    out += fmt::format("- {} {}\n", time::format_date_short(date), cell(note));
    any = true;
  }
  out += any ? "" : "No notes.\n";
  return out;
}

std::string md_report(const PageInput& page)
{
  std::string out = md_report_head(page);
  for (const SheetRow& row : page.rows) {
    out += md_sheet_row(row);
  }
  return out + md_report_tail(page);
}

} // namespace sleeplog::report
