// The report page as Markdown: the same sections, with the sheet as an ASCII grid in
// `chart`'s symbols, tables padded to line up in a plain viewer, and every text from the
// log made inert (no link, image or HTML can come from a note or a name).
#include <sleeplog/report/html_report.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/summary.hpp>
#include <sleeplog/report/table.hpp>
#include <sleeplog/report/terminal.hpp>
#include <sleeplog/time/parse.hpp>

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
                     const std::vector<std::vector<std::string>>& rows);

// Inside the grid's code block only a run of backticks could break out: none pass.
std::string fence_safe(std::string_view text)
{
  std::string out = escape_controls(text);
  std::replace(out.begin(), out.end(), '`', '\'');
  return out;
}

} // namespace

namespace {

// md_escape without the leading-marker rule: safe on any piece of a text.
std::string md_escape_chars(std::string_view raw)
{
  const std::string text = escape_controls(raw);
  std::string out;
  out.reserve(text.size());
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
  return out;
}

// Padding of a table's columns, each at least 3 wide.
void widen(std::vector<std::size_t>& widths, const std::vector<std::string>& row)
{
  for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
    widths[i] = std::max(widths[i], display_width(row[i]));
  }
}

std::string table_line(const std::vector<std::size_t>& widths, const std::vector<bool>& right,
                       const std::vector<std::string>& row)
{
  std::string out = "|";
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const std::string text = i < row.size() ? row[i] : "";
    const std::string pad(widths[i] - std::min(widths[i], display_width(text)), ' ');
    out += " " + (right[i] ? pad + text : text + pad) + " |";
  }
  return out + "\n";
}

std::string table_rule(const std::vector<std::size_t>& widths, const std::vector<bool>& right)
{
  std::string out = "|";
  for (std::size_t i = 0; i < widths.size(); ++i) {
    out += right[i] ? std::string(widths[i] + 1, '-') + ":|"
                    : ":" + std::string(widths[i] + 1, '-') + "|";
  }
  return out + "\n";
}

const std::vector<std::string> nights_header{"night",     "tags", "put down", "asleep (settling)",
                                             "wakings",   "up",   "naps",     "sleep in 24 h",
                                             "plan night"};
const std::vector<bool> nights_right(nights_header.size(), false);

// A Markdown table whose columns line up in a plain-text viewer: each cell padded to its
// column's width (in characters on screen).
std::string md_table(const std::vector<std::string>& header, const std::vector<bool>& right,
                     const std::vector<std::vector<std::string>>& rows)
{
  std::vector<std::size_t> widths(header.size(), 3);
  widen(widths, header);
  for (const auto& row : rows) {
    widen(widths, row);
  }
  std::string out = table_line(widths, right, header) + table_rule(widths, right);
  for (const auto& row : rows) {
    out += table_line(widths, right, row);
  }
  return out;
}

} // namespace

std::string md_escape(std::string_view raw)
{
  std::string out = md_escape_chars(raw);
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

std::string md_report_nights_head()
{
  return "```\n\n`#` asleep, `.` in bed awake, `~` crying, `!` check-in, `f` feed, `n` nap, "
         "blank: nothing logged; one character per 15 minutes; night sleep in h:mm.\n\n"
         "## Nights in numbers\n\n";
}

MdNightsTable::MdNightsTable(const PageInput& page)
  : m_page(page), m_widths(nights_header.size(), 3)
{
  widen(m_widths, nights_header);
}

void MdNightsTable::measure(const NightLine& line)
{
  widen(m_widths, cells(line));
}

std::string MdNightsTable::head() const
{
  return table_line(m_widths, nights_right, nights_header) + table_rule(m_widths, nights_right);
}

std::string MdNightsTable::line(const NightLine& line) const
{
  return table_line(m_widths, nights_right, cells(line));
}

std::vector<std::string> MdNightsTable::cells(const NightLine& n) const
{
  const PageInput& page = m_page;
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
  return {time::format_date_short(n.date),
          tags.empty() ? "–" : tags,
          n.put_down.empty() ? "–" : n.put_down,
          n.asleep.empty()
            ? "–"
            : n.asleep + (n.sol_min ? " (" + format_minutes(n.sol_min, false) + ")" : ""),
          wakings.empty() ? "none" : wakings,
          n.up.empty() ? "–" : n.up,
          n.naps ? fmt::format("{} · {}", *n.naps, format_minutes(n.nap_min, false)) : "–",
          sleep_24h_text(page, n.sleep_24h_min),
          plan};
}

std::string md_report_middle(const PageInput& page)
{
  std::string out = "\n## Plan\n\n";
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
  return out;
}

void write_md_note(std::ostream& out, time::Date night, const model::Event& noted)
{
  // The clock leads: no list marker to escape, so each piece escapes alone.
  out << "- " << time::format_date_short(night) << ' '
      << time::format_clock(noted.start, noted.offset_s) << ' ';
  write_in_pieces(out, noted.note, [](std::string_view piece) { return md_escape_chars(piece); });
  out << '\n';
}

std::string md_report_end(bool any_notes)
{
  return any_notes ? "" : "No notes.\n";
}

std::string md_report_tail(const PageInput& page)
{
  std::string out = md_report_nights_head();
  MdNightsTable table(page);
  for (const NightLine& n : page.nights) {
    table.measure(n);
  }
  out += table.head();
  for (const NightLine& n : page.nights) {
    out += table.line(n);
  }
  out += md_report_middle(page);
  for (const auto& [date, note] : page.notes) {
    out += fmt::format("- {} {}\n", time::format_date_short(date), md_escape(note));
  }
  return out + md_report_end(!page.notes.empty());
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
