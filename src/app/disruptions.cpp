#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/store/tags.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::app {

Disruptions::Disruptions(const store::Store* store)
  : m_words(store != nullptr ? store::disruptions(*store) : store::default_disruptions())
{}

bool Disruptions::contains(const std::string& word) const
{
  return std::find(m_words.begin(), m_words.end(), word) != m_words.end();
}

bool Disruptions::disrupt(const model::Night& night) const
{
  return std::any_of(night.tags.begin(), night.tags.end(),
                     [this](const std::string& tag) { return contains(tag); });
}

DisruptionFilter::DisruptionFilter(const store::Store& store, bool include)
  : m_disruptions(&store), m_include(include)
{}

bool DisruptionFilter::keep(const model::Night& night)
{
  const bool disrupted = m_disruptions.disrupt(night);
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
