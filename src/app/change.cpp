#include <sleeplog/app/change.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

#include <optional>

namespace sleeplog::app {

bool with_change(const std::string& path, const std::string& description, time::Instant now,
                 const std::function<bool(store::Store&, std::int64_t change_id)>& body,
                 const std::function<void(bool written)>& settle)
{
  const auto tell = [&](bool written) {
    if (settle) {
      settle(written);
    }
  };
  // A missing database is built in a private file and linked into place only once the
  // command has succeeded: a failed first command creates nothing, and racing first
  // commands never see a half-made schema. When another process wins the race, the
  // command runs again on its file.
  for (int attempt = 0; attempt < 10; ++attempt) {
    tell(false);
    std::optional<store::Store> existing = store::Store::open_existing(path);
    std::optional<store::Store> store =
      existing ? std::move(existing) : store::Store::begin_new(path);
    if (!store) {
      continue; // it appeared meanwhile
    }
    const bool kept = store->write_if([&] {
      const auto change_id = store->begin_change(description, now);
      if (!body(*store, change_id)) {
        return false;
      }
      store->end_change();
      return true;
    });
    if (!kept) {
      return false; // nothing to file; an unpublished new log vanishes with `store`
    }
    if (store->publish()) {
      tell(true);
      return true;
    }
  }
  throw StorageError(
    fmt::format("cannot open database {}: it keeps appearing and vanishing", path));
}

} // namespace sleeplog::app
