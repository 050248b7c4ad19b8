// Settings: one value per key (DESIGN §1.4); an empty value removes the key.
#include <sleeplog/store/store.hpp>

#include "store_shared.hpp"

namespace sleeplog::store {

std::optional<std::string> Store::setting(const std::string& key) const
{
  Statement st(*m_db, "SELECT value FROM setting WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) {
    return std::nullopt;
  }
  return std::string(st.text(0));
}

void Store::set_setting(const std::string& key, const std::string& value)
{
  refuse_bad_text("a setting", value);
  if (value.empty()) {
    Statement st(*m_db, "DELETE FROM setting WHERE key = ?");
    st.bind(1, key).run();
    return;
  }
  Statement st(*m_db, "INSERT INTO setting(key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value).run();
}

} // namespace sleeplog::store
