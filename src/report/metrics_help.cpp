// The words behind every number sleeplog prints.
#include <sleeplog/report/metrics_help.hpp>
#include <sleeplog/report/summary.hpp>

#include <fmt/format.h>

namespace sleeplog::report {

const std::vector<MetricHelp>& metric_help()
{
  static const std::vector<MetricHelp> help{
    {"bedtime", "bed", "When you put your child down for the night (the `bed` event)."},
    {"asleep", "asleep", "When your child first fell asleep after being put down."},
    {"sol_min", "settling",
     "Settling time: minutes from being put down to falling asleep. Sleep research calls "
     "it SOL, sleep onset latency."},
    {"wakings", "wakings",
     "Night wakings: times your child woke and then fell asleep again before getting up. "
     "The last waking of the morning is not counted."},
    {"waso_min", "time awake at night",
     "Minutes awake during those night wakings, added up. Research calls it WASO, wake "
     "after sleep onset."},
    {"final_wake", "final wake", "When your child woke for the last time in the morning."},
    {"up", "up", "When your child got up for the day (the `up` event)."},
    {"twak_min", "early waking",
     "Minutes between the final waking and getting up: lying awake in the morning."},
    {"tib_min", "time in bed", "Minutes from being put down to getting up."},
    {"tst_min", "night sleep", "Total minutes asleep in the night, all stretches added up."},
    {"se_pct", "sleep efficiency",
     "Share of the time in bed spent asleep, in percent. 85% or more is a settled night."},
    {"longest_stretch_min", "longest stretch",
     "The longest time asleep in one go, without waking."},
    {"cry_min", "crying",
     "Minutes of crying in the night, from the put-down (or, with no `bed`, the crying "
     "before falling asleep) to getting up; overlapping episodes count once. Crying around "
     "naps is nap crying."},
    {"cry_episodes", "crying episodes", "How many separate times your child cried that night."},
    {"checkins", "check-ins",
     "How many times a parent went in to check on your child, from the night's put-down to "
     "getting up. Check-ins around naps are nap check-ins."},
    {"checkin_min", "check-in time", "Minutes spent in the room on those check-ins."},
    {"feeds", "feeds", "How many night feeds there were, from the put-down to getting up."},
    {"naps", "naps",
     "Naps of the day before the night, plus sleep of the evening apart from the night's "
     "main sleep. Empty when that day's naps are not known."},
    {"nap_min", "nap time", "Minutes of those naps, added up."},
    {"sleep_24h_min", "sleep in 24 h",
     "Night sleep plus the naps of the day before: all sleep in one day. Compare it with "
     "the range for the age (4-12 months 12-16 h, 1-2 years 11-14 h, 3-5 years 10-13 h)."},
    {"complete", "complete",
     "Yes when the night has a put-down, falling asleep and getting up, and every waking "
     "ends in sleep. Incomplete nights count only in the numbers they have."},
    {"concern", "tough",
     "A tough night by the BISQ screening cut-offs (Sadeh 2004): more than 3 wakings, "
     "more than 60 minutes awake at night, or less than 9 hours of sleep in 24 h. One "
     "tough night is normal; many in a row are worth a word with your doctor."},
    {"concern_reasons", "why tough",
     "Which of those cut-offs the night crossed (wakings>3; waso>60; sleep_24h<540)."},
    {"tags", "tags",
     "Words you gave the night, such as sick or travel. Sick, teething, travel, vaccine "
     "and regression nights are left out of averages and trends."},
    {"self_settled", "self-settled",
     "Crying episodes that ended without a check-in or feed: your child settled alone."},
    {"response_min", "response time",
     "Average minutes from the start of crying to a parent's check-in or feed."},
    {"plan", "plan", "The sleep-training plan the night belonged to (ferber, chair, ...)."},
    {"plan_night", "plan night", "Which night of the plan it was (paused nights not counted)."},
    {"adherence_pct", "on time",
     "Share of the night's check-ins done when the plan said, and not longer than it said "
     "(check-ins around naps are not counted)."},
    {"nap_cry_min", "nap crying",
     "Minutes of crying around the naps of the day before the night (outside any night's "
     "put-down to getting up)."},
    {"nap_checkins", "nap check-ins",
     "Check-ins around the naps of the day before the night (outside any night's put-down "
     "to getting up)."},
    {"nights", "nights logged", "Nights in the period with anything logged."},
    {"complete_nights", "complete nights", "Of those, the complete nights."},
    {"bedtime_mean", "bedtime (mean)", "The average bedtime of the period."},
    {"bedtime_sd_min", "bedtime spread",
     "How much bedtimes vary, in minutes (standard deviation): about two nights in three "
     "fall within this many minutes of the average. Smaller is steadier."},
    {"up_mean", "wake-up (mean)", "The average time of getting up."},
    {"up_sd_min", "wake-up spread", "How much getting-up times vary, like bedtime spread."},
    {"consistency_pct", "bedtime consistency",
     "Share of nights put down within 15 minutes of the target bedtime (setting "
     "target-bedtime), or of the usual bedtime when no target is set."},
    {"sri", "SRI",
     "Sleep Regularity Index (Phillips 2017), from -100 to 100: how often your child is in "
     "the same state (asleep or awake) at the same time 24 hours apart. 100 is the same "
     "rhythm every day; higher is more regular."},
  };
  return help;
}

std::string render_metrics_help()
{
  std::string out = "What sleeplog's numbers mean\n\n";
  out += wrap_text("Text reports print durations in minutes, or as h:mm from an hour on; "
                   "averages have one decimal. CSV and JSON use the names in brackets and "
                   "always minutes. A number is left empty when what it needs was not "
                   "logged; sleeplog never guesses.");
  for (const MetricHelp& metric : metric_help()) {
    out += fmt::format("\n{} ({})\n", metric.shown, metric.name);
    std::string body = wrap_text(metric.text, 76);
    std::string indented;
    std::size_t start = 0;
    while (start < body.size()) {
      const auto end = body.find('\n', start);
      indented += "    " + body.substr(start, end - start + 1);
      start = end + 1;
    }
    out += indented;
  }
  out += "\nsummary compares a period with the one before it; trend shows week by week and\n"
         "compares the first 7 logged nights (the baseline) with the latest 7.\n";
  return out;
}

} // namespace sleeplog::report
