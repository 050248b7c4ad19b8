// CSV writer and reader (DESIGN §6): exact bytes, round trips, errors with line numbers.
#include <sleeplog/report/csv.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace sleeplog::report;

namespace {

std::string write_rows(const std::vector<std::vector<std::string>>& rows)
{
  std::ostringstream out;
  CsvWriter writer(out);
  for (const auto& row : rows) {
    writer.row(row);
  }
  return out.str();
}

// Reads every record; on error returns "line N: message" as a single one-cell record.
std::vector<CsvRecord> read_all(const std::string& text, std::string* error = nullptr)
{
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> records;
  for (;;) {
    auto next = reader.next();
    if (!next) {
      if (error != nullptr) {
        *error = "line " + std::to_string(reader.line()) + ": " + next.error().message;
      }
      return records;
    }
    if (!*next) {
      return records;
    }
    records.push_back(std::move(**next));
  }
}

using Cells = std::vector<std::string>;

} // namespace

TEST_CASE("guard_formula prefixes a quote before formula characters only")
{
  CHECK(guard_formula("=SUM(A1)") == "'=SUM(A1)");
  CHECK(guard_formula("+1") == "'+1");
  CHECK(guard_formula("-3 naps") == "'-3 naps");
  CHECK(guard_formula("@mum") == "'@mum");
  CHECK(guard_formula("\tx") == "'\tx");
  CHECK(guard_formula("\rx") == "'\rx");
  CHECK(guard_formula("mum") == "mum");
  CHECK(guard_formula("a=b") == "a=b");
  CHECK(guard_formula("'hello") == "'hello");
  // Text that already looks guarded gets one more quote, so unguarding gives it back.
  CHECK(guard_formula("'=x") == "''=x");
  CHECK(guard_formula("''-1") == "'''-1");
  CHECK(guard_formula("'") == "'");
  CHECK(guard_formula("").empty());
}

TEST_CASE("unguard_formula removes exactly the guard")
{
  CHECK(unguard_formula("'=SUM(A1)") == "=SUM(A1)");
  CHECK(unguard_formula("'\tx") == "\tx");
  CHECK(unguard_formula("'hello") == "'hello");
  CHECK(unguard_formula("'") == "'");
  CHECK(unguard_formula("''=x") == "'=x");
  CHECK(unguard_formula("'''") == "'''");
  CHECK(unguard_formula("''hello") == "''hello");
  CHECK(unguard_formula("=x") == "=x");
  for (const std::string text : {"=1", "+1", "-1", "@1", "\t1", "\r1", "'hello", "'", "plain",
                                 "'=already guarded", "''@", "'''", ""}) {
    CAPTURE(text);
    CHECK(unguard_formula(guard_formula(text)) == text);
  }
}

TEST_CASE("CsvWriter quotes only cells with comma, quote, CR or LF")
{
  CHECK(write_rows({{"id", "note"}, {"1", "plain"}}) == "id,note\n1,plain\n");
  CHECK(write_rows({{"a,b", "say \"hi\"", "two\nlines", "cr\rlf\r\n", " spaced "}}) ==
        "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rlf\r\n\", spaced \n");
  CHECK(write_rows({{"", "x", ""}}) == ",x,\n");
  CHECK(write_rows({{"Zoë 😴"}}) == "Zoë 😴\n");
  CHECK(write_rows({{"'=1"}}) == "'=1\n"); // the writer never guards by itself
}

TEST_CASE("CsvWriter: cell by cell")
{
  std::ostringstream out;
  CsvWriter writer(out);
  writer.cell("a");
  writer.cell("b c");
  writer.end_row();
  writer.cell("\"");
  writer.end_row();
  CHECK(out.str() == "a,b c\n\"\"\"\"\n");
}

TEST_CASE("CSV round trip keeps every cell byte for byte")
{
  const std::vector<Cells> rows = {
    {"id", "note", "by"},
    {"1", "a, b", "say \"hi\""},
    {"2", "line one\nline two", "crlf\r\ninside"},
    {"3", "lone\rcr", "😴 Zoë ▁█"},
    {"4", "", "\"\""},
    {"5", guard_formula("=1+2"), guard_formula("+44 20")},
    {"6", guard_formula("-tired"), guard_formula("@dad")},
    {"7", guard_formula("\ttab"), guard_formula("\rcr")},
    {"8", guard_formula("'hello"), ","},
  };
  const std::string text = write_rows(rows);
  const auto records = read_all(text);
  REQUIRE(records.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(records[i].cells == rows[i]);
  }
  CHECK(records[0].line == 1);
  CHECK(records[1].line == 2);
  CHECK(records[2].line == 3);
  CHECK(records[3].line == 6);  // record 2 spans lines 3-5 (CRLF inside quotes is one break)
  CHECK(records[4].line == 8);  // a lone CR inside quotes breaks a line too
  CHECK(records[8].line == 13); // record 7 ("\rcr") spans lines 11-12
  CHECK(unguard_formula(records[5].cells[1]) == "=1+2");
  CHECK(unguard_formula(records[8].cells[1]) == "'hello");

  std::vector<Cells> reread;
  for (const auto& record : records) {
    reread.push_back(record.cells);
  }
  CHECK(write_rows(reread) == text);
}

TEST_CASE("CsvReader: CRLF records, BOM, no final newline, empty lines")
{
  const auto records = read_all("\xef\xbb\xbfid,kind\r\n1,bed\r\n\r\n2,up");
  REQUIRE(records.size() == 4);
  CHECK(records[0].cells == Cells{"id", "kind"});
  CHECK(records[1].cells == Cells{"1", "bed"});
  CHECK(records[2].cells == Cells{""});
  CHECK(records[3].cells == Cells{"2", "up"});
  CHECK(records[3].line == 4);

  CHECK(read_all("").empty());
  CHECK(read_all("\xef\xbb\xbf").empty());
  CHECK(read_all("a\rb\n").size() == 2); // a bare CR ends a record
  CHECK(read_all("x,\n")[0].cells == Cells{"x", ""});
  CHECK(read_all("\"\"\n")[0].cells == Cells{""});
}

TEST_CASE("CsvReader: a BOM only counts at the very start")
{
  const auto records = read_all("a\n\xef\xbb\xbf"
                                "b\n");
  REQUIRE(records.size() == 2);
  CHECK(records[1].cells == Cells{"\xef\xbb\xbf"
                                  "b"});
  // Bytes that start like a BOM but are not one stay in the first cell.
  CHECK(read_all("\xef\xbbx\n")[0].cells == Cells{"\xef\xbbx"});
}

TEST_CASE("CsvReader: a stray quote in an unquoted cell is kept as text")
{
  CHECK(read_all("5\" tall,x\n")[0].cells == Cells{"5\" tall", "x"});
  CHECK(read_all(" \"a\",b\n")[0].cells == Cells{" \"a\"", "b"});
}

TEST_CASE("CsvReader: an unbalanced quote names the line where the quote opens")
{
  std::string error;
  // Record 2 spans lines 2 and 3; record 3 opens a quote on line 4 that never closes.
  const auto records = read_all("id,note\n1,\"two\nlines\"\n2,\"never closed\n3,x\n", &error);
  CHECK(records.size() == 2);
  CHECK(error == "line 4: unbalanced quote");

  error.clear();
  // Record 1 spans lines 1 and 2; the bad quote is at line 3.
  read_all("\"a\nb\",c\r\n\"open,d\r\n", &error);
  CHECK(error == "line 3: unbalanced quote");
}

TEST_CASE("CsvReader: text after a closing quote is an error on its line")
{
  std::string error;
  const auto records = read_all("a,b\n\"x\ny\",z\n\"q\"r,s\n", &error);
  CHECK(records.size() == 2);
  CHECK(error == "line 4: unexpected character after closing quote");
}

TEST_CASE("CsvReader: a NUL byte is binary data; the reader stops after an error")
{
  const std::string text("a,b\nc,d\ne\0f,g\nh,i\n", 18);
  std::istringstream in(text);
  CsvReader reader(in);
  CHECK((*reader.next())->cells == Cells{"a", "b"});
  CHECK((*reader.next())->cells == Cells{"c", "d"});
  const auto bad = reader.next();
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "binary data (NUL byte)");
  CHECK(reader.line() == 3);
  const auto after = reader.next();
  REQUIRE(after.ok());
  CHECK_FALSE(after->has_value());

  std::string error;
  read_all(std::string("x\n\"a\nb\0\"\n", 9), &error); // inside quotes, on its own line
  CHECK(error == "line 3: binary data (NUL byte)");
}

TEST_CASE("a first cell that starts with a BOM survives a round trip (fuzz_csv regression)")
{
  std::ostringstream out;
  sleeplog::report::CsvWriter writer(out);
  writer.row({"\xef\xbb\xbfnote", "x"});
  CHECK(out.str() == "\"\xef\xbb\xbfnote\",x\n");
  std::istringstream in(out.str());
  sleeplog::report::CsvReader reader(in);
  auto record = reader.next();
  REQUIRE(record);
  REQUIRE(*record);
  CHECK((*record)->cells == std::vector<std::string>{"\xef\xbb\xbfnote", "x"});
}
