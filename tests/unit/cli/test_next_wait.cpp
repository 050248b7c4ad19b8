// `next --wait` in-process: with a real clock it sleeps through the injected sleep in
// steps until the check-in is due; with SLEEPLOG_NOW it never sleeps.
#include <sleeplog/cli/run.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace {

struct Sandbox
{
  Sandbox()
  {
    char pattern[] = "/tmp/sleeplog-cli-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Sandbox() { std::filesystem::remove_all(dir); }
  std::string dir;
};

// 2026-11-26T20:00:00-05:00
constexpr long long eight_pm = 1795741200;

} // namespace

TEST_CASE("next --wait sleeps in steps on a real clock, and not at all with SLEEPLOG_NOW")
{
  Sandbox box;
  long long clock = eight_pm;
  std::vector<long long> naps;
  sleeplog::cli::Environment env;
  env.vars = {{"TZ", "America/New_York"}, {"SLEEPLOG_DB", box.dir + "/log.db"}};
  env.read_clock = [&] { return clock; };
  env.sleep = [&](long long seconds) {
    naps.push_back(seconds);
    clock += seconds;
  };
  const auto run = [&](std::vector<std::string> args) {
    env.clock_now = clock;
    std::ostringstream out;
    std::ostringstream err;
    const int status = sleeplog::cli::run(args, env, out, err);
    REQUIRE_MESSAGE(status == 0, err.str());
    return out.str();
  };
  run({"plan", "start", "ferber"});
  run({"bed"});
  clock += 60;
  CHECK(run({"next"}) == "check-in 1 due at 20:03 (in 2 min): wait 3 min, night 1 of ferber\n");
  CHECK(run({"next", "--wait"}) == "check-in due now (waited 3 min; plan 3)\n");
  CHECK(naps == std::vector<long long>{30, 30, 30, 30});
  CHECK(clock == eight_pm + 180);

  naps.clear();
  clock += 60;
  run({"checkin", "20:03", "20:04"});
  env.vars["SLEEPLOG_NOW"] = "2026-11-26T20:05:00-05:00";
  CHECK(run({"next", "--wait"}) == "check-in due now (waited 5 min; plan 5)\n");
  CHECK(naps.empty());
}
