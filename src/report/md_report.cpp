// The report page as Markdown: the same sections, with the sheet as an ASCII grid in
// `chart`'s symbols, tables padded to line up in a plain viewer, and every text from the
// log made inert (no link, image or HTML can come from a note or a name).
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/table.hpp>
#include <sleeplog/report/terminal.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace sleeplog::report {

namespace {

constexpr int cell_min = 15;
constexpr int cells = 1440 / cell_min;

char mark_glyph(Mark kind)
{
  switch (kind) {
  case Mark::in_bed: return '.';
  case Mark::nap: return 'n';
  case Mark::asleep: return '#';
  case Mark::crying: return '~';
  case Mark::feed: return 'f';
  case Mark::checkin: return '!';
  }
  return '?';
}

// A Markdown table whose columns line up in a plain-text viewer: each cell padded to its
// column's width (in characters on screen).
std::string md_table(const std::vector<std::string>& header, const std::vector<bool>& right,
                     const std::vector<std::vector<std::string>>& rows)
{
  std::vector<std::size_t> widths(header.size(), 3);
  const auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  };
  measure(header);
  for (const auto& row : rows) {
    measure(row);
  }
  const auto line = [&](const std::vector<std::string>& row) {
    std::string out = "|";
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string text = i < row.size() ? row[i] : "";
      const std::string pad(widths[i] - std::min(widths[i], display_width(text)), ' ');
      out += " " + (right[i] ? pad + text : text + pad) + " |";
    }
    return out + "\n";
  };
  std::string out = line(header) + "|";
  for (std::size_t i = 0; i < widths.size(); ++i) {
    out += right[i] ? std::string(widths[i] + 1, '-') + ":|"
                    : ":" + std::string(widths[i] + 1, '-') + "|";
  }
  out += "\n";
  for (const auto& row : rows) {
    out += line(row);
  }
  return out;
}

// Inside the grid's code block only a run of backticks could break out: none pass.
std::string fence_safe(std::string_view text)
{
  std::string out = escape_controls(text);
  std::replace(out.begin(), out.end(), '`', '\'');
  return out;
}

} // namespace

std::string md_escape(std::string_view raw)
{
  const std::string text = escape_controls(raw);
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '\\':
    case '[':
    case ']':
    case '(':
    case ')':
    case '!':
    case '<':
    case '>':
    case '#':
    case '|':
    case '*':
    case '_':
    case '`':
    case '&':
    case '~': out += '\\'; break;
    default: break;
    }
    out += c;
  }
  // A leading list marker ("- ", "+ ") or ordered-list number ("1. ", "2) ") would start
  // a list where the text begins a line.
  std::size_t digits = 0;
  while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits])) != 0) {
    ++digits;
  }
  const bool bullet = out.size() > 1 && (out[0] == '-' || out[0] == '+') && out[1] == ' ';
  const bool number =
    digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')');
  if (bullet) {
    out.insert(0, "\\");
  } else if (number) {
    out.insert(digits, "\\");
  }
  return out;
}

std::string ascii_sheet_row(const SheetRow& row)
{
  std::string grid(cells, ' ');
  for (int i = 0; i < cells; ++i) {
    std::array<int, 6> minutes{};
    for (const SheetMark& m : row.marks) {
      minutes[static_cast<std::size_t>(m.kind)] +=
        std::max(0, std::min(m.to, cell_min * (i + 1)) - std::max(m.from, cell_min * i));
    }
    const auto of = [&](Mark kind) { return minutes[static_cast<std::size_t>(kind)]; };
    // Brief events show at any overlap; a cell is asleep only when a waking of 4 minutes
    // or more does not cut into it, so an 8-minute waking is never hidden.
    Mark shown = Mark::in_bed;
    bool any = true;
    if (of(Mark::checkin) > 0) {
      shown = Mark::checkin;
    } else if (of(Mark::crying) > 0) {
      shown = Mark::crying;
    } else if (of(Mark::feed) > 0) {
      shown = Mark::feed;
    } else if (of(Mark::asleep) >= cell_min - 3 ||
               (of(Mark::asleep) >= cell_min / 2 && of(Mark::in_bed) == 0)) {
      shown = Mark::asleep;
    } else if (of(Mark::in_bed) >= cell_min / 2) {
      shown = Mark::in_bed;
    } else if (of(Mark::nap) >= cell_min / 2) {
      shown = Mark::nap;
    } else {
      any = false;
    }
    if (any) {
      grid[static_cast<std::size_t>(i)] = mark_glyph(shown);
    }
  }
  return grid;
}

std::string md_report_head(const PageInput& page)
{
  std::string out = fmt::format("# Sleep report: {}\n\n", md_escape(page.child));
  if (page.born) {
    const auto months = age_months(*page.born, page.today);
    out += fmt::format("Born {}{}. ", time::format_date(*page.born),
                       months ? ", " + age_text(*months) + " old" : std::string());
  }
  out += fmt::format("Nights {} – {} ({} logged).\n\n", time::format_date_short(page.first),
                     time::format_date_short(page.last), page.logged);
  out += "## Sleep sheet, noon to noon\n\n" + std::string(tough_meaning) + "\n\n```\n";
  std::string hours(cells + 1, ' ');
  for (int i = 0; i <= cells; i += 16) {
    const std::string label = std::to_string((12 + i / 4) % 24);
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
    tags += " [" + fence_safe(tag) + "]";
  }
  std::string line = fmt::format(
    "{:<10}  {} {}{}{}", time::format_date_short(row.date), ascii_sheet_row(row),
    row.tst_min ? format_minutes(row.tst_min, false) : "-", row.tough ? " tough" : "", tags);
  line.erase(line.find_last_not_of(' ') + 1);
  return line + "\n";
}

std::string md_report_tail(const PageInput& page)
{
  std::string out;
  out += "```\n\n`#` asleep, `.` in bed awake, `~` crying, `!` check-in, `f` feed, `n` nap, "
         "blank: nothing logged; one character per 15 minutes; night sleep in h:mm.\n\n";

  out += "## Nights in numbers\n\n";
  std::vector<std::vector<std::string>> nights;
  for (const NightLine& n : page.nights) {
    std::string tags;
    for (const auto& tag : n.tags) {
      tags += (tags.empty() ? "" : "; ") + md_escape(tag);
    }
    if (!n.tough.empty()) {
      tags += (tags.empty() ? "" : "; ") + std::string("tough: ") + md_escape(n.tough);
    }
    std::string wakings;
    for (const auto& w : n.wakings) {
      WakingLine safe = w;
      safe.by = md_escape(w.by);
      wakings += (wakings.empty() ? "" : "; ") + waking_text(safe);
    }
    std::string plan = n.plan_night ? std::to_string(*n.plan_night) : "–";
    if (n.adherence_pct) {
      plan += " · " + format_number(n.adherence_pct) + "% on time";
    }
    nights.push_back(
      {time::format_date_short(n.date), tags.empty() ? "–" : tags,
       n.put_down.empty() ? "–" : n.put_down,
       n.asleep.empty()
         ? "–"
         : n.asleep + (n.sol_min ? " (" + format_minutes(n.sol_min, false) + ")" : ""),
       wakings.empty() ? "none" : wakings, n.up.empty() ? "–" : n.up,
       n.naps ? fmt::format("{} · {}", *n.naps, format_minutes(n.nap_min, false)) : "–",
       sleep_24h_text(page, n.sleep_24h_min), plan});
  }
  out += md_table({"night", "tags", "put down", "asleep (settling)", "wakings", "up", "naps",
                   "sleep in 24 h", "plan night"},
                  {false, false, false, false, false, false, false, false, false}, nights);

  out += "\n## Plan\n\n";
  if (page.plan) {
    out += fmt::format(
      "Method **{}** from the night of {}{}; {} check-in{}; on time {}; "
      "adherence {}.\n\n",
      md_escape(page.plan->method), time::format_date_short(page.plan->first),
      page.plan->last ? " to " + time::format_date_short(*page.plan->last) : std::string(),
      page.plan->checkins, page.plan->checkins == 1 ? "" : "s",
      page.plan->on_time_pct ? format_number(page.plan->on_time_pct) + "%" : "–",
      page.plan->adherence_pct ? format_number(page.plan->adherence_pct) + "%" : "–");
  } else {
    out += "No sleep-training plan was logged for these nights.\n\n";
  }

  const Style plain{false, true};
  const auto [before_title, now_title] = column_titles(page);
  const bool compare = comparable(page);
  out += fmt::format("## {}\n\n", page.before_plan ? "Before the plan and on it" : "Outcomes");
  std::vector<std::vector<std::string>> rows;
  for (const Outcome& o : outcomes(page)) {
    auto [arrow, verdict] = change_direction(o.before, o.now, o.better, plain);
    rows.push_back(
      {std::string(o.label), outcome_unit(o), outcome_value(o, o.before), outcome_value(o, o.now),
       !compare || arrow.empty() ? "–" : arrow + (verdict.empty() ? "" : " " + verdict)});
  }
  out += md_table({"Average per night", "unit",
                   fmt::format("{} ({} nights)", before_title, page.before.nights),
                   fmt::format("{} ({} nights)", now_title, page.now.nights), "Change"},
                  {false, false, true, true, false}, rows);
  if (!compare) {
    out += "\nNo arrows and no better or worse: a column with fewer than 3 nights says too "
           "little to compare.\n";
  }
  PageInput named = page; // the advice names the child: escaped like any text from the log
  named.child = md_escape(page.child);
  out += "\n" + aasm_note(named) + "\n\n" + page.message + "\n\n";

  out += "## Week by week\n\n";
  std::vector<std::vector<std::string>> weeks;
  const auto minutes = [](std::optional<double> v) { return v ? format_minutes(v, true) : "–"; };
  for (const auto& w : page.weeks) {
    weeks.push_back({time::format_date_short(w.start), std::to_string(w.stats.nights),
                     minutes(w.stats.sol_min), w.stats.wakings ? format_mean(w.stats.wakings) : "–",
                     minutes(w.stats.waso_min), minutes(w.stats.tst_min),
                     minutes(w.stats.cry_min)});
  }
  out += md_table(
    {"week of", "nights", "settling", "wakings", "awake at night", "night sleep", "crying"},
    {false, true, true, true, true, true, true}, weeks);
  out += "\nMeans per night: durations in minutes, or h:mm from an hour; wakings a night.\n";

  out += "\n## Caregivers side by side\n\n";
  if (page.caregivers.empty()) {
    out += "No wakings, check-ins or feeds were logged.\n";
  } else {
    std::vector<std::string> header{"measure"};
    std::vector<bool> right{false};
    for (const Caregiver& c : page.caregivers) {
      header.push_back(c.name.empty() ? "not given" : md_escape(c.name));
      right.push_back(true);
    }
    out += md_table(header, right, caregiver_rows(page));
  }
  out += "\n## Notes\n\n";
  bool any = false;
  for (const auto& [date, note] : page.notes) {
    out += fmt::format("- {} {}\n", time::format_date_short(date), md_escape(note));
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
