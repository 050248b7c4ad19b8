#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/store/tags.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::app {

DisruptionFilter::DisruptionFilter(const store::Store& store, bool include)
  : m_words(store::disruptions(store)), m_include(include)
{}

bool DisruptionFilter::keep(const model::Night& night)
{
  const bool disrupted = std::any_of(night.tags.begin(), night.tags.end(), [&](const auto& t) {
    return std::find(m_words.begin(), m_words.end(), t) != m_words.end();
  });
  if (disrupted && !m_include) {
    m_left_out.insert(night.date);
  }
  return !disrupted || m_include;
}

std::string DisruptionFilter::note() const
{
  if (m_left_out.empty()) {
    return {};
  }
  return fmt::format(" {} disrupted night{} left out.", m_left_out.size(),
                     m_left_out.size() == 1 ? "" : "s");
}

} // namespace sleeplog::app
