// Children: their names and birth dates.
#include <sleeplog/store/store.hpp>
#include <sleeplog/util/shown.hpp>

#include <fmt/format.h>

#include "store_shared.hpp"

namespace sleeplog::store {

std::vector<Child> Store::children() const
{
  std::vector<Child> result;
  Statement st(*m_db, "SELECT id, name, coalesce(born, '') FROM child ORDER BY id");
  while (st.step()) {
    result.push_back(Child{st.int64(0), std::string(st.text(1)), std::string(st.text(2))});
  }
  return result;
}

std::optional<Child> Store::child_by_name(const std::string& name) const
{
  Statement st(*m_db, "SELECT id, name, coalesce(born, '') FROM child WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) {
    return std::nullopt;
  }
  return Child{st.int64(0), std::string(st.text(1)), std::string(st.text(2))};
}

Child Store::add_child(const std::string& name, const std::string& born)
{
  refuse_bad_text("a child's name", name);
  if (name.empty()) {
    throw InputError("a child's name cannot be empty");
  }
  if (child_by_name(name)) {
    throw InputError(fmt::format("there is already a child named '{}'", shown_value(name)),
                     "see them with `sleeplog child list`");
  }
  Statement st(*m_db,
               "INSERT INTO child(name, born, uuid) VALUES (?, ?, lower(hex(randomblob(16))))");
  st.bind(1, name).bind_text_or_null(2, born).run();
  return Child{m_db->last_insert_rowid(), name, born};
}

void Store::rename_child(const std::string& old_name, const std::string& new_name)
{
  refuse_bad_text("a child's name", new_name);
  if (!child_by_name(old_name)) {
    throw InputError(fmt::format("no child named '{}'", shown_value(old_name)),
                     "see them with `sleeplog child list`");
  }
  if (new_name.empty()) {
    throw InputError("a child's name cannot be empty");
  }
  if (child_by_name(new_name)) {
    throw InputError(fmt::format("there is already a child named '{}'", shown_value(new_name)));
  }
  Statement st(*m_db, "UPDATE child SET name = ? WHERE name = ?");
  st.bind(1, new_name).bind(2, old_name).run();
  if (setting("default-child") == old_name) {
    set_setting("default-child", new_name);
  }
}

void Store::set_child_born(const std::string& name, const std::string& born)
{
  if (!child_by_name(name)) {
    throw InputError(fmt::format("no child named '{}'", name),
                     "see them with `sleeplog child list`");
  }
  Statement st(*m_db, "UPDATE child SET born = ? WHERE name = ?");
  st.bind_text_or_null(1, born).bind(2, name).run();
}

} // namespace sleeplog::store
