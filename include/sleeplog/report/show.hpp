// The `show` report: one night in full — its events, every per-night metric of DESIGN §5.1
// that is defined ("-" otherwise), and its timeline.
#pragma once

#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/terminal.hpp>

#include <string>
#include <string_view>

namespace sleeplog::report {

/// The text of `show`: a heading, the events (the day's naps first, user text escaped),
/// the metrics in two columns and the night's timeline; at most 80 columns.
std::string render_show(const model::Night& night, const model::NightMetrics& metrics,
                        std::string_view child, const Style& style, model::Instant now);

/// `show --format json`: {"night":{nights columns},"events":[{events columns}…]} and "\n".
std::string show_json(const model::Night& night, const model::NightMetrics& metrics,
                      std::string_view child);

/// `show --format csv`: the nights columns, a header and the night's row.
std::string show_csv(const model::Night& night, const model::NightMetrics& metrics,
                     std::string_view child);

} // namespace sleeplog::report
