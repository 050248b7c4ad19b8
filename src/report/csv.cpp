// CSV in and out (DESIGN §6.1). The reader works on the stream buffer directly: it sees
// every byte of multi-million-row imports, and sbumpc() stays inline while the buffer
// holds data, where istream::get() costs a sentry per byte.
#include <sleeplog/report/csv.hpp>

#include <algorithm>
#include <streambuf>

namespace sleeplog::report {

namespace {

constexpr std::string_view guarded_starts = "=+-@\t\r";

bool is_guarded_start(char c)
{
  return guarded_starts.find(c) != std::string_view::npos;
}

// True for text a spreadsheet could take as a formula, and for text that already looks
// guarded ('=..., ''=...): guarding those too is what makes unguard_formula exact.
bool needs_guard(std::string_view text)
{
  const std::size_t quotes = text.find_first_not_of('\'');
  return quotes != std::string_view::npos && is_guarded_start(text[quotes]);
}

// A cell that starts with a BOM is quoted too: unquoted at the start of a file, a reader
// would take it for the file's BOM and drop it (found by fuzz_csv).
bool needs_quotes(std::string_view text)
{
  // One pass (find_first_of looks each byte up in the set with a call of its own).
  const bool special = std::any_of(text.begin(), text.end(), [](char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n';
  });
  return special || text.starts_with("\xef\xbb\xbf");
}

constexpr int end_of_input = std::char_traits<char>::eof();

// Skips a UTF-8 BOM; bytes that turn out not to be one are returned to start the first cell.
std::string skip_bom(std::streambuf& buffer)
{
  static constexpr unsigned char bom[] = {0xef, 0xbb, 0xbf};
  std::string consumed;
  for (const unsigned char expected : bom) {
    if (buffer.sgetc() != static_cast<int>(expected)) {
      return consumed;
    }
    consumed += static_cast<char>(buffer.sbumpc());
  }
  return {};
}

enum class QuotedEnd { closed, unclosed, nul };

// Reads a quoted cell's content after its opening quote, up to and including the closing
// quote. Newlines inside are content, kept byte for byte; each (CRLF counted once)
// advances line.
QuotedEnd read_quoted(std::streambuf& buffer, std::string& field, std::size_t& line)
{
  for (;;) {
    const int next_char = buffer.sbumpc();
    if (next_char == end_of_input) {
      return QuotedEnd::unclosed;
    }
    const char c = static_cast<char>(next_char);
    if (c == '"') {
      if (buffer.sgetc() != '"') {
        return QuotedEnd::closed;
      }
      buffer.sbumpc(); // a doubled quote is one quote of content
    } else if (c == '\0') {
      return QuotedEnd::nul;
    } else if (c == '\n' || (c == '\r' && buffer.sgetc() != '\n')) {
      ++line;
    }
    field += c;
  }
}

} // namespace

std::string guard_formula(std::string_view text)
{
  std::string guarded;
  if (needs_guard(text)) {
    guarded.reserve(text.size() + 1);
    guarded += '\'';
  }
  guarded += text;
  return guarded;
}

std::string unguard_formula(std::string_view text)
{
  if (!text.empty() && text.front() == '\'' && needs_guard(text.substr(1))) {
    return std::string(text.substr(1));
  }
  return std::string(text);
}

void CsvWriter::row(const std::vector<std::string>& cells)
{
  for (const auto& text : cells) {
    cell(text);
  }
  end_row();
}

void CsvWriter::cell(std::string_view text)
{
  if (!m_first) {
    m_row += ',';
  }
  m_first = false;
  const bool quoted = needs_quotes(text);
  m_row += quoted ? "\"" : "";
  content(text, quoted);
  m_row += quoted ? "\"" : "";
}

void CsvWriter::guarded_cell(std::string_view text)
{
  if (!needs_guard(text)) {
    cell(text);
    return;
  }
  if (!m_first) {
    m_row += ',';
  }
  m_first = false;
  // Guarded, the cell starts with ' and so never with a BOM.
  const bool quoted = needs_quotes(text);
  m_row += quoted ? "\"'" : "'";
  content(text, quoted);
  m_row += quoted ? "\"" : "";
}

void CsvWriter::content(std::string_view text, bool quoted)
{
  constexpr std::size_t long_cell = std::size_t{1} << 16;
  while (!text.empty()) {
    const std::size_t n = std::min(text.size(), long_cell);
    const std::string_view piece = text.substr(0, n);
    if (!quoted) {
      m_row += piece;
    } else {
      for (const char c : piece) {
        if (c == '"') {
          m_row += '"';
        }
        m_row += c;
      }
    }
    text.remove_prefix(n);
    if (m_row.size() >= long_cell) {
      m_out.write(m_row.data(), static_cast<std::streamsize>(m_row.size()));
      m_row.clear();
    }
  }
}

void CsvWriter::end_row()
{
  m_row += '\n';
  m_out.write(m_row.data(), static_cast<std::streamsize>(m_row.size()));
  m_row.clear();
  m_first = true;
}

Expected<std::optional<CsvRecord>> CsvReader::next()
{
  CsvRecord record;
  auto more = next(record);
  if (!more) {
    return more.error();
  }
  if (!*more) {
    return std::optional<CsvRecord>{};
  }
  return std::optional<CsvRecord>(std::move(record));
}

Expected<bool> CsvReader::next(CsvRecord& record)
{
  std::streambuf* buffer = m_in.rdbuf();
  if (buffer == nullptr || m_in.fail()) {
    return false;
  }
  // The record's cells are written over in place: their strings keep their storage, so
  // a long file is read without allocating for every cell of every row.
  std::size_t used = 0;
  const auto next_cell = [&record, &used]() -> std::string& {
    if (used == record.cells.size()) {
      record.cells.emplace_back();
    }
    std::string& cell = record.cells[used++];
    cell.clear();
    return cell;
  };
  std::string* field = &next_cell();
  if (!m_started) {
    *field = skip_bom(*buffer);
  }
  m_started = true;
  if (field->empty() && buffer->sgetc() == end_of_input) {
    record.cells.clear();
    return false;
  }

  record.line = m_line;
  bool at_field_start = field->empty();
  bool after_quote = false;
  const auto fail = [this](std::size_t line, const char* message, const char* hint) {
    m_line = line;
    m_in.setstate(std::ios::failbit); // the input is malformed: stop here
    return Expected<bool>(make_error(message, hint));
  };

  for (int next_char = buffer->sbumpc(); next_char != end_of_input; next_char = buffer->sbumpc()) {
    const char c = static_cast<char>(next_char);
    if (c == ',') {
      field = &next_cell();
      at_field_start = true;
      after_quote = false;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && buffer->sgetc() == '\n') {
        buffer->sbumpc();
      }
      ++m_line;
      break;
    }
    if (c == '\0') {
      return fail(m_line, "binary data (NUL byte)", "is this a CSV file?");
    }
    if (after_quote) {
      return fail(m_line, "unexpected character after closing quote",
                  "a quote inside a quoted cell is written twice (\"\")");
    }
    if (c == '"' && at_field_start) {
      const std::size_t quote_line = m_line;
      const QuotedEnd end = read_quoted(*buffer, *field, m_line);
      if (end == QuotedEnd::unclosed) {
        return fail(quote_line, "unbalanced quote", "a quoted cell is never closed");
      }
      if (end == QuotedEnd::nul) {
        return fail(m_line, "binary data (NUL byte)", "is this a CSV file?");
      }
      after_quote = true;
    } else {
      // A quote inside an unquoted cell is not RFC 4180, but other apps write it
      // (5" tall): keep it as text.
      *field += c;
    }
    at_field_start = false;
  }
  record.cells.resize(used);
  return true;
}

} // namespace sleeplog::report
