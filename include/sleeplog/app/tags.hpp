// The rules of tag and untag (DESIGN §9): what a tag word may be, and tagging or
// untagging every night of a range.
#pragma once

#include <sleeplog/app/nights.hpp>

#include <string>

namespace sleeplog::app {

/// Throws InputError unless `word` is a tag: one word of at most 40 bytes, not starting
/// with '-', without spaces, control characters, commas or semicolons.
void check_tag_word(const std::string& word);

/// Tags every night of `range` of the child of `source` with `word` (and `note`); the
/// number of nights that did not carry it yet.
int tag_nights(store::Store& store, const store::Child& child, const NightRange& range,
               const std::string& word, const std::string& note);

/// Removes `word` from every night of `range`; the number of nights that carried it.
int untag_nights(store::Store& store, const store::Child& child, const NightRange& range,
                 const std::string& word);

/// Whether `word` is one of the log's disruptions (the `disruptions` setting).
bool is_disruption(const store::Store& store, const std::string& word);

} // namespace sleeplog::app
