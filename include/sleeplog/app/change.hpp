// The one way a command writes: every write runs inside one transaction on the log and
// is journaled as one change, the unit `undo` reverts (DESIGN §7.2).
#pragma once

#include <sleeplog/store/store.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace sleeplog::app {

/// Runs `body` inside one write transaction on the log at `path`, journaled as one change
/// named `description` at `now`. A missing log is created only when body succeeds (in one
/// step, race-free); a failed write leaves no file. `settle(false)` is called before each
/// attempt (what an earlier attempt held is dropped), `settle(true)` once it is written.
/// A body that returns false files nothing (rolled back, no file made): with_change then
/// returns false.
bool with_change(const std::string& path, const std::string& description, time::Instant now,
                 const std::function<bool(store::Store&, std::int64_t change_id)>& body,
                 const std::function<void(bool written)>& settle = {});

} // namespace sleeplog::app
