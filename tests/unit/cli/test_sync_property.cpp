// Sync converges (DESIGN §12): three replicas, each with its own log and its own copy of
// the shared folder, do random operations (log, edit, rm, tag, untag, plan start, stop
// and hold, child rename, config, undo) interleaved with syncs and with a sync tool that
// copies whole files between the folders in random order and at random moments. After
// two final rounds of sync all three export the same events, tags, plans, children and
// settings; every event logged anywhere and never removed anywhere is there; nothing is
// there twice. In-process (cli::run), so that 50 seeds × 3 × 300 operations take minutes.
// SLEEPLOG_SYNC_SEEDS and SLEEPLOG_SYNC_OPS make it smaller (the sanitizer build).
// Times carry seconds: two events of one child at the very same second, logged on two
// machines, are ordered by each machine's own ids (DESIGN §12), which may differ.
#include <sleeplog/cli/run.hpp>
#include <sleeplog/store/store.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Sandbox
{
  Sandbox()
  {
    char pattern[] = "/tmp/sleeplog-sync-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Sandbox()
  {
    if (!std::getenv("SLEEPLOG_SYNC_KEEP"))
      fs::remove_all(dir);
  }
  std::string dir;
};

struct Result
{
  int status = 0;
  std::string out;
  std::string err;
};

std::string iso(long long t)
{
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string date_of(long long t)
{
  return iso(t).substr(0, 10);
}

int env_int(const char* name, int fallback)
{
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

struct Replica
{
  std::string db;
  std::string folder;
  std::string name;
};

class World
{
public:
  World(const std::string& root, unsigned seed) : m_rng(seed)
  {
    for (int i = 0; i < 3; ++i) {
      Replica r{fmt::format("{}/r{}.db", root, i), fmt::format("{}/folder{}", root, i),
                fmt::format("replica-{}", i)};
      fs::create_directories(r.folder);
      m_replicas.push_back(r);
    }
  }

  Result run(std::size_t who, std::vector<std::string> args)
  {
    sleeplog::cli::Environment env;
    env.vars = {
      {"TZ", "Europe/Berlin"}, {"SLEEPLOG_DB", m_replicas[who].db}, {"SLEEPLOG_NOW", iso(m_now)}};
    env.clock_now = m_now;
    std::ostringstream out;
    std::ostringstream err;
    Result r;
    r.status = sleeplog::cli::run(args, env, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  Result must(std::size_t who, std::vector<std::string> args)
  {
    auto r = run(who, args);
    REQUIRE_MESSAGE(r.status == 0, fmt::format("{}: {}", fmt::join(args, " "), r.err));
    return r;
  }

  std::set<std::string> uuids(std::size_t who)
  {
    std::set<std::string> all;
    auto store = sleeplog::store::Store::open_read(m_replicas[who].db);
    if (!store) {
      return all;
    }
    sleeplog::store::Statement st(store->connection(), "SELECT uuid FROM event");
    while (st.step()) {
      all.emplace(st.text(0));
    }
    return all;
  }

  std::vector<long long> ids(std::size_t who)
  {
    std::vector<long long> all;
    auto store = sleeplog::store::Store::open_read(m_replicas[who].db);
    if (!store) {
      return all;
    }
    sleeplog::store::Statement st(store->connection(), "SELECT id FROM event ORDER BY id");
    while (st.step()) {
      all.push_back(st.int64(0));
    }
    return all;
  }

  long long changes(std::size_t who)
  {
    auto store = sleeplog::store::Store::open_read(m_replicas[who].db);
    sleeplog::store::Statement st(store->connection(),
                                  "SELECT count(*) FROM change WHERE syncs_only = 0");
    return st.step() ? st.int64(0) : 0;
  }

  std::size_t pick(std::size_t n)
  {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng);
  }
  long long between(long long a, long long b)
  {
    return std::uniform_int_distribution<long long>(a, b)(m_rng);
  }

  // A sync tool's pass from one folder to another: some of the missing files, whole,
  // in random order (written under a temporary name and renamed, as Syncthing does).
  void deliver(std::size_t from, std::size_t to, bool all)
  {
    const fs::path source = fs::path(m_replicas[from].folder) / "sleeplog-sync";
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(source, ec)) {
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') {
        files.push_back(entry.path());
      }
    }
    std::shuffle(files.begin(), files.end(), m_rng);
    for (const auto& file : files) {
      if (!all && pick(2) == 0) {
        continue;
      }
      const fs::path target =
        fs::path(m_replicas[to].folder) / fs::relative(file, m_replicas[from].folder);
      if (fs::exists(target)) {
        continue;
      }
      fs::create_directories(target.parent_path());
      const fs::path temporary = target.parent_path() / (".~" + target.filename().string());
      fs::copy_file(file, temporary, fs::copy_options::overwrite_existing);
      fs::rename(temporary, target);
    }
  }

  void random_op(std::size_t who)
  {
    static const std::vector<std::string> kinds{"bed", "asleep", "woke",   "up",
                                                "cry", "feed",   "checkin"};
    static const std::vector<std::string> words{"sick", "teething", "travel", "grandma"};
    static const std::vector<std::string> names{"baby", "Nora", "Lina"};
    const std::size_t roll = pick(100);
    if (roll < 34) {
      const std::string kind = kinds[pick(kinds.size())];
      std::vector<std::string> args{kind, iso(m_now - between(0, 90 * 60)), "--by",
                                    pick(2) ? "Mum" : "Dad"};
      if (kind == "cry" || kind == "feed" || kind == "checkin") {
        args.insert(args.end(), {"--for", fmt::format("{}m", between(1, 15))});
      }
      const auto before = uuids(who);
      if (run(who, args).status == 0) {
        for (const auto& u : uuids(who)) {
          if (!before.count(u)) {
            m_logged.insert(u);
          }
        }
      }
    } else if (roll < 46) {
      const auto all = ids(who);
      if (!all.empty()) {
        const auto id = std::to_string(all[pick(all.size())]);
        if (pick(2)) {
          run(who, {"edit", id, "--note", fmt::format("n{}", between(0, 9))});
        } else {
          run(who, {"edit", id, "--at", iso(m_now - between(0, 600 * 60))});
        }
      }
    } else if (roll < 52) {
      const auto all = ids(who);
      if (!all.empty()) {
        remove_tracked(who, {"rm", std::to_string(all[pick(all.size())])});
      }
    } else if (roll < 58) {
      run(who, {"tag", date_of(m_now - between(1, 5) * 86400), words[pick(words.size())]});
    } else if (roll < 62) {
      run(who, {"untag", date_of(m_now - between(1, 5) * 86400), words[pick(words.size())]});
    } else if (roll < 65) {
      run(who, {"plan", "start", "ferber", "--from", date_of(m_now - between(0, 3) * 86400)});
    } else if (roll < 67) {
      run(who, {"plan", "stop"});
    } else if (roll < 69) {
      run(who, {"plan", "hold"});
    } else if (roll < 72) {
      auto current = run(who, {"child", "list", "--names"}).out;
      current = current.substr(0, current.find('\n'));
      run(who, {"child", "rename", current, names[pick(names.size())]});
    } else if (roll < 77) {
      const std::size_t which = pick(3);
      if (which == 0) {
        run(who, {"config", "week-start", pick(2) ? "mon" : "sun"});
      } else if (which == 1) {
        run(who, {"config", "naps", pick(2) ? "auto" : "logged"});
      } else {
        run(who, {"config", "caregiver", pick(2) ? "Mum" : "Dad"});
      }
    } else if (roll < 83) {
      if (changes(who) > 1) { // never the setup's `child add`
        remove_tracked(who, {"undo"});
      }
    } else if (roll < 92) {
      must(who, {"sync", m_replicas[who].folder});
    } else {
      std::size_t from = pick(3);
      if (from != who) {
        deliver(from, who, false);
      }
    }
  }

  // rm and undo: what they took away is no longer expected anywhere.
  void remove_tracked(std::size_t who, std::vector<std::string> args)
  {
    const auto before = uuids(who);
    if (run(who, args).status == 0) {
      const auto after = uuids(who);
      for (const auto& u : before) {
        if (!after.count(u)) {
          m_removed.insert(u);
        }
      }
    }
  }

  void round()
  {
    for (std::size_t i = 0; i < 3; ++i) {
      must(i, {"sync", m_replicas[i].folder});
    }
    for (std::size_t from = 0; from < 3; ++from) {
      for (std::size_t to = 0; to < 3; ++to) {
        if (from != to) {
          deliver(from, to, true);
        }
      }
    }
    for (std::size_t i = 0; i < 3; ++i) {
      must(i, {"sync", m_replicas[i].folder});
    }
  }

  // What must be the same everywhere: local ids dropped, events sorted by uuid.
  std::string state(std::size_t who)
  {
    static const std::regex id_field(R"re("id":[0-9]+,)re");
    auto events = must(who, {"export", "--events", "--format", "jsonl"}).out;
    std::vector<std::string> lines;
    std::istringstream in(events);
    std::string line;
    while (std::getline(in, line)) {
      lines.push_back(std::regex_replace(line, id_field, ""));
    }
    std::sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
      return a.substr(0, 50) < b.substr(0, 50);
    });
    std::string text = fmt::format("{}\n", fmt::join(lines, "\n"));
    text += must(who, {"tags", "--format", "csv"}).out;
    text += std::regex_replace(must(who, {"plan", "list", "--format", "json"}).out, id_field, "");
    text += must(who, {"child", "list", "--format", "csv"}).out;
    auto config = must(who, {"config", "--format", "csv"}).out;
    // replica-name and caregiver belong to each machine.
    text += std::regex_replace(config, std::regex("(replica-name|caregiver),[^\n]*\n"), "");
    return text;
  }

  std::vector<Replica> m_replicas;
  std::mt19937 m_rng;
  long long m_now = 1793552400; // 2026-11-01T16:00:00Z
  std::set<std::string> m_logged;
  std::set<std::string> m_removed;
};

} // namespace

TEST_CASE("three replicas doing random operations with random syncs end identical")
{
  const int seeds = env_int("SLEEPLOG_SYNC_SEEDS", 50);
  const int ops = env_int("SLEEPLOG_SYNC_OPS", 300);
  for (int seed = 1; seed <= seeds; ++seed) {
    CAPTURE(seed);
    Sandbox box;
    World world(box.dir, static_cast<unsigned>(seed));
    for (std::size_t i = 0; i < 3; ++i) {
      world.must(i, {"config", "replica-name", world.m_replicas[i].name});
      world.must(i, {"child", "add", "baby"}); // made on each: one child after the first sync
    }
    world.round();
    for (int step = 0; step < 3 * ops; ++step) {
      world.m_now += world.between(1, 40) * 60;
      world.random_op(world.pick(3));
    }
    world.round();
    world.round();
    for (std::size_t i = 0; i < 3; ++i) {
      const auto last = world.must(i, {"sync", world.m_replicas[i].folder});
      CHECK(last.out.rfind("sent 0 changes; received nothing; 0 conflicts", 0) == 0);
      CHECK(last.err == "");
    }
    const std::string first = world.state(0);
    const std::string second = world.state(1);
    const std::string third = world.state(2);
    CHECK(second == first);
    CHECK(third == first);
    if (const char* dump = std::getenv("SLEEPLOG_SYNC_DUMP");
        dump && (second != first || third != first)) {
      for (const auto& [i, text] : {std::pair{0, first}, {1, second}, {2, third}}) {
        std::ofstream(fmt::format("{}/seed{}-r{}.txt", dump, seed, i)) << text;
      }
    }

    const auto present = world.uuids(0);
    std::size_t missing = 0;
    for (const auto& u : world.m_logged) {
      if (!world.m_removed.count(u) && !present.count(u)) {
        ++missing;
      }
    }
    CHECK(missing == 0);
    // Nothing twice: one line per uuid (the uuid index would refuse a second row; the
    // export is checked as the user sees it).
    const auto events = world.must(0, {"export", "--events", "--format", "jsonl"}).out;
    CHECK(static_cast<std::size_t>(std::count(events.begin(), events.end(), '\n')) ==
          present.size());
    CHECK(world.must(0, {"child", "list", "--names"}).out.find('\n') + 1 ==
          world.must(0, {"child", "list", "--names"}).out.size());
    // Enough happened for the run to mean something.
    CHECK(world.m_logged.size() > static_cast<std::size_t>(ops) / 10);
  }
}
