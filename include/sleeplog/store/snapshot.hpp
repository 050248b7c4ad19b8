// One read snapshot for a whole read command: its queries share one read transaction.
#pragma once

#include <sleeplog/store/store.hpp>

namespace sleeplog::store {

/// From now on every query on `store` reads the one snapshot taken by the first: one
/// lock and one look at the file and its WAL for the whole command instead of one for
/// each statement, and numbers that agree with each other. Held until
/// end_read_snapshot or until the store is closed; for a store only read from. A command
/// that waits for what is logged meanwhile must end it first.
void begin_read_snapshot(Store& store);

/// Ends the snapshot, if one is open: the next query sees what was written since.
void end_read_snapshot(Store& store);

} // namespace sleeplog::store
