// Night timelines: the night's events become intervals of state on a wall-clock axis,
// painted in layers so that short but telling moments (a waking, a check-in) always
// show, even when they are shorter than a cell.
#include <sleeplog/report/chart.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace sleeplog::report {

namespace {

using model::Event;
using model::Instant;
using model::Kind;

enum class Cell : std::size_t { out, awake, asleep, feed, cry, checkin };

constexpr std::array<std::string_view, 6> unicode_glyphs = {" ", "░", "█", "f", "▓", "!"};
constexpr std::array<std::string_view, 6> ascii_glyphs = {" ", ".", "#", "f", "~", "!"};
constexpr std::array<std::string_view, 6> cell_colors = {"", "dim", "", "cyan", "yellow", "bold"};

constexpr int axis_start_hour = 18;

/// Positions in minutes after 18:00 on the night's date, read on each event's own clock.
class Axis
{
public:
  explicit Axis(time::Date date)
    : m_origin_local_s(time::days_from_date(date) * 86400 + axis_start_hour * 3600)
  {}
  double at(Instant instant, int offset_s) const
  {
    return static_cast<double>(instant + offset_s - m_origin_local_s) / 60.0;
  }

private:
  std::int64_t m_origin_local_s;
};

struct Span
{
  Cell cell;
  double from; // minutes on the axis
  double to;
};

using Cells = std::array<Cell, chart_cells>;

// Paints a span: cells whose larger part it covers, and at least the cell holding its
// middle, so nothing logged disappears by rounding.
void paint_span(Cells& cells, const Span& span)
{
  const double width = chart_cell_min;
  auto first = std::lround(span.from / width);
  auto last = std::lround(span.to / width); // exclusive
  if (last <= first) {
    first = static_cast<long>(std::floor((span.from + span.to) / 2.0 / width));
    last = first + 1;
  }
  for (long i = std::max(first, 0L); i < std::min(last, static_cast<long>(chart_cells)); ++i) {
    cells[static_cast<std::size_t>(i)] = span.cell;
  }
}

/// The night's states in order: settling and early-morning wakefulness, sleep, wakings.
struct States
{
  std::vector<Span> awake_before_sleep; // settling, awake before any sleep
  std::vector<Span> asleep;
  std::vector<Span> awake_after_sleep; // wakings and the final wake
};

States walk_states(const model::Night& night, const Axis& axis, Instant now)
{
  States states;
  Cell state = Cell::out;
  bool slept = false;
  double since = 0;
  int last_offset = 0;
  const auto close = [&](double until) {
    if (state == Cell::asleep) {
      states.asleep.push_back({state, since, until});
    } else if (state == Cell::awake) {
      (slept ? states.awake_after_sleep : states.awake_before_sleep)
        .push_back({state, since, until});
    }
  };
  for (const Event& e : night.events) {
    Cell next = state;
    if (e.kind == Kind::bed && state == Cell::out) {
      next = Cell::awake;
    } else if (e.kind == Kind::asleep) {
      next = Cell::asleep;
    } else if (e.kind == Kind::woke) {
      next = Cell::awake;
    } else if (e.kind == Kind::up) {
      next = Cell::out;
    }
    if (next == state) {
      continue;
    }
    const double pos = axis.at(e.start, e.offset_s);
    close(pos);
    slept = slept || state == Cell::asleep;
    state = next;
    since = pos;
    last_offset = e.offset_s;
  }
  if (state != Cell::out) {
    close(std::max(since, axis.at(now, last_offset)));
  }
  return states;
}

// Intervals of one kind as spans; an open one runs to `now`.
void add_intervals(const std::vector<Event>& events, Kind kind, Cell cell, const Axis& axis,
                   Instant now, std::vector<Span>& out)
{
  for (const Event& e : events) {
    if (e.kind != kind) {
      continue;
    }
    const Instant end = e.end ? *e.end : std::max(now, e.start);
    out.push_back({cell, axis.at(e.start, e.offset_s), axis.at(end, e.offset_s)});
  }
}

std::string render_cells(const Cells& cells, const Style& style)
{
  const auto& glyphs = style.unicode ? unicode_glyphs : ascii_glyphs;
  std::string out;
  std::size_t i = 0;
  while (i < cells.size()) {
    // Colour a run of equal cells at once so a line carries few escape codes.
    std::size_t j = i;
    std::string run;
    while (j < cells.size() && cells[j] == cells[i]) {
      run += glyphs[static_cast<std::size_t>(cells[j])];
      ++j;
    }
    out += paint(style, cell_colors[static_cast<std::size_t>(cells[i])], run);
    i = j;
  }
  return out;
}

} // namespace

std::string night_timeline(const model::Night& night, const Style& style, Instant now)
{
  const Axis axis(night.date);
  const States states = walk_states(night, axis, now);
  std::vector<Span> naps;
  add_intervals(night.naps, Kind::nap, Cell::asleep, axis, now, naps);
  std::vector<Span> overlays;
  add_intervals(night.events, Kind::feed, Cell::feed, axis, now, overlays);
  add_intervals(night.events, Kind::cry, Cell::cry, axis, now, overlays);
  add_intervals(night.events, Kind::checkin, Cell::checkin, axis, now, overlays);

  Cells cells;
  cells.fill(Cell::out);
  // Later layers win: a waking shows over the sleep around it, a check-in over crying.
  using Layer = const std::vector<Span>*;
  for (Layer layer : {Layer{&states.awake_before_sleep}, Layer{&states.asleep}, Layer{&naps},
                      Layer{&states.awake_after_sleep}}) {
    for (const Span& span : *layer) {
      paint_span(cells, span);
    }
  }
  for (Cell overlay : {Cell::feed, Cell::cry, Cell::checkin}) {
    for (const Span& span : overlays) {
      if (span.cell == overlay) {
        paint_span(cells, span);
      }
    }
  }
  return render_cells(cells, style);
}

std::string chart_header()
{
  std::string line(12, ' ');
  for (int i = 0; i <= chart_cells / 4; ++i) {
    line += fmt::format("{:02}", (axis_start_hour + i) % 24);
    line += i < chart_cells / 4 ? "  " : " ";
  }
  return line + "sleep\n";
}

std::string chart_row(const model::Night& night, const model::NightMetrics& metrics,
                      const Style& style, Instant now)
{
  std::string sleep = "-";
  if (metrics.tst_min) {
    const long total = std::lround(*metrics.tst_min);
    sleep = fmt::format("{}:{:02}", total / 60, total % 60);
  }
  return fmt::format("{:<10}  {}   {:>5}\n", time::format_date_short(night.date),
                     night_timeline(night, style, now), sleep);
}

std::string chart_legend(const Style& style)
{
  const auto& g = style.unicode ? unicode_glyphs : ascii_glyphs;
  return fmt::format("{} asleep  {} awake in bed  {} crying  {} check-in  {} feed  "
                     "blank: up; sleep: h:mm\n",
                     paint(style, cell_colors[2], g[2]), paint(style, cell_colors[1], g[1]),
                     paint(style, cell_colors[4], g[4]), paint(style, cell_colors[5], g[5]),
                     paint(style, cell_colors[3], g[3]));
}

} // namespace sleeplog::report
