#include <sleeplog/store/snapshot.hpp>

#include <sqlite3.h>

namespace sleeplog::store {

void begin_read_snapshot(Store& store)
{
  if (sqlite3_get_autocommit(store.connection().handle()) != 0) {
    store.connection().exec("BEGIN");
  }
}

void end_read_snapshot(Store& store)
{
  if (sqlite3_get_autocommit(store.connection().handle()) == 0) {
    store.connection().exec("COMMIT");
  }
}

} // namespace sleeplog::store
