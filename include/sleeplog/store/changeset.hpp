// A changeset's INSERTs read where they lie (DESIGN §12): the format SQLite's session
// extension writes (sqlite3session.h, "changeset format"), read without the copy
// sqlite3changeset_next makes of every value, which cost a new machine's first sync more
// than an import's whole CSV parse. sqlite3changeset_next stays the reference: a unit
// test and a fuzz target hold this reader to it, row for row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sleeplog::store {

/// One value of a change, as the changeset holds it.
struct ChangeValue
{
  enum class Type : unsigned char { null, integer, real, text, blob };
  Type type = Type::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view bytes; // a text's or blob's bytes, inside the changeset
};

/// Reads a changeset's changes in order. It is never more lenient than the session
/// extension's iterator: what it reads, the iterator reads the same.
class ChangesetReader
{
public:
  enum class Step {
    insert,  // an INSERT: its table(), columns() and values()
    other,   // an UPDATE or a DELETE of table(): not read further
    end,     // no change is left
    damaged, // the bytes are not a changeset (cut short, or a value of no known type)
  };

  explicit ChangesetReader(std::string_view changeset) : m_in(changeset) {}

  Step next();

  std::string_view table() const { return m_table; }
  std::size_t columns() const { return m_columns; }
  /// An INSERT's new values, columns() of them; valid while the changeset is.
  const std::vector<ChangeValue>& values() const { return m_values; }

private:
  bool read_varint(std::uint64_t& out);
  bool read_value(ChangeValue& out);
  bool read_table_header();

  std::string_view m_in;
  std::size_t m_at = 0;
  std::string_view m_table;
  std::size_t m_columns = 0;
  std::vector<ChangeValue> m_values;
};

} // namespace sleeplog::store
