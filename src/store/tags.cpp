#include <sleeplog/model/event.hpp>
#include <sleeplog/store/tags.hpp>

#include <algorithm>

namespace sleeplog::store {

namespace {

bool has_tag_table(const Store& store)
{
  Statement st(store.connection(),
               "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'tag')");
  return st.step() && st.int64(0) != 0;
}

time::Date date_of(std::string_view text)
{
  return time::parse_iso_date(text).value_or(time::Date{});
}

std::vector<Tag> read_tags(Statement& st)
{
  std::vector<Tag> tags;
  while (st.step()) {
    tags.push_back(Tag{date_of(st.text(0)), std::string(st.text(1)), std::string(st.text(2))});
  }
  return tags;
}

} // namespace

const std::vector<std::string>& default_disruptions()
{
  static const std::vector<std::string> words{"sick", "teething", "travel", "vaccine",
                                              "regression"};
  return words;
}

std::vector<std::string> disruptions(const Store& store)
{
  const auto value = store.setting("disruptions");
  if (!value) {
    return default_disruptions();
  }
  std::vector<std::string> words;
  std::string word;
  for (const char c : *value + ",") {
    if (c == ',' || c == ' ') {
      if (!word.empty()) {
        words.push_back(word);
      }
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

bool add_tag(Store& store, std::int64_t child_id, const Tag& tag)
{
  for (const auto& [what, text] : {std::pair{"a tag", std::string_view(tag.word)},
                                   std::pair{"a tag's note", std::string_view(tag.note)}}) {
    if (auto problem = model::stored_text_problem(what, text); !problem.empty()) {
      throw InputError(problem, "a tag and its note are one line of UTF-8 text; nothing was "
                                "written");
    }
  }
  Statement exists(store.connection(),
                   "SELECT 1 FROM tag WHERE child_id = ? AND night = ? AND word = ?");
  exists.bind(1, child_id).bind(2, time::format_date(tag.night)).bind(3, tag.word);
  const bool found = exists.step();
  Statement st(store.connection(),
               "INSERT INTO tag(child_id, night, word, note) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (child_id, night, word) DO UPDATE SET note = excluded.note");
  st.bind(1, child_id)
    .bind(2, time::format_date(tag.night))
    .bind(3, tag.word)
    .bind_text_or_null(4, tag.note)
    .run();
  return !found;
}

bool remove_tag(Store& store, std::int64_t child_id, time::Date night, const std::string& word)
{
  Statement st(store.connection(), "DELETE FROM tag WHERE child_id = ? AND night = ? AND word = ?");
  st.bind(1, child_id).bind(2, time::format_date(night)).bind(3, word).run();
  return store.connection().changes() > 0;
}

std::vector<Tag> tags_between(const Store& store, std::int64_t child_id, time::Date first,
                              time::Date last)
{
  if (!has_tag_table(store)) {
    return {};
  }
  Statement st(store.connection(),
               "SELECT night, word, coalesce(note, '') FROM tag WHERE child_id = ? AND night "
               "BETWEEN ? AND ? ORDER BY night, word");
  st.bind(1, child_id).bind(2, time::format_date(first)).bind(3, time::format_date(last));
  return read_tags(st);
}

std::vector<Tag> all_tags(const Store& store, std::int64_t child_id)
{
  return tags_between(store, child_id, time::Date{1900, 1, 1}, time::Date{2199, 12, 31});
}

std::map<time::Date, std::string> disrupted_nights(const Store& store, std::int64_t child_id,
                                                   time::Date first, time::Date last)
{
  const auto words = disruptions(store);
  std::map<time::Date, std::string> nights;
  for (const auto& tag : tags_between(store, child_id, first, last)) {
    if (std::find(words.begin(), words.end(), tag.word) != words.end()) {
      nights.emplace(tag.night, tag.word);
    }
  }
  return nights;
}

} // namespace sleeplog::store
