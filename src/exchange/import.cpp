// Which reader a file needs: JSON by its first character, CSV by its header (or --from).
#include <sleeplog/exchange/app_formats.hpp>
#include <sleeplog/exchange/import.hpp>
#include <sleeplog/exchange/own_format.hpp>
#include <sleeplog/exchange/sheet_format.hpp>

#include <array>
#include <streambuf>

namespace sleeplog::exchange {

namespace {

constexpr std::array<std::pair<Source, std::string_view>, 7> names{{
  {Source::sleeplog, "sleeplog"},
  {Source::huckleberry, "huckleberry"},
  {Source::babybuddy, "babybuddy"},
  {Source::babyconnect, "babyconnect"},
  {Source::babytracker, "babytracker"},
  {Source::glow, "glow"},
  {Source::sheet, "sheet"},
}};

constexpr int end_of_input = std::char_traits<char>::eof();

// Skips a BOM and white space; returns the first byte after them and counts the lines passed.
int first_byte(std::streambuf& buffer, std::size_t& line)
{
  if (buffer.sgetc() == 0xef) {
    for (int i = 0; i < 3; ++i) {
      buffer.sbumpc();
    }
  }
  for (int c = buffer.sgetc();; c = buffer.sgetc()) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return c;
    }
    if (c == '\n') {
      ++line;
    }
    buffer.sbumpc();
  }
}

// True when a header holds bytes no text export has: controls other than tab, or
// sequences that are not UTF-8.
bool looks_binary(const std::vector<std::string>& header)
{
  for (const auto& cell : header) {
    for (std::size_t i = 0; i < cell.size(); ++i) {
      const auto byte = static_cast<unsigned char>(cell[i]);
      if (byte < 0x20 && byte != '\t') {
        return true;
      }
      if (byte < 0x80) {
        continue;
      }
      const std::size_t more = byte >= 0xf0 && byte < 0xf8 ? 3
                               : byte >= 0xe0              ? 2
                               : byte >= 0xc2              ? 1
                                                           : 0;
      if (more == 0 || byte >= 0xf8) {
        return true;
      }
      for (std::size_t k = 1; k <= more; ++k) {
        if (i + k >= cell.size() || (static_cast<unsigned char>(cell[i + k]) & 0xc0) != 0x80) {
          return true;
        }
      }
      i += more;
    }
  }
  return false;
}

void read_csv(std::istream& in, const ReadOptions& options, Problems& problems, ReadResult& result,
              const EventSink& sink)
{
  report::CsvReader reader(in);
  auto header = reader.next();
  if (!header) {
    problems.add(reader.line(), header.error().message);
    return;
  }
  const std::vector<std::string>& columns = (*header)->cells;
  const auto detected = detect_source(columns);
  if (!detected && looks_binary(columns)) {
    problems.add(1, "binary data (not a text file)");
    return;
  }
  if (!options.from && !detected) {
    problems.add(1, "not a file sleeplog can read: the header matches no known export "
                    "(use --from " +
                      std::string(source_names()) + ")");
    return;
  }
  result.source = options.from.value_or(*detected);
  if (result.source == Source::sheet) {
    auto periods = read_sheet_rows(reader, columns, options, problems, result);
    if (problems.empty()) {
      for (auto& event : assemble_periods(std::move(periods), result.source, result)) {
        sink(event);
      }
    }
    return;
  }
  if (const auto missing = missing_columns(result.source, columns); !missing.empty()) {
    problems.add(1, "not a " + std::string(source_name(result.source)) + " export: no column '" +
                      missing.front() + "'");
    return;
  }
  if (result.source == Source::sleeplog) {
    read_own_csv(reader, in, columns, problems, result, sink, options.now);
    return;
  }
  auto periods = read_app_rows(reader, in, columns, result.source, options.zone, problems, result);
  if (!problems.empty()) {
    return;
  }
  for (auto& event : assemble_periods(std::move(periods), result.source, result)) {
    sink(event);
  }
}

} // namespace

std::optional<Source> parse_source(std::string_view name)
{
  for (const auto& [source, text] : names) {
    if (text == name) {
      return source;
    }
  }
  return std::nullopt;
}

std::string_view source_name(Source source)
{
  for (const auto& [s, text] : names) {
    if (s == source) {
      return text;
    }
  }
  return "sleeplog";
}

std::string_view source_names()
{
  return "sleeplog, huckleberry, babybuddy, babyconnect, babytracker, glow or sheet";
}

ReadResult read_import(std::istream& in, const ReadOptions& options, Problems& problems,
                       const EventSink& sink)
{
  ReadResult result;
  std::streambuf* buffer = in.rdbuf();
  std::size_t line = 1;
  const int first = buffer == nullptr ? end_of_input : first_byte(*buffer, line);
  if (first == end_of_input) {
    problems.add(1, "empty file: no header");
    return result;
  }
  if (first == '{' || first == '[') {
    if (options.from && options.from != Source::sleeplog) {
      problems.add(line, "a JSON file: only sleeplog's own export is read as JSON");
      return result;
    }
    read_own_json(in, line, problems, result, sink, options.now);
    return result;
  }
  if (line > 1) {
    problems.add(1, "the file starts with blank lines; the header belongs on line 1");
    return result;
  }
  read_csv(in, options, problems, result, sink);
  return result;
}

} // namespace sleeplog::exchange
