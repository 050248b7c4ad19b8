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
  /// Filled in random order by any load (uuids are random): dropped for a bulk load into
  /// an empty table and built after it by one sort. The others grow at their end as rows
  /// come in time order, which costs less than reading the whole table again to build them.
  bool random_order = false;
};

/// The event table's indexes as the current schema has them.
const std::vector<EventIndex>& event_indexes();

} // namespace sleeplog::store
