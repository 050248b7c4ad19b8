// Reading context tags by night.
#include <sleeplog/store/sqlite.hpp>
#include <sleeplog/store/tags.hpp>

namespace sleeplog::store {

std::map<time::Date, std::vector<std::string>> night_tags(Store& store, std::int64_t child_id,
                                                          time::Date first, time::Date last)
{
  std::map<time::Date, std::vector<std::string>> tags;
  Statement query(store.connection(), "SELECT night, word FROM tag WHERE child_id = ?1 AND "
                                      "night BETWEEN ?2 AND ?3 ORDER BY night, word");
  query.bind(1, child_id).bind(2, time::format_date(first)).bind(3, time::format_date(last));
  while (query.step()) {
    if (const auto date = time::parse_iso_date(query.text(0))) {
      tags[*date].emplace_back(query.text(1));
    }
  }
  return tags;
}

} // namespace sleeplog::store
