// libFuzzer target: the time grammar must never crash, whatever is typed.
#include <sleeplog/time/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sleeplog::time;
  static const Zone zone = Zone::named("America/New_York").value();
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> tokens;
  std::string word;
  for (char c : text) {
    if (c == ' ') {
      tokens.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  tokens.push_back(word);
  const Instant now = 1795878000; // 2026-11-28T07:00:00-05:00
  if (auto when = parse_when(tokens, now, zone)) {
    if (when->tokens_used < tokens.size()) {
      (void)parse_end(std::span<const std::string>(tokens).subspan(when->tokens_used), when->at,
                      now, zone);
    }
    (void)format_iso(when->at, zone.offset_at(when->at));
  }
  (void)parse_duration(text);
  (void)parse_iso_instant(text);
  (void)parse_date(text, now, zone);
  return 0;
}
