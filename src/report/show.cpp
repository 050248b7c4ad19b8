// One night in full: events, metrics and timeline.
#include <sleeplog/report/chart.hpp>
#include <sleeplog/report/csv.hpp>
#include <sleeplog/report/events.hpp>
#include <sleeplog/report/json.hpp>
#include <sleeplog/report/nights.hpp>
#include <sleeplog/report/number.hpp>
#include <sleeplog/report/show.hpp>
#include <sleeplog/report/table.hpp>
#include <sleeplog/time/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sleeplog::report {

namespace {

using model::Event;

// The night's naps and events in one start-ordered list (naps come from the day before).
std::vector<const Event*> in_start_order(const model::Night& night)
{
  std::vector<const Event*> all;
  for (const Event& e : night.naps) {
    all.push_back(&e);
  }
  for (const Event& e : night.events) {
    all.push_back(&e);
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Event* a, const Event* b) { return a->start < b->start; });
  return all;
}

std::string event_table(const model::Night& night, const Style& style)
{
  using A = TextTable::Align;
  TextTable table({"id", "time", "kind", "length", "by", "note"},
                  {A::right, A::left, A::left, A::right, A::left, A::left});
  const std::string dash = style.unicode ? "–" : "-";
  for (const Event* e : in_start_order(night)) {
    std::string when = time::format_clock(e->start, e->offset_s);
    std::string length;
    if (model::is_interval(e->kind)) {
      when += dash + (e->end ? time::format_clock(*e->end, e->offset_s) : std::string());
      const auto seconds = model::duration_seconds(*e);
      length = seconds ? time::format_duration(*seconds) : "open";
    }
    table.add_row({fmt::format("#{}", e->id), when, std::string(model::kind_name(e->kind)), length,
                   escape_controls(e->by), escape_controls(e->note)});
  }
  return table.render();
}

std::string clock_or_dash(const std::optional<model::LocalInstant>& at)
{
  return at ? time::format_clock(at->at, at->offset_s) : "-";
}

// "20 min", or "690 min (11h30m)" when an hour or more.
std::string minutes_or_dash(std::optional<double> minutes)
{
  if (!minutes) {
    return "-";
  }
  std::string text = format_number(minutes) + " min";
  if (*minutes >= 60.0) {
    text += " (" + time::format_duration(std::llround(*minutes * 60.0)) + ")";
  }
  return text;
}

std::string count_of(int n, std::string_view one, std::string_view many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string metrics_table(const model::NightMetrics& m, const Style& style)
{
  const std::string concern = !m.concern ? "-"
                              : *m.concern
                                ? paint(style, "yellow", "yes: " + model::concern_text(m))
                                : std::string("no");
  const std::vector<std::pair<std::string, std::string>> left{
    {"bedtime", clock_or_dash(m.bedtime)},
    {"asleep", clock_or_dash(m.asleep)},
    {"settling", minutes_or_dash(m.sol_min)},
    {"wakings", m.wakings ? std::to_string(*m.wakings) : "-"},
    {"awake at night", minutes_or_dash(m.waso_min)},
    {"final wake", clock_or_dash(m.final_wake)},
    {"up", clock_or_dash(m.up)},
    {"early waking", minutes_or_dash(m.twak_min)},
    {"time in bed", minutes_or_dash(m.tib_min)},
    {"total sleep", minutes_or_dash(m.tst_min)}};
  const std::vector<std::pair<std::string, std::string>> right{
    {"efficiency", m.se_pct ? format_number(m.se_pct) + "%" : "-"},
    {"longest stretch", minutes_or_dash(m.longest_stretch_min)},
    {"crying",
     format_number(m.cry_min) + " min, " + count_of(m.cry_episodes, "episode", "episodes")},
    {"check-ins", fmt::format("{}, {} min", m.checkins, format_number(m.checkin_min))},
    {"feeds", std::to_string(m.feeds)},
    {"naps", m.naps ? fmt::format("{}, {} min", *m.naps, format_number(m.nap_min)) : "-"},
    {"sleep in 24 h", minutes_or_dash(m.sleep_24h_min)},
    {"complete", m.complete ? "yes" : "no"},
    {"concern", concern}};
  using A = TextTable::Align;
  TextTable table({}, {A::left, A::left, A::left, A::left});
  for (std::size_t i = 0; i < left.size(); ++i) {
    std::vector<std::string> row{left[i].first, left[i].second};
    if (i < right.size()) {
      row.push_back("  " + right[i].first);
      row.push_back(right[i].second);
    }
    table.add_row(row);
  }
  return table.render();
}

// The nights-columns object of the night, as JSON Lines writes it.
std::string night_object(const model::Night& night, const model::NightMetrics& m,
                         std::string_view child)
{
  std::ostringstream out;
  auto writer = make_night_writer("jsonl", out);
  writer->write(night.date, child, m);
  writer->finish();
  std::string text = out.str();
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text;
}

} // namespace

std::string render_show(const model::Night& night, const model::NightMetrics& metrics,
                        std::string_view child, const Style& style, model::Instant now)
{
  std::string out = fmt::format("Night of {} ({}) for {}{}\n\n",
                                time::format_date_short(night.date), time::format_date(night.date),
                                escape_controls(child), metrics.up ? "" : ", still open");
  out += event_table(night, style) + "\n";
  out += metrics_table(metrics, style) + "\n";
  out += chart_header() + chart_row(night, metrics, style, now) + chart_legend(style);
  return out;
}

std::string show_json(const model::Night& night, const model::NightMetrics& metrics,
                      std::string_view child)
{
  std::ostringstream events;
  auto writer = make_event_writer("jsonl", events);
  for (const Event* e : in_start_order(night)) {
    writer->write(EventRow{*e, child, night.date});
  }
  writer->finish();
  std::string list = "[";
  std::istringstream lines(events.str());
  for (std::string line; std::getline(lines, line);) {
    list += (list.size() > 1 ? "," : "") + line;
  }
  list += "]";
  std::ostringstream out;
  {
    JsonObject obj(out);
    obj.raw("night", night_object(night, metrics, child)).raw("events", list);
  }
  out << '\n';
  return out.str();
}

std::string show_csv(const model::Night& night, const model::NightMetrics& metrics,
                     std::string_view child)
{
  std::ostringstream out;
  auto writer = make_night_writer("csv", out);
  writer->write(night.date, child, metrics);
  writer->finish();
  return out.str();
}

} // namespace sleeplog::report
