#include <sleeplog/exchange/problems.hpp>

namespace sleeplog::exchange {

void Problems::add(std::size_t line, const std::string& problem)
{
  ++m_count;
  if (m_kept.size() < m_limit) {
    m_kept.push_back(m_file + ":" + std::to_string(line) + ": " + problem);
  }
}

std::vector<std::string> Problems::lines() const
{
  std::vector<std::string> out = m_kept;
  if (m_count > m_kept.size()) {
    const std::size_t more = m_count - m_kept.size();
    out.push_back(m_file + ": and " + std::to_string(more) +
                  (more == 1 ? " more problem" : " more problems"));
  }
  return out;
}

std::string column_count_problem(std::size_t cells, std::size_t header_cells, bool last_row)
{
  const bool truncated = last_row && cells < header_cells;
  return (truncated ? "truncated last line: " : "wrong column count: ") + std::to_string(cells) +
         (cells == 1 ? " cell" : " cells") + ", the header has " + std::to_string(header_cells);
}

} // namespace sleeplog::exchange
