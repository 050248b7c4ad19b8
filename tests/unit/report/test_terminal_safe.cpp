// The one terminal-safety function and the output filter built on it.
#include <sleeplog/report/terminal.hpp>

#include <doctest/doctest.h>

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

using namespace sleeplog::report;

TEST_CASE("escape_controls shows C1 controls, bidi overrides and bytes that are not UTF-8")
{
  CHECK(escape_controls("a\xc2\x9b"
                        "2J") == "a\\u009b2J");
  CHECK(escape_controls("\xc2\x85next") == "\\u0085next");
  CHECK(escape_controls("abc\xe2\x80\xaegnp.exe") == "abc\\u202egnp.exe");
  CHECK(escape_controls("\xff\xfe") == "\\xff\\xfe");
  CHECK(escape_controls("\xc3") == "\\xc3");                   // cut short
  CHECK(escape_controls("\xc0\xaf") == "\\xc0\\xaf");          // overlong
  CHECK(escape_controls("\xed\xa0\x80") == "\\xed\\xa0\\x80"); // a surrogate
  CHECK(escape_controls("\xc2\xa0\xf0\x9f\x98\xb4") == "\xc2\xa0\xf0\x9f\x98\xb4");
}

TEST_CASE("escape_controls keeps newlines and tabs only as layout")
{
  CHECK(escape_controls("a\nb\tc", Layout::keep) == "a\nb\tc");
  CHECK(escape_controls("a\nb\tc\r\x1b", Layout::keep) == "a\nb\tc\\r\\x1b");
  CHECK(escape_controls("a\nb\tc") == "a\\nb\\tc");
}

namespace {

std::string through_filter(const std::vector<std::string>& pieces, bool color)
{
  std::ostringstream target;
  {
    TerminalSafeBuf filter(target.rdbuf());
    filter.allow_color(color);
    std::ostream out(&filter);
    for (const auto& piece : pieces) {
      out << piece;
      out.flush();
    }
    CHECK(filter.finish());
  }
  return target.str();
}

} // namespace

TEST_CASE("TerminalSafeBuf escapes sequences split across writes")
{
  CHECK(through_filter({"a\xc2", "\x9b", "b"}, false) == "a\\u009bb");
  CHECK(through_filter({"Zo\xc3", "\xab\n"}, false) == "Zo\xc3\xab\n");
  CHECK(through_filter({"x\xe2\x80"}, false) == "x\\xe2\\x80");
  CHECK(through_filter({"\x1b[2", "J"}, false) == "\\x1b[2J");
}

TEST_CASE("TerminalSafeBuf lets colour codes through only with colour on")
{
  CHECK(through_filter({"\x1b[32mok\x1b[0m"}, true) == "\x1b[32mok\x1b[0m");
  CHECK(through_filter({"\x1b[3", "2mok\x1b", "[0m"}, true) == "\x1b[32mok\x1b[0m");
  CHECK(through_filter({"\x1b[32mok"}, false) == "\\x1b[32mok");
  CHECK(through_filter({"\x1b[2J\x1b]0;t\x07"}, true) == "\\x1b[2J\\x1b]0;t\\x07");
}

TEST_CASE("TerminalSafeBuf in passthrough writes data exactly")
{
  std::ostringstream target;
  TerminalSafeBuf filter(target.rdbuf());
  filter.set_passthrough(true);
  std::ostream out(&filter);
  out << "a,\x1b[2J\xc2\x9b\xff\n";
  CHECK(filter.finish());
  CHECK(target.str() == "a,\x1b[2J\xc2\x9b\xff\n");
}
