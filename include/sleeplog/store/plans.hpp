// Plans and their history in the database (DESIGN §8.1): one row per plan, the holds, and
// the plan that covers a night.
#pragma once

#include <sleeplog/model/plan.hpp>
#include <sleeplog/store/store.hpp>

#include <optional>
#include <vector>

namespace sleeplog::store {

/// Every plan of the child with its holds, oldest first. Empty on a database older
/// than the plan table (read without upgrading).
std::vector<model::Plan> plans_of(const Store& store, std::int64_t child_id);

/// The plan covering `night`, if any.
std::optional<model::Plan> plan_on(const Store& store, std::int64_t child_id, time::Date night);

/// Stores a new plan; returns its id.
std::int64_t insert_plan(Store& store, const model::Plan& plan, time::Instant now);

/// Ends a plan after `last` (its last night); a plan ended before it began is removed.
void end_plan(Store& store, std::int64_t plan_id, time::Date last, time::Date from);

/// Records a hold of the plan.
void add_hold(Store& store, std::int64_t plan_id, const model::Hold& hold, time::Instant now);

} // namespace sleeplog::store
