// self_settled and response_min (DESIGN §5.4): did crying end on its own, and how soon
// did someone respond when it did not.
#include <sleeplog/model/metrics.hpp>

#include <algorithm>
#include <cmath>

namespace sleeplog::model {

void add_crying_response(const Night& night, const NightBounds& bounds, NightMetrics& metrics)
{
  int settled = 0;
  double response_sum = 0;
  int responses = 0;
  for (const auto& cry : night.events) {
    if (cry.kind != Kind::cry || !bounds.holds(cry.start)) {
      continue;
    }
    std::optional<Instant> first_response;
    for (const auto& e : night.events) {
      const bool response = e.kind == Kind::checkin || e.kind == Kind::feed;
      if (response && e.start >= cry.start && (!cry.end || e.start <= *cry.end)) {
        first_response = std::min(first_response.value_or(e.start), e.start);
      }
    }
    if (first_response) {
      response_sum += static_cast<double>(*first_response - cry.start) / 60.0;
      ++responses;
    } else if (cry.end) {
      ++settled;
    }
  }
  metrics.self_settled = settled;
  metrics.response_min =
    responses ? std::optional<double>(std::round(response_sum / responses * 10.0) / 10.0)
              : std::nullopt;
}

} // namespace sleeplog::model
