#include <sleeplog/cli/commands.hpp>

#include <fmt/format.h>

#include <sstream>

namespace sleeplog::cli {

void with_store(Context& ctx, const std::function<void(store::Store&)>& body)
{
  const std::string path = ctx.db_path();
  // A missing database is built in a private file and linked into place only once the
  // command has succeeded: a failed first command creates nothing, and racing first
  // commands never see a half-made schema. When another process wins the race, the
  // command runs again on its file.
  for (int attempt = 0; attempt < 10; ++attempt) {
    ctx.flush_held_notes(false);
    std::optional<store::Store> existing = store::Store::open_existing(path);
    std::optional<store::Store> store =
      existing ? std::move(existing) : store::Store::begin_new(path);
    if (!store) {
      continue; // it appeared meanwhile
    }
    store->write([&] { body(*store); });
    if (store->publish()) {
      ctx.flush_held_notes(true);
      return;
    }
  }
  throw store::StorageError(
    fmt::format("cannot open database {}: it keeps appearing and vanishing", path));
}

void with_change(Context& ctx, const std::string& description,
                 const std::function<void(store::Store&, std::int64_t change_id)>& body)
{
  with_store(ctx, [&](store::Store& store) {
    const auto change_id = store.begin_change(description, ctx.now);
    body(store, change_id);
  });
}

std::vector<std::string> split_words(const std::string& text)
{
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    words.push_back(word);
  }
  return words;
}

std::vector<std::string> split_words(const std::vector<std::string>& arguments)
{
  std::vector<std::string> words;
  for (const auto& argument : arguments) {
    for (auto& word : split_words(argument)) {
      words.push_back(std::move(word));
    }
  }
  return words;
}

} // namespace sleeplog::cli
