// Nights tagged with a disruption (DESIGN §9) are shown everywhere but left out of the
// numbers unless --include-disrupted: which tag words are disruptions (the one place the
// commands ask), and the filter summary, trend and report share.
#pragma once

#include <sleeplog/model/night.hpp>
#include <sleeplog/store/store.hpp>

#include <set>
#include <string>
#include <vector>

namespace sleeplog::app {

/// The log's disruptions: the words of its `disruptions` setting.
class Disruptions
{
public:
  /// The disruptions of `store`; the defaults when there is no log (nullptr).
  explicit Disruptions(const store::Store* store);

  /// Whether the tag `word` is a disruption.
  bool contains(const std::string& word) const;

  /// Whether any tag of `night` is a disruption.
  bool disrupt(const model::Night& night) const;

private:
  std::vector<std::string> m_words;
};

/// Decides which nights go into a report's numbers and counts those left out.
class DisruptionFilter
{
public:
  /// `include`: --include-disrupted (keep every night).
  DisruptionFilter(const store::Store& store, bool include);

  /// True when the night goes into the numbers.
  bool keep(const model::Night& night);

  /// The sentence's note: " 1 disrupted night left out." or "".
  std::string note() const;

private:
  Disruptions m_disruptions;
  bool m_include;
  std::set<time::Date> m_left_out;
};

} // namespace sleeplog::app
