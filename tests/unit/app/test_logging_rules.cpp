// The logging rules in-process against a temporary database: a bare clock time that
// would rewrite a finished night is refused with both spellings, what leaves its sleep
// alone passes, --for is clamped to the waking, and a forgotten up is found.
#include <sleeplog/app/logging_rules.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace sleeplog;

namespace {

struct Sandbox
{
  Sandbox()
  {
    char pattern[] = "/tmp/sleeplog-rules-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Sandbox() { std::filesystem::remove_all(dir); }
  std::string dir;
};

constexpr int est = -5 * 3600;

time::Instant at(int day, int hour, int minute)
{
  return time::civil_to_seconds(time::CivilTime{{2026, 11, day}, hour, minute, 0}) - est;
}

model::Event event(model::Kind kind, time::Instant start)
{
  model::Event e;
  e.kind = kind;
  e.start = start;
  e.offset_s = est;
  return e;
}

// The night of Wed 11 Nov: bed 19:00, asleep 19:20, up 05:56 on the 12th.
struct EndedNight
{
  EndedNight() : store(store::Store::open_write(box.dir + "/log.db"))
  {
    child = store.add_child("Nora", "");
    const auto change = store.begin_change("seed", at(12, 6, 0));
    for (auto e :
         {event(model::Kind::bed, at(11, 19, 0)), event(model::Kind::asleep, at(11, 19, 20)),
          event(model::Kind::up, at(12, 5, 56))}) {
      e.child_id = child.id;
      store.insert_event(e, change);
    }
  }
  app::NightSource source() const { return app::NightSource{store, child, {}}; }

  Sandbox box;
  store::Store store;
  store::Child child;
};

time::ParsedWhen bare(time::Instant read, std::optional<time::Instant> other)
{
  return time::ParsedWhen{read, 1, {}, true, other};
}

} // namespace

TEST_CASE("a bare clock time that would rewrite a finished night is refused with both spellings")
{
  EndedNight night;
  const auto zone = time::Zone::named("America/New_York");
  REQUIRE(zone.ok());
  const time::Instant now = at(12, 20, 10);
  const app::CommandSpelling spelling{"sleeplog asleep", " --by Dad"};
  auto candidate = event(model::Kind::asleep, at(12, 8, 5));
  candidate.child_id = night.child.id;
  const auto refusal = app::finished_night_refusal(
    night.source(), candidate, bare(at(12, 8, 5), at(12, 20, 5)), now, *zone, spelling);
  REQUIRE(refusal);
  CHECK(refusal->message ==
        "asleep 08:05 lands in the night of Wed 11 Nov, which has already ended (up 05:56, #3); "
        "it would start its sleep again 2 h 9 min after its up at 05:56 (#3)");
  CHECK(refusal->hint.find("`sleeplog asleep today 08:05 --by Dad`") != std::string::npos);
  CHECK(refusal->hint.find("if you meant 20:05, write `sleeplog asleep 20:05 --by Dad`") !=
        std::string::npos);
  // Written with its day, the same moment is filed on purpose.
  CHECK_FALSE(app::finished_night_refusal(night.source(), candidate,
                                          time::ParsedWhen{at(12, 8, 5), 2, {}, false, {}}, now,
                                          *zone, spelling));
}

TEST_CASE("what leaves a finished night's sleep alone passes: the morning bed, a note")
{
  EndedNight night;
  const auto zone = time::Zone::named("America/New_York");
  REQUIRE(zone.ok());
  const time::Instant now = at(12, 7, 5);
  const app::CommandSpelling spelling{"sleeplog bed", ""};
  auto bed = event(model::Kind::bed, at(11, 18, 50)); // before the first sleep
  bed.child_id = night.child.id;
  CHECK_FALSE(app::finished_night_refusal(night.source(), bed, bare(bed.start, std::nullopt), now,
                                          *zone, spelling));
  auto note = event(model::Kind::note, at(12, 6, 50));
  note.child_id = night.child.id;
  CHECK_FALSE(app::finished_night_refusal(night.source(), note, bare(note.start, std::nullopt), now,
                                          *zone, spelling));
  // Put back to sleep 20 min after the up, typed at once: the night goes on.
  auto back = event(model::Kind::asleep, at(12, 6, 16));
  back.child_id = night.child.id;
  CHECK_FALSE(app::finished_night_refusal(night.source(), back, bare(back.start, std::nullopt),
                                          at(12, 6, 20), *zone, spelling));
}

TEST_CASE("--for during a waking starts at its woke; a forgotten up is found")
{
  Sandbox box;
  auto store = store::Store::open_write(box.dir + "/log.db");
  const auto child = store.add_child("Leo", "");
  const auto change = store.begin_change("seed", at(13, 2, 3));
  for (auto e : {event(model::Kind::bed, at(12, 19, 0)), event(model::Kind::asleep, at(12, 19, 20)),
                 event(model::Kind::woke, at(13, 2, 0))}) {
    e.child_id = child.id;
    store.insert_event(e, change);
  }
  const app::NightSource source{store, child, {}};
  auto cry = event(model::Kind::cry, at(13, 1, 58));
  cry.end = at(13, 2, 3);
  const auto woke = app::clamp_to_waking(source, cry);
  REQUIRE(woke);
  CHECK(woke->id == 3);
  CHECK(cry.start == at(13, 2, 0));

  const auto zone = time::Zone::named("America/New_York");
  REQUIRE(zone.ok());
  CHECK_FALSE(app::forgotten_up(source, at(13, 9, 0), *zone)); // 07:00 + 3 h not yet past
  const auto forgotten = app::forgotten_up(source, at(13, 19, 5), *zone);
  REQUIRE(forgotten);
  CHECK(forgotten->night == time::Date{2026, 11, 12});
  CHECK(forgotten->suggested == at(13, 2, 0)); // the night's last woke
}
