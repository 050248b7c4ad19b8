// A wall time names zero, one or two instants; these functions choose one, or explain
// why there is none, in words the user can act on.
#include "wall.hpp"

#include <sleeplog/time/civil.hpp>

#include <algorithm>
#include <vector>

namespace sleeplog::time::wall {

namespace {

constexpr std::int64_t seconds_per_day = 86400;
constexpr int days_to_search = 3; // enough for any zone's offset changes around a day

Error gap_error(const CivilTime& civil, const Zone& zone)
{
  const std::string wall = lexer::format_wall_clock(civil);
  const std::string date = format_date(civil.date);
  const int offset_before = zone.offset_at(civil_to_seconds(civil) - seconds_per_day);
  return make_error(wall + " does not exist on " + date + " in " + zone_label(zone) +
                      ": the clocks jump forward over it",
                    "give a time outside the skipped hour, or an explicit offset such as " + date +
                      "T" + wall + lexer::format_offset(offset_before));
}

// "01:35 happens twice on 2026-11-01 in America/New_York; took the second 01:35 (-05:00),
// the most recent; for the first write 2026-11-01T01:35-04:00".
std::string overlap_warning(const CivilTime& civil, const std::vector<Instant>& instants,
                            Instant taken, const Zone& zone)
{
  const std::string wall = lexer::format_wall_clock(civil);
  const std::string date = format_date(civil.date);
  const bool first = taken == instants.front();
  const Instant other = first ? instants.back() : instants.front();
  return wall + " happens twice on " + date + " in " + zone_label(zone) + "; took the " +
         (first ? "first " : "second ") + wall + " (" +
         lexer::format_offset(zone.offset_at(taken)) + ")" + (first ? "" : ", the most recent") +
         "; for the " + (first ? "second" : "first") + " write " + date + "T" + wall +
         lexer::format_offset(zone.offset_at(other));
}

// One of the candidates, warning when there was more than one to choose from.
Picked pick(const CivilTime& civil, const std::vector<Instant>& candidates, Instant taken,
            const Zone& zone)
{
  Picked picked{taken, {}};
  if (candidates.size() > 1) {
    picked.warning = overlap_warning(civil, candidates, taken, zone);
  }
  return picked;
}

} // namespace

std::string zone_label(const Zone& zone)
{
  return zone.name().empty() ? std::string("UTC") : zone.name();
}

Expected<Picked> on_day(const CivilTime& civil, const Zone& zone)
{
  const std::vector<Instant> instants = zone.resolve(civil);
  if (instants.empty()) {
    return gap_error(civil, zone);
  }
  return pick(civil, instants, instants.front(), zone);
}

Expected<Picked> on_day_latest(const CivilTime& civil, Instant now, const Zone& zone)
{
  const std::vector<Instant> instants = zone.resolve(civil);
  if (instants.empty()) {
    return gap_error(civil, zone);
  }
  std::vector<Instant> past = instants;
  std::erase_if(past, [now](Instant at) { return at > now; });
  if (past.empty()) {
    return Picked{instants.front(), {}}; // in the future: the caller says so
  }
  return pick(civil, instants, past.back(), zone);
}

Expected<Picked> latest_at_or_before(const lexer::Clock& clock, const Date& first_day, int step,
                                     Instant now, const Zone& zone)
{
  const CivilTime now_civil = zone.to_civil(now);
  for (int i = 0; i < days_to_search; ++i) {
    const CivilTime civil = lexer::at_clock(add_days(first_day, -std::int64_t{i} * step), clock);
    std::vector<Instant> past = zone.resolve(civil);
    if (past.empty() && civil <= now_civil) // the gap is what the user pointed at
    {
      return gap_error(civil, zone);
    }
    std::erase_if(past, [now](Instant at) { return at > now; });
    if (!past.empty()) {
      return pick(civil, past, past.back(), zone);
    }
  }
  return make_error("cannot place " + lexer::format_wall_clock(lexer::at_clock({}, clock)) +
                    " before now in " + zone_label(zone));
}

Expected<Picked> first_at_or_after(const lexer::Clock& clock, Instant start, const Zone& zone)
{
  const CivilTime start_civil = zone.to_civil(start);
  for (int i = 0; i < days_to_search; ++i) {
    const CivilTime civil = lexer::at_clock(add_days(start_civil.date, i), clock);
    std::vector<Instant> later = zone.resolve(civil);
    if (later.empty() && civil >= start_civil) {
      return gap_error(civil, zone);
    }
    std::erase_if(later, [start](Instant at) { return at < start; });
    if (!later.empty()) {
      return pick(civil, later, later.front(), zone);
    }
  }
  return make_error("cannot place " + lexer::format_wall_clock(lexer::at_clock({}, clock)) +
                    " after the start in " + zone_label(zone));
}

} // namespace sleeplog::time::wall
