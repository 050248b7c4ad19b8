// TextTable: exact rendering, alignment by display width.
#include <sleeplog/report/table.hpp>
#include <sleeplog/report/terminal.hpp>

#include <doctest/doctest.h>

using sleeplog::report::paint;
using sleeplog::report::Style;
using sleeplog::report::TextTable;
using Align = TextTable::Align;

TEST_CASE("TextTable: header, alignment, short rows, no trailing spaces")
{
  TextTable table({"night", "sol", "se"}, {Align::left, Align::right, Align::right});
  table.add_row({"Fri 27 Nov", "20", "86.2"});
  table.add_row({"Sat 28 Nov", "5", "100"});
  table.add_row({"Sun"});
  CHECK(table.render() == "night       sol    se\n"
                          "Fri 27 Nov   20  86.2\n"
                          "Sat 28 Nov    5   100\n"
                          "Sun\n");
}

TEST_CASE("TextTable: coloured cells take only their visible width")
{
  const Style colour{true, true};
  TextTable table({"metric", "now", "change"}, {Align::left, Align::right, Align::left});
  table.add_row({"waso", paint(colour, "green", "40"), paint(colour, "green", "better")});
  table.add_row({"sol", "25", paint(colour, "red", "worse")});
  CHECK(table.render() == "metric  now  change\n"
                          "waso     \x1b[32m40\x1b[0m  \x1b[32mbetter\x1b[0m\n"
                          "sol      25  \x1b[31mworse\x1b[0m\n");
}

TEST_CASE("TextTable: without headers there is no header row; Unicode cells align")
{
  TextTable table({"", ""}, {Align::left, Align::left});
  table.add_row({"▁▂▃", "sol"});
  table.add_row({"abcd", "waso"});
  CHECK(table.render() == "▁▂▃   sol\n"
                          "abcd  waso\n");
}

TEST_CASE("TextTable: extra cells get a left-aligned column; empty table is empty")
{
  TextTable table({}, {});
  table.add_row({"a", "bb"});
  table.add_row({"ccc"});
  CHECK(table.render() == "a    bb\n"
                          "ccc\n");
  CHECK(TextTable({}, {}).render().empty());
  CHECK(TextTable({"a", "b"}, {}).render() == "a  b\n");
}
