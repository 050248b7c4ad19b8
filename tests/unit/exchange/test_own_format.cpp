// sleeplog's own files read back: every column, the formula guard, and every bad row
// reported with its line.
#include <sleeplog/exchange/import.hpp>
#include <sleeplog/exchange/own_format.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sstream>

using namespace sleeplog;
using namespace sleeplog::exchange;

namespace {

const std::string header = "id,uuid,child,night,kind,start,end,duration_s,by,note\n";

struct Outcome
{
  std::vector<ImportedEvent> events;
  std::vector<std::string> problems;
  ReadResult result;
};

Outcome import_text(const std::string& text, std::optional<Source> from = std::nullopt)
{
  std::istringstream in(text);
  Problems problems("f.csv");
  Outcome out;
  out.result = read_import(in, ReadOptions{from, time::Zone::fixed(0)}, problems,
                           [&out](ImportedEvent& e) { out.events.push_back(e); });
  out.problems = problems.lines();
  return out;
}

} // namespace

TEST_CASE("a CSV row becomes an event; night and duration are not trusted")
{
  const auto out = import_text("\xef\xbb\xbf" + header +
                               "7,u-1,'=Eva,2001-01-01,cry,2026-11-27T23:11:00-05:00,2026-11-27T23:"
                               "20:00-05:00,1,\"'-Sam\",\"a, \"\"b\"\"\r\nc\"\r\n"
                               "8,,,,bed,2026-11-27T19:00:00Z,,,,\r\n");
  REQUIRE(out.problems.empty());
  REQUIRE(out.events.size() == 2);
  const auto& cry = out.events[0];
  CHECK(cry.line == 2);
  CHECK(cry.event.id == 7);
  CHECK(cry.event.uuid == "u-1");
  CHECK(cry.child == "=Eva");
  CHECK(cry.event.kind == model::Kind::cry);
  CHECK(cry.event.start == 1795839060);
  CHECK(cry.event.offset_s == -5 * 3600);
  CHECK(cry.event.end == 1795839600);
  CHECK(cry.event.by == "-Sam");
  CHECK(cry.event.note == "a, \"b\"\r\nc");
  CHECK(out.events[1].line == 4);
  CHECK(out.events[1].event.end == std::nullopt);
  CHECK(out.events[1].child.empty());
  CHECK(out.result.rows == 2);
  CHECK(out.result.source == Source::sleeplog);
}

TEST_CASE("the guard comes off exactly once")
{
  const auto out = import_text(header + "1,,,,note,2026-11-27T19:00:00Z,,,'Sam,''=x\n");
  REQUIRE(out.events.size() == 1);
  CHECK(out.events[0].event.by == "'Sam"); // not a guard: nothing follows that needs one
  CHECK(out.events[0].event.note == "'=x");
}

TEST_CASE("every bad row is reported with its line, and the sink stops at the first")
{
  const auto out = import_text(header + "1,a,,,bed,2026-11-27T19:00:00Z,,,,\n"
                                        "2,b,,,snore,2026-11-27T19:00:00Z,,,,\n"
                                        "3,c,,,bed,27/11/2026 19:00,,,,\n"
                                        "4,d,,,nap,2026-11-27T19:00:00Z,2026-11-27T18:00:00Z,,,\n"
                                        "5,a,,,bed,2026-11-27T19:00:00Z,,,,\n"
                                        "6,e,,,bed,2026-11-27T19:00:00Z,,,\n"
                                        "7,f,,,bed,2026-11-27T19:00:00Z,2026-11-27T20:00:00Z,,,\n"
                                        "x,g,,,bed,2026-11-27T19:00:00Z,,,,\n"
                                        "9,h,,,bed,2026-11-27T19:00:00Z,,,,\n"
                                        "10,i,,,bed,2026-11");
  CHECK(out.events.size() == 1);
  CHECK(out.problems ==
        std::vector<std::string>{
          "f.csv:3: unknown kind 'snore' (bed, asleep, woke, up, cry, checkin, feed, nap or note)",
          "f.csv:4: bad time '27/11/2026 19:00' in start (expected ISO 8601 with offset, e.g. "
          "2026-11-27T19:32:00-05:00)",
          "f.csv:5: end before start", "f.csv:6: duplicate uuid 'a' (it is on an earlier line too)",
          "f.csv:7: wrong column count: 9 cells, the header has 10",
          "f.csv:8: a bed is a point in time and has no end",
          "f.csv:9: bad id 'x' (a positive whole number, or empty)",
          "f.csv:11: truncated last line: 6 cells, the header has 10"});
}

TEST_CASE("files that cannot be read at all")
{
  CHECK(import_text("").problems == std::vector<std::string>{"f.csv:1: empty file: no header"});
  CHECK(import_text("\xef\xbb\xbf\n").problems ==
        std::vector<std::string>{"f.csv:1: empty file: no header"});
  CHECK(import_text(std::string("\x7f"
                                "ELF\0\0",
                                6))
          .problems == std::vector<std::string>{"f.csv:1: binary data (NUL byte)"});
  CHECK(import_text(header + "1,a,,,bed,\"2026\n").problems ==
        std::vector<std::string>{"f.csv:2: unbalanced quote"});
  CHECK(import_text("a,b\n1,2\n")
          .problems.front()
          .starts_with("f.csv:1: not a file sleeplog can read"));
  CHECK(import_text("a,b\n1,2\n", Source::glow).problems ==
        std::vector<std::string>{"f.csv:1: not a glow export: no column 'Begin time'"});
}

TEST_CASE("JSON Lines and JSON arrays read the same fields")
{
  const std::string line =
    R"({"id":3,"uuid":"u","child":"=Eva","night":"2026-11-27","kind":"nap","start":"2026-11-27T13:00:00-05:00","end":"2026-11-27T14:30:00-05:00","duration_s":5400,"by":null,"note":"=1+1"})";
  for (const std::string& text : {line + "\n", "[\n" + line + "\n]\n"}) {
    const auto out = import_text(text);
    REQUIRE(out.events.size() == 1);
    CHECK(out.events[0].line == (text[0] == '[' ? 2 : 1));
    CHECK(out.events[0].child == "=Eva"); // JSON is never guarded
    CHECK(out.events[0].event.note == "=1+1");
    CHECK(out.events[0].event.end == 1795807800);
    CHECK(out.result.format == (text[0] == '[' ? "json" : "jsonl"));
  }
  CHECK(import_text(
          "{\"kind\":\"bed\"}\n{\"kind\":\"up\",\"start\":\"2026-11-27T19:00:00Z\",\"id\":0}\n")
          .problems ==
        std::vector<std::string>{
          "f.csv:1: no start (expected ISO 8601 with offset, e.g. 2026-11-27T19:32:00-05:00)",
          "f.csv:2: bad id '0' (a positive whole number, or empty)"});
}

TEST_CASE("problems beyond the limit are summed up")
{
  Problems problems("big.csv", 2);
  for (std::size_t line = 2; line < 7; ++line) {
    problems.add(line, "bad");
  }
  CHECK(problems.count() == 5);
  CHECK(problems.lines() == std::vector<std::string>{"big.csv:2: bad", "big.csv:3: bad",
                                                     "big.csv: and 3 more problems"});
}

TEST_CASE("uuids seen: millions fit, repeats are found")
{
  UuidSeen seen;
  for (int i = 0; i < 5000; ++i) {
    REQUIRE(seen.insert("uuid-" + std::to_string(i)));
  }
  CHECK_FALSE(seen.insert("uuid-4999"));
  CHECK_FALSE(seen.insert("uuid-0"));
  CHECK(seen.insert("uuid-5000"));
}

TEST_CASE("uuids seen: through many growths at nine tenths full, every repeat and no other")
{
  UuidSeen seen;
  constexpr int count = 300000;
  const auto uuid = [](int i) {
    return fmt::format("{:08x}-0000-4000-8000-{:012x}", static_cast<unsigned>(i) * 2654435761U, i);
  };
  for (int i = 0; i < count; ++i) {
    REQUIRE(seen.insert(uuid(i)));
  }
  int repeats = 0;
  int fresh = 0;
  for (int i = 0; i < count; i += 7) {
    repeats += seen.insert(uuid(i)) ? 0 : 1;
    fresh += seen.insert(fmt::format("new-{}", i)) ? 1 : 0;
  }
  CHECK(repeats == (count + 6) / 7);
  CHECK(fresh == (count + 6) / 7);
}

TEST_CASE("uuids seen: fetched then recorded, in a table mapped whole, across a growth between")
{
  UuidSeen seen;
  seen.reserve(std::size_t{2} << 20); // capped at a million slots: 8 MiB, mapped
  const auto uuid = [](int i) { return fmt::format("{:08x}-aaaa-4000-8000-0", i); };
  for (int i = 0; i < 100000; ++i) {
    const auto hash = seen.fetch(uuid(i));
    REQUIRE(seen.insert_hash(hash));
  }
  CHECK_FALSE(seen.insert_hash(seen.fetch(uuid(99999))));
  // A hash fetched from a small table is still found after the table grew.
  UuidSeen small;
  const auto early = small.fetch("early");
  for (int i = 0; i < 3000; ++i) {
    REQUIRE(small.insert(uuid(i)));
  }
  CHECK(small.insert_hash(early));
  CHECK_FALSE(small.insert("early"));
  CHECK_FALSE(small.insert(uuid(2999)));
}

TEST_CASE("uuids seen: made for the size of the file, then grown past it; the last bytes count")
{
  UuidSeen seen;
  seen.reserve(1000); // an estimate far below what comes
  constexpr int count = 20000;
  const auto uuid = [](int i) { return fmt::format("00000000-0000-4000-8000-{:012x}", i); };
  for (int i = 0; i < count; ++i) {
    REQUIRE(seen.insert(uuid(i))); // differ only in their last bytes (past the fourth word)
  }
  for (int i = 0; i < count; i += 13) {
    CHECK_FALSE(seen.insert(uuid(i)));
  }
  CHECK(seen.insert("00000000-0000-4000-8000-00000000000")); // one byte shorter
}
