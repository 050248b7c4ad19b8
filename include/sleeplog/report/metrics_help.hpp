// `sleeplog help metrics`: every metric of DESIGN §5 explained in plain words, for a parent
// rather than a statistician.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sleeplog::report {

/// One metric as the help explains it.
struct MetricHelp
{
  std::string_view name;  // the key in CSV and JSON ("sol_min")
  std::string_view shown; // what text reports call it ("settling")
  std::string_view text;  // what it means, in plain words
};

/// Every per-night and per-period metric, in DESIGN §5 order.
const std::vector<MetricHelp>& metric_help();

/// The whole help text, at most 80 columns.
std::string render_metrics_help();

} // namespace sleeplog::report
