// Context tags of nights (DESIGN §9) and the disruptions setting: which words leave a
// night out of the trends and pause a plan.
#pragma once

#include <sleeplog/store/store.hpp>

#include <map>
#include <string>
#include <vector>

namespace sleeplog::store {

/// One tag of one night.
struct Tag
{
  time::Date night;
  std::string word;
  std::string note;
};

/// The default disruptions.
const std::vector<std::string>& default_disruptions();

/// The `disruptions` setting as a list (default when unset).
std::vector<std::string> disruptions(const Store& store);

/// Tags a night (replacing the note of the same tag); true when the tag is new.
bool add_tag(Store& store, std::int64_t child_id, const Tag& tag);

/// Removes a tag from a night; true when it was there.
bool remove_tag(Store& store, std::int64_t child_id, time::Date night, const std::string& word);

/// The child's tags of nights in [first, last], by night then word. Empty on a database
/// older than the tag table (read without upgrading).
std::vector<Tag> tags_between(const Store& store, std::int64_t child_id, time::Date first,
                              time::Date last);

/// Every tag of the child.
std::vector<Tag> all_tags(const Store& store, std::int64_t child_id);

/// The nights in [first, last] that carry a disruption, each with its first such word.
std::map<time::Date, std::string> disrupted_nights(const Store& store, std::int64_t child_id,
                                                   time::Date first, time::Date last);

} // namespace sleeplog::store
