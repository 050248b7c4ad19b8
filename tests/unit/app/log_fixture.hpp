// A temporary log for the app layer's tests: a database in a fresh folder, one child,
// and events written as one change, at New York's winter offset.
#pragma once

#include <sleeplog/app/nights.hpp>
#include <sleeplog/store/store.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <unistd.h>

namespace sleeplog::test {

inline constexpr int est = -5 * 3600;

/// The instant of 2026-11-DAY HOUR:MINUTE in New York (EST).
inline time::Instant at(int day, int hour, int minute)
{
  return time::civil_to_seconds(time::CivilTime{{2026, 11, day}, hour, minute, 0}) - est;
}

/// The nights of 2026-11-FIRST to 2026-11-LAST.
inline app::NightRange nov(int first, int last)
{
  return {time::Date{2026, 11, first}, time::Date{2026, 11, last}};
}

/// Whether two ranges hold the same nights.
inline bool same(const app::NightRange& a, const app::NightRange& b)
{
  return a.first == b.first && a.last == b.last;
}

/// An event of `kind` at `start` (EST), not yet stored.
inline model::Event event(model::Kind kind, time::Instant start)
{
  model::Event e;
  e.kind = kind;
  e.start = start;
  e.offset_s = est;
  return e;
}

/// The clock of a command run at `now` in New York.
inline app::Clock clock_at(time::Instant now)
{
  auto zone = time::Zone::named("America/New_York");
  REQUIRE(zone.ok());
  return app::Clock{now, *zone};
}

/// A log in a temporary folder, removed afterwards, with one child.
struct TempLog
{
  TempLog() : dir(make_dir()), store(store::Store::open_write(dir + "/log.db"))
  {
    child = store.add_child("Leo", "");
  }
  ~TempLog() { std::filesystem::remove_all(dir); }
  TempLog(const TempLog&) = delete;
  TempLog& operator=(const TempLog&) = delete;

  /// Stores `events` for the child as one change.
  void log(std::initializer_list<model::Event> events)
  {
    store.write([&] {
      const auto change = store.begin_change("seed", 0);
      for (auto e : events) {
        e.child_id = child.id;
        store.insert_event(e, change);
      }
      store.end_change();
    });
  }

  /// Stores a night: bed at 19:30 and asleep at 19:45 on DAY, up at 06:30 the next day.
  void log_night(int day)
  {
    log({event(model::Kind::bed, at(day, 19, 30)), event(model::Kind::asleep, at(day, 19, 45)),
         event(model::Kind::up, at(day + 1, 6, 30))});
  }

  /// The child's nights as the log's settings cut them.
  app::NightSource source() const { return {store, child, app::read_settings(store)}; }

  static std::string make_dir()
  {
    char pattern[] = "/tmp/sleeplog-app-XXXXXX";
    return ::mkdtemp(pattern);
  }

  std::string dir;
  store::Store store;
  store::Child child;
};

/// Nights of 20 to 24 Nov, each ended with its up at 06:30.
struct FiveNights : TempLog
{
  FiveNights()
  {
    for (int day = 20; day <= 24; ++day) {
      log_night(day);
    }
  }
};

} // namespace sleeplog::test
