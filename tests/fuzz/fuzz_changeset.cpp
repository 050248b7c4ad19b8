// libFuzzer target: ChangesetReader (a sync file's body read in place) must never crash,
// and must never read on where SQLite's own changeset iterator would not, nor read a
// value otherwise (changeset_reference.hpp).
#include "../unit/store/changeset_reference.hpp"
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view changeset(reinterpret_cast<const char*>(data), size);
  const auto why = sleeplog::store::testing::disagreement(changeset);
  if (!why.empty()) {
    std::fprintf(stderr, "ChangesetReader disagrees with the iterator: %s\n", why.c_str());
    std::abort();
  }
  return 0;
}
