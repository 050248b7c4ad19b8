// The database schema as a list of forward-only migrations.
#pragma once

#include <string>
#include <vector>

namespace sleeplog::store {

/// SQL of each migration; the i-th moves user_version from i to i + 1.
const std::vector<std::string>& migrations();

} // namespace sleeplog::store
