// libFuzzer target: the CSV reader must never crash or loop, and what it reads must
// survive a write and a second read unchanged.
#include <sleeplog/report/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sleeplog::report;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto record = reader.next();
    if (!record || !*record) {
      break;
    }
    rows.push_back((*record)->cells);
  }
  std::ostringstream out;
  CsvWriter writer(out);
  for (const auto& row : rows) {
    writer.row(row);
  }
  std::istringstream again(out.str());
  CsvReader second(again);
  for (const auto& row : rows) {
    auto record = second.next();
    if (!record || !*record || (*record)->cells != row) {
      std::abort(); // a round trip must be exact
    }
  }
  return 0;
}
