// The demo log (`demo`): a generated history written into an empty log, with a sick
// night tagged in its latest weeks and a Ferber plan begun after its baseline week.
#pragma once

#include <sleeplog/app/clock.hpp>
#include <sleeplog/store/store.hpp>

#include <cstdint>

namespace sleeplog::app {

/// `demo`'s options.
struct DemoRequest
{
  int nights = 42;
  std::uint64_t seed = 1;
};

/// Throws InputError unless `nights` is 1 to 200000.
void check_demo_nights(int nights);

/// Throws InputError unless `store` holds no events: a demo fills an empty log only.
void check_demo_log_empty(const store::Store& store);

/// Writes the demo's nights for `child_id` in change `change`, ending with the last
/// finished night at `clock`; with 14 nights or more a sick night 5 nights before the
/// end is tagged `sick`, with 8 or more a Ferber plan begins on the 8th night. The
/// number of events written.
std::int64_t write_demo(store::Store& store, std::int64_t change, const Clock& clock,
                        std::int64_t child_id, const DemoRequest& request);

} // namespace sleeplog::app
