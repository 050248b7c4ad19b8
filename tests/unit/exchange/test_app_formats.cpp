// Other apps' exports: detection, each format's rows, the nap rule, night assembly,
// content keys, and the summary line.
#include <sleeplog/exchange/app_formats.hpp>
#include <sleeplog/exchange/summary.hpp>
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace sleeplog;
using namespace sleeplog::exchange;

namespace {

std::vector<std::string> split(const std::string& text)
{
  std::vector<std::string> cells;
  std::stringstream in(text);
  std::string cell;
  while (std::getline(in, cell, ',')) {
    cells.push_back(cell);
  }
  return cells;
}

// Events as "kind start[-end] by note" in New York time, and the problems.
struct Outcome
{
  std::vector<std::string> events;
  std::vector<std::string> keys;
  std::vector<std::string> children;
  std::vector<std::string> problems;
  ReadResult result;
};

Outcome import_text(const std::string& text, std::optional<Source> from = std::nullopt)
{
  std::istringstream in(text);
  Problems problems("f.csv");
  Outcome out;
  out.result = read_import(in, ReadOptions{from, *time::Zone::named("America/New_York")}, problems,
                           [&out](ImportedEvent& ie) {
                             const auto& e = ie.event;
                             std::string row = std::string(model::kind_name(e.kind)) + " " +
                                               time::format_iso(e.start, e.offset_s).substr(5, 11);
                             if (e.end) {
                               row += "-" + time::format_clock(*e.end, e.offset_s);
                             }
                             out.events.push_back(row + " " + e.by + " " + e.note);
                             out.keys.push_back(ie.source_key);
                             out.children.push_back(ie.child);
                           });
  out.problems = problems.lines();
  return out;
}

// A period in UTC at whole hours and minutes of 2020-06-01 (day 0) and after.
SleepPeriod period(std::size_t line, int start_min, int end_min,
                   std::optional<bool> nap = std::nullopt)
{
  SleepPeriod p;
  p.line = line;
  p.start = 1590969600 + start_min * 60;
  p.end = 1590969600 + end_min * 60;
  p.nap = nap;
  p.row_hash = line;
  return p;
}

std::vector<std::string> kinds_and_times(const std::vector<ImportedEvent>& events)
{
  std::vector<std::string> out;
  for (const auto& ie : events) {
    out.push_back(std::string(model::kind_name(ie.event.kind)) + " " +
                  time::format_clock(ie.event.start, 0) +
                  (ie.event.end ? "-" + time::format_clock(*ie.event.end, 0) : "") + " #" +
                  std::to_string(ie.line));
  }
  return out;
}

} // namespace

TEST_CASE("detection from the header")
{
  CHECK(detect_source(split("id,uuid,child,night,kind,start,end,duration_s,by,note")) ==
        Source::sleeplog);
  CHECK(detect_source(
          split("Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes")) ==
        Source::huckleberry);
  CHECK(
    detect_source(split(
      "Date and Time,End Time,Duration (min),Activity,Quantity,Extra data,Text,Notes,Caregiver")) ==
    Source::babyconnect);
  CHECK(detect_source(split(
          "id,child_id,child_first_name,child_last_name,start,end,duration,nap,notes,tags")) ==
        Source::babybuddy);
  CHECK(detect_source(split("Baby,Time,Duration(minutes),Note")) == Source::babytracker);
  CHECK(detect_source(split("Begin time,End time")) == Source::glow);
  CHECK(detect_source(split("begin time , END TIME")) == Source::glow);
  CHECK(detect_source(split("Date,Sleep")) == std::nullopt);
  CHECK(missing_columns(Source::huckleberry, split("Type,Start")) ==
        std::vector<std::string>{"End"});
}

TEST_CASE("the nap rule: 06:00 to 17:59 and under 4 h, unless the app says")
{
  SleepPeriod p = period(1, 6 * 60, 7 * 60);
  CHECK(looks_like_nap(p));
  CHECK_FALSE(looks_like_nap(period(1, 5 * 60 + 59, 7 * 60)));
  CHECK(looks_like_nap(period(1, 17 * 60 + 59, 21 * 60 + 58)));
  CHECK_FALSE(looks_like_nap(period(1, 17 * 60 + 59, 21 * 60 + 59)));
  CHECK_FALSE(looks_like_nap(period(1, 18 * 60, 18 * 60 + 30)));
  p.start_offset_s = -4 * 3600; // 06:00 UTC is 02:00 in New York in June
  CHECK_FALSE(looks_like_nap(p));
}

TEST_CASE("night assembly: gaps under 3 h are wakings, overlaps merge, naps stay apart")
{
  ReadResult result;
  std::vector<SleepPeriod> periods{
    period(2, 19 * 60, 22 * 60),                    // night 1, first stretch
    period(3, 22 * 60 + 40, 24 * 60 + 150),         // 40 min later: a waking; ends 02:30
    period(4, 22 * 60 + 40, 24 * 60 + 170),         // same start, later end: extends to 02:50
    period(5, 23 * 60, 23 * 60 + 30),               // wholly inside: adds nothing
    period(6, 24 * 60 + 350, 24 * 60 + 420),        // 05:50, exactly 3 h later: a new night
    period(7, 24 * 60 + 600, 24 * 60 + 660),        // 10:00-11:00: a nap
    period(8, 24 * 60 + 630, 24 * 60 + 690),        // overlapping nap: one nap 10:00-11:30
    period(9, 24 * 60 + 800, 24 * 60 + 830, false), // the app says night
    period(2, 19 * 60, 22 * 60),                    // the same row again
  };
  const auto events = assemble_periods(periods, Source::glow, result);
  CHECK(kinds_and_times(events) ==
        std::vector<std::string>{"asleep 19:00 #2", "woke 22:00 #2", "asleep 22:40 #3",
                                 "up 02:50 #4", "asleep 05:50 #6", "up 07:00 #6",
                                 "nap 10:00-11:30 #7", "asleep 13:20 #9", "up 13:50 #9"});
  CHECK(result.inside == 2); // row 5, and the repeat of row 2
  // Rows 4 and 8 lengthen a period another row starts: the night and the nap count them.
  CHECK(events[0].group_rows == 2);
  CHECK(events[0].group_merged == 1);
  CHECK(events[6].group_rows == 1);
  CHECK(events[6].group_merged == 1);
  // One key per night or nap; each event is its place and kind in it.
  CHECK(events[0].group_key.rfind("glow:", 0) == 0);
  CHECK(events[0].group_key.size() == 5 + 16);
  CHECK(events[0].source_key == events[0].group_key + ":0:asleep");
  CHECK(events[3].source_key == events[0].group_key + ":3:up");
  CHECK(events[3].group_key == events[0].group_key);
  CHECK(events[0].group_start == events[0].event.start);
  CHECK(events[0].group_end == events[3].event.start);
  CHECK(events[4].group_key != events[0].group_key);
  CHECK(events[6].group_key != events[4].group_key);
}

TEST_CASE("babyconnect: sleep rows only, caregiver as by, notes kept, unfinished skipped")
{
  const auto out = import_text(
    "Date and Time,End Time,Duration (min),Activity,Quantity,Extra data,Text,Notes,Caregiver\r\n"
    "12/12/20 7:47 PM,12/13/20 1:20 AM,333,Sleep,,,Eva slept,,A\r\n"
    "12/13/20 2:05 AM,12/13/20 7:20 AM,315,Sleep,,,Eva slept,teething,U\r\n"
    "12/12/20 7:05 PM,12/12/20 7:36 PM,30,Bottle,8.2,Formula,Eva drank,,U\r\n"
    "12/12/20 2:29 PM,12/12/20 3:02 PM,33,Sleep,,,Eva slept (33m),,U\r\n"
    "12/12/20 4:00 AM,,,Sleep,,,Eva slept,,A\r\n");
  REQUIRE(out.problems.empty());
  CHECK(out.result.source == Source::babyconnect);
  CHECK(out.events == std::vector<std::string>{
                        "nap 12-12T14:29-15:02 U ", "asleep 12-12T19:47 A ", "woke 12-13T01:20 A ",
                        "asleep 12-13T02:05 U teething", "up 12-13T07:20 U "});
  CHECK(out.result.rows == 5);
  CHECK(out.result.not_sleep == 1);
  CHECK(out.result.unfinished == 1);
  REQUIRE(out.keys.size() == 5);
  CHECK(out.keys[0].starts_with("babyconnect:"));
  CHECK(out.keys[0].ends_with(":nap"));
  CHECK(out.keys[1].size() == std::string("babyconnect:0123456789abcdef:0:asleep").size());
  // One night: every event shares its key, numbered in order.
  CHECK(out.keys[1].substr(0, 29) == out.keys[4].substr(0, 29));
  CHECK(out.keys[4].substr(28) == ":3:up");
  CHECK(out.keys[0].substr(0, 29) != out.keys[1].substr(0, 29));
}

TEST_CASE("huckleberry across the fall-back night; babytracker and babybuddy name the child")
{
  auto out =
    import_text("Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n"
                "Sleep,2020-10-31 19:00,2020-11-01 01:30,06:30,,Crib,,\n"
                "Sleep,2020-11-01 01:45,2020-11-01 06:30,04:45,,Crib,,\n"
                "Diaper,2020-11-01 06:40,,,,,,\n");
  REQUIRE(out.problems.empty());
  CHECK(out.events == std::vector<std::string>{"asleep 10-31T19:00  ", "woke 11-01T01:30  ",
                                               "asleep 11-01T01:45  ", "up 11-01T06:30  "});
  out = import_text("Baby,Time,Duration(minutes),Note\n"
                    "Max,\"1/5/20, 19:30\",630,\n"
                    "Max,\"1/6/20, 13:00\",90,good nap\n"
                    "Lea,\"1/6/20, 13:00\",,\n");
  REQUIRE(out.problems.empty());
  CHECK(out.events == std::vector<std::string>{"asleep 01-05T19:30  ", "up 01-06T06:00  ",
                                               "nap 01-06T13:00-14:30  good nap"});
  CHECK(out.children == std::vector<std::string>{"Max", "Max", "Max"});
  CHECK(out.result.unfinished == 1);
  out = import_text("id,child_id,child_first_name,child_last_name,start,end,nap,notes,tags\n"
                    "1,1,Ada,Lovelace,2020-06-01 19:00:00,2020-06-02 06:00:00,False,,\n"
                    "2,1,Ada,Lovelace,2020-06-02 18:30:00,2020-06-02 19:15:00,True,late nap,\n"
                    "3,1,Ada,Lovelace,2020-06-03 09:00:00,2020-06-03 10:00:00,maybe,,\n"
                    "4,1,Ada,Lovelace,2020-06-03 09:00:00,2020-06-03 08:00:00,,,\n"
                    "5,1,Ada,Lovelace,2020-06-03 09:00:00,2020-06-04 10:00:00,,,\n");
  CHECK(out.problems == std::vector<std::string>{"f.csv:4: bad nap value 'maybe' (true or false)",
                                                 "f.csv:5: end before start",
                                                 "f.csv:6: a sleep of 25h is longer than 24 h"});
  CHECK(out.events.empty());
}

TEST_CASE("glow, and bad times naming the expected form")
{
  auto out = import_text("Begin time,End time\n03/07/2020 8:00:00 PM,03/08/2020 7:00:00 AM\n");
  REQUIRE(out.problems.empty());
  CHECK(out.events == std::vector<std::string>{"asleep 03-07T20:00  ", "up 03-08T07:00  "});
  out = import_text("Begin time,End time\n03/07/2020 8:00 PM,soon\n", Source::glow);
  CHECK(out.problems == std::vector<std::string>{
                          "f.csv:2: bad time 'soon' in End time (expected MM/DD/YYYY h:mm:ss AM)"});
}

TEST_CASE("the summary line counts every row in one category")
{
  ImportCounts counts{1234, 52, 38, 97, 700, 3, 200, {"Eva"}};
  ReadResult read;
  read.rows = 2808;
  read.not_sleep = 1900;
  read.zero_length = 2;
  read.inside = 3;
  CHECK(render_summary(counts, read, "eva.csv", false) ==
        "Imported 1,234 events (52 nights, 38 naps, 97 wakings) for Eva from eva.csv; 2,808 rows: "
        "700 imported, 1,900 not sleep, 2 zero length, 3 overlapping, 3 inside a longer row, 200 "
        "already imported");
  std::size_t sum = 0;
  for (const auto& [name, n] : row_categories(counts, read)) {
    sum += n;
  }
  CHECK(sum == read.rows);
  ReadResult one;
  one.rows = 1;
  CHECK(render_summary(ImportCounts{1, 1, 0, 1, 1, 0, 0, {"Max", "Lea"}}, one, "-", true) ==
        "Would import 1 event (1 night, 0 naps, 1 waking) for Max and Lea from -; 1 row: 1 to "
        "import");
  CHECK(with_commas(0) == "0");
  CHECK(with_commas(999) == "999");
  CHECK(with_commas(1000) == "1,000");
  CHECK(with_commas(2000000) == "2,000,000");
}
