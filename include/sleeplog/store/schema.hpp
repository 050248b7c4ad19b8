// The database schema as a list of forward-only migrations.
#pragma once

#include <string>
#include <vector>

namespace sleeplog::store {

/// SQL of each migration; the i-th moves user_version from i to i + 1.
const std::vector<std::string>& migrations();

/// An index of the event table: its name and the statement that creates it.
struct EventIndex
{
  const char* name;
  const char* create;
};

/// The event table's indexes as the current schema has them (dropped and rebuilt around a
/// bulk load into an empty table).
const std::vector<EventIndex>& event_indexes();

} // namespace sleeplog::store
