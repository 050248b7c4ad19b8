// Text tables: widths measured in terminal columns so coloured and Unicode cells align.
#include <sleeplog/report/table.hpp>
#include <sleeplog/report/terminal.hpp>

#include <algorithm>
#include <utility>

namespace sleeplog::report {

namespace {

// Appends cell padded to width on the side given by its alignment.
void append_padded(std::string& line, const std::string& cell, std::size_t width,
                   TextTable::Align align)
{
  const std::size_t used = display_width(cell);
  const std::string padding(width > used ? width - used : 0, ' ');
  if (align == TextTable::Align::right) {
    line += padding;
    line += cell;
  } else {
    line += cell;
    line += padding;
  }
}

} // namespace

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> aligns)
  : m_headers(std::move(headers)), m_aligns(std::move(aligns))
{}

void TextTable::add_row(std::vector<std::string> cells)
{
  m_rows.push_back(std::move(cells));
}

std::string TextTable::render() const
{
  const bool with_header = std::any_of(m_headers.begin(), m_headers.end(),
                                       [](const std::string& h) { return !h.empty(); });

  std::vector<const std::vector<std::string>*> lines;
  if (with_header) {
    lines.push_back(&m_headers);
  }
  for (const auto& row : m_rows) {
    lines.push_back(&row);
  }

  std::vector<std::size_t> widths(std::max(m_headers.size(), m_aligns.size()), 0);
  for (const auto* cells : lines) {
    if (cells->size() > widths.size()) {
      widths.resize(cells->size(), 0);
    }
    for (std::size_t i = 0; i < cells->size(); ++i) {
      widths[i] = std::max(widths[i], display_width((*cells)[i]));
    }
  }

  static const std::string empty;
  std::string out;
  for (const auto* cells : lines) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (i > 0) {
        line += "  ";
      }
      const Align align = i < m_aligns.size() ? m_aligns[i] : Align::left;
      append_padded(line, i < cells->size() ? (*cells)[i] : empty, widths[i], align);
    }
    line.erase(line.find_last_not_of(' ') + 1); // npos + 1 == 0 clears an all-blank line
    out += line;
    out += '\n';
  }
  return out;
}

} // namespace sleeplog::report
