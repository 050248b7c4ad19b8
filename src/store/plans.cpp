#include <sleeplog/model/event.hpp>
#include <sleeplog/store/plans.hpp>

#include <fmt/format.h>

namespace sleeplog::store {

namespace {

bool has_plan_table(const Store& store)
{
  Statement st(
    store.connection(),
    "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'plan')");
  return st.step() && st.int64(0) != 0;
}

time::Date date_of(std::string_view text)
{
  return time::parse_iso_date(text).value_or(time::Date{});
}

std::vector<std::string> split_positions(std::string_view text)
{
  std::vector<std::string> positions;
  std::string item;
  for (const char c : std::string(text) + "\n") {
    if (c == '\n') {
      if (!item.empty()) {
        positions.push_back(item);
      }
      item.clear();
    } else {
      item += c;
    }
  }
  return positions;
}

std::string join_positions(const std::vector<std::string>& positions)
{
  std::string text;
  for (const auto& p : positions) {
    text += (text.empty() ? "" : "\n") + p;
  }
  return text;
}

std::optional<int> optional_int(const Statement& st, int column)
{
  const auto v = st.optional_int64(column);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

} // namespace

std::vector<model::Plan> plans_of(const Store& store, std::int64_t child_id)
{
  std::vector<model::Plan> plans;
  if (!has_plan_table(store)) {
    return plans;
  }
  auto& db = store.connection();
  Statement st(
    db, "SELECT id, method, from_night, until_night, coalesce(waits, ''), "
        "stage_nights, coalesce(positions, ''), start_min, goal_min, step_min, "
        "checkin_max_s, timer FROM plan WHERE child_id = ? ORDER BY from_night, created_at, id");
  st.bind(1, child_id);
  while (st.step()) {
    model::Plan p;
    p.id = st.int64(0);
    p.child_id = child_id;
    p.method = model::parse_method(st.text(1)).value_or(model::Method::ferber);
    p.from = date_of(st.text(2));
    if (!st.is_null(3)) {
      p.until = date_of(st.text(3));
    }
    if (auto waits = model::parse_waits(st.text(4)); waits && !st.text(4).empty()) {
      p.waits = std::move(*waits);
    }
    p.stage_nights = optional_int(st, 5).value_or(3);
    p.positions = split_positions(st.text(6));
    p.start_min = optional_int(st, 7);
    p.goal_min = optional_int(st, 8);
    p.step_min = optional_int(st, 9).value_or(15);
    p.checkin_max_s = static_cast<int>(st.int64(10));
    p.timer_crying = st.text(11) == "crying";
    plans.push_back(std::move(p));
  }
  Statement holds(db, "SELECT from_night, nights FROM plan_hold WHERE plan_id = ? "
                      "ORDER BY from_night, created_at, rowid");
  for (auto& p : plans) {
    holds.reset();
    holds.bind(1, p.id);
    while (holds.step()) {
      p.holds.push_back(model::Hold{date_of(holds.text(0)), static_cast<int>(holds.int64(1))});
    }
  }
  return plans;
}

std::optional<model::Plan> plan_on(const Store& store, std::int64_t child_id, time::Date night)
{
  std::optional<model::Plan> found;
  for (auto& p : plans_of(store, child_id)) {
    if (p.covers(night)) {
      found = std::move(p);
    }
  }
  return found;
}

std::int64_t insert_plan(Store& store, const model::Plan& plan, time::Instant now)
{
  for (const auto& position : plan.positions) {
    if (auto problem = model::stored_text_problem("a position", position); !problem.empty()) {
      throw InputError(problem, "a position is one line of UTF-8 text; nothing was written");
    }
  }
  Statement st(store.connection(),
               "INSERT INTO plan(child_id, method, from_night, until_night, waits, stage_nights, "
               "positions, start_min, goal_min, step_min, checkin_max_s, timer, created_at, uuid) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))");
  const auto opt = [](std::optional<int> v) {
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
  };
  st.bind(1, plan.child_id)
    .bind(2, model::method_name(plan.method))
    .bind(3, time::format_date(plan.from));
  if (plan.until) {
    st.bind(4, time::format_date(*plan.until));
  } else {
    st.bind(4, std::nullopt);
  }
  st.bind_text_or_null(5, model::format_waits(plan.waits))
    .bind(6, plan.method == model::Method::chair ? opt(plan.stage_nights) : std::nullopt)
    .bind_text_or_null(7, join_positions(plan.positions))
    .bind(8, opt(plan.start_min))
    .bind(9, opt(plan.goal_min))
    .bind(10, plan.method == model::Method::fading ? opt(plan.step_min) : std::nullopt)
    .bind(11, plan.checkin_max_s)
    .bind(12, plan.timer_crying ? "crying" : "waking")
    .bind(13, now)
    .run();
  return store.connection().last_insert_rowid();
}

void end_plan(Store& store, std::int64_t plan_id, time::Date last, time::Date from)
{
  if (last < from) {
    Statement st(store.connection(), "DELETE FROM plan WHERE id = ?");
    st.bind(1, plan_id).run();
    return;
  }
  Statement st(store.connection(), "UPDATE plan SET until_night = ? WHERE id = ?");
  st.bind(1, time::format_date(last)).bind(2, plan_id).run();
}

void add_hold(Store& store, std::int64_t plan_id, const model::Hold& hold, time::Instant now)
{
  Statement st(store.connection(),
               "INSERT INTO plan_hold(plan_id, from_night, nights, created_at, uuid) "
               "VALUES (?, ?, ?, ?, lower(hex(randomblob(16))))");
  st.bind(1, plan_id).bind(2, time::format_date(hold.from)).bind(3, hold.nights).bind(4, now).run();
}

} // namespace sleeplog::store
