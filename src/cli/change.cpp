#include <sleeplog/cli/commands.hpp>

#include <sstream>
#include <unistd.h>

namespace sleeplog::cli {

void with_change(Context& ctx, const std::string& description,
                 const std::function<void(store::Store&, std::int64_t change_id)>& body)
{
  std::optional<store::Store> store;
  try {
    store.emplace(ctx.open_write());
    store::Transaction tx(store->connection());
    const auto change_id = store->begin_change(description, ctx.now);
    body(*store, change_id);
    tx.commit();
  } catch (...) {
    // A first command that fails leaves no empty database behind.
    if (store && store->created()) {
      const std::string path = store->path();
      store.reset();
      ::unlink(path.c_str());
    }
    throw;
  }
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
