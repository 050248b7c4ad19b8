#include <sleeplog/app/change.hpp>
#include <sleeplog/cli/commands.hpp>

#include <sstream>

namespace sleeplog::cli {

bool with_change_or_discard(
  Context& ctx, const std::string& description,
  const std::function<ChangeOutcome(store::Store&, std::int64_t change_id)>& body)
{
  return app::with_change(
    ctx.db_path(), description, ctx.now,
    [&](store::Store& store, std::int64_t change_id) {
      return body(store, change_id) == ChangeOutcome::keep;
    },
    [&](bool written) { ctx.flush_held_notes(written); });
}

void with_change(Context& ctx, const std::string& description,
                 const std::function<void(store::Store&, std::int64_t change_id)>& body)
{
  with_change_or_discard(ctx, description, [&](store::Store& store, std::int64_t change_id) {
    body(store, change_id);
    return ChangeOutcome::keep;
  });
}

void with_store(Context& ctx, const std::function<void(store::Store&)>& body)
{
  with_change(ctx, ctx.command_line,
              [&](store::Store& store, std::int64_t /*change_id*/) { body(store); });
}

std::string describe_command(const std::vector<std::string>& args)
{
  std::string text;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--db" || word == "--color") {
      ++i; // and its value
      continue;
    }
    if (word.rfind("--db=", 0) == 0 || word.rfind("--color=", 0) == 0 || word == "-q" ||
        word == "--quiet") {
      continue;
    }
    if (!text.empty()) {
      text += ' ';
    }
    text += word.find(' ') == std::string::npos && !word.empty() ? word : '"' + word + '"';
  }
  return text;
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

void split_duration_words(const std::vector<std::string>& values, std::string& duration,
                          std::vector<std::string>& rest)
{
  const std::vector<std::string> words = split_words(values);
  if (words.empty()) {
    return;
  }
  std::size_t taken = 1;
  std::string joined;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && is_digit(words[i - 1].back()) && is_digit(words[i].front())) {
      break; // "5 10" is two numbers, not 510 minutes
    }
    joined += (i == 0 ? "" : " ") + words[i];
    if (time::parse_duration(joined)) {
      taken = i + 1;
    }
  }
  duration.clear();
  for (std::size_t i = 0; i < taken; ++i) {
    duration += (i == 0 ? "" : " ") + words[i];
  }
  rest.insert(rest.end(), words.begin() + static_cast<std::ptrdiff_t>(taken), words.end());
}

} // namespace sleeplog::cli
