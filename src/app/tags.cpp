#include <sleeplog/app/disruptions.hpp>
#include <sleeplog/app/tags.hpp>
#include <sleeplog/store/tags.hpp>
#include <sleeplog/util/errors.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace sleeplog::app {

void check_tag_word(const std::string& word)
{
  const bool ok = !word.empty() && word.size() <= 40 && word[0] != '-' &&
                  std::all_of(word.begin(), word.end(), [](char c) {
                    return static_cast<unsigned char>(c) > ' ' && c != ',' && c != ';';
                  });
  if (!ok) {
    throw InputError(fmt::format("'{}' is not a tag", shown_value(word)),
                     "a tag is one word (no spaces, commas or semicolons), e.g. sick, teething");
  }
}

int tag_nights(store::Store& store, const store::Child& child, const NightRange& range,
               const std::string& word, const std::string& note)
{
  int added = 0;
  for (auto d = range.first; d <= range.last; d = time::add_days(d, 1)) {
    added += store::add_tag(store, child.id, {d, word, note}) ? 1 : 0;
  }
  return added;
}

int untag_nights(store::Store& store, const store::Child& child, const NightRange& range,
                 const std::string& word)
{
  int removed = 0;
  for (auto d = range.first; d <= range.last; d = time::add_days(d, 1)) {
    removed += store::remove_tag(store, child.id, d, word) ? 1 : 0;
  }
  return removed;
}

bool is_disruption(const store::Store& store, const std::string& word)
{
  return Disruptions(&store).contains(word);
}

} // namespace sleeplog::app
