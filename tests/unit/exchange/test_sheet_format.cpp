// A parent's spreadsheet: the --columns map, 12- and 24-hour clock times, the date order,
// times that run past midnight, notes from unmapped columns, and bad rows by line.
#include <sleeplog/exchange/import.hpp>
#include <sleeplog/exchange/sheet_format.hpp>
#include <sleeplog/time/parse.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace sleeplog;
using namespace sleeplog::exchange;

namespace {

struct Outcome
{
  std::vector<std::string> events; // "kind MM-DDTHH:MM[-HH:MM] note"
  std::vector<std::string> problems;
  ReadResult result;
};

Outcome read_sheet(const std::string& text, const std::string& columns,
                   std::optional<DateOrder> order = std::nullopt)
{
  std::istringstream in(text);
  Problems problems("s.csv");
  Outcome out;
  ReadOptions options{Source::sheet, *time::Zone::named("America/New_York")};
  options.now = time::parse_iso_instant("2026-06-01T00:00:00Z")->at;
  options.columns = columns;
  options.date_order = order;
  out.result = read_import(in, options, problems, [&out](ImportedEvent& ie) {
    const auto& e = ie.event;
    std::string row = std::string(model::kind_name(e.kind)) + " " +
                      time::format_iso(e.start, e.offset_s).substr(5, 11);
    if (e.end) {
      row += "-" + time::format_clock(*e.end, e.offset_s);
    }
    out.events.push_back(row + " " + e.note);
  });
  out.problems = problems.lines();
  return out;
}

} // namespace

TEST_CASE("sheet clock times: 12- and 24-hour")
{
  CHECK(parse_sheet_clock("7:15 PM") == 19 * 3600 + 15 * 60);
  CHECK(parse_sheet_clock("7:15pm") == 19 * 3600 + 15 * 60);
  CHECK(parse_sheet_clock("12:10 AM") == 10 * 60);
  CHECK(parse_sheet_clock("12:30 p.m.") == 12 * 3600 + 30 * 60);
  CHECK(parse_sheet_clock("7 pm") == 19 * 3600);
  CHECK(parse_sheet_clock("19:15") == 19 * 3600 + 15 * 60);
  CHECK(parse_sheet_clock("06:30:15") == 6 * 3600 + 30 * 60 + 15);
  CHECK_FALSE(parse_sheet_clock("7"));
  CHECK_FALSE(parse_sheet_clock("13:00 PM"));
  CHECK_FALSE(parse_sheet_clock("24:00"));
  CHECK_FALSE(parse_sheet_clock("7:5"));
  CHECK_FALSE(parse_sheet_clock("soon"));
}

TEST_CASE("the --columns map")
{
  const auto columns =
    parse_sheet_columns("date=Date, bed=Put down,asleep=Asleep,up=Up,note=Where");
  REQUIRE(columns);
  CHECK(columns->bed == "Put down");
  CHECK(columns->note == "Where");
  CHECK(parse_sheet_columns("date=D,asleep=A").error().message == "--columns needs up=COLUMN");
  CHECK(parse_sheet_columns("date=D,asleep=A,up=U,wake=W").error().message ==
        "--columns: no key 'wake'");
  CHECK_FALSE(parse_sheet_columns("date=D,asleep,up=U"));
  CHECK(parse_date_order("dmy") == DateOrder::dmy);
  CHECK_FALSE(parse_date_order("dym"));
}

TEST_CASE("a sheet's rows: put-down, asleep past midnight, up the next day, a nap, notes")
{
  const auto out = read_sheet("Date,Down,Asleep,Up,Where,Checks\n"
                              "2/13/2026,11:40 PM,12:10 AM,6:45 AM,Crib,2\n"
                              "2/14/2026,1:00 PM,1:10 PM,2:40 PM,Car,\n"
                              "2/14/2026,19:00,19:12,06:40,,\n"
                              ",,,,,\n"
                              "2/15/2026,7:00 PM,,,,\n",
                              "date=Date,bed=Down,asleep=Asleep,up=Up,note=Where");
  REQUIRE(out.problems.empty());
  CHECK(out.events ==
        std::vector<std::string>{"bed 02-13T23:40 ", "asleep 02-14T00:10 Crib; Checks: 2",
                                 "up 02-14T06:45 ", "nap 02-14T13:10-14:40 Car", "bed 02-14T19:00 ",
                                 "asleep 02-14T19:12 ", "up 02-15T06:40 "});
  CHECK(out.result.rows == 4); // the empty row is no row
  CHECK(out.result.unfinished == 1);
}

TEST_CASE("the date order: settled by a date, refused when nothing settles it")
{
  const std::string cols = "date=D,asleep=A,up=U";
  // 13/2 can only be day first.
  auto out = read_sheet("D,A,U\n3/2/2026,7:00 PM,6:00 AM\n13/2/2026,7:00 PM,6:00 AM\n", cols);
  REQUIRE(out.problems.empty());
  CHECK(out.events.front() == "asleep 02-03T19:00 ");
  out = read_sheet("D,A,U\n3/2/2026,7:00 PM,6:00 AM\n", cols);
  CHECK(out.problems == std::vector<std::string>{
                          "s.csv:2: the date '3/2/2026' reads as day/month or month/day "
                          "and no date in the file settles it (use --date-order dmy or mdy)"});
  out = read_sheet("D,A,U\n3/2/2026,7:00 PM,6:00 AM\n", cols, DateOrder::mdy);
  CHECK(out.events.front() == "asleep 03-02T19:00 ");
  // ISO dates need no order.
  out = read_sheet("D,A,U\n2026-02-03,7:00 PM,6:00 AM\n", cols);
  CHECK(out.events.front() == "asleep 02-03T19:00 ");
}

TEST_CASE("bad sheet rows name their line and nothing is read")
{
  const auto out = read_sheet("D,A,U\n"
                              "2/10/2026,7:00 PM,6:00 AM\n"
                              "2/11/2206,7:00 PM,6:00 AM\n"
                              "2/12/2026,7 o'clock,6:00 AM\n"
                              "2/30/2026,7:00 PM,6:00 AM\n"
                              "2/13/2062,7:00 PM,6:00 AM\n",
                              "date=D,asleep=A,up=U");
  CHECK(out.problems == std::vector<std::string>{
                          "s.csv:3: the year 2206 of '2/11/2206' is outside 1900-2199 (a typo?)",
                          "s.csv:4: bad time '7 o'clock' in A (expected 7:15 PM or 19:15)",
                          "s.csv:5: '2/30/2026' is not a date (read as month/day/year)",
                          "s.csv:6: 2/13/2062 6:00 AM is in the future"});
  CHECK(out.events.empty());
}
