// libFuzzer target: every importer (sleeplog CSV/JSONL/JSON and the five apps) must
// never crash, whatever the file holds. The first byte picks the --from value (or
// detection); the rest is the file.
#include <sleeplog/exchange/import.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sleeplog::exchange;
  if (size == 0) {
    return 0;
  }
  static const sleeplog::time::Zone zone = sleeplog::time::Zone::named("America/New_York").value();
  static constexpr Source sources[] = {Source::sleeplog,    Source::huckleberry, Source::babybuddy,
                                       Source::babyconnect, Source::babytracker, Source::glow};
  ReadOptions options;
  options.zone = zone;
  if (data[0] < 6) {
    options.from = sources[data[0]];
  }
  std::istringstream in(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  Problems problems("fuzz");
  read_import(in, options, problems, [&](ImportedEvent& e) {
    // Whatever is handed over must be a sane event.
    if (e.event.end && *e.event.end < e.event.start) {
      __builtin_trap();
    }
  });
  return 0;
}
