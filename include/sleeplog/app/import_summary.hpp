// The rules of an import's summary (DESIGN §6): which nights the imported events fall in,
// counted per child by the log's night-boundary setting, as "N nights" in the summary.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/store/store.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <utility>

namespace sleeplog::app {

/// The distinct nights an import's events fall in.
class ImportedNights
{
public:
  /// Nights cut by the night-boundary setting of `store`; by the default boundary when
  /// there is no log yet (nullptr: a dry run before the first write).
  explicit ImportedNights(const store::Store* store);

  /// Counts the night `event` (already given its child) falls in; a nap falls in none.
  void add(const model::Event& event);

  /// How many distinct nights, over every child, the events added fall in.
  std::size_t count() const { return m_nights.size(); }

private:
  int m_boundary_min;
  std::set<std::pair<std::int64_t, std::int64_t>> m_nights; // (child, night's day number)
};

} // namespace sleeplog::app
