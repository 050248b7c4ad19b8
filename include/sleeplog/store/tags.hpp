// Context tags of nights (SPEC §9), read from the `tag` table.
#pragma once

#include <sleeplog/store/store.hpp>

#include <map>
#include <string>
#include <vector>

namespace sleeplog::store {

/// The tags of one child's nights from `first` to `last`: night → words, alphabetical.
std::map<time::Date, std::vector<std::string>> night_tags(Store& store, std::int64_t child_id,
                                                          time::Date first, time::Date last);

} // namespace sleeplog::store
