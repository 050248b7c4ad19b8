// libFuzzer target: the JSON reader (sleeplog's JSON and JSON Lines imports) must never
// crash or loop, and the objects it reads must survive a write by JsonObject and a
// second read unchanged (keys and values, strings with any escapes, null).
#include <sleeplog/exchange/json_reader.hpp>
#include <sleeplog/report/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sleeplog;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  exchange::JsonReader reader(in);
  std::vector<exchange::JsonRecord> records;
  exchange::JsonRecord record;
  // Each call consumes input or ends it: more calls than bytes would be a loop.
  for (std::size_t calls = 0;; ++calls) {
    if (calls > size + 2) {
      std::abort();
    }
    auto more = reader.next(record);
    if (!more) {
      if (reader.is_array()) {
        break; // an array stops at its first error
      }
      continue;
    }
    if (!*more) {
      break;
    }
    records.push_back(record);
  }
  std::ostringstream out;
  for (const auto& r : records) {
    {
      report::JsonObject object(out);
      for (const auto& [key, value] : r.fields) {
        object.text(key, value ? std::optional<std::string_view>(*value) : std::nullopt);
      }
    }
    out << '\n';
  }
  std::istringstream again(out.str());
  exchange::JsonReader second(again);
  for (const auto& r : records) {
    exchange::JsonRecord copy;
    auto more = second.next(copy);
    if (!more || !*more || copy.fields != r.fields) {
      std::abort(); // what was read must read back the same
    }
  }
  return 0;
}
